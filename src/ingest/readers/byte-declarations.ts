import { NO_DAY } from '../../model/dates.js';
import { OVEREENKOMST_SOORTEN } from '../../model/types.js';
import declaraties from '../../inputs/declaraties.js';
import type { HeaderLayout } from '../header.js';
import type { DeclarationFields } from '../schemas/declaraties.js';
import { BAD_DAY, BAD_TIME, civilDay, type DateReader } from '../values/date.js';
import type { DecimalMode } from '../values/number.js';
import { clean, enumMatcher } from '../values/text.js';
import type { ByteRecord } from './byte-csv.js';

const DECLARATION_COLUMNS: ReadonlySet<string> = new Set(declaraties.columns.map((c) => c.name));
const matchKind = enumMatcher(OVEREENKOMST_SOORTEN);
/** Anything the byte path does not read as the text path would: the row goes to the text path. */
const BAIL = Number.NEGATIVE_INFINITY;
/** As DateReader numbers its forms: a date form times the time suffixes, plus the suffix. */
const TIME_SUFFIXES = 5;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const EXACT_DIGITS = 15;

/** The number written in b[from, to), or -1 when that span is not all digits. */
function digits(b: Buffer, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** As values/date.ts minutesOf, on bytes. */
function minutesOf(b: Buffer, from: number, to: number, allowEndOfDay: boolean): number {
  const colon = to - 3;
  if (colon < from + 1 || colon > from + 2 || b[colon] !== 58) return BAD_TIME;
  const h = digits(b, from, colon);
  const m = digits(b, colon + 1, to);
  if (h < 0 || m < 0 || m > 59) return BAD_TIME;
  if (h < 24) return h * 60 + m;
  return allowEndOfDay && h === 24 && m === 0 ? 1440 : BAD_TIME;
}

/**
 * The hand-written twin of DeclarationFastPath on the bytes of a record: the same rules, but only
 * for rows it can read without doubt (plain ASCII ids, values blank-padded at most with spaces,
 * tabs and line breaks). Everything else answers "not fine", and the row goes through the text
 * path, which accepts or explains it. It never accepts a row the text path would refuse, nor with
 * other values (test/fuzz/byte-reader.test.ts).
 */
export class ByteDeclarationPath {
  private readonly id: number;
  private readonly holder: number;
  private readonly provider: number;
  private readonly contract: number;
  private readonly kind: number;
  private readonly zorgdatum: number;
  private readonly periodeStart: number;
  private readonly periodeEind: number;
  private readonly begin: number;
  private readonly end: number;
  private readonly uren: number;
  private readonly tarief: number;
  private readonly bedrag: number;
  private readonly ingediend: number;
  // Ids repeat from row to row (rows grouped by holder or provider): the same bytes give the same string.
  private readonly holderIds = new LastText();
  private readonly providerIds = new LastText();
  private readonly contractIds = new LastText();
  private readonly kinds = new LastText();
  // Rows of one care plan repeat their period, times, amounts and submission time: the same bytes
  // as the row before give the same value (and the same date forms seen), without a parse. Not the
  // care day, which changes nearly every row.
  private readonly periodeStarts = new LastValue();
  private readonly periodeEinds = new LastValue();
  private readonly begins = new LastValue();
  private readonly ends = new LastValue();
  private readonly urens = new LastValue();
  private readonly tariefs = new LastValue();
  private readonly bedragen = new LastValue();
  private readonly ingediends = new LastValue();
  private lastKind = 0;
  // The time of day dayTime read last, in minutes; -1 for a date alone (as DateReader.lastMinute).
  private lastMinute = -1;
  // Trimmed span of the last field read (see span).
  private s = 0;
  private e = 0;

  constructor(
    layout: HeaderLayout,
    private readonly decimal: DecimalMode,
    private readonly dates: DateReader,
  ) {
    const at = (c: string) => {
      if (!DECLARATION_COLUMNS.has(c)) throw new Error(`internal: the declarations byte path reads ${c}, which src/inputs/declaraties.ts does not define`);
      return layout.index.get(c) ?? -1;
    };
    this.id = at('declaratie_id');
    this.holder = at('budgethouder_id');
    this.provider = at('zorgverlener_id');
    this.contract = at('zorgovereenkomst_id');
    this.kind = at('overeenkomst_soort');
    this.zorgdatum = at('zorgdatum');
    this.periodeStart = at('periode_start');
    this.periodeEind = at('periode_eind');
    this.begin = at('begintijd');
    this.end = at('eindtijd');
    this.uren = at('uren');
    this.tarief = at('tarief');
    this.bedrag = at('bedrag');
    this.ingediend = at('ingediend_op');
  }

  /**
   * Fills `f` from a record, but for its id, which stays in the record's bytes (plain ASCII, see
   * idFrom); false when the text path must judge the row (cross-column rules excluded).
   */
  read(rec: ReadonlyByteRecord, f: DeclarationFields): boolean {
    if (!rec.isPlainAscii(this.id) || rec.start[this.id] === rec.end[this.id]) return false;
    f.id = '';
    const holder = this.holderIds.of(rec, this.holder);
    if (holder === null || holder === '') return false;
    f.holderId = holder;
    const provider = this.providerIds.of(rec, this.provider);
    if (provider === null || provider === '') return false;
    f.providerId = provider;
    if (this.contract < 0) f.contractId = '';
    else {
      const contract = this.contractIds.of(rec, this.contract);
      if (contract === null) return false;
      f.contractId = contract;
    }
    if ((f.kind = this.agreementKind(rec)) < 0) return false;
    if ((f.zorgdatum = this.day(rec, this.zorgdatum, false)) === BAD_DAY) return false;
    if ((f.periodeStart = this.dayOnce(rec, this.periodeStart, this.periodeStarts)) === BAD_DAY) return false;
    if ((f.periodeEind = this.dayOnce(rec, this.periodeEind, this.periodeEinds)) === BAD_DAY) return false;
    if ((f.begin = this.timeOnce(rec, this.begin, this.begins)) === BAD_TIME) return false;
    if ((f.end = this.timeOnce(rec, this.end, this.ends)) === BAD_TIME) return false;
    if ((f.uren = this.decimalOnce(rec, this.uren, false, this.urens)) === BAIL) return false;
    if ((f.tarief = this.decimalOnce(rec, this.tarief, false, this.tariefs)) === BAIL) return false;
    if (Number.isNaN((f.bedrag = this.decimalOnce(rec, this.bedrag, true, this.bedragen))) || f.bedrag === BAIL) return false;
    const submitted = this.ingediends;
    if (this.ingediend >= 0 && submitted.same(rec, this.ingediend)) {
      f.ingediend = submitted.value;
      f.ingediendMinute = submitted.minute;
    } else {
      this.lastMinute = -1;
      f.ingediend = this.day(rec, this.ingediend, true);
      f.ingediendMinute = this.lastMinute;
      if (this.ingediend >= 0) submitted.keep(rec, this.ingediend, f.ingediend, f.ingediendMinute);
    }
    return f.ingediend !== BAD_DAY;
  }

  private dayOnce(rec: ReadonlyByteRecord, at: number, last: LastValue): number {
    if (at < 0) return NO_DAY;
    if (last.same(rec, at)) return last.value;
    const v = this.day(rec, at, false);
    last.keep(rec, at, v, -1);
    return v;
  }

  private timeOnce(rec: ReadonlyByteRecord, at: number, last: LastValue): number {
    if (at < 0) return -1;
    if (last.same(rec, at)) return last.value;
    const v = this.time(rec, at);
    last.keep(rec, at, v, -1);
    return v;
  }

  private decimalOnce(rec: ReadonlyByteRecord, at: number, negative: boolean, last: LastValue): number {
    if (at < 0) return Number.NaN;
    if (last.same(rec, at)) return last.value;
    const v = this.decimalAt(rec, at, negative);
    last.keep(rec, at, v, -1);
    return v;
  }

  /** Where the id of the record read last lies in its buffer. */
  idFrom(rec: ReadonlyByteRecord): number {
    return rec.start[this.id];
  }

  idTo(rec: ReadonlyByteRecord): number {
    return rec.end[this.id];
  }

  /**
   * Sets [s, e) to field `at` without the blanks clean() trims that are ASCII. A byte beyond ASCII
   * (maybe a blank clean() trims) is left in, where every reader of a value here refuses it as
   * no digit, dash, colon or mark, so the text path judges the row.
   */
  private span(rec: ReadonlyByteRecord, at: number): void {
    const b = rec.buf;
    let s = rec.start[at];
    let e = rec.end[at];
    while (s < e && isAsciiBlank(b[s])) s++;
    while (e > s && isAsciiBlank(b[e - 1])) e--;
    this.s = s;
    this.e = e;
  }

  private agreementKind(rec: ReadonlyByteRecord): number {
    if (this.kind < 0) return 0;
    const raw = this.kinds.of(rec, this.kind, true);
    if (raw === null) return -1;
    if (this.kinds.fresh) {
      const s = clean(raw);
      this.lastKind = s === '' ? 0 : matchKind(s);
    }
    return this.lastKind;
  }

  private day(rec: ReadonlyByteRecord, at: number, withTime: boolean): number {
    if (at < 0) return NO_DAY;
    this.span(rec, at);
    const { s, e } = this;
    if (s === e) return NO_DAY;
    return withTime ? this.dayTime(rec.buf, s, e) : this.datePart(rec.buf, s, e, 0);
  }

  /** As DateReader.dayTime. */
  private dayTime(b: Buffer, s: number, e: number): number {
    let sep = -1;
    for (let i = s + 8; i < e; i++) {
      const c = b[i];
      if (c === 32 || c === 84) {
        sep = i;
        break;
      }
    }
    if (sep === -1) return this.datePart(b, s, e, 0);
    const from = sep + 1;
    let timeEnd = e;
    let variant = b[sep] === 32 ? 1 : 3;
    if (e - from > 5 && b[e - 3] === 58) {
      const sec = digits(b, e - 2, e);
      if (sec < 0 || sec > 59) return BAD_DAY;
      timeEnd = e - 3;
      variant++;
    }
    const minute = minutesOf(b, from, timeEnd, false);
    if (minute < 0) return BAD_DAY;
    const day = this.datePart(b, s, sep, variant);
    if (day !== BAD_DAY) this.lastMinute = minute;
    return day;
  }

  /** As DateReader's datePart on b[s, end): a byte at or past `end` is never a dash there. */
  private datePart(b: Buffer, s: number, end: number, timeVariant: number): number {
    const dash = (i: number) => s + i < end && b[s + i] === 45;
    let y: number;
    let m: number;
    let d: number;
    let form: number;
    if (end - s === 10 && dash(4) && dash(7)) {
      y = digits(b, s, s + 4);
      m = digits(b, s + 5, s + 7);
      d = digits(b, s + 8, s + 10);
      form = 0;
    } else {
      const dash1 = dash(1) ? 1 : dash(2) ? 2 : -1;
      if (dash1 < 0) return BAD_DAY;
      const dash2 = dash(dash1 + 2) ? dash1 + 2 : dash(dash1 + 3) ? dash1 + 3 : -1;
      if (dash2 < 0 || end - s - dash2 !== 5) return BAD_DAY;
      d = digits(b, s, s + dash1);
      m = digits(b, s + dash1 + 1, s + dash2);
      y = digits(b, s + dash2 + 1, end);
      form = dash1 === 2 && dash2 === 5 ? 1 : 2;
    }
    if (y < 0 || m < 0 || d < 0) return BAD_DAY;
    const day = civilDay(y, m, d);
    if (day === null) return BAD_DAY;
    this.dates.addSeen(1 << (form * TIME_SUFFIXES + timeVariant));
    return day;
  }

  private time(rec: ReadonlyByteRecord, at: number): number {
    if (at < 0) return -1;
    this.span(rec, at);
    const { s, e } = this;
    if (s === e) return -1;
    return minutesOf(rec.buf, s, e, true);
  }

  /** NaN when absent (the table's "not given"), BAIL when the text path must judge it. */
  private decimalAt(rec: ReadonlyByteRecord, at: number, negative: boolean): number {
    if (at < 0) return Number.NaN;
    this.span(rec, at);
    const { s, e } = this;
    if (s === e) return Number.NaN;
    const v = this.decimal.mark === 'comma' ? commaDecimal(rec.buf, s, e, this.decimal.certain) : pointDecimal(rec.buf, s, e);
    return Number.isFinite(v) && (negative || v >= 0) ? v : BAIL;
  }
}

/** What the byte path reads of a ByteRecord. */
type ReadonlyByteRecord = Pick<ByteRecord, 'buf' | 'start' | 'end' | 'isPlainAscii'>;

function isAsciiBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The last text a column held and its bytes: the same bytes again give the same string, unmade. */
class LastText {
  private bytes = new Uint8Array(64);
  private length = -1;
  private text = '';
  /** The last of() made a new string. */
  fresh = false;

  /**
   * Field `at` as text when it is plain ASCII (ids; the empty field too), or any ASCII when
   * `blanks` (text the caller trims); null otherwise.
   */
  of(rec: ReadonlyByteRecord, at: number, blanks = false): string | null {
    const b = rec.buf;
    const s = rec.start[at];
    const e = rec.end[at];
    const n = e - s;
    this.fresh = false;
    if (n === this.length) {
      let p = 0;
      while (p < n && b[s + p] === this.bytes[p]) p++;
      if (p === n) return this.text;
    }
    for (let p = s; p < e; p++) {
      const c = b[p];
      if (blanks ? c >= 0x80 : c <= 0x20 || c >= 0x7f) return null;
    }
    if (n > this.bytes.length) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    // By hand: Buffer.copy's call costs far more than the few bytes of an id.
    const bytes = this.bytes;
    for (let p = 0; p < n; p++) bytes[p] = b[s + p];
    this.length = n;
    this.text = b.toString('latin1', s, e);
    this.fresh = true;
    return this.text;
  }
}

/** The raw bytes of a column's last field and the value read from them. */
class LastValue {
  private bytes = new Uint8Array(32);
  private length = -1;
  value = 0;
  /** The time of day of a date-time value, -1 without one. */
  minute = -1;

  /**
   * Field `at` spans the same bytes as the field kept last. The byte path reads a value from its
   * span alone, so the same bytes give the same value (an escaped span starts with its quote).
   */
  same(rec: ReadonlyByteRecord, at: number): boolean {
    const b = rec.buf;
    const s = rec.start[at];
    const n = rec.end[at] - s;
    if (n !== this.length) return false;
    const bytes = this.bytes;
    for (let p = 0; p < n; p++) if (b[s + p] !== bytes[p]) return false;
    return true;
  }

  keep(rec: ReadonlyByteRecord, at: number, value: number, minute: number): void {
    const b = rec.buf;
    const s = rec.start[at];
    const n = rec.end[at] - s;
    if (n > this.bytes.length) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    const bytes = this.bytes;
    for (let p = 0; p < n; p++) bytes[p] = b[s + p];
    this.length = n;
    this.value = value;
    this.minute = minute;
  }
}

/** As values/number.ts parseCommaDecimal, on bytes; NaN for what the text path must judge. */
function commaDecimal(b: Buffer, s: number, n: number, certain: boolean): number {
  let i = s;
  let negative = false;
  if (b[i] === 45) {
    negative = true;
    i++;
  }
  let value = 0;
  let count = 0;
  let lead = 0;
  let group = 0;
  let dots = 0;
  for (; i < n; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      count++;
      if (dots === 0) lead++;
      else group++;
    } else if (c === 46) {
      if (dots === 0 ? lead === 0 || lead > 3 || b[negative ? s + 1 : s] === 48 : group !== 3) return Number.NaN;
      dots++;
      group = 0;
    } else break;
  }
  if (lead === 0 || (dots > 0 && group !== 3)) return Number.NaN;
  let scale = 0;
  if (i < n) {
    if (b[i] !== 44 || i === n - 1) return Number.NaN;
    for (i++; i < n; i++) {
      const c = b[i];
      if (c < 48 || c > 57) return Number.NaN;
      value = value * 10 + (c - 48);
      count++;
      scale++;
    }
  }
  if (dots === 1 && scale === 0 && !certain) return Number.NaN;
  if (count > EXACT_DIGITS) return Number.NaN;
  const v = scale === 0 ? value : value / POW10[scale];
  return negative ? -v : v;
}

/** As values/number.ts parsePointDecimal, on bytes; NaN for what the text path must judge. */
function pointDecimal(b: Buffer, s: number, n: number): number {
  let i = s;
  let negative = false;
  if (b[i] === 45) {
    negative = true;
    i++;
  }
  let value = 0;
  let count = 0;
  for (; i < n; i++) {
    const c = b[i];
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    count++;
  }
  if (count === 0) return Number.NaN;
  let scale = 0;
  if (i < n) {
    if (b[i] !== 46 || i === n - 1) return Number.NaN;
    for (i++; i < n; i++) {
      const c = b[i];
      if (c < 48 || c > 57) return Number.NaN;
      value = value * 10 + (c - 48);
      count++;
      scale++;
    }
  }
  if (count > EXACT_DIGITS) return Number.NaN;
  const v = scale === 0 ? value : value / POW10[scale];
  return negative ? -v : v;
}
