import type { Reject } from '../ingest/ingest.js';
import { csvLine } from './csv-format.js';

export const REJECT_COLUMNS = ['file', 'line', 'column', 'value', 'code', 'message'];

export function rejectsCsv(rejects: Reject[]): string {
  let out = csvLine(REJECT_COLUMNS);
  for (const r of rejects) out += csvLine([r.file, r.line, r.column, r.value, r.code, r.message]);
  return out;
}
