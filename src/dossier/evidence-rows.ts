// The rows that evidence cites (file:line), read back from the input files as the scan read them: the
// same dialect detection and header matching, so line numbers mean the same physical lines. Only the
// contract's columns are kept: a column the scan ignored (a name a municipality left in its export)
// never reaches the dossier.
import { createReadStream } from 'node:fs';
import type { RunConfig } from '../config/schema.js';
import type { FileKind } from '../model/types.js';
import { readInput } from '../ingest/read-input.js';
import { RejectLog } from '../ingest/reject-log.js';

/** One cited row: its columns (canonical names, in header order) with the values as the file has them. */
export type RawRow = Array<[column: string, value: string]>;

/** file display name -> line -> row, for the lines asked for. */
export async function readCitedRows(files: Array<{ kind: FileKind; display: string; path: string; lines: Set<number> }>, config: RunConfig): Promise<Map<string, Map<number, RawRow>>> {
  const out = new Map<string, Map<number, RawRow>>();
  for (const f of files) {
    const rows = new Map<number, RawRow>();
    out.set(f.display, rows);
    if (f.lines.size === 0) continue;
    await readInput(
      {
        kind: f.kind,
        name: f.path,
        display: f.display,
        source: createReadStream(f.path) as AsyncIterable<Buffer>,
        dialect: config.dialect ?? {},
        mapping: config.columns?.[f.kind],
        reader: (layout) => ({
          read(fields, line) {
            if (f.lines.has(line)) rows.set(line, layout.columns.map((c) => [c, fields[layout.index.get(c)!] ?? '']));
            return true;
          },
        }),
      },
      new RejectLog(),
    );
  }
  return out;
}
