// Calendar arithmetic on day numbers (days since 1970-01-01) for rules that sum care per week or month
// over millions of rows: integer formulas only, no Date object per row.
import type { Dataset } from '../model/dataset.js';
import { oncePerDataset } from './once-per-dataset.js';

/** Months since year 0 (year * 12 + month - 1, as monthIndex in model/dates), by Hinnant's civil_from_days. */
export function monthOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The day number of the first day of a month index (Hinnant's days_from_civil). */
export function firstDayOfMonth(monthIndex: number): number {
  let y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function daysInMonth(monthIndex: number): number {
  return firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex);
}

/** ISO week number since the Monday 1969-12-29: day 0 (1970-01-01) was a Thursday. Weeks run Monday to Sunday. */
export function isoWeekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** The Monday that starts an ISO week from isoWeekOfDay. */
export function firstDayOfIsoWeek(week: number): number {
  return week * 7 - 3;
}

/**
 * Spreads a value declared over the days [from, to] evenly over the buckets (weeks or months) those days
 * fall in, in proportion to the days in each: a monthly declaration counts for the part of each week it
 * covers. `add(bucket, share)` is called once per bucket touched.
 */
export function spreadOverBuckets(
  from: number,
  to: number,
  value: number,
  bucketOf: (day: number) => number,
  firstDayOf: (bucket: number) => number,
  add: (bucket: number, share: number) => void,
): void {
  const days = to - from + 1;
  if (days <= 1) {
    add(bucketOf(from), value);
    return;
  }
  let b = bucketOf(from);
  let start = from;
  while (start <= to) {
    const end = Math.min(to, firstDayOf(b + 1) - 1);
    add(b, (value * (end - start + 1)) / days);
    start = end + 1;
    b++;
  }
}

/**
 * monthOfDay by table lookup over a span of days (the care dates of one export span a few years, a few
 * thousand entries), falling back to the formula outside it: a rule reading the month of every row pays
 * an array read instead of the divisions.
 */
export class MonthOfDayTable {
  private readonly first: number;
  private readonly table: Int32Array;

  constructor(fromDay: number, toDay: number) {
    this.first = fromDay;
    const n = toDay >= fromDay ? Math.min(toDay - fromDay + 1, 1 << 20) : 0;
    this.table = new Int32Array(n);
    for (let i = 0; i < n; i++) this.table[i] = monthOfDay(fromDay + i);
  }

  of(day: number): number {
    const i = day - this.first;
    return i >= 0 && i < this.table.length ? this.table[i] : monthOfDay(day);
  }
}

/** The first and last care day of the declarations (earliest periodStart, latest periodEnd); Infinity and -Infinity without rows. */
export const careDaySpan: (ds: Dataset) => { readonly first: number; readonly last: number } = oncePerDataset((ds) => {
  const t = ds.declarations;
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < t.length; r++) {
    if (t.periodStart[r] < first) first = t.periodStart[r];
    if (t.periodEnd[r] > last) last = t.periodEnd[r];
  }
  return { first, last };
});

/** The months of the care days of the declarations (careDaySpan), shared by the rules that sum care per month. */
export const careMonths: (ds: Dataset) => MonthOfDayTable = oncePerDataset((ds) => {
  const { first, last } = careDaySpan(ds);
  return new MonthOfDayTable(first, last);
});
