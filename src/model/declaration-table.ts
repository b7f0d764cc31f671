import { NO_DAY } from './dates.js';

/**
 * Declarations are stored column by column in typed arrays: at 5 million rows an
 * object per row costs several times the memory and most of the time (perf.md).
 * Absent values: NO_DAY for days, -1 for minutes, NaN for decimals, 0 for kind.
 */
export interface DeclarationTable {
  readonly length: number;
  readonly id: string[];
  readonly line: Int32Array;
  /** Index into Dataset.holders. */
  readonly holder: Int32Array;
  /** Index into Dataset.providers. */
  readonly provider: Int32Array;
  /** zorgovereenkomst_id, '' when absent. */
  readonly contractId: string[];
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
}

export class DeclarationTableBuilder {
  private n = 0;
  private cap: number;
  private id: string[] = [];
  private contractId: string[] = [];
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

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity);
    this.line = new Int32Array(this.cap);
    this.holder = new Int32Array(this.cap);
    this.provider = new Int32Array(this.cap);
    this.agreementKind = new Uint8Array(this.cap);
    this.day = new Int32Array(this.cap);
    this.periodStart = new Int32Array(this.cap);
    this.periodEnd = new Int32Array(this.cap);
    this.beginMinute = new Int16Array(this.cap);
    this.endMinute = new Int16Array(this.cap);
    this.hours = new Float64Array(this.cap);
    this.tariff = new Float64Array(this.cap);
    this.amount = new Float64Array(this.cap);
    this.submittedDay = new Int32Array(this.cap);
  }

  get length(): number {
    return this.n;
  }

  push(row: DeclarationInput): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.id.push(row.id);
    this.contractId.push(row.contractId);
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
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Int16Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.line = g(this.line);
    this.holder = g(this.holder);
    this.provider = g(this.provider);
    this.agreementKind = g(this.agreementKind);
    this.day = g(this.day);
    this.periodStart = g(this.periodStart);
    this.periodEnd = g(this.periodEnd);
    this.beginMinute = g(this.beginMinute);
    this.endMinute = g(this.endMinute);
    this.hours = g(this.hours);
    this.tariff = g(this.tariff);
    this.amount = g(this.amount);
    this.submittedDay = g(this.submittedDay);
    this.cap = cap;
  }

  build(): DeclarationTable {
    const n = this.n;
    return {
      length: n,
      id: this.id,
      contractId: this.contractId,
      line: this.line.slice(0, n),
      holder: this.holder.slice(0, n),
      provider: this.provider.slice(0, n),
      agreementKind: this.agreementKind.slice(0, n),
      day: this.day.slice(0, n),
      periodStart: this.periodStart.slice(0, n),
      periodEnd: this.periodEnd.slice(0, n),
      beginMinute: this.beginMinute.slice(0, n),
      endMinute: this.endMinute.slice(0, n),
      hours: this.hours.slice(0, n),
      tariff: this.tariff.slice(0, n),
      amount: this.amount.slice(0, n),
      submittedDay: this.submittedDay.slice(0, n),
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
};
