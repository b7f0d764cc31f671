import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { NO_DAY, formatDay, monthIndexLabel } from '../../model/dates.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import { careDaySpan, monthOfDay } from '../calendar.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Finding, type MessageTemplate } from '../define.js';

const messages = {
  overDay: {
    nl: 'Zorgverlener declareerde op {days_over} dag(en) meer dan {max_hours_per_day} uur zorg, over alle budgethouders samen; het hoogste was {max_hours} uur op {max_day} ({holders} budgethouders).',
    en: 'Caregiver declared more than {max_hours_per_day} hours of care on {days_over} day(s), over all budget holders together; the highest was {max_hours} hours on {max_day} ({holders} budget holders).',
    example: { days_over: 3, max_hours_per_day: 24, max_hours: 31.5, max_day: '2024-05-14', holders: 4 },
  },
  longDays: {
    nl: 'Zorgverlener declareerde in {months} maand(en) op {long_days_per_month} of meer dagen elk minstens {long_day_hours} uur; het meest in {month}: {max_long_days} zulke dagen (hoogste dag {max_hours} uur).',
    en: 'Caregiver declared at least {long_day_hours} hours a day on {long_days_per_month} or more days in {months} month(s); most in {month}: {max_long_days} such days (longest day {max_hours} hours).',
    example: { months: 2, long_days_per_month: 5, long_day_hours: 16, month: '2024-07', max_long_days: 9, max_hours: 20 },
  },
} satisfies Record<string, MessageTemplate>;

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

/**
 * Arrays for every caregiver in turn instead of new ones (or a Map) each: the slot per care day, indexed from
 * the first care day (a few thousand days), -1 when the day has none yet (sumHoursPerDay leaves it all -1
 * again), and the days, hours and row slots sized to the largest provider.
 */
interface Scratch {
  first: number;
  slot: Int32Array;
  day: Int32Array;
  hours: Float64Array;
  rowSlot: Int32Array;
}

function scratch(ds: Dataset): Scratch {
  const { first, last } = careDaySpan(ds);
  let max = 0;
  for (const rows of ds.byProvider) max = Math.max(max, rows.length);
  return {
    first,
    slot: new Int32Array(last >= first ? last - first + 1 : 0).fill(-1),
    day: new Int32Array(max),
    hours: new Float64Array(max),
    rowSlot: new Int32Array(max),
  };
}

/** The caregiver's days in the scratch arrays, valid until the next caregiver's. */
function sumHoursPerDay(t: DeclarationTable, rows: Int32Array, slots: Scratch): CaregiverDays {
  const slotOfDay = slots.slot;
  const day = slots.day;
  const hours = slots.hours;
  const rowSlot = slots.rowSlot;
  rowSlot.fill(-1, 0, rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = t.day[r];
    const h = t.hours[r];
    if (d === NO_DAY || Number.isNaN(h)) continue;
    // A daily row's day is its periodStart, so it lies within the care span.
    const at = d - slots.first;
    let slot = slotOfDay[at];
    if (slot === -1) {
      slot = count++;
      slotOfDay[at] = slot;
      day[slot] = d;
      hours[slot] = 0;
    }
    hours[slot] += h;
    rowSlot[i] = slot;
  }
  for (let s = 0; s < count; s++) slotOfDay[day[s] - slots.first] = -1;
  // Decimal hours carry binary noise (8.1 + 8.1 + 7.8 is not exactly 24); rounding to
  // micro-hours keeps a day of exactly 24.0 h at 24 so the strict "> 24" stays strict.
  for (let s = 0; s < count; s++) hours[s] = Math.round(hours[s] * 1e6) / 1e6;
  return { count, day, hours, rowSlot };
}

/**
 * Sums the hours of caregivers [k0, k1) per care day into their cells (span days each), in row order: a
 * caregiver's rows lie far apart in an export by month, and each day still adds its rows in row order, as
 * sumHoursPerDay does. A loop of its own, so that it is compiled for speed soon on its one call.
 */
function sumDaysOfBlock(t: DeclarationTable, caregiverAt: Int32Array, k0: number, k1: number, first: number, span: number, hoursOfDay: Float64Array, hasDay: Uint8Array): void {
  for (let r = 0; r < t.length; r++) {
    const k = caregiverAt[t.provider[r]];
    if (k < k0 || k >= k1) continue;
    const d = t.day[r];
    const h = t.hours[r];
    if (d === NO_DAY || Number.isNaN(h)) continue;
    // A daily row's day is its periodStart, so it lies within the care span.
    const at = (k - k0) * span + d - first;
    hoursOfDay[at] += h;
    hasDay[at] = 1;
  }
}

/** The days with care among one caregiver's cells, and whether one's hours (rounded as sumHoursPerDay does) reach a limit. */
function daysOf(hoursOfDay: Float64Array, hasDay: Uint8Array, from: number, span: number, maxHoursPerDay: number, longDayHours: number): { count: number; atALimit: boolean } {
  let count = 0;
  let atALimit = false;
  // A day more than a micro-hour under both limits stays under after rounding: most days skip the rounding.
  const clearlyUnder = Math.min(maxHoursPerDay, longDayHours) - 1e-5;
  for (let at = from; at < from + span; at++) {
    if (hasDay[at] === 0) continue;
    count++;
    if (hoursOfDay[at] < clearlyUnder) continue;
    const h = Math.round(hoursOfDay[at] * 1e6) / 1e6;
    if (!(h <= maxHoursPerDay) || !(h < longDayHours)) atALimit = true;
  }
  return { count, atALimit };
}

/**
 * Caregiver × day cells summed in one pass over the rows (9 MiB): a year of days for some 2,800 caregivers;
 * more are summed in blocks of this size, one pass over the rows each, up to ROW_ORDER_PASSES passes.
 */
const DAY_CELLS = 1 << 20;
const ROW_ORDER_PASSES = 2;

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

function overDaySignal(ds: Dataset, pi: number, days: CaregiverDays, max: number): Finding<'overDay'> | null {
  let any = false;
  for (let s = 0; s < days.count && !any; s++) any = !(days.hours[s] <= max);
  if (!any) return null;
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
    messageId: 'overDay',
    entity: { kind: 'provider', id },
    subject: {},
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
): Finding<'longDays'> | null {
  let any = false;
  for (let s = 0; s < days.count && !any; s++) any = !(days.hours[s] < longDayHours);
  if (!any) return null;
  // Months are derived only for long days.
  const slotMonth = new Int32Array(days.count).fill(-1);
  const longDaysInMonth = new Map<number, number>();
  for (let s = 0; s < days.count; s++) {
    if (days.hours[s] < longDayHours) continue;
    const m = monthOfDay(days.day[s]);
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
    messageId: 'longDays',
    entity: { kind: 'provider', id },
    subject: {},
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
  id: 'impossible-day-hours',
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
  whatToCheck: {
    nl: [
      'Roosters, werkbriefjes of urenregistratie van de zorgverlener op de genoemde dagen.',
      'Of anderen (collega\'s, familie, onderaannemers) onder dit nummer hebben gewerkt.',
      'Bij de budgethouders: wanneer en hoe lang de zorgverlener er werkelijk was.',
    ],
    en: [
      'The caregiver\'s rosters, time sheets or hour records on the days named.',
      'Whether others (colleagues, family, subcontractors) worked under this number.',
      'With the budget holders: when and for how long the caregiver was actually there.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een invoerfout: uren in plaats van minuten, een dubbel ingevoerde declaratie of een verkeerde datum.',
      'Een zorgverlener die als zzp\'er is geregistreerd maar een team inzet (dan hoort soort instelling).',
      'Een periode- of weekdeclaratie die op één zorgdatum is geboekt.',
    ],
    en: [
      'A keying error: hours for minutes, a declaration entered twice, or a wrong date.',
      'A provider registered as self-employed who deploys a team (then soort should be instelling).',
      'A period or week of care booked on a single care date.',
    ],
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
  messages,
  compute(ds, p) {
    const t = ds.declarations;
    const signals: Finding<keyof typeof messages>[] = [];
    let caregivers = 0;
    let caregiverDays = 0;
    let institutionsSkipped = 0;
    // An institution's hours are many people's; summing them per day says nothing.
    const caregiverAt = new Int32Array(ds.providers.length).fill(-1);
    const caregiverList: number[] = [];
    for (let pi = 0; pi < ds.providers.length; pi++) {
      if (ds.providers[pi].soort === 'instelling') institutionsSkipped++;
      else {
        caregiverAt[pi] = caregiverList.length;
        caregiverList.push(pi);
      }
    }
    const addSignals = (pi: number, days: CaregiverDays): void => {
      const over = overDaySignal(ds, pi, days, p.maxHoursPerDay);
      if (over) signals.push(over);
      const long = longDaysSignal(ds, pi, days, p.longDayHours, p.longDaysPerMonth);
      if (long) signals.push(long);
    };
    const { first, last } = careDaySpan(ds);
    const span = last >= first ? last - first + 1 : 0;
    const perBlock = Math.max(1, Math.floor(DAY_CELLS / Math.max(1, span)));
    if (caregiverList.length > ROW_ORDER_PASSES * perBlock) {
      // So many caregivers (tens of thousands in an export of millions of rows) that reading each one's own rows
      // costs less than a pass over all rows per block.
      const slots = scratch(ds);
      for (const pi of caregiverList) {
        const days = sumHoursPerDay(t, ds.byProvider[pi], slots);
        if (days.count === 0) continue;
        caregivers++;
        caregiverDays += days.count;
        addSignals(pi, days);
      }
    } else {
      // Hours per caregiver and care day, for a block of caregivers at a time (sumDaysOfBlock). Only a caregiver
      // with a day at a limit is read again, one at a time, for its signals.
      const cells = Math.min(caregiverList.length, perBlock) * span;
      const hoursOfDay = new Float64Array(cells);
      const hasDay = new Uint8Array(cells);
      let slots: Scratch | null = null;
      for (let k0 = 0; k0 < caregiverList.length; k0 += perBlock) {
        const k1 = Math.min(caregiverList.length, k0 + perBlock);
        if (k0 > 0) {
          hoursOfDay.fill(0);
          hasDay.fill(0);
        }
        sumDaysOfBlock(t, caregiverAt, k0, k1, first, span, hoursOfDay, hasDay);
        for (let k = k0; k < k1; k++) {
          const { count, atALimit } = daysOf(hoursOfDay, hasDay, (k - k0) * span, span, p.maxHoursPerDay, p.longDayHours);
          if (count === 0) continue;
          caregivers++;
          caregiverDays += count;
          if (!atALimit) continue;
          const pi = caregiverList[k];
          addSignals(pi, sumHoursPerDay(t, ds.byProvider[pi], (slots ??= scratch(ds))));
        }
      }
    }
    return {
      signals,
      stats: { caregivers, caregiver_days: caregiverDays, institutions_skipped: institutionsSkipped },
    };
  },
});
