import type { Reject } from '../ingest/reject-log.js';
import { csvHeader, csvLine, type CsvDialect } from './csv-format.js';

/** rejects.csv's columns in file order, with what each holds (the README's output table). */
export const REJECT_COLUMN_DOCS = {
  file: 'the input file (its name, or `<kind>.csv` for stdin)',
  line: 'physical line in that file (the header is line 1)',
  column: 'the canonical column, or empty for a row-level problem',
  value: 'the raw value as read',
  code: 'the reject code (table in "Nothing lost, nothing silent")',
  message: 'what is wrong, in English',
};
const REJECT_COLUMNS = Object.keys(REJECT_COLUMN_DOCS);

/** rejects.csv, line by line, from a list that may be far larger than memory (a RejectLog). */
export function* rejectsCsv(rejects: Iterable<Reject>, dialect: CsvDialect = 'rfc4180'): Generator<string> {
  yield csvHeader(REJECT_COLUMNS, dialect);
  for (const r of rejects) yield csvLine([r.file, r.line, r.column, r.value, r.code, r.message], dialect);
}
