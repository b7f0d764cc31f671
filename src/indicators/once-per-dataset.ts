import type { Dataset } from '../model/dataset.js';

/**
 * `derive` wrapped so that it runs once per dataset object: what several rules need (the agreement a row
 * names, the month of each care day, the intakes of each provider) is computed by the first rule that asks.
 * A cache, not state: the dataset is read-only, so the result is what `derive` would give on every call,
 * and a WeakMap lets it go with the dataset. Each thread builds its own dataset, so each has its own entry.
 * The result is shared between rules: it must be treated as read-only (the types say so where they can).
 */
export function oncePerDataset<T>(derive: (ds: Dataset) => T): (ds: Dataset) => T {
  const memo = new WeakMap<Dataset, T>();
  return (ds) => {
    if (memo.has(ds)) return memo.get(ds) as T;
    const value = derive(ds);
    memo.set(ds, value);
    return value;
  };
}
