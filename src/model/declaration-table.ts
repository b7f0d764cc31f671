import { NO_DAY } from './dates.js';
import { CodedTextBuilder, CodedTextColumn, PackedTextBuilder, PackedTextColumn, columnArray, grown, type NumberArray } from './text-columns.js';

/**
 * Declarations are stored column by column in typed arrays: at 5 million rows an
 * object per row costs several times the memory and most of the time.
 * Absent values: NO_DAY for days, -1 for minutes, NaN for decimals, 0 for kind.
 */
export interface DeclarationTable {
  readonly length: number;
  /** declaratie_id per row: `id.get(r)`. */
  readonly id: PackedTextColumn;
  readonly line: Int32Array;
  /** Index into Dataset.holders. */
  readonly holder: Int32Array;
  /** Index into Dataset.providers. */
  readonly provider: Int32Array;
  /** zorgovereenkomst_id, '' when absent: `contractId.get(r)`. */
  readonly contractId: CodedTextColumn;
  /** Index into OVEREENKOMST_SOORTEN; 0 when absent. */
  readonly agreementKind: Uint8Array;
  /** zorgdatum for daily declarations, NO_DAY for period declarations. */
  readonly day: Int32Array;
  /** Care period; equal to day for daily declarations. Always set. */
  readonly periodStart: Int32Array;
  readonly periodEnd: Int32Array;
  readonly beginMinute: Int16Array;
  readonly endMinute: Int16Array;
  readonly hours: Float64Array;
  readonly tariff: Float64Array;
  readonly amount: Float64Array;
  readonly submittedDay: Int32Array;
  /** Minute of the day of ingediend_op (0..1439), -1 when it was given as a date only or not at all. */
  readonly submittedMinute: Int16Array;
}

export interface DeclarationInput {
  id: string;
  line: number;
  holder: number;
  provider: number;
  contractId: string;
  agreementKind: number;
  day: number;
  periodStart: number;
  periodEnd: number;
  beginMinute: number;
  endMinute: number;
  hours: number;
  tariff: number;
  amount: number;
  submittedDay: number;
  submittedMinute: number;
}

export class DeclarationTableBuilder {
  private n = 0;
  private cap: number;
  private readonly id: PackedTextBuilder;
  private readonly contractId: CodedTextBuilder;
  private line: Int32Array;
  private holder: Int32Array;
  private provider: Int32Array;
  private agreementKind: Uint8Array;
  private day: Int32Array;
  private periodStart: Int32Array;
  private periodEnd: Int32Array;
  private beginMinute: Int16Array;
  private endMinute: Int16Array;
  private hours: Float64Array;
  private tariff: Float64Array;
  private amount: Float64Array;
  private submittedDay: Int32Array;
  private submittedMinute: Int16Array;

  /**
   * @param initialCapacity rows to make room for. Room never written costs no memory (the pages
   * are not touched), so an estimate on the high side is cheap and spares the copies of growing.
   * @param shared on shared memory (the default), or not: see columnArray.
   */
  constructor(initialCapacity = 1024, idBytesPerRow = 16, shared = true) {
    this.cap = Math.max(16, initialCapacity);
    this.id = new PackedTextBuilder(this.cap, idBytesPerRow, shared);
    this.contractId = new CodedTextBuilder(this.cap, shared);
    this.line = columnArray(Int32Array, this.cap, shared);
    this.holder = columnArray(Int32Array, this.cap, shared);
    this.provider = columnArray(Int32Array, this.cap, shared);
    this.agreementKind = columnArray(Uint8Array, this.cap, shared);
    this.day = columnArray(Int32Array, this.cap, shared);
    this.periodStart = columnArray(Int32Array, this.cap, shared);
    this.periodEnd = columnArray(Int32Array, this.cap, shared);
    this.beginMinute = columnArray(Int16Array, this.cap, shared);
    this.endMinute = columnArray(Int16Array, this.cap, shared);
    this.hours = columnArray(Float64Array, this.cap, shared);
    this.tariff = columnArray(Float64Array, this.cap, shared);
    this.amount = columnArray(Float64Array, this.cap, shared);
    this.submittedDay = columnArray(Int32Array, this.cap, shared);
    this.submittedMinute = columnArray(Int16Array, this.cap, shared);
  }

  get length(): number {
    return this.n;
  }

  push(row: DeclarationInput): void {
    if (this.n === this.cap) this.grow();
    this.id.push(row.id);
    this.pushRest(row);
  }

  /** As push, with the id taken as ASCII bytes src[from, to) rather than row.id (the byte reader). */
  pushWithAsciiId(row: DeclarationInput, src: Uint8Array, from: number, to: number): void {
    if (this.n === this.cap) this.grow();
    this.id.pushAscii(src, from, to);
    this.pushRest(row);
  }

  private pushRest(row: DeclarationInput): void {
    const i = this.n++;
    this.contractId.push(row.contractId, row.holder);
    this.line[i] = row.line;
    this.holder[i] = row.holder;
    this.provider[i] = row.provider;
    this.agreementKind[i] = row.agreementKind;
    this.day[i] = row.day;
    this.periodStart[i] = row.periodStart;
    this.periodEnd[i] = row.periodEnd;
    this.beginMinute[i] = row.beginMinute;
    this.endMinute[i] = row.endMinute;
    this.hours[i] = row.hours;
    this.tariff[i] = row.tariff;
    this.amount[i] = row.amount;
    this.submittedDay[i] = row.submittedDay;
    this.submittedMinute[i] = row.submittedMinute;
  }

  /** The physical line of a row pushed earlier. */
  lineAt(row: number): number {
    return this.line[row];
  }

  /** The ids pushed so far, for duplicate checks that compare without making strings. */
  get ids(): PackedTextBuilder {
    return this.id;
  }

  private grow(): void {
    const need = this.cap + 1;
    this.line = grown(this.line, need);
    this.holder = grown(this.holder, need);
    this.provider = grown(this.provider, need);
    this.agreementKind = grown(this.agreementKind, need);
    this.day = grown(this.day, need);
    this.periodStart = grown(this.periodStart, need);
    this.periodEnd = grown(this.periodEnd, need);
    this.beginMinute = grown(this.beginMinute, need);
    this.endMinute = grown(this.endMinute, need);
    this.hours = grown(this.hours, need);
    this.tariff = grown(this.tariff, need);
    this.amount = grown(this.amount, need);
    this.submittedDay = grown(this.submittedDay, need);
    this.submittedMinute = grown(this.submittedMinute, need);
    this.cap = this.line.length;
  }

  /**
   * The table as views on the builder's arrays, not copies: at 5 million rows a copy would double
   * the peak. The spare capacity stays behind the views (appendDeclarations appends there).
   */
  build(): DeclarationTable {
    const n = this.n;
    return {
      length: n,
      id: this.id.build(),
      contractId: this.contractId.build(),
      line: this.line.subarray(0, n),
      holder: this.holder.subarray(0, n),
      provider: this.provider.subarray(0, n),
      agreementKind: this.agreementKind.subarray(0, n),
      day: this.day.subarray(0, n),
      periodStart: this.periodStart.subarray(0, n),
      periodEnd: this.periodEnd.subarray(0, n),
      beginMinute: this.beginMinute.subarray(0, n),
      endMinute: this.endMinute.subarray(0, n),
      hours: this.hours.subarray(0, n),
      tariff: this.tariff.subarray(0, n),
      amount: this.amount.subarray(0, n),
      submittedDay: this.submittedDay.subarray(0, n),
      submittedMinute: this.submittedMinute.subarray(0, n),
    };
  }
}

/** A declaration with every optional column absent; spread it and set what is known. */
export const EMPTY_DECLARATION: Omit<DeclarationInput, 'id' | 'line' | 'holder' | 'provider'> = {
  contractId: '',
  agreementKind: 0,
  day: NO_DAY,
  periodStart: NO_DAY,
  periodEnd: NO_DAY,
  beginMinute: -1,
  endMinute: -1,
  hours: Number.NaN,
  tariff: Number.NaN,
  amount: 0,
  submittedDay: NO_DAY,
  submittedMinute: -1,
};

/** `a` lengthened to n elements: in place when its buffer has the room behind it, else copied (to shared memory when `a` is on it). */
function lengthened<T extends NumberArray>(a: T, n: number): T {
  const Ctor = a.constructor as { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };
  if (a.buffer.byteLength - a.byteOffset >= n * Ctor.BYTES_PER_ELEMENT) return new Ctor(a.buffer, a.byteOffset, n);
  const b = columnArray(Ctor, n, a.buffer instanceof SharedArrayBuffer);
  b.set(a);
  return b;
}

/**
 * `head` followed by the rows of `tail` except `skip` (ascending row numbers). The rows go into
 * the spare capacity behind head's arrays where there is room, so head is used up.
 */
export function appendDeclarations(
  head: DeclarationTable,
  tail: DeclarationTable,
  skip: readonly number[] = [],
  /** Told of each column of tail once its rows are copied, so the caller can free it before the next. */
  copied: (column: NumberArray) => void = () => undefined,
): DeclarationTable {
  const steps = appendingDeclarations(head, tail, skip, copied);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * As appendDeclarations, pausing after each column of tail is copied (and told to `copied`): a
 * caller that frees columns by moving them away lets the event loop run there, for the move frees
 * its memory only then.
 */
export function* appendingDeclarations(
  head: DeclarationTable,
  tail: DeclarationTable,
  skip: readonly number[],
  copied: (column: NumberArray) => void,
): Generator<void, DeclarationTable, void> {
  const runs: Array<[number, number]> = [];
  let from = 0;
  for (const r of [...skip, tail.length]) {
    if (r > from) runs.push([from, r]);
    from = r + 1;
  }
  const n = head.length + tail.length - skip.length;
  const column = <T extends NumberArray>(h: T, t: T): T => {
    const out = lengthened(h, n);
    let at = head.length;
    for (const [a, b] of runs) {
      out.set(t.subarray(a, b), at);
      at += b - a;
    }
    copied(t);
    return out;
  };

  const ids = appendPacked(head.id, tail.id, runs, n);
  copied(tail.id.bytes);
  copied(tail.id.offsets);
  yield;
  // Tail's contract values follow head's whole (an id both ranges hold is stored twice; few are).
  const codes = lengthened(head.contractId.codes, n);
  const shift = head.contractId.values.length;
  let row = head.length;
  const tailCodes = tail.contractId.codes;
  for (const [a, b] of runs) for (let r = a; r < b; r++) codes[row++] = tailCodes[r] + shift;
  const tailValues = tail.contractId.values.length;
  const values = appendPacked(head.contractId.values, tail.contractId.values, tailValues > 0 ? [[0, tailValues]] : [], shift + tailValues);
  copied(tail.contractId.codes);
  yield;

  const line = column(head.line, tail.line);
  yield;
  const holder = column(head.holder, tail.holder);
  yield;
  const provider = column(head.provider, tail.provider);
  yield;
  const agreementKind = column(head.agreementKind, tail.agreementKind);
  yield;
  const day = column(head.day, tail.day);
  yield;
  const periodStart = column(head.periodStart, tail.periodStart);
  yield;
  const periodEnd = column(head.periodEnd, tail.periodEnd);
  yield;
  const beginMinute = column(head.beginMinute, tail.beginMinute);
  yield;
  const endMinute = column(head.endMinute, tail.endMinute);
  yield;
  const hours = column(head.hours, tail.hours);
  yield;
  const tariff = column(head.tariff, tail.tariff);
  yield;
  const amount = column(head.amount, tail.amount);
  yield;
  const submittedDay = column(head.submittedDay, tail.submittedDay);
  yield;
  const submittedMinute = column(head.submittedMinute, tail.submittedMinute);
  return {
    length: n,
    id: ids,
    contractId: new CodedTextColumn(codes, values),
    line,
    holder,
    provider,
    agreementKind,
    day,
    periodStart,
    periodEnd,
    beginMinute,
    endMinute,
    hours,
    tariff,
    amount,
    submittedDay,
    submittedMinute,
  };
}

/**
 * `t` without the rows `skip` (ascending), moved down within t's own arrays, so no second copy of
 * the declarations is made; `t` is used up. Contract values are few and go to new room.
 */
export function withoutRows(t: DeclarationTable, skip: readonly number[]): DeclarationTable {
  const none = new DeclarationTableBuilder(0).build();
  const head: DeclarationTable = {
    length: 0,
    id: new PackedTextColumn(t.id.bytes.subarray(0, 0), t.id.offsets.subarray(0, 1)),
    contractId: new CodedTextColumn(t.contractId.codes.subarray(0, 0), none.contractId.values),
    line: t.line.subarray(0, 0),
    holder: t.holder.subarray(0, 0),
    provider: t.provider.subarray(0, 0),
    agreementKind: t.agreementKind.subarray(0, 0),
    day: t.day.subarray(0, 0),
    periodStart: t.periodStart.subarray(0, 0),
    periodEnd: t.periodEnd.subarray(0, 0),
    beginMinute: t.beginMinute.subarray(0, 0),
    endMinute: t.endMinute.subarray(0, 0),
    hours: t.hours.subarray(0, 0),
    tariff: t.tariff.subarray(0, 0),
    amount: t.amount.subarray(0, 0),
    submittedDay: t.submittedDay.subarray(0, 0),
    submittedMinute: t.submittedMinute.subarray(0, 0),
  };
  // Rows only move down (to a row at or before their own), which appendDeclarations' order of reads and writes allows.
  return appendDeclarations(head, t, skip);
}

/** `head` followed by the strings of `tail` in `runs` (n strings in all), in head's spare room where there is some. */
function appendPacked(head: PackedTextColumn, tail: PackedTextColumn, runs: ReadonlyArray<[number, number]>, n: number): PackedTextColumn {
  let size = head.offsets[head.length];
  for (const [a, b] of runs) size += tail.offsets[b] - tail.offsets[a];
  const bytes = lengthened(head.bytes, size);
  const offsets = lengthened(head.offsets, n + 1);
  let row = head.length;
  for (const [a, b] of runs) {
    const start = tail.offsets[a];
    bytes.set(tail.bytes.subarray(start, tail.offsets[b]), offsets[row]);
    const shift = offsets[row] - start;
    for (let r = a; r < b; r++) offsets[++row] = tail.offsets[r + 1] + shift;
  }
  return new PackedTextColumn(bytes, offsets);
}
