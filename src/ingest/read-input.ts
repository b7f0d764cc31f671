import { AppError } from '../errors.js';
import type { FileKind } from '../model/types.js';
import { DECIMAL_COLUMNS, REQUIRED_KINDS } from './contract.js';
import { streamCsv } from './csv-stream.js';
import { detectDecimal, type Delimiter } from './dialect.js';
import type { Encoding } from './encoding.js';
import { resolveHeader, type HeaderLayout } from './header.js';
import type { RejectCode, RowProblem } from './reject-codes.js';
import type { RowReader } from './readers/row-reader.js';
import { FieldKit } from './schemas/fields.js';
import { DateReader } from './values/date.js';
import type { DecimalMark, DecimalMode } from './values/number.js';
import { clean } from './values/text.js';
import type { InputReport, Reject } from './ingest.js';

/** Data rows (after the header) whose decimal columns decide the decimal mark. */
const SAMPLE_ROWS = 1000;
const PROGRESS_EVERY = 100_000;

export interface ReadInputOptions {
  kind: FileKind;
  name: string;
  display: string;
  source: AsyncIterable<Buffer | string>;
  dialect: { delimiter?: Delimiter; encoding?: Encoding; decimal?: DecimalMark };
  mapping?: Record<string, string>;
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  /** Builds the row reader once the header and the decimal mark are known. */
  reader: (layout: HeaderLayout, kit: FieldKit) => RowReader;
}

export interface ReadInputResult {
  report: InputReport;
  /** Canonical columns with a non-empty value in an accepted row. */
  filled: Set<string>;
}

/** A spreadsheet leaves rows of empty cells (';;;;') below the data; they carry nothing to read or reject. */
function isBlank(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (clean(fields[i]) !== '') return false;
  return true;
}

/** Reads one input: header, dialect, then every row accepted by its reader or rejected with its problems. */
export async function readInput(o: ReadInputOptions, rejects: Reject[]): Promise<ReadInputResult> {
  const { kind, display } = o;
  const dates = new DateReader();
  let layout: HeaderLayout | null = null;
  let reader: RowReader | null = null;
  let decimal: DecimalMode | null = o.dialect.decimal ? { mark: o.dialect.decimal, certain: true } : null;
  let sample: Array<[string[], number]> | null = [];
  let delimiter: Delimiter = ';';
  let rowsRead = 0;
  let rowsAccepted = 0;
  let rowsRejected = 0;
  const filled = new Set<string>();
  let unfilled: Array<[string, number]> = [];
  const problems: RowProblem[] = [];
  const collect = (p: RowProblem) => {
    problems.push(p);
  };

  const reject = (fields: readonly string[], line: number) => {
    problems.sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
    for (const p of problems) {
      const at = p.column === '' ? -1 : layout!.index.get(p.column) ?? -1;
      rejects.push({ file: display, line, column: p.column, value: at < 0 ? '' : fields[at], code: p.code, message: p.message });
    }
  };

  const readRow = (fields: string[], line: number) => {
    if (problems.length !== 0) problems.length = 0;
    if (fields.length !== layout!.width) {
      collect({ column: '', code: 'FIELD_COUNT' satisfies RejectCode, message: `the row has ${fields.length} fields, the header has ${layout!.width}` });
    } else if (reader!.read(fields, line, collect)) {
      rowsAccepted++;
      if (unfilled.length > 0) unfilled = unfilled.filter(([column, i]) => (clean(fields[i]) === '' ? true : (filled.add(column), false)));
      return;
    }
    // A refusal without a problem would vanish from rejects.csv; better to stop loudly.
    if (problems.length === 0) throw new Error(`internal: ${display} line ${line} refused without a problem`);
    rowsRejected++;
    reject(fields, line);
  };

  const startRows = () => {
    if (decimal === null) {
      const columns = DECIMAL_COLUMNS[kind].map((c) => layout!.index.get(c)).filter((i) => i !== undefined);
      const values: string[] = [];
      for (const [fields] of sample!) for (const i of columns) if (i < fields.length) values.push(clean(fields[i]));
      decimal = detectDecimal(values, delimiter);
    }
    reader = o.reader(layout!, new FieldKit(decimal, dates));
    const buffered = sample!;
    sample = null;
    for (const [fields, line] of buffered) readRow(fields, line);
  };

  const streamed = await streamCsv(o.source, display, o.dialect, {
    start: (d) => {
      delimiter = d.delimiter;
    },
    record: (fields, line) => {
      if (layout === null) {
        if (isBlank(fields)) return;
        layout = resolveHeader(kind, display, fields.map(clean), o.mapping, line);
        unfilled = layout.columns.map((c) => [c, layout!.index.get(c)!]);
        return;
      }
      if (isBlank(fields)) return;
      rowsRead++;
      if (rowsRead % PROGRESS_EVERY === 0) o.onProgress?.(kind, rowsRead);
      if (sample === null) return readRow(fields, line);
      sample.push([fields, line]);
      if (sample.length >= SAMPLE_ROWS) startRows();
    },
  }, kind === 'declaraties');
  if (layout === null && REQUIRED_KINDS.includes(kind))
    throw new AppError('INPUT_EMPTY', `${display} line 1: the file is empty; expected a header line naming the columns.`, { file: display });
  if (layout !== null && sample !== null) startRows();
  if (rowsRead === 0 && REQUIRED_KINDS.includes(kind))
    throw new AppError('INPUT_EMPTY', `${display}: the file has a header but no data rows.`, { file: display });

  const l = layout as HeaderLayout | null;
  const overridden = o.dialect.delimiter !== undefined && o.dialect.encoding !== undefined && o.dialect.decimal !== undefined;
  return {
    report: {
      kind,
      name: o.name,
      display,
      bytes: streamed.bytes,
      sha256: streamed.sha256,
      dialect: {
        ...streamed.dialect,
        // A file without data rows has no decimals to judge; it reports what the delimiter hints.
        decimal: ((decimal as DecimalMode | null) ?? detectDecimal([], streamed.dialect.delimiter)).mark,
        dateFormats: dates.formats(),
        detected: !overridden,
      },
      columns: l?.columns ?? [],
      ignoredColumns: l?.ignored ?? [],
      rowsRead,
      rowsAccepted,
      rowsRejected,
    },
    filled,
  };
}
