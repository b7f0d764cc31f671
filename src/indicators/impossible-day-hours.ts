import { z } from 'zod';
import type { Dataset } from '../model/dataset.js';
import { NO_DAY, formatDay, monthIndex, monthIndexLabel } from '../model/dates.js';
import type { DeclarationTable } from '../model/declaration-table.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Signal, compareSignals } from './define.js';

const ID = 'impossible-day-hours';

const params = z.strictObject({
  maxHoursPerDay: z
    .number()
    .positive()
    .default(24)
    .describe('overDay fires when one caregiver declares more than this on one calendar day, over all budget holders (hours)'),
  longDayHours: z
    .number()
    .positive()
    .default(16)
    .describe('A caregiver day with at least this many declared hours counts as a long day (hours)'),
  longDaysPerMonth: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('longDays fires when a calendar month holds at least this many long days (days)'),
});

/** Declared hours per distinct care day of one caregiver; slots are numbered in order of first appearance. */
interface CaregiverDays {
  count: number;
  day: Int32Array;
  hours: Float64Array;
  /** Slot of each position in the provider's row list; -1 when the row has no day or no hours. */
  rowSlot: Int32Array;
}

function sumHoursPerDay(t: DeclarationTable, rows: Int32Array): CaregiverDays {
  const slotOfDay = new Map<number, number>();
  const day = new Int32Array(rows.length);
  const hours = new Float64Array(rows.length);
  const rowSlot = new Int32Array(rows.length).fill(-1);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = t.day[r];
    const h = t.hours[r];
    if (d === NO_DAY || Number.isNaN(h)) continue;
    let slot = slotOfDay.get(d);
    if (slot === undefined) {
      slot = count++;
      slotOfDay.set(d, slot);
      day[slot] = d;
    }
    hours[slot] += h;
    rowSlot[i] = slot;
  }
  // Decimal hours carry binary noise (8.1 + 8.1 + 7.8 is not exactly 24); rounding to
  // micro-hours keeps a day of exactly 24.0 h at 24 so the strict "> 24" stays strict.
  for (let s = 0; s < count; s++) hours[s] = Math.round(hours[s] * 1e6) / 1e6;
  return { count, day, hours, rowSlot };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function holderIds(ds: Dataset, rows: number[]): string[] {
  const seen = new Set<number>();
  for (const r of rows) seen.add(ds.declarations.holder[r]);
  return [...seen].map((h) => ds.holders[h].id).sort();
}

function rowsOfSlots(rows: Int32Array, days: CaregiverDays, keep: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const s = days.rowSlot[i];
    if (s >= 0 && keep[s] === 1) out.push(rows[i]);
  }
  return out;
}

function overDaySignal(ds: Dataset, pi: number, days: CaregiverDays, max: number): Signal | null {
  const over = new Uint8Array(days.count);
  let daysOver = 0;
  let maxHours = -Infinity;
  let maxDay = NO_DAY;
  for (let s = 0; s < days.count; s++) {
    const h = days.hours[s];
    if (h <= max) continue;
    over[s] = 1;
    daysOver++;
    if (h > maxHours || (h === maxHours && days.day[s] < maxDay)) {
      maxHours = h;
      maxDay = days.day[s];
    }
  }
  if (daysOver === 0) return null;
  const rows = ds.byProvider[pi];
  const evidenceRows = rowsOfSlots(rows, days, over);
  const { evidence, amount } = declarationEvidence(ds, evidenceRows);
  const holders = holderIds(ds, evidenceRows);
  const id = ds.providers[pi].id;
  return {
    indicator: ID,
    messageId: 'overDay',
    entity: { kind: 'provider', id },
    provider: id,
    holders,
    amount,
    strength: 1,
    observed: { days_over: daysOver, max_hours: round2(maxHours), max_day: formatDay(maxDay), holders: holders.length },
    threshold: { max_hours_per_day: max },
    evidence,
  };
}

function longDaysSignal(
  ds: Dataset,
  pi: number,
  days: CaregiverDays,
  longDayHours: number,
  longDaysPerMonth: number,
): Signal | null {
  // Months are derived only for long days: a Date per distinct day would dominate the cost.
  const slotMonth = new Int32Array(days.count).fill(-1);
  const longDaysInMonth = new Map<number, number>();
  for (let s = 0; s < days.count; s++) {
    if (days.hours[s] < longDayHours) continue;
    const m = monthIndex(days.day[s]);
    slotMonth[s] = m;
    longDaysInMonth.set(m, (longDaysInMonth.get(m) ?? 0) + 1);
  }
  let months = 0;
  let maxLongDays = 0;
  let maxMonth = 0;
  for (const [m, n] of longDaysInMonth) {
    if (n < longDaysPerMonth) continue;
    months++;
    if (n > maxLongDays || (n === maxLongDays && m < maxMonth)) {
      maxLongDays = n;
      maxMonth = m;
    }
  }
  if (months === 0) return null;
  const keep = new Uint8Array(days.count);
  let maxHours = 0;
  for (let s = 0; s < days.count; s++) {
    const m = slotMonth[s];
    if (m < 0 || longDaysInMonth.get(m)! < longDaysPerMonth) continue;
    keep[s] = 1;
    if (days.hours[s] > maxHours) maxHours = days.hours[s];
  }
  const evidenceRows = rowsOfSlots(ds.byProvider[pi], days, keep);
  const { evidence, amount } = declarationEvidence(ds, evidenceRows);
  const id = ds.providers[pi].id;
  return {
    indicator: ID,
    messageId: 'longDays',
    entity: { kind: 'provider', id },
    provider: id,
    holders: holderIds(ds, evidenceRows),
    amount,
    // Many long days are possible for a devoted caregiver; only the hard limit is impossible.
    strength: 0.5,
    observed: {
      months,
      max_long_days: maxLongDays,
      month: monthIndexLabel(maxMonth),
      max_hours: round2(maxHours),
    },
    threshold: { long_day_hours: longDayHours, long_days_per_month: longDaysPerMonth },
    evidence,
  };
}


export default defineIndicator({
  id: ID,
  version: 1,
  entity: 'provider',
  title: { nl: 'Onmogelijk veel uren per dag', en: 'Impossible hours per day' },
  condition: {
    nl: 'Eén zzp\'er of informele zorgverlener declareert op één kalenderdag, over alle budgethouders samen, meer dan 24 uur, of heeft in een maand 5 of meer dagen van 16 uur of meer (standaardwaarden).',
    en: 'One self-employed or informal caregiver declares more than 24 hours on one calendar day across all budget holders, or has 5 or more days of 16 hours or more in one month (default values).',
  },
  rationale: {
    nl: 'Eén persoon kan niet meer dan 24 uur per dag werken; zulke uren zijn niet geleverd of door anderen onder zijn naam gewerkt. Instellingen tellen niet mee, omdat hun uren door veel medewerkers worden gemaakt. Let op: een invoerfout of een zzp\'er die anderen onder zijn nummer laat declareren geeft hetzelfde beeld.',
    en: 'One person cannot work more than 24 hours a day, so such hours were not delivered or were worked by others under this name. Institutions are excluded because many employees make their hours. Caveat: a keying error, or a self-employed caregiver who lets others bill under their number, looks the same.',
  },
  source:
    'HHS-OIG OEI-07-06-00621, "Personal care services in excess of 24 hours per day" (https://archive.org/download/us-inspectors-general.bulk/us-inspectors-general.bulk.zip); Fang & Gong, American Economic Review 2017, impossible-day billing (https://studylib.net/doc/11225351/)',
  requires: [
    { file: 'declaraties', columns: ['zorgdatum', 'uren'] },
    { file: 'zorgverleners', columns: ['soort'] },
  ],
  params,
  defaultWeight: 0.6,
  holderConcern: true,
  compute(ds, p) {
    const t = ds.declarations;
    const signals: Signal[] = [];
    let caregivers = 0;
    let caregiverDays = 0;
    let institutionsSkipped = 0;
    for (let pi = 0; pi < ds.providers.length; pi++) {
      // An institution's hours are many people's; summing them per day says nothing.
      if (ds.providers[pi].soort === 'instelling') {
        institutionsSkipped++;
        continue;
      }
      const days = sumHoursPerDay(t, ds.byProvider[pi]);
      if (days.count === 0) continue;
      caregivers++;
      caregiverDays += days.count;
      const over = overDaySignal(ds, pi, days, p.maxHoursPerDay);
      if (over) signals.push(over);
      const long = longDaysSignal(ds, pi, days, p.longDayHours, p.longDaysPerMonth);
      if (long) signals.push(long);
    }
    signals.sort(compareSignals);
    return {
      signals,
      stats: { caregivers, caregiver_days: caregiverDays, institutions_skipped: institutionsSkipped },
    };
  },
});
