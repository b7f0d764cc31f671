import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { Verdict } from './verdict.js';

/** Files that other commands add to a run folder and that the manifest therefore cannot list. */
const ADDED_BY_OTHER_COMMANDS: Record<string, string> = { 'evaluation.json': 'written by evaluate, not by the scan' };

/** The file's bytes and sha256; null when there is no file of that name (absent, or a folder). */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string } | null> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    // A file that is there but cannot be read (permissions, I/O) leaves the run unchecked, not different.
    throw new AppError('RUN_DIR_INVALID', `${path}: cannot be read (${code ?? (e as Error).message}).`, { file: path });
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A file against what a record says of it: same bytes and sha256, or what differs. */
export async function checkFile(check: Verdict['check'], name: string, path: string, want: { bytes: number; sha256: string }): Promise<Verdict> {
  const got = await hashFile(path);
  if (got === null) return { check, file: name, status: 'missing', detail: `${path} is not there (or not a file)` };
  if (got.bytes === want.bytes && got.sha256 === want.sha256) return { check, file: name, status: 'ok', detail: `${got.bytes} bytes, sha256 ${got.sha256.slice(0, 12)}` };
  const parts = [got.bytes !== want.bytes ? `${got.bytes} bytes, manifest says ${want.bytes}` : `${got.bytes} bytes as listed`, `sha256 ${got.sha256.slice(0, 12)}, manifest says ${want.sha256.slice(0, 12)}`];
  return { check, file: name, status: 'differs', detail: parts.join('; ') };
}

/** Every listed output against its bytes and sha256, and every file the manifest does not list. */
export async function checkOutputs(runDir: string, outputs: { name: string; bytes: number; sha256: string }[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const o of outputs) verdicts.push(await checkFile('output', o.name, join(runDir, o.name), o));
  const listed = new Set([...outputs.map((o) => o.name), 'manifest.json']);
  for (const name of (await readdir(runDir)).sort()) {
    if (listed.has(name)) continue;
    const why = ADDED_BY_OTHER_COMMANDS[name];
    verdicts.push(
      why === undefined
        ? { check: 'folder', file: name, status: 'unlisted', detail: 'in the run folder but not in the manifest' }
        : { check: 'folder', file: name, status: 'not-covered', detail: why },
    );
  }
  return verdicts;
}
