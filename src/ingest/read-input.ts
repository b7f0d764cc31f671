import { AppError } from '../errors.js';
import type { FileKind } from '../model/types.js';
import { DECIMAL_COLUMNS, REQUIRED_KINDS } from './columns.js';
import { streamCsv, type RecordSink } from './csv-stream.js';
import { detectDecimal, type Delimiter } from './dialect.js';
import type { Encoding } from './encoding.js';
import { headerKey, resolveHeader, type HeaderLayout } from './header.js';
import { ProtectedContentCheck } from './protected-attributes.js';
import type { RejectCode, RowProblem } from './reject-codes.js';
import { UNMATCHED, type RowReader } from './readers/row-reader.js';
import { FieldKit } from './schemas/fields.js';
import { DateReader } from './values/date.js';
import type { DecimalMark, DecimalMode } from './values/number.js';
import type { ByteRecord } from './readers/byte-csv.js';
import { normalizeId } from './values/id.js';
import { clean } from './values/text.js';
import { excerpt } from './excerpt.js';
import { REPEATED_HEADER_LINES, type InputReport } from './input-report.js';
import type { RejectSink } from './reject-log.js';

/** Data rows (after the header) whose decimal columns decide the decimal mark. */
export const SAMPLE_ROWS = 1000;
export const PROGRESS_EVERY = 100_000;

export type ReaderFactory = (layout: HeaderLayout, kit: FieldKit) => RowReader;

export interface ReadInputOptions {
  kind: FileKind;
  name: string;
  display: string;
  source: AsyncIterable<Buffer | string>;
  dialect: { delimiter?: Delimiter; encoding?: Encoding; decimal?: DecimalMark };
  mapping?: Record<string, string>;
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  /** Builds the row reader once the header and the decimal mark are known. */
  reader: ReaderFactory;
}

export interface ReadInputResult {
  report: InputReport;
  /** Canonical columns with a non-empty value in an accepted row. */
  filled: Set<string>;
}

/** What the start of a file decides for all of its rows. */
export interface InputShape {
  layout: HeaderLayout;
  decimal: DecimalMode;
}

/**
 * Whether a data row repeats the header (two monthly exports concatenated, each with its header):
 * every field names the header's column at that place, matched as headers are. Length and first
 * character first, so an ordinary row costs two comparisons.
 */
function repeatsHeader(fields: readonly string[], layout: HeaderLayout): boolean {
  if (fields.length !== layout.width) return false;
  const first = fields[0];
  const key = layout.keys[0];
  if (first.length < key.length) return false;
  // A letter or digit that starts the field must start the key too (ASCII: | 0x20 lower-cases a letter).
  const c = first.charCodeAt(0);
  if (((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) && (c >= 0x41 ? c | 0x20 : c) !== key.charCodeAt(0)) return false;
  for (let i = 0; i < fields.length; i++) if (headerKey(clean(fields[i])) !== layout.keys[i]) return false;
  return true;
}

/** A spreadsheet leaves rows of empty cells (';;;;') below the data; they carry nothing to read or reject. */
function isBlank(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (clean(fields[i]) !== '') return false;
  return true;
}

export interface RecordsOptions {
  kind: FileKind;
  display: string;
  mapping?: Record<string, string>;
  /** The decimal mark given by flag or config; otherwise the sample decides. */
  decimal?: DecimalMark;
  reader: ReaderFactory;
  rejects: RejectSink;
  /** Called with the rows read so far, every PROGRESS_EVERY rows. */
  onProgress?: (rowsRead: number) => void;
  /**
   * A byte range of a file whose start was read already: the shape is known, and `headerFirst`
   * says whether the range holds the header (the start of the file) to pass over.
   */
  range?: InputShape & { headerFirst: boolean; trail: boolean };
}

/**
 * What the main thread needs to carry the duplicate check of declaratie_id across byte ranges
 * (see parallel/merge-ranges.ts).
 */
export interface RangeTrail {
  /** [line, raw id field] of each row the reader refused (rows with a wrong field count never reach it). */
  refused: Array<[number, string]>;
  /** [accepted row, raw id field] where the raw field differs from the trimmed id. */
  padded: Array<[number, string]>;
  /** [column, accepted row] for each filled column: the first row that filled it. */
  firstFilled: Array<[string, number]>;
}

/**
 * The records of one input in file order: the header, then the data rows, each accepted by the
 * row reader or rejected with its problems. Rows wait in a sample until the decimal mark is decided.
 */
export class InputRecords implements RecordSink {
  readonly dates = new DateReader();
  layout: HeaderLayout | null = null;
  decimal: DecimalMode | null;
  delimiter: Delimiter = ';';
  rowsRead = 0;
  rowsAccepted = 0;
  rowsRejected = 0;
  /** Valid rows about a person outside this export (ForeignKey.absent 'count'). */
  rowsUnmatched = 0;
  /** Rows repeating the header: skipped, not rows read; the first lines kept. */
  readonly repeatedHeaders = { count: 0, lines: [] as number[] };
  readonly filled = new Set<string>();
  readonly trail: RangeTrail | null = null;
  private reader: RowReader | null = null;
  private sample: Array<[string[], number, boolean]> | null = [];
  private headerPending = true;
  // The first rows of every column, ignored ones too, are read for protected attributes.
  private content: ProtectedContentCheck | null = null;
  private unfilled: Array<[string, number]> = [];
  // Where the trail finds declaratie_id.
  private idAt = -1;
  private readonly problems: RowProblem[] = [];
  private readonly collect = (p: RowProblem) => {
    this.problems.push(p);
  };

  constructor(private readonly o: RecordsOptions) {
    this.decimal = o.decimal ? { mark: o.decimal, certain: true } : null;
    const range = o.range;
    if (range !== undefined) {
      this.headerPending = range.headerFirst;
      this.useLayout(range.layout);
      this.decimal = range.decimal;
      this.sample = null;
      this.reader = o.reader(range.layout, new FieldKit(range.decimal, this.dates));
      if (range.trail) {
        this.trail = { refused: [], padded: [], firstFilled: [] };
        this.idAt = range.layout.index.get('declaratie_id') ?? -1;
      }
    }
  }

  start(d: { delimiter: Delimiter }): void {
    this.delimiter = d.delimiter;
  }

  record(fields: string[], line: number, badBytes = false): void {
    if (this.headerPending) {
      if (badBytes)
        throw new AppError('INPUT_ENCODING', `${this.o.display} line ${line}: the header holds bytes that are not valid UTF-8 (shown as \\xHH): ${excerpt(fields.filter((f) => f.includes('\\x')).join(', '))}.`, {
          file: this.o.display,
          line,
          encoding: 'utf-8',
        });
      if (isBlank(fields)) return;
      this.headerPending = false;
      this.content = new ProtectedContentCheck(this.o.display, fields.map(clean), line);
      if (this.layout === null) this.useLayout(resolveHeader(this.o.kind, this.o.display, fields.map(clean), this.o.mapping, line));
      return;
    }
    if (!badBytes && isBlank(fields)) return;
    if (!badBytes && this.layout !== null && repeatsHeader(fields, this.layout)) {
      if (this.repeatedHeaders.count++ < REPEATED_HEADER_LINES) this.repeatedHeaders.lines.push(line);
      return;
    }
    if (this.content !== null) {
      this.content.add(fields.map(clean));
      if (!this.content.open) this.content = null;
    }
    this.rowsRead++;
    if (this.rowsRead % PROGRESS_EVERY === 0) this.o.onProgress?.(this.rowsRead);
    if (this.sample === null) return this.readRow(fields, line, badBytes);
    this.sample.push([fields, line, badBytes]);
    if (this.sample.length >= SAMPLE_ROWS) this.startRows();
  }

  /**
   * A record from the byte tokenizer. The header, the sample rows, the rows read for protected
   * attributes and rows with odd bytes are decoded and read as text; from then on a row the
   * reader's byte path accepts makes no string here.
   */
  recordBytes(rec: ByteRecord, badBytes: boolean): void {
    if (this.headerPending || this.sample !== null || this.content !== null || badBytes || rec.escaped) return this.record(rec.strings(), rec.line, badBytes);
    const blank = rec.blank(false);
    if (blank === null ? isBlank(rec.strings()) : blank) return;
    if (rec.count === this.layout!.width && this.reader!.readBytes?.(rec, rec.line) === true) {
      this.countRead();
      this.rowsAccepted++;
      // The byte path keeps plain ASCII ids only, so no id is padded for the trail.
      if (this.unfilled.length > 0) this.unfilled = this.unfilled.filter(([column, i]) => ((rec.isEmpty(i) ?? clean(rec.text(i)) === '') ? true : (this.fill(column), false)));
      return;
    }
    // A header repeated past the sample (two exports concatenated) fails the byte path like a bad row would.
    const fields = rec.strings();
    if (repeatsHeader(fields, this.layout!)) {
      if (this.repeatedHeaders.count++ < REPEATED_HEADER_LINES) this.repeatedHeaders.lines.push(rec.line);
      return;
    }
    this.countRead();
    this.readRow(fields, rec.line, false);
  }

  private countRead(): void {
    this.rowsRead++;
    if (this.rowsRead % PROGRESS_EVERY === 0) this.o.onProgress?.(this.rowsRead);
  }

  /** After the last record: rows still in the sample are read now. */
  finish(): void {
    this.content?.finish();
    if (this.layout !== null && this.sample !== null) this.startRows();
  }

  private useLayout(layout: HeaderLayout): void {
    this.layout = layout;
    this.unfilled = layout.columns.map((c) => [c, layout.index.get(c)!]);
  }

  private startRows(): void {
    const layout = this.layout!;
    if (this.decimal === null) {
      const columns = DECIMAL_COLUMNS[this.o.kind].map((c) => layout.index.get(c)).filter((i) => i !== undefined);
      const values: string[] = [];
      for (const [fields, , bad] of this.sample!) if (!bad) for (const i of columns) if (i < fields.length) values.push(clean(fields[i]));
      this.decimal = detectDecimal(values, this.delimiter);
    }
    this.reader = this.o.reader(layout, new FieldKit(this.decimal, this.dates));
    const buffered = this.sample!;
    this.sample = null;
    for (const [fields, line, bad] of buffered) this.readRow(fields, line, bad);
  }

  private readRow(fields: string[], line: number, badBytes: boolean): void {
    const layout = this.layout!;
    const problems = this.problems;
    if (problems.length !== 0) problems.length = 0;
    if (badBytes) {
      this.collect(encodingProblem(fields, layout));
    } else if (fields.length !== layout.width) {
      this.collect({ column: '', code: 'FIELD_COUNT' satisfies RejectCode, message: `the row has ${fields.length} fields, the header has ${layout.width}` });
    } else {
      const outcome = this.reader!.read(fields, line, this.collect);
      if (outcome === UNMATCHED && problems.length === 0) {
        this.rowsUnmatched++;
        return;
      }
      if (outcome === true) {
        this.rowsAccepted++;
        if (this.unfilled.length > 0) this.unfilled = this.unfilled.filter(([column, i]) => (clean(fields[i]) === '' ? true : (this.fill(column), false)));
        if (this.trail !== null) {
          const raw = fields[this.idAt];
          if (normalizeId(raw) !== raw) this.trail.padded.push([this.rowsAccepted - 1, raw]);
        }
        return;
      }
      if (this.trail !== null) this.trail.refused.push([line, fields[this.idAt]]);
    }
    // A refusal without a problem would vanish from rejects.csv; better to stop loudly.
    if (problems.length === 0) throw new Error(`internal: ${this.o.display} line ${line} refused without a problem`);
    this.rowsRejected++;
    problems.sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
    for (const p of problems) {
      const at = p.column === '' ? -1 : layout.index.get(p.column) ?? -1;
      this.o.rejects.push({ file: this.o.display, line, column: p.column, value: p.value ?? (at < 0 ? '' : fields[at]), code: p.code, message: p.message });
    }
  }

  private fill(column: string): void {
    this.filled.add(column);
    this.trail?.firstFilled.push([column, this.rowsAccepted - 1]);
  }
}

/** Escaped bytes as ChunkDecoder writes them; only the rows it marked are searched. */
const ESCAPED_BYTE = /\\x[0-9A-F]{2}/;

/**
 * INVALID_ENCODING on the first field holding a byte that is not UTF-8; the value shows the
 * byte as \xHH. A field outside the input's columns is named by its number.
 */
function encodingProblem(fields: readonly string[], layout: HeaderLayout): RowProblem {
  const at = Math.max(0, fields.findIndex((f) => ESCAPED_BYTE.test(f)));
  let column = '';
  for (const [c, i] of layout.index) if (i === at) column = c;
  const where = column === '' ? `field ${at + 1}` : column;
  return {
    column,
    value: fields[at] ?? '',
    code: 'INVALID_ENCODING' satisfies RejectCode,
    message: `${where}: '${excerpt(fields[at] ?? '')}' holds bytes that are not valid UTF-8 (shown as \\xHH) in a UTF-8 file; the row cannot be read`,
  };
}

/** Reads one input: header, dialect, then every row accepted by its reader or rejected with its problems. */
export async function readInput(o: ReadInputOptions, rejects: RejectSink): Promise<ReadInputResult> {
  const { kind, display } = o;
  const records = new InputRecords({
    kind,
    display,
    mapping: o.mapping,
    decimal: o.dialect.decimal,
    reader: o.reader,
    rejects,
    onProgress: o.onProgress && ((rows) => o.onProgress!(kind, rows)),
  });
  const streamed = await streamCsv(o.source, display, o.dialect, records, { bulk: kind === 'declaraties', bytes: true });
  records.finish();
  checkNotEmpty(kind, display, records);
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
        decimal: (records.decimal ?? detectDecimal([], streamed.dialect.delimiter)).mark,
        dateFormats: records.dates.formats(),
        detected: !isOverridden(o.dialect),
      },
      columns: records.layout?.columns ?? [],
      ignoredColumns: records.layout?.ignored ?? [],
      mappingWarnings: records.layout?.unusedMappings ?? [],
      rowsRead: records.rowsRead,
      rowsAccepted: records.rowsAccepted,
      rowsRejected: records.rowsRejected,
      rowsUnmatched: records.rowsUnmatched,
      repeatedHeaders: records.repeatedHeaders,
    },
    filled: records.filled,
  };
}

export function checkNotEmpty(kind: FileKind, display: string, records: { layout: HeaderLayout | null; rowsRead: number }): void {
  if (records.layout === null && REQUIRED_KINDS.includes(kind))
    throw new AppError('INPUT_EMPTY', `${display} line 1: the file is empty; expected a header line naming the columns.`, { file: display });
  if (records.rowsRead === 0 && REQUIRED_KINDS.includes(kind))
    throw new AppError('INPUT_EMPTY', `${display}: the file has a header but no data rows.`, { file: display });
}

export function isOverridden(dialect: ReadInputOptions['dialect']): boolean {
  return dialect.delimiter !== undefined && dialect.encoding !== undefined && dialect.decimal !== undefined;
}
