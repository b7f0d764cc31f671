// Per budget holder of one provider: declared hours and amounts per month, this provider's and all
// providers' together, against the indication (hours per week) and the budget spread over its months.
// A declaration counts in the month its care (or care period) starts.
import type { IngestedData } from '../model/dataset.js';
import { formatDay, monthIndex, monthIndexLabel, type DayNumber } from '../model/dates.js';

export interface MonthRow {
  month: string;
  hoursProvider: number;
  hoursAll: number;
  /** indicatie_uren_per_week over the month's days; null without an indication. */
  indicationHours: number | null;
  amountProvider: number;
  amountAll: number;
  /** budget_bedrag over the months of the budget period; null for a month outside it. */
  budget: number | null;
}

export interface HolderTimeline {
  id: string;
  /** Named by one of the provider's signals. */
  inSignals: boolean;
  budgetBedrag: number;
  budgetStart: string;
  budgetEind: string | null;
  indicatieUrenPerWeek: number | null;
  months: MonthRow[];
}

const daysInMonth = (index: number) => new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The timelines of the provider's holders: those its signals name first, then by id; at most `limit`. */
export function holderTimelines(data: IngestedData, providerId: string, signalHolders: Set<string>, asOf: DayNumber, limit: number): { timelines: HolderTimeline[]; notShown: number } {
  const t = data.declarations;
  const p = data.providers.findIndex((x) => x.id === providerId);
  if (p < 0) return { timelines: [], notShown: 0 };
  const mine = new Set<number>();
  for (let r = 0; r < t.length; r++) if (t.provider[r] === p) mine.add(t.holder[r]);
  const order = [...mine].sort((a, b) => {
    const sa = signalHolders.has(data.holders[a].id) ? 0 : 1;
    const sb = signalHolders.has(data.holders[b].id) ? 0 : 1;
    const ia = data.holders[a].id;
    const ib = data.holders[b].id;
    return sa - sb || (ia < ib ? -1 : ia > ib ? 1 : 0);
  });
  const shown = order.slice(0, limit);
  const rows = new Map(shown.map((h) => [h, new Map<number, MonthRow>()]));
  for (let r = 0; r < t.length; r++) {
    const months = rows.get(t.holder[r]);
    if (months === undefined) continue;
    const m = monthIndex(t.periodStart[r]);
    let row = months.get(m);
    if (row === undefined) months.set(m, (row = { month: monthIndexLabel(m), hoursProvider: 0, hoursAll: 0, indicationHours: null, amountProvider: 0, amountAll: 0, budget: null }));
    const hours = Number.isFinite(t.hours[r]) ? t.hours[r] : 0;
    row.hoursAll += hours;
    row.amountAll += t.amount[r];
    if (t.provider[r] === p) {
      row.hoursProvider += hours;
      row.amountProvider += t.amount[r];
    }
  }
  const timelines = shown.map((h): HolderTimeline => {
    const holder = data.holders[h];
    const first = monthIndex(holder.budgetStart);
    const last = monthIndex(holder.budgetEind ?? asOf);
    const budgetMonths = Math.max(1, last - first + 1);
    const months = [...rows.get(h)!.entries()]
      .sort(([a], [b]) => a - b)
      .map(([m, row]) => ({
        ...row,
        hoursProvider: round2(row.hoursProvider),
        hoursAll: round2(row.hoursAll),
        amountProvider: round2(row.amountProvider),
        amountAll: round2(row.amountAll),
        indicationHours: holder.indicatieUrenPerWeek === null ? null : round2((holder.indicatieUrenPerWeek * daysInMonth(m)) / 7),
        budget: m >= first && m <= last ? round2(holder.budgetBedrag / budgetMonths) : null,
      }));
    return {
      id: holder.id,
      inSignals: signalHolders.has(holder.id),
      budgetBedrag: holder.budgetBedrag,
      budgetStart: formatDay(holder.budgetStart),
      budgetEind: holder.budgetEind === null ? null : formatDay(holder.budgetEind),
      indicatieUrenPerWeek: holder.indicatieUrenPerWeek,
      months,
    };
  });
  return { timelines, notShown: order.length - shown.length };
}
