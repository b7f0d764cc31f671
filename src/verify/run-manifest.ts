import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { ManifestRecord } from '../run/manifest-record.js';
import { parseManifest } from '../run/read-run.js';

export interface LoadedManifest {
  manifest: ManifestRecord;
  /** As parsed, for the field-by-field comparison with a replay's. */
  json: unknown;
  /** As read, for the sha256 the logboek and a next night's --previous record. */
  bytes: Buffer;
}

/** Reads RUN_DIR/manifest.json; a folder without a readable manifest cannot be verified (exit 2). */
export async function loadManifest(runDir: string): Promise<LoadedManifest> {
  const path = join(runDir, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('RUN_DIR_INVALID', `${path}: cannot be read (${code ?? (e as Error).message}); expected the --out folder of a scan.`, { runDir, file: 'manifest.json' });
  }
  return { ...parseManifest(bytes, path, { runDir }), bytes };
}
