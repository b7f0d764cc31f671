// Which indicators the indicator worker thread runs and which the main thread does: a fixed split by
// measured cost, so the outputs never depend on which thread ran what, and both threads finish at
// about the same time.

/**
 * Relative cost of each indicator: milliseconds of one 1M-row national scan (benchdata national-1,
 * debug log "indicator done" times). Revise these when a rule gets cheaper or dearer; an indicator
 * not listed counts as DEFAULT_COST.
 */
export const INDICATOR_COSTS: Readonly<Record<string, number>> = {
  'bulk-submission': 110,
  'care-after-death': 4,
  'care-during-absence': 4,
  'care-shortfall-neglect': 110,
  'co-residence-cluster': 18,
  'declared-exceeds-contract': 240,
  'family-contract-intensity': 180,
  'flat-template-billing': 14,
  'impossible-day-hours': 100,
  'new-provider-rapid-intake': 60,
  'out-of-region-inflow': 80,
  'outside-entitlement': 15,
  'overlapping-care-sessions': 90,
  'phoenix-provider': 11,
  'representative-hub': 45,
  'shared-iban': 5,
  'tariff-outlier': 80,
  'warning-register-match': 15,
};

const DEFAULT_COST = 50;

/**
 * What the worker thread spends before its first indicator that the main thread does not: taking
 * the small tables (holders, providers, contracts: copied, not shared) apart. Measured at 1M rows
 * as the worker's CPU beyond the main thread's with the same share.
 */
const WORKER_START_COST = 40;

/**
 * The ids (a subset of `ids`) the worker thread runs. Dearest first (equal costs by id), each goes
 * to the thread with less work so far (the worker's start counted), the main thread on a tie: the
 * split depends only on which ids run and on the table, never on timing.
 */
export function workerShare(ids: readonly string[]): Set<string> {
  const cost = (id: string) => INDICATOR_COSTS[id] ?? DEFAULT_COST;
  const byCost = [...ids].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : a > b ? 1 : 0));
  let main = 0;
  let worker = WORKER_START_COST;
  const share = new Set<string>();
  for (const id of byCost) {
    if (worker < main) {
      share.add(id);
      worker += cost(id);
    } else main += cost(id);
  }
  return share;
}
