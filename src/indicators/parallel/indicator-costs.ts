// Which indicators the indicator worker thread runs and which the main thread does: a fixed split by
// measured cost, so the outputs never depend on which thread ran what, and both threads finish at
// about the same time.

/**
 * Relative cost of each indicator: CPU milliseconds in a 1M-row national scan (benchdata national-1),
 * run in registry order on one thread, so a derivation that rules share (oncePerDataset) counts with
 * the first rule that needs it. Revise these when a rule gets cheaper or dearer; an indicator not
 * listed counts as DEFAULT_COST.
 */
export const INDICATOR_COSTS: Readonly<Record<string, number>> = {
  'bulk-submission': 50,
  'care-after-death': 1,
  'care-during-absence': 10,
  'care-shortfall-neglect': 75,
  'co-residence-cluster': 45,
  'declared-exceeds-contract': 160,
  'family-contract-intensity': 50,
  'flat-template-billing': 20,
  'impossible-day-hours': 90,
  'new-provider-rapid-intake': 30,
  'out-of-region-inflow': 65,
  'outside-entitlement': 85,
  'overlapping-care-sessions': 130,
  'phoenix-provider': 65,
  'representative-hub': 45,
  'shared-iban': 2,
  'tariff-outlier': 145,
  'warning-register-match': 10,
};

/**
 * Indicators that share a dearer derivation (oncePerDataset: the agreement each row names, the
 * intakes of each provider) run on one thread, so it is computed once.
 */
export const RUN_TOGETHER: readonly (readonly string[])[] = [
  ['declared-exceeds-contract', 'family-contract-intensity'],
  ['new-provider-rapid-intake', 'out-of-region-inflow'],
];

const DEFAULT_COST = 50;

/**
 * The ids (a subset of `ids`) the worker thread runs. Units (an indicator, or those of `ids` that
 * RUN_TOGETHER) dearest first, equal costs by first id, each go to the thread with less work so far,
 * the main thread on a tie: the split depends only on which ids run and on the tables, never on
 * timing. Neither thread starts ahead: with the holders and providers sent ahead, the worker's CPU
 * for the indicator phase at 1M rows is the main thread's (510-540 ms against 480-530 ms).
 */
export function workerShare(ids: readonly string[]): Set<string> {
  const cost = (id: string) => INDICATOR_COSTS[id] ?? DEFAULT_COST;
  const units: Array<{ ids: string[]; cost: number }> = [];
  const grouped = new Set<string>();
  for (const group of RUN_TOGETHER) {
    const present = group.filter((id) => ids.includes(id)).sort();
    if (present.length === 0) continue;
    for (const id of present) grouped.add(id);
    units.push({ ids: present, cost: present.reduce((a, id) => a + cost(id), 0) });
  }
  for (const id of ids) if (!grouped.has(id)) units.push({ ids: [id], cost: cost(id) });
  units.sort((a, b) => b.cost - a.cost || (a.ids[0] < b.ids[0] ? -1 : a.ids[0] > b.ids[0] ? 1 : 0));
  let main = 0;
  let worker = 0;
  const share = new Set<string>();
  for (const unit of units) {
    if (worker < main) {
      for (const id of unit.ids) share.add(id);
      worker += unit.cost;
    } else main += unit.cost;
  }
  return share;
}
