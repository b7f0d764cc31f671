import type { Dataset } from '../model/dataset.js';

/** The memos of derivations that name the indicators using them, so that they can be let go after the last. */
const released: Array<{ usedBy: readonly string[]; memo: WeakMap<Dataset, unknown> }> = [];

/**
 * `derive` wrapped so that it runs once per dataset object: what several rules need (the agreement a row
 * names, the month of each care day, the intakes of each provider) is computed by the first rule that asks.
 * A cache, not state: the dataset is read-only, so the result is what `derive` would give on every call,
 * and a WeakMap lets it go with the dataset. Each thread builds its own dataset, so each has its own entry.
 * The result is shared between rules: it must be treated as read-only (the types say so where they can).
 * `usedBy`, the ids of the indicators that call it, lets forgetDerivations drop a large result once none of
 * them is still to run (a rule not named there still gets the right answer, computed again).
 */
export function oncePerDataset<T>(derive: (ds: Dataset) => T, usedBy?: readonly string[]): (ds: Dataset) => T {
  const memo = new WeakMap<Dataset, T>();
  if (usedBy !== undefined) released.push({ usedBy, memo });
  return (ds) => {
    if (memo.has(ds)) return memo.get(ds) as T;
    const value = derive(ds);
    memo.set(ds, value);
    return value;
  };
}

/**
 * Lets go of ds's derivations whose indicators (their `usedBy`) are none of `toRun`: the dataset lives on
 * through scoring and the outputs, and at 10 million rows the agreement of each row and the intakes of
 * each provider are about 80 MiB that nothing after their indicators reads.
 */
export function forgetDerivations(ds: Dataset, toRun: ReadonlySet<string>): void {
  for (const { usedBy, memo } of released) if (!usedBy.some((id) => toRun.has(id))) memo.delete(ds);
}
