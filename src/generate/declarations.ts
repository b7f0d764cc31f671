import type { DayNumber } from '../model/dates.js';
import { weekday } from './calendar.js';
import type { CsvSink } from './csv-sink.js';
import type { ValueFormatter } from './dialect-format.js';
import { idWidth, paddedId } from './ids.js';
import type { Prng } from './prng.js';
import { LATEST_END, round2, type GenHolder, type Plan, type World } from './world.js';

export const DECLARATION_COLUMNS = [
  'declaratie_id',
  'budgethouder_id',
  'zorgverlener_id',
  'zorgovereenkomst_id',
  'overeenkomst_soort',
  'zorgdatum',
  'periode_start',
  'periode_eind',
  'begintijd',
  'eindtijd',
  'uren',
  'tarief',
  'bedrag',
  'ingediend_op',
] as const;

/** An upper bound on the rows a plan can produce, so declaration ids get one width before writing. */
function maxRows(world: World, plan: Plan): number {
  const days = Math.max(0, plan.end - plan.start + 1);
  if (plan.style === 'monthly') return world.cal.months;
  const perDay = Math.max(1, ...plan.byWeekday.map((s) => s.length));
  return days * perDay + plan.provider.overrides.size;
}

/** Only care dated inside the budget period counts toward its use (as outside-entitlement reads it). */
function addSpend(h: GenHolder, careDay: DayNumber, amount: number): void {
  if (careDay >= h.budgetStart && (h.budgetEind === null || careDay <= h.budgetEind)) h.spend += amount;
}

/**
 * Streams declarations month by month, plan by plan: memory holds the plans, never the
 * rows. Each holder's in-period spend is summed on the way, to set budget_bedrag after.
 */
export function writeDeclarations(world: World, plans: readonly Plan[], sink: CsvSink, fmt: ValueFormatter, rng: Prng): void {
  const { cal } = world;
  const width = idWidth(plans.reduce((n, p) => n + maxRows(world, p), 0), 8);
  let n = 0;
  const row = new Array<string>(DECLARATION_COLUMNS.length).fill('');
  const emit = (plan: Plan, tariff: string) => {
    row[0] = paddedId('D', ++n, width);
    row[1] = plan.holder.id;
    row[2] = plan.provider.id;
    row[3] = plan.contractId;
    row[4] = plan.agreement;
    row[11] = tariff;
    sink.plainRow(row);
  };
  const tariffs = plans.map((p) => fmt.amount(p.tarief));
  const withTime = world.scenario.submissionTimes;
  /** The submission moment of a plan's month: the provider's batch, else a day `after` the care and, with times, a minute of its own. */
  const submitted = (plan: Plan, m: number, careEnd: DayNumber, after: number): string => {
    const batch = withTime ? plan.provider.batches.get(m) : undefined;
    if (batch) return fmt.dateTime(batch.day, batch.minute);
    const d = careEnd + rng.int(1, after);
    return withTime ? fmt.dateTime(d, rng.int(7 * 60, 23 * 60)) : fmt.day(d);
  };

  for (let m = 0; m < cal.months; m++) {
    const monthStart = cal.monthStart[m];
    const monthEnd = cal.monthEnd[m];
    const monthDays = monthEnd - monthStart + 1;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i];
      const lo = Math.max(monthStart, plan.start);
      const hi = Math.min(monthEnd, plan.end);
      if (lo > hi) continue;
      if (plan.style === 'monthly') {
        const hours = plan.flat
          ? plan.flat.hours
          : Math.max(0.25, Math.round(((plan.monthlyHours * plan.factors[m] * (hi - lo + 1)) / monthDays) * 4) / 4);
        const amount = plan.flat ? plan.flat.amount : round2(hours * plan.tarief);
        row[5] = '';
        row[6] = fmt.day(lo);
        row[7] = fmt.day(hi);
        row[8] = '';
        row[9] = '';
        row[10] = fmt.hours(plan.hoursShare ? Math.max(0.25, Math.round(hours * plan.hoursShare[m] * 4) / 4) : hours);
        row[12] = fmt.amount(amount);
        row[13] = submitted(plan, m, hi, 15);
        emit(plan, tariffs[i]);
        addSpend(plan.holder, lo, amount);
        continue;
      }
      // Daily care is declared in one batch a few days after the month (or the care) ends.
      row[13] = submitted(plan, m, hi, 12);
      row[6] = '';
      row[7] = '';
      const show = Math.min(1, Math.max(0.05, plan.showRate * plan.factors[m]));
      const overrides = plan.provider.overrides;
      // The month's share of scheduled shifts is fixed (selection sampling), so the month
      // factor shows in the amounts even for a client seen once a week.
      let slots = 0;
      const anyFixed = overrides.size > 0;
      for (let d = lo; d <= hi; d++) if (!anyFixed || !overrides.has(d)) slots += plan.byWeekday[weekday(d)].length;
      let keep = Math.round(slots * show);
      for (let d = lo; d <= hi; d++) {
        const fixed = anyFixed ? overrides.get(d) : undefined;
        const shifts = fixed ? (fixed.get(plan) ?? []) : plan.byWeekday[weekday(d)];
        for (const s of shifts) {
          let minutes = s.minutes;
          if (!fixed) {
            const take = rng.next() * slots < keep;
            slots--;
            if (!take) continue;
            keep--;
            const j = rng.next();
            if (j < 0.15 && minutes > 45) minutes -= 15;
            else if (j > 0.85 && s.begin + minutes + 15 <= LATEST_END) minutes += 15;
          }
          const hours = minutes / 60;
          const amount = round2(hours * plan.tarief);
          row[5] = fmt.day(d);
          row[8] = fmt.time(s.begin);
          row[9] = fmt.time(s.begin + minutes);
          row[10] = fmt.hours(hours);
          row[12] = fmt.amount(amount);
          emit(plan, tariffs[i]);
          addSpend(plan.holder, d, amount);
        }
      }
    }
  }
}
