// A streamed xlsx writer on exceljs's WorkbookWriter: typed columns, a frozen header with filters,
// sheets that continue past Excel's row limit, and bytes that depend on the content only.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Excel's rows per sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel refuses (repairs away) a cell holding more characters than this. */
const EXCEL_MAX_CELL_TEXT = 32_767;
/** Excel's day 0 is 1899-12-30 (it counts the 1900 leap day that never was): day 25569 is 1970-01-01. */
const EXCEL_DAY_OF_EPOCH = 25_569;
/**
 * Document dates and zip entry times are this fixed moment, so the same run gives the same bytes (the
 * zip stores local-free DOS times, two-second steps, from 1980 on).
 */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));
/** Rows written between pauses that let the zip stream drain, so a large sheet never sits in memory. */
const ROWS_PER_PAUSE = 2_000;

export type CellKind = 'text' | 'integer' | 'number' | 'euro' | 'date';
export type CellValue = string | number | null;

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** Width in characters. */
  width: number;
}

export interface SheetSpec {
  /** At most 28 characters, so a continuation (` 2`, ` 10`) stays within Excel's 31. */
  name: string;
  columns: SheetColumn[];
  /**
   * Text for text columns, a number (a DayNumber: days since 1970-01-01, for dates) otherwise; null leaves
   * the cell empty. Asynchronous in the xlsx thread, which asks the main thread for them batch by batch.
   */
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>;
}

/** Number formats; a plain number keeps its decimals as computed (score 83.5, strength 0.873). */
const NUM_FMT: Record<CellKind, string> = {
  text: '@',
  integer: '0',
  number: 'General',
  euro: '"€" #,##0.00;"€" -#,##0.00',
  date: 'yyyy-mm-dd',
};

/**
 * XML cannot hold C0 controls (exceljs would drop them silently) and Excel repairs away a cell past its
 * limit: a control is shown as `\xHH`, as rejects.csv shows bytes that are no text, and longer text is
 * cut with a mark, so what an analyst sees never differs from the CSV without saying so.
 */
export function xlsxText(value: string): string {
  // Nearly every cell has nothing to escape: one test instead of two replaces.
  if (value.length <= EXCEL_MAX_CELL_TEXT && !/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F_]/.test(value)) return value;
  let s = value.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // Excel reads `_x0041_` in stored text as an escaped character; its own escape for `_` keeps such text literal.
  s = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (s.length > EXCEL_MAX_CELL_TEXT) {
    const mark = ` [... ${s.length} tekens]`;
    s = s.slice(0, EXCEL_MAX_CELL_TEXT - mark.length) + mark;
  }
  return s;
}

function cellValue(kind: CellKind, value: CellValue): string | number | null {
  if (value === null) return null;
  if (kind === 'text') return xlsxText(String(value));
  if (typeof value !== 'number') throw new Error(`xlsx: a ${kind} cell needs a number, got ${JSON.stringify(value)}`);
  return kind === 'date' ? value + EXCEL_DAY_OF_EPOCH : value;
}

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** Opens the next sheet of spec: the first has its name, a continuation gets ` 2`, ` 3`, ... */
function openSheet(wb: Writer, spec: SheetSpec, part: number): ExcelJS.Worksheet {
  const name = part === 1 ? spec.name : `${spec.name} ${part}`;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }] });
  ws.columns = spec.columns.map((c, i) => ({ key: String(i), width: c.width, style: { numFmt: NUM_FMT[c.kind] } }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.numFmt = '@';
  });
  header.commit();
  return ws;
}

/** Bytes of sheet XML allowed to wait for the zip before the rows pause. */
const MAX_PENDING_BYTES = 4 << 20;

/**
 * exceljs writes a sheet's XML into the stream archiver reads it from without heeding backpressure,
 * so rows written faster than they are zipped would pile up in memory (500 MiB at 1.1 million rows).
 * The rows wait here for that stream to drain; it is reached through exceljs's internals, and a
 * version without them only loses the wait.
 */
async function drained(ws: ExcelJS.Worksheet): Promise<void> {
  // archiver's PassThrough comes from the readable-stream package, whose states are the older fields.
  type Pending = NodeJS.WritableStream & { _writableState?: { length: number }; _readableState?: { length: number } };
  const sink = (ws as unknown as { stream?: { pipes?: Pending[] } }).stream?.pipes?.[0];
  const pending = (sink?._writableState?.length ?? 0) + (sink?._readableState?.length ?? 0);
  if (sink !== undefined && pending > MAX_PENDING_BYTES) await once(sink, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

async function fillWorkbook(wb: Writer, sheets: SheetSpec[], maxRows: number): Promise<void> {
  if (maxRows < 2) throw new Error('xlsx: a sheet needs room for its header and one row');
  let sinceDrain = 0;
  for (const spec of sheets) {
    let part = 1;
    let ws = openSheet(wb, spec, part);
    let rowsInSheet = 1;
    for await (const row of spec.rows) {
      if (rowsInSheet === maxRows) {
        ws.commit();
        ws = openSheet(wb, spec, ++part);
        rowsInSheet = 1;
      }
      const r = ws.addRow(row.map((v, i) => cellValue(spec.columns[i].kind, v)));
      r.commit();
      rowsInSheet++;
      if (++sinceDrain === ROWS_PER_PAUSE) {
        sinceDrain = 0;
        await drained(ws);
      }
    }
    ws.commit();
  }
  await wb.commit();
}

interface ZipAppender {
  append: (source: unknown, data: Record<string, unknown>) => unknown;
}

type WriterClass = typeof ExcelJS.stream.xlsx.WorkbookWriter;
let writerClass: Promise<WriterClass> | undefined;

/**
 * Loads exceljs's streaming writer, once. The xlsx thread calls this as soon as it starts, so the
 * loading is done while the main thread still computes.
 */
export function loadXlsxWriter(): Promise<WriterClass> {
  // The streaming writer alone loads in half the time of the whole package (0.13 s against 0.27 s of CPU),
  // which every scan with --out pays. The package has no exports map, so the path is public; the
  // byte-identical rerun test fails if a new exceljs moves it.
  const specifier = 'exceljs/lib/stream/xlsx/workbook-writer.js';
  writerClass ??= import(specifier).then((m: { default: WriterClass }) => m.default);
  return writerClass;
}

/**
 * exceljs hands archiver no entry date, so archiver stamps the wall clock into every zip entry. Its
 * constructor appends the first entries (theme, rels) through addThemes, so that is where the zip's
 * append is wrapped to pass FIXED_TIME, before any entry exists. The rerun test under two clocks fails
 * if an exceljs update moves this. exceljs is loaded on first use: other commands do not pay for it.
 */
async function fixedTimeWriter(options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>): Promise<Writer> {
  const WorkbookWriter = await loadXlsxWriter();
  class FixedTimeWorkbookWriter extends WorkbookWriter {
    // Runs inside the base constructor, before this class's own fields exist: so no fields here.
    override addThemes(): Promise<void> {
      const zip = (this as unknown as { zip: ZipAppender & { fixedTime?: true } }).zip;
      if (zip.fixedTime !== true) {
        zip.fixedTime = true;
        const append = zip.append.bind(zip);
        zip.append = (source, data) => append(source, { ...data, date: FIXED_TIME });
      }
      return super.addThemes();
    }
  }
  return new FixedTimeWorkbookWriter(options);
}

/** The workbook's bytes as they are zipped, never the whole file in memory. */
export async function* xlsxBytes(sheets: SheetSpec[], options: { maxRows?: number } = {}): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const wb = await fixedTimeWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'pgb-scan';
  wb.lastModifiedBy = 'pgb-scan';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  let failure: unknown = null;
  const done = fillWorkbook(wb, sheets, options.maxRows ?? EXCEL_MAX_ROWS).catch((e: unknown) => {
    failure = e;
    out.destroy();
  });
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } catch (e) {
    if (failure === null) throw e;
  }
  await done;
  if (failure !== null) throw failure;
}
