import { open, readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { AppError } from '../errors.js';

/** One run as the logboek records it: one JSON line, appended and never rewritten. */
export interface LogboekEntry {
  manifestSha256: string;
  asOf: string;
  /** The run folder as an absolute path. */
  out: string;
  /** When the line was written (UTC); the logboek is no run output, so it may hold the clock. */
  at: string;
}

/** The logboek must outlive the run folders: one inside --out would be swapped away with the next run. */
export function checkLogboekOutside(logboek: string, out: string): void {
  const file = resolve(logboek);
  const dir = resolve(out);
  if (file === dir || file.startsWith(dir + sep))
    throw new AppError('OUTPUT_NOT_ALLOWED', `--logboek ${logboek} lies inside --out ${out}, which each run replaces whole. Keep the logboek apart from the run folders.`, { file: logboek, dir: out });
}

/**
 * Appends one line with O_APPEND and flushes it to disk. Called before the run is swapped in: a run
 * that cannot be logged is not published (a logged run that then fails to swap in is harmless: no
 * folder carries its manifest).
 */
export async function appendLogboek(path: string, entry: LogboekEntry): Promise<void> {
  const line = JSON.stringify({ manifestSha256: entry.manifestSha256, asOf: entry.asOf, out: entry.out, at: entry.at }) + '\n';
  try {
    const fh = await open(path, 'a');
    try {
      await fh.write(line);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new AppError('OUTPUT_UNWRITABLE', `Cannot append to the logboek ${path}: ${(e as Error).message}`, { file: path });
  }
}

/** The logboek's entries in order, each with its line number; a line that is not an entry makes it unusable. */
export async function readLogboek(path: string): Promise<(LogboekEntry & { line: number })[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AppError('LOGBOEK_INVALID', `Cannot read the logboek ${path}: ${(e as Error).message}`, { file: path });
  }
  const entries: (LogboekEntry & { line: number })[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(lines[i]);
    } catch {
      throw new AppError('LOGBOEK_INVALID', `${path}, line ${i + 1}: not JSON; a logboek holds one JSON object per run.`, { file: path, line: i + 1 });
    }
    const e = json as Partial<LogboekEntry> | null;
    if (e === null || typeof e !== 'object' || typeof e.manifestSha256 !== 'string' || typeof e.asOf !== 'string' || typeof e.out !== 'string')
      throw new AppError('LOGBOEK_INVALID', `${path}, line ${i + 1}: expected {manifestSha256, asOf, out, at}.`, { file: path, line: i + 1 });
    entries.push({ manifestSha256: e.manifestSha256, asOf: e.asOf, out: e.out, at: String(e.at ?? ''), line: i + 1 });
  }
  return entries;
}
