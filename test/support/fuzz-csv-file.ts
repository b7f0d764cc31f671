// The CSV files of the readers' differential fuzz tests (test/fuzz/byte-reader.test.ts for declaraties,
// test/fuzz/keyed-reader.test.ts for the keyed inputs) and the way both feed them to a reader. Each
// test adds what its inputs need (which header, which values per column); the dialects, row shapes,
// faults, encodings and chunking are the same for both, so a new case here covers both readers.
import fc from 'fast-check';
import { AppError } from '../../src/errors.js';
import { AcceptedIds } from '../../src/ingest/readers/row-reader.js';
import { decimalVote } from '../../src/ingest/values/number.js';

export type Delimiter = ';' | ',' | '\t';
export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

const EOLS = ['\r\n', '\n', '\r'];

export interface RowPlan {
  /** Per column, below a test's threshold its usual value, else one of its variants and faults. */
  picks: number[];
  /** Fields written in quotes regardless of need. */
  quoteAll: boolean;
  eol: number;
  /**
   * 0 a row; 1 one field too few; 2 one too many; 3 blank (delimiters only); 4 an empty line before
   * it; 5 the test's own shape (a period for declaraties, the header again for keyed inputs).
   */
  shape: number;
}

/** Rows of `columns` picks; `plainRows` in ten are plain rows (shape 0), the rest of shapes 1 to 5 alike. */
export function rowPlanArb(columns: number, plainRows: number): fc.Arbitrary<RowPlan> {
  return fc.record({
    picks: fc.array(fc.nat({ max: 999 }), { minLength: columns, maxLength: columns }),
    quoteAll: fc.boolean(),
    eol: fc.nat({ max: 2 }),
    shape: fc.oneof({ weight: plainRows, arbitrary: fc.constant(0) }, { weight: 10 - plainRows, arbitrary: fc.integer({ min: 1, max: 5 }) }),
  });
}

/** A file plan's fields for its dialect; a test spreads them into its fc.record (field order fixes what a seed generates). */
export const dialectFields = {
  delimiter: fc.constantFrom<Delimiter>(';', ',', '\t'),
  encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'windows-1252'),
};

/** A file plan's fields for its numbers. */
export const numberFields = {
  /** A point-decimal file: its comma values are refused, its point values read. */
  pointFile: fc.boolean(),
  /** Whole numbers only: the decimal mark stays uncertain, and '1.234' is ambiguous. */
  wholeFile: fc.boolean(),
};

/** A file plan's fields for its rows and its faults of CSV and encoding. */
export function bodyFields(rowPlan: fc.Arbitrary<RowPlan>) {
  return {
    rows: fc.array(rowPlan, { minLength: 1, maxLength: 25 }),
    lastEol: fc.boolean(),
    /**
     * 0 none; 1 a byte that is not UTF-8 in a row; 2 an unclosed quote at the end; 3 a stray quote;
     * 4 text after a closing quote; 5 a NUL after a closing quote (csv-parse then reads on, unquoted).
     */
    fault: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) }),
    faultRow: fc.nat(),
  };
}

export interface CsvFilePlan {
  delimiter: Delimiter;
  encoding: Encoding;
  pointFile: boolean;
  wholeFile: boolean;
  rows: RowPlan[];
  lastEol: boolean;
  fault: number;
  faultRow: number;
  /** A `sep=` line before the header. */
  sepLine?: boolean;
}

function quote(v: string, d: Delimiter, all: boolean): string {
  const needs = v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r');
  return needs || all ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A value that windows-1252 can hold (the file's other values stay as they are). */
const in1252 = (v: string) => [...v].every((c) => c.charCodeAt(0) < 0x100 || c === '€');

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'windows-1252') return Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/**
 * A value as the file's plan allows it: in a whole-number file no number may vote for a decimal mark
 * (see detectDecimal), or the mark would be certain; a point file writes its decimals with a point; a
 * windows-1252 file takes `usual` for a value it cannot hold.
 */
export function fitValue(plan: CsvFilePlan, v: string, isNumber: boolean, usual: string): string {
  if (plan.wholeFile) v = isNumber && decimalVote(v) !== 0 ? '1.234' : v;
  else if (plan.pointFile) v = v.replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return plan.encoding === 'windows-1252' && !in1252(v) ? usual : v;
}

export interface FileShape {
  header: string[];
  /** The raw (unquoted) value of row n's column i. */
  value: (row: RowPlan, n: number, column: string, i: number) => string;
  /** Row shape 5 writes the header again, instead of values. */
  repeatHeader: boolean;
  /** How the file's ids start: the faults' ids (`"D1"x`, `"D99;open`). */
  idPrefix: string;
  /** Where fault 1 puts its byte that is not UTF-8: just before this line end, when above 0. */
  badByteBefore: (bytes: Buffer) => number;
}

/** The file's bytes; without its header line (and `sep=` line) for a range after the start of a file. */
export function buildFile(plan: CsvFilePlan, shape: FileShape, withHeader = true): Buffer {
  const { header } = shape;
  const d = plan.delimiter;
  let text = withHeader ? (plan.sepLine === true ? `sep=${d}\n` : '') + header.join(d) + '\n' : '';
  plan.rows.forEach((r, n) => {
    const eol = EOLS[r.eol];
    if (r.shape === 4) text += eol;
    if (r.shape === 3) {
      text += d.repeat(header.length - 1) + eol;
      return;
    }
    if (r.shape === 5 && shape.repeatHeader) {
      text += header.join(d) + eol;
      return;
    }
    let values = header.map((c, i) => quote(shape.value(r, n, c, i), d, r.quoteAll));
    if (r.shape === 1) values = values.slice(1);
    if (r.shape === 2) values.push('extra');
    const at = n === plan.faultRow % plan.rows.length;
    if (plan.fault === 3 && at) values[values.length - 1] = `x"y`;
    if (plan.fault === 4 && at) values[0] = `"${shape.idPrefix}1"x`;
    if (plan.fault === 5 && at) values[values.length - 1] = `"a""b"\u0000c`;
    text += values.join(d) + (n < plan.rows.length - 1 || plan.lastEol ? eol : '');
  });
  if (plan.fault === 2) text += `"${shape.idPrefix}99${d}open`;
  let bytes = encode(text, plan.encoding);
  if (plan.fault === 1 && plan.encoding !== 'windows-1252') {
    const at = shape.badByteBefore(bytes);
    if (at > 0) bytes = Buffer.concat([bytes.subarray(0, at - 1), Buffer.from([0xff]), bytes.subarray(at - 1)]);
  }
  return bytes;
}

/** Chunk sizes for a read: the bytes are fed in chunks of these sizes, then the rest in one. */
export const cutsArb = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 });

/** The bytes in chunks of the sizes `cuts`, then the rest. */
export async function* inChunks(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const n of cuts) {
    if (at >= bytes.length) return;
    yield bytes.subarray(at, at + n);
    at += n;
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

/**
 * Runs one read by the reader `which` (PGB_SCAN_READER, restored after); an error becomes its code
 * and message, so the two readers' errors compare as outcomes (and a crash that is no AppError shows).
 */
export async function readWith<T>(which: 'bytes' | 'csv-parse', read: () => Promise<T>): Promise<T | { error: string }> {
  const before = process.env.PGB_SCAN_READER;
  process.env.PGB_SCAN_READER = which;
  try {
    return await read();
  } catch (e) {
    return { error: e instanceof AppError ? `${e.code}: ${e.message}` : `not an AppError: ${String(e)}` };
  } finally {
    if (before === undefined) delete process.env.PGB_SCAN_READER;
    else process.env.PGB_SCAN_READER = before;
  }
}

/** The ids an input read before left: accepted ones on lines 2, 3, ..., refused ones from line 20. */
export function idsOf(file: string, label: string, accepted: string[], rejected: string[]): AcceptedIds {
  const ids = new AcceptedIds(file, label);
  accepted.forEach((id, i) => ids.accept(id, i, i + 2));
  rejected.forEach((id, i) => ids.noteRejected(id, 20 + i));
  return ids;
}
