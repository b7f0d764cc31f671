import type { Dataset } from '../model/dataset.js';
import type { BudgetHolder } from '../model/types.js';

// One definition of "the budget period" for every indicator that weighs declarations against a budget.

/** budget_eind, or the as-of date for an open-ended budget (it is measured up to the scan). */
export function budgetPeriodEnd(holder: BudgetHolder, asOf: number): number {
  return holder.budgetEind ?? asOf;
}

/** A declaration belongs to the period by the day its care starts (periodStart: the care day of a daily row). */
export function inBudgetPeriod(holder: BudgetHolder, asOf: number, careStart: number): boolean {
  return careStart >= holder.budgetStart && careStart <= budgetPeriodEnd(holder, asOf);
}

/** Euros declared for holder index h, by all providers, within the budget period. */
export function declaredInBudgetPeriod(ds: Dataset, h: number, asOf: number): number {
  const t = ds.declarations;
  const holder = ds.holders[h];
  let sum = 0;
  for (const r of ds.byHolder[h]) if (inBudgetPeriod(holder, asOf, t.periodStart[r])) sum += t.amount[r];
  return sum;
}
