import type { Dataset } from '../model/dataset.js';
import { NO_DAY, dayFromParts, monthIndex, type DayNumber } from '../model/dates.js';
import type { Provider } from '../model/types.js';
import { daysInMonth, firstDayOfMonth, monthOfDay } from './calendar.js';
import { oncePerDataset } from './once-per-dataset.js';

// "Intake" (a provider taking in a budget holder), shared by the rules that look at how a provider grows:
// new-provider-rapid-intake and out-of-region-inflow must count the same holders the same way.

/** One holder taken in by one provider. */
export interface Intake {
  /** Holder index. */
  holder: number;
  /** The agreement's start when known, else the first care day with this provider. */
  day: DayNumber;
  /** Index into ds.contracts of the agreement that dates the intake, or -1 when the first care dates it. */
  contract: number;
  /** The holder's first declaration row with this provider. */
  firstRow: number;
}

/**
 * The same day of the month n months later (n may be negative), clamped to the month's last day.
 * Integer calendar arithmetic, no Date: rules call it per intake and per provider.
 */
export function monthsLater(day: DayNumber, n: number): DayNumber {
  const month = monthOfDay(day);
  const target = month + n;
  return firstDayOfMonth(target) + Math.min(day - firstDayOfMonth(month), daysInMonth(target) - 1);
}

/** Whole calendar months from a to b (0 when b is before a month has passed; negative when b < a). */
export function wholeMonthsBetween(a: DayNumber, b: DayNumber): number {
  let n = monthOfDay(b) - monthOfDay(a);
  if (n > 0 && monthsLater(a, n) > b) n--;
  else if (n < 0 && monthsLater(a, n) < b) n++;
  return n;
}

/**
 * An institution with a KvK registration of at least `years` years on `day` and an AGB code: the legitimate
 * look-alike of a provider that grows fast (a new location, a month's batch of residents).
 */
export function isEstablishedInstitution(p: Provider, day: DayNumber, years: number): boolean {
  return p.soort === 'instelling' && p.agbCode !== null && p.kvkStartdatum !== null && monthsLater(p.kvkStartdatum, 12 * years) <= day;
}

/**
 * The month (as monthIndex) the export starts in: the earliest month of care holding at least a quarter of the
 * median month's rows. A few late corrections for care before the export's period would otherwise move its
 * start back, and the whole caseload of its real first month would count as intake. A first month cut short
 * (an export from the 25th) may be passed over; its holders then still count as existing, being earlier.
 * Null without rows.
 */
export function exportFirstMonth(ds: Dataset): number | null {
  const t = ds.declarations;
  if (t.length === 0) return null;
  let lo = t.periodStart[0];
  let hi = lo;
  for (let r = 1; r < t.length; r++) {
    const d = t.periodStart[r];
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  // Counted per day first: one Date per distinct day, not per row.
  const perDay = new Int32Array(hi - lo + 1);
  for (let r = 0; r < t.length; r++) perDay[t.periodStart[r] - lo]++;
  const perMonth = new Map<number, number>();
  for (let i = 0; i < perDay.length; i++) {
    if (perDay[i] === 0) continue;
    const m = monthIndex(lo + i);
    perMonth.set(m, (perMonth.get(m) ?? 0) + perDay[i]);
  }
  const counts = [...perMonth.values()].sort((a, b) => a - b);
  const median = counts[counts.length >> 1];
  let first = Infinity;
  for (const [m, n] of perMonth) if (n * 4 >= median && m < first) first = m;
  return first;
}

/**
 * Returns a function giving the intakes of provider index p, by day then holder. Building it costs a pass
 * over the declarations and the agreements; each provider's intakes cost its own holders, once per dataset:
 * the rules that ask share them, so neither the list nor its intakes may be changed.
 */
export const intakeFinder: (ds: Dataset) => (p: number) => readonly Readonly<Intake>[] = oncePerDataset((ds) => {
  const t = ds.declarations;
  const firstMonth = exportFirstMonth(ds);
  const firstMonthStart = firstMonth === null ? NO_DAY : dayFromParts(Math.floor(firstMonth / 12), (firstMonth % 12) + 1, 1)!;
  const secondMonthStart = firstMonth === null ? NO_DAY : monthsLater(firstMonthStart, 1);

  // Earliest agreement start per holder and provider; an agreement without a start dates nothing.
  const providers = ds.providers.length;
  const agreement = new Map<number, number>();
  (ds.contracts ?? []).forEach((c, i) => {
    if (c.start === null) return;
    const key = c.holder * providers + c.provider;
    const known = agreement.get(key);
    if (known === undefined || c.start < ds.contracts![known].start!) agreement.set(key, i);
  });
  const contractStart = Int32Array.from(ds.contracts ?? [], (c) => c.start ?? NO_DAY);

  // Each holder's first row with each of its providers, found per holder (its rows lie close together in an
  // export, a provider's are spread over all of it), stored per provider in the order of holdersOfProvider.
  const pairFrom = new Int32Array(providers + 1);
  for (let p = 0; p < providers; p++) pairFrom[p + 1] = pairFrom[p] + ds.holdersOfProvider[p].length;
  const pairFirstRow = new Int32Array(pairFrom[providers]);
  const pairFill = pairFrom.slice(0, providers);
  const slotOf = new Int32Array(providers).fill(-1);
  const holderProviders: number[] = [];
  const holderFirstRows: number[] = [];
  for (let h = 0; h < ds.holders.length; h++) {
    const rows = ds.byHolder[h];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const p = t.provider[r];
      const k = slotOf[p];
      if (k === -1) {
        slotOf[p] = holderProviders.length;
        holderProviders.push(p);
        holderFirstRows.push(r);
      } else if (t.periodStart[r] < t.periodStart[holderFirstRows[k]]) holderFirstRows[k] = r;
    }
    for (let k = 0; k < holderProviders.length; k++) {
      const p = holderProviders[k];
      pairFirstRow[pairFill[p]++] = holderFirstRows[k];
      slotOf[p] = -1;
    }
    holderProviders.length = 0;
    holderFirstRows.length = 0;
  }

  const intakesOf = (p: number): Intake[] => {
    const out: Intake[] = [];
    const holders = ds.holdersOfProvider[p];
    for (let i = 0; i < holders.length; i++) {
      const h = holders[i];
      const r = pairFirstRow[pairFrom[p] + i];
      const firstCare = t.periodStart[r];
      const c = agreement.size === 0 ? -1 : (agreement.get(h * providers + p) ?? -1);
      const start = c === -1 ? null : contractStart[c];
      // Care in the export's first month is a holder the provider already had, unless an agreement dates its
      // start inside the export: the export only starts there. Without an agreement the start cannot be told,
      // and counting the whole opening caseload as intake would flag every young provider's existing clients.
      if (firstCare < secondMonthStart && (start === null || start < firstMonthStart)) continue;
      out.push({ holder: h, day: start ?? firstCare, contract: c, firstRow: r });
    }
    out.sort((a, b) => a.day - b.day || a.holder - b.holder);
    return out;
  };
  const known: (Intake[] | undefined)[] = new Array(providers);
  return (p) => (known[p] ??= intakesOf(p));
}, ['new-provider-rapid-intake', 'out-of-region-inflow']);
