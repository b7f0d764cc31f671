// Plain re-statements of the eight indicator conditions over a read-back export, so the
// tests can say which providers and holders would trip them without the scan's code.
import { monthIndex } from '../../../src/model/dates.js';
import type { ExportData } from './read-export.js';

// Loops, not Math.max(...xs): a national export has a million values, beyond the argument limit.
const maxOf = (values: Iterable<number>, start = 0) => {
  let m = start;
  for (const v of values) if (v > m) m = v;
  return m;
};

const people = (data: ExportData) => new Set(data.providers.filter((p) => p.soort !== 'instelling').map((p) => p.id));

/** Hours per personal carer per calendar day, over all holders. */
export function caregiverDays(data: ExportData): Map<string, Map<number, number>> {
  const carers = people(data);
  const out = new Map<string, Map<number, number>>();
  for (const d of data.declarations) {
    if (d.day === null || !carers.has(d.provider)) continue;
    if (!out.has(d.provider)) out.set(d.provider, new Map());
    const days = out.get(d.provider)!;
    days.set(d.day, (days.get(d.day) ?? 0) + d.hours);
  }
  return out;
}

export function maxDayHours(days: Map<number, number>): number {
  return maxOf(days.values());
}

/** Most days of >= `hours` in one calendar month. */
export function maxLongDaysInMonth(days: Map<number, number>, hours = 16): number {
  const perMonth = new Map<number, number>();
  for (const [d, h] of days) if (h >= hours) perMonth.set(monthIndex(d), (perMonth.get(monthIndex(d)) ?? 0) + 1);
  return maxOf(perMonth.values());
}

/** Providers whose IBAN key is shared with a provider of another KvK number. */
export function sharedIbanProviders(data: ExportData): Set<string> {
  const byIban = new Map<string, typeof data.providers>();
  for (const p of data.providers) byIban.set(p.iban, [...(byIban.get(p.iban) ?? []), p]);
  const out = new Set<string>();
  for (const group of byIban.values()) {
    const firms = new Set(group.map((p) => p.kvk || `own:${p.id}`));
    if (firms.size >= 2) group.forEach((p) => out.add(p.id));
  }
  return out;
}

function holdersOfProvider(data: ExportData): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of data.declarations) {
    if (!out.has(d.provider)) out.set(d.provider, new Set());
    out.get(d.provider)!.add(d.holder);
  }
  return out;
}

/** Providers with >= 3 of their holders at one address, or >= 2 at the provider's own address. */
export function coResidenceProviders(data: ExportData): Set<string> {
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const out = new Set<string>();
  const ofProvider = holdersOfProvider(data);
  for (const p of data.providers) {
    const count = new Map<string, number>();
    for (const h of ofProvider.get(p.id) ?? []) {
      const a = holders.get(h)!.address;
      count.set(a, (count.get(a) ?? 0) + 1);
    }
    for (const [a, n] of count) if (n >= 3 || (a === p.address && n >= 2)) out.add(p.id);
  }
  return out;
}

/** Providers with one representative for >= 3 of their holders, or a representative that is the provider. */
export function representativeHubProviders(data: ExportData): Set<string> {
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const out = new Set<string>();
  const ofProvider = holdersOfProvider(data);
  for (const p of data.providers) {
    const count = new Map<string, number>();
    for (const h of ofProvider.get(p.id) ?? []) {
      const rep = holders.get(h)!.rep;
      if (!rep) continue;
      if (rep === p.id || rep === p.kvk || rep === p.agb) out.add(p.id);
      count.set(rep, (count.get(rep) ?? 0) + 1);
    }
    for (const n of count.values()) if (n >= 3) out.add(p.id);
  }
  return out;
}

export function asOf(data: ExportData): number {
  return maxOf(data.declarations.map((d) => d.periodEnd), Number.NEGATIVE_INFINITY);
}

/** Declared inside the budget period (care date = day or period start) / budget_bedrag. */
export function budgetUse(data: ExportData): Map<string, number> {
  const end = asOf(data);
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const declared = new Map<string, number>();
  for (const d of data.declarations) {
    const h = holders.get(d.holder)!;
    if (d.periodStart >= h.start && d.periodStart <= (h.eind ?? end)) declared.set(h.id, (declared.get(h.id) ?? 0) + d.amount);
  }
  return new Map(data.holders.map((h) => [h.id, (declared.get(h.id) ?? 0) / h.budget]));
}

/** Coefficient of variation of monthly amounts per (provider, holder), for pairs with >= 6 months. */
export function monthlyCv(data: ExportData): { provider: string; holder: string; months: number; cv: number }[] {
  const sums = new Map<string, Map<number, number>>();
  for (const d of data.declarations) {
    const key = `${d.provider}|${d.holder}`;
    if (!sums.has(key)) sums.set(key, new Map());
    const m = sums.get(key)!;
    const month = monthIndex(d.periodStart);
    m.set(month, (m.get(month) ?? 0) + d.amount);
  }
  const out = [];
  for (const [key, months] of sums) {
    if (months.size < 6) continue;
    const values = [...months.values()];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const [provider, holder] = key.split('|');
    out.push({ provider, holder, months: months.size, cv: sd / mean });
  }
  return out;
}

/** Holders with care before budget_start or after budget_eind. */
export function outsideBudgetHolders(data: ExportData): Set<string> {
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const out = new Set<string>();
  for (const d of data.declarations) {
    const h = holders.get(d.holder)!;
    if (d.periodStart < h.start || (h.eind !== null && d.periodEnd > h.eind)) out.add(h.id);
  }
  return out;
}

/** Holders with care dated after their death (care on the day itself is fine). */
export function afterDeathHolders(data: ExportData): Set<string> {
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const out = new Set<string>();
  for (const d of data.declarations) {
    const h = holders.get(d.holder)!;
    if (h.death !== null && d.periodEnd > h.death) out.add(h.id);
  }
  return out;
}

function quantile(sorted: number[], p: number): number {
  // Same rule as simple-statistics quantileSorted: the value at ceil(n*p)-1, averaged at whole indices.
  const idx = sorted.length * p;
  if (p === 1) return sorted[sorted.length - 1];
  if (p === 0) return sorted[0];
  if (idx % 1 !== 0) return sorted[Math.ceil(idx) - 1];
  if (sorted.length % 2 === 0) return (sorted[idx - 1] + sorted[idx]) / 2;
  return sorted[idx];
}

/** Providers whose median hourly rate lies above Q3 + 1.5 IQR in a peer group of >= 10 (voorziening x soort). */
export function tariffOutliers(data: ExportData): { provider: string; group: string; n: number }[] {
  const holders = new Map(data.holders.map((h) => [h.id, h]));
  const providers = new Map(data.providers.map((p) => [p.id, p]));
  const rates = new Map<string, Map<string, number[]>>();
  for (const d of data.declarations) {
    if (!(d.hours > 0 && d.amount > 0)) continue;
    const group = `${holders.get(d.holder)!.voorziening}x${providers.get(d.provider)!.soort}`;
    if (!rates.has(group)) rates.set(group, new Map());
    const g = rates.get(group)!;
    g.set(d.provider, [...(g.get(d.provider) ?? []), d.amount / d.hours]);
  }
  const out = [];
  for (const [group, byProvider] of rates) {
    if (byProvider.size < 10) continue;
    const medians = new Map([...byProvider].map(([p, r]) => [p, quantile([...r].sort((a, b) => a - b), 0.5)]));
    const sorted = [...medians.values()].sort((a, b) => a - b);
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    if (q3 - q1 === 0) continue;
    for (const [p, m] of medians) if (m > q3 + 1.5 * (q3 - q1)) out.push({ provider: p, group, n: byProvider.size });
  }
  return out;
}
