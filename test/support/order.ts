// Checks that a rule's findings do not depend on the order of the input rows: the same keys, numbers and
// evidence ids for any order of holders, providers and declarations (lines move with the order; ids do not).
import fc from 'fast-check';
import { expect } from 'vitest';
import type { IndicatorDefinition } from '../../src/indicators/define.js';
import type { Dataset } from '../../src/model/dataset.js';
import { makeDataset, type FixtureSpec } from './fixture.js';
import { runRule } from './indicator.js';

function summary(ind: IndicatorDefinition, ds: Dataset, params: Record<string, unknown>) {
  return runRule(ind, ds, params).signals.map((s) => ({
    key: s.key,
    observed: s.observed,
    strength: s.strength,
    amount: s.amount,
    holders: s.holders,
    ids: s.evidence.map((e) => `${e.file}:${e.id}`).sort(),
  }));
}

const permutation = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

/** Asserts the findings on `spec` are the same for every order of its rows; `build` may add to the dataset. */
export function expectOrderFree(
  ind: IndicatorDefinition,
  spec: FixtureSpec,
  { build = makeDataset, params = {}, numRuns = 25 }: { build?: (spec: FixtureSpec) => Dataset; params?: Record<string, unknown> } & { numRuns?: number } = {},
): void {
  const expected = summary(ind, build(spec), params);
  expect(expected.length, 'the population should fire').toBeGreaterThan(0);
  fc.assert(
    fc.property(permutation(spec.holders), permutation(spec.providers), permutation(spec.declarations), (holders, providers, declarations) => {
      expect(summary(ind, build({ ...spec, holders, providers, declarations }), params)).toEqual(expected);
    }),
    { numRuns },
  );
}
