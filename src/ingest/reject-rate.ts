import type { UnhashedReport } from './input-report.js';

/** Inputs whose share of rejected rows is above the limit; unmatched rows (people outside the export) do not count. */
export function overRejectRate(result: { inputs: UnhashedReport[] }, limit: number): string[] {
  return result.inputs
    .map((i) => ({ i, rows: i.rowsRead - i.rowsUnmatched }))
    .filter(({ i, rows }) => rows > 0 && i.rowsRejected / rows > limit)
    .map(({ i, rows }) => `${i.display}: ${i.rowsRejected} of ${rows} rows rejected (${((100 * i.rowsRejected) / rows).toFixed(1)}%)`);
}
