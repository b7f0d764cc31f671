import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors.js';
import type { InputDefinition } from '../inputs/define.js';
import { inputOpenError } from '../ingest/open-errors.js';
import { readInput } from '../ingest/read-input.js';
import { KeyedRowReader } from '../ingest/readers/keyed-rows.js';
import type { Reject } from '../ingest/reject-log.js';

/**
 * One input file read on its own, as a scan reads it (dialect detection, header matching, every row
 * accepted or rejected): for inputs that reference no other input.
 */
export async function readOneInput<T>(def: InputDefinition<string, T>, path: string): Promise<{ rows: T[]; rejects: Reject[]; display: string }> {
  if (def.foreignKeys.length > 0) throw new Error(`internal: ${def.name} references other inputs`);
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('INPUT_UNREADABLE', `${def.name}: ${path} is not a regular file.`, { file: path });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw inputOpenError(e, def.name, path);
  }
  const display = basename(path);
  const rejects: Reject[] = [];
  let reader: KeyedRowReader<T> | null = null;
  await readInput(
    {
      kind: def.name as never,
      name: path,
      display,
      source: createReadStream(path) as AsyncIterable<Buffer>,
      dialect: {},
      reader: (layout, kit) => (reader = new KeyedRowReader<T>(display, def, layout, kit, new Map())),
    },
    rejects,
  );
  return { rows: (reader as KeyedRowReader<T> | null)?.rows ?? [], rejects, display };
}
