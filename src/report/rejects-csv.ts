import type { Reject } from '../ingest/reject-log.js';
import { csvLine } from './csv-format.js';

export const REJECT_COLUMNS = ['file', 'line', 'column', 'value', 'code', 'message'];

/** rejects.csv, line by line, from a list that may be far larger than memory (a RejectLog). */
export function* rejectsCsv(rejects: Iterable<Reject>): Generator<string> {
  yield csvLine(REJECT_COLUMNS);
  for (const r of rejects) yield csvLine([r.file, r.line, r.column, r.value, r.code, r.message]);
}
