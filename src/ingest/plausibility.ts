import { withoutRows, type DeclarationTable } from '../model/declaration-table.js';
import { formatDay, NO_DAY, parseIsoDay, type DayNumber } from '../model/dates.js';
import type { IngestedData } from '../model/dataset.js';
import { SUBMISSION_TIME } from '../inputs/declaraties.js';
import type { RejectCode } from './reject-codes.js';
import type { InputReport, UnhashedReport } from './input-report.js';
import type { Reject, RejectLog } from './reject-log.js';

/**
 * Values no real declaration carries. They are typing errors or test rows, and one of them can
 * steer a whole scan (a zorgdatum of 31-12-9999 as its reference date). The limits are wide on
 * purpose: a row with 30 hours in one day is evidence for impossible-day-hours, never a reject.
 */
export interface PlausibilityLimits {
  /** Earliest care date (or period start) accepted. */
  minCareDate: DayNumber;
  /** Latest care date (or period end) accepted: the as-of date plus this many days. */
  maxDaysAfterAsOf: number;
  /** Largest bedrag, in euros, either sign. */
  maxAmount: number;
  /** Most hours in one declaration row: 744 is every hour of a month of 31 days. */
  maxHours: number;
  /** Largest tarief, in euros per hour. */
  maxTariff: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilityLimits = {
  minCareDate: parseIsoDay('2000-01-01')!,
  maxDaysAfterAsOf: 366,
  maxAmount: 1_000_000,
  maxHours: 744,
  maxTariff: 10_000,
};

export interface PlausibleDeclarations<R extends UnhashedReport = InputReport> {
  data: IngestedData;
  rejects: RejectLog;
  inputs: R[];
  /** The given as-of date, or the one derived from the plausible rows (see deriveAsOf); null without any. */
  asOf: DayNumber | null;
}

const AMOUNT = 1;
const TARIFF = 2;
const HOURS = 4;
const EARLY = 8;
const LATE = 16;

/**
 * The post-ingest check of the declarations against the limits. The latest plausible care date
 * depends on the as-of date, which may itself come from the rows: so this runs once all
 * declarations are read. Implausible rows move from the table to the rejects, with the counts of
 * the declarations input adjusted (rows read = accepted + rejected still holds).
 */
export function checkPlausibility<R extends UnhashedReport>(
  ingested: { data: IngestedData; rejects: RejectLog; inputs: R[] },
  limits: PlausibilityLimits,
  givenAsOf: DayNumber | null,
): PlausibleDeclarations<R> {
  const t = ingested.data.declarations;
  const flags = new Uint8Array(t.length);
  let flagged = 0;
  for (let r = 0; r < t.length; r++) {
    let f = 0;
    if (Math.abs(t.amount[r]) > limits.maxAmount) f |= AMOUNT;
    if (t.tariff[r] > limits.maxTariff) f |= TARIFF;
    if (t.hours[r] > limits.maxHours) f |= HOURS;
    if (t.periodStart[r] < limits.minCareDate) f |= EARLY;
    if (f !== 0) {
      flags[r] = f;
      flagged++;
    }
  }
  const asOf = givenAsOf ?? deriveAsOf(t, flags, limits.maxDaysAfterAsOf);
  if (asOf !== null) {
    const latest = asOf + limits.maxDaysAfterAsOf;
    for (let r = 0; r < t.length; r++)
      if (t.periodEnd[r] > latest) {
        if (flags[r] === 0) flagged++;
        flags[r] |= LATE;
      }
  }
  if (flagged === 0) return { ...ingested, asOf };

  const file = ingested.data.files.declaraties!;
  const skip: number[] = [];
  const found: Reject[] = [];
  for (let r = 0; r < t.length; r++) {
    if (flags[r] === 0) continue;
    skip.push(r);
    for (const [column, value, code, message] of problemsOf(t, r, flags[r], limits, asOf))
      found.push({ file, line: t.line[r], column, value, code, message });
  }
  const table = withoutRows(t, skip);
  const inputs = ingested.inputs.map((i) =>
    i.kind === 'declaraties' ? { ...i, rowsAccepted: i.rowsAccepted - skip.length, rowsRejected: i.rowsRejected + skip.length } : i,
  );
  return {
    data: { ...ingested.data, declarations: table, filled: { ...ingested.data.filled, declaraties: stillFilled(ingested.data.filled.declaraties, table) } },
    rejects: mergeByLine(ingested.rejects, file, ingested.data.files.zorgovereenkomsten, found),
    inputs,
    asOf,
  };
}

/**
 * The reference date from the care dates (period ends) of the rows that passed the fixed limits.
 * From the median care date upwards, the as-of date is the last care date reached without a step
 * of more than `maxGap` days to the next: a far-future typo stands apart from the bulk and is not
 * reached, and being later than as-of + maxGap it is then rejected itself. Null without rows.
 */
export function deriveAsOf(t: DeclarationTable, flags: Uint8Array, maxGap: number): DayNumber | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (let r = 0; r < t.length; r++) {
    if (flags[r] !== 0) continue;
    const d = t.periodEnd[r];
    if (d < min) min = d;
    if (d > max) max = d;
    n++;
  }
  if (n === 0) return null;
  // Days per care date: the range is at most a few million days (years 1000-9999), so a count per day beats a sort of millions of rows.
  const counts = new Int32Array(max - min + 1);
  for (let r = 0; r < t.length; r++) if (flags[r] === 0) counts[t.periodEnd[r] - min]++;
  let median = 0;
  for (let seen = 0; median < counts.length; median++) {
    seen += counts[median];
    if (2 * seen >= n) break;
  }
  let last = median;
  for (let d = median + 1; d < counts.length && d - last <= maxGap; d++) if (counts[d] > 0) last = d;
  return min + last;
}

// How the table tells that a row has a value in a column. Columns not listed are required, or (the
// periods, which a zorgdatum overrides) not kept as read: they stay filled while any row is left.
const HAS_VALUE: Record<string, (t: DeclarationTable, r: number) => boolean> = {
  zorgovereenkomst_id: (t, r) => t.contractId.get(r) !== '',
  overeenkomst_soort: (t, r) => t.agreementKind[r] !== 0,
  zorgdatum: (t, r) => t.day[r] !== NO_DAY,
  begintijd: (t, r) => t.beginMinute[r] >= 0,
  eindtijd: (t, r) => t.endMinute[r] >= 0,
  uren: (t, r) => !Number.isNaN(t.hours[r]),
  tarief: (t, r) => !Number.isNaN(t.tariff[r]),
  ingediend_op: (t, r) => t.submittedDay[r] !== NO_DAY,
  [SUBMISSION_TIME]: (t, r) => t.submittedMinute[r] >= 0,
};

/** The filled columns still filled by a row of the table, so that an indicator whose data was all implausible says so. */
function stillFilled(filled: ReadonlySet<string>, t: DeclarationTable): Set<string> {
  const out = new Set<string>();
  for (const column of filled) {
    const has = HAS_VALUE[column];
    if (has === undefined ? t.length > 0 : anyRow(t, has)) out.add(column);
  }
  return out;
}

function anyRow(t: DeclarationTable, has: (t: DeclarationTable, r: number) => boolean): boolean {
  for (let r = 0; r < t.length; r++) if (has(t, r)) return true;
  return false;
}

type Problem = [column: string, value: string, code: RejectCode, message: string];

function problemsOf(t: DeclarationTable, r: number, f: number, limits: PlausibilityLimits, asOf: DayNumber | null): Problem[] {
  const out: Problem[] = [];
  const daily = t.day[r] !== NO_DAY;
  if (f & AMOUNT)
    out.push(['bedrag', plain(t.amount[r]), 'AMOUNT_IMPLAUSIBLE', `bedrag: ${plain(t.amount[r])} euros is more than any declaration carries (limit ${plain(limits.maxAmount)}, plausibility.maxAmount)`]);
  if (f & EARLY) {
    const column = daily ? 'zorgdatum' : 'periode_start';
    const day = formatDay(t.periodStart[r]);
    out.push([column, day, 'DATE_IMPLAUSIBLE', `${column}: ${day} is before ${formatDay(limits.minCareDate)}, the earliest plausible care date (plausibility.minCareDate)`]);
  }
  if (f & LATE) {
    const column = daily ? 'zorgdatum' : 'periode_eind';
    const day = formatDay(t.periodEnd[r]);
    out.push([column, day, 'DATE_IMPLAUSIBLE', `${column}: ${day} is more than ${limits.maxDaysAfterAsOf} days after the as-of date ${formatDay(asOf!)} (plausibility.maxDaysAfterAsOf)`]);
  }
  if (f & TARIFF)
    out.push(['tarief', plain(t.tariff[r]), 'AMOUNT_IMPLAUSIBLE', `tarief: ${plain(t.tariff[r])} euros per hour is more than any declaration carries (limit ${plain(limits.maxTariff)}, plausibility.maxTariff)`]);
  if (f & HOURS)
    out.push(['uren', plain(t.hours[r]), 'HOURS_IMPLAUSIBLE', `uren: ${plain(t.hours[r])} hours in one declaration is more than the ${plain(limits.maxHours)} hours of a whole month (plausibility.maxHours)`]);
  // One row's problems in column order, as read-input sorts them.
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A number without exponent or grouping, as a person would write it: 12345678901234567000000, 30.5. */
function plain(x: number): string {
  return x.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 2 });
}

/**
 * `rejects` with `found` (rejects of `file`, in line order) placed among that file's rejects by
 * line. The files are read one after another, so each file's rejects form one run in line order;
 * `next` is the file read after this one, before whose rejects a new run goes. Rebuilt in place,
 * streaming: the rejects may be far more than memory holds.
 */
function mergeByLine(rejects: RejectLog, file: string, next: string | null, found: Reject[]): RejectLog {
  rejects.rebuild((old, out) => {
    let k = 0;
    let inRun = false;
    for (const r of old) {
      if (r.file === file) {
        inRun = true;
        while (k < found.length && found[k].line < r.line) out.push(found[k++]);
      } else if (inRun || r.file === next) while (k < found.length) out.push(found[k++]);
      out.push(r);
    }
    while (k < found.length) out.push(found[k++]);
  });
  return rejects;
}
