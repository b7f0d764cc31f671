import { describe, expect, it } from 'vitest';
import type { Signal } from '../src/indicators/define.js';
import { combine, score, tierOf } from '../src/score/score.js';
import { makeDataset } from './support/fixture.js';

const ds = makeDataset({
  holders: [{ id: 'H1' }, { id: 'H2' }, { id: 'H3' }],
  providers: [{ id: 'P-A', naam: 'Alpha' }, { id: 'P-B', naam: 'Beta' }, { id: 'P-C' }],
  declarations: [
    { id: 'D1', holder: 'H1', provider: 'P-A', zorgdatum: '2025-01-02', uren: 2, bedrag: 100 },
    { id: 'D2', holder: 'H2', provider: 'P-A', zorgdatum: '2025-01-03', uren: 2, bedrag: 50 },
    { id: 'D3', holder: 'H3', provider: 'P-B', zorgdatum: '2025-01-03', uren: 2, bedrag: 70 },
    { id: 'D4', holder: 'H3', provider: 'P-C', zorgdatum: '2025-01-04', uren: 2, bedrag: 70 },
  ],
});

function sig(indicator: string, provider: string, lines: number[], extra: Partial<Signal> = {}): Signal {
  return {
    indicator,
    messageId: 'm',
    entity: { kind: 'provider', id: provider },
    provider,
    holders: [],
    amount: 0,
    strength: 1,
    observed: {},
    threshold: {},
    evidence: lines.map((line) => ({ file: 'declaraties.csv', line, id: `D${line - 1}` })),
    ...extra,
  };
}

const weights = { a: 0.6, b: 0.4, c: 0.25 };
const versions = { a: 1, b: 1, c: 1 };
const holderConcern = { a: true, b: false, c: false };
const tiers = { hoog: 60, midden: 35 };

describe('score', () => {
  it('combines points as 100 x (1 - prod(1 - p/100))', () => {
    expect(combine([60])).toBe(60);
    expect(combine([60, 40])).toBe(76);
    expect(combine([40, 40, 25])).toBe(73);
    expect(combine([])).toBe(0);
  });

  it('puts scores in tiers at the configured bounds', () => {
    expect(tierOf(60, tiers)).toBe('hoog');
    expect(tierOf(59.9, tiers)).toBe('midden');
    expect(tierOf(35, tiers)).toBe('midden');
    expect(tierOf(34.9, tiers)).toBe('laag');
  });

  it('counts an indicator once per provider, by its strongest signal', () => {
    const r = score(ds, {
      signals: [sig('a', 'P-A', [2], { strength: 0.5 }), sig('a', 'P-A', [3], { strength: 1 }), sig('b', 'P-A', [2])],
      weights,
      versions,
      holderConcern,
      tiers,
    });
    const p = r.providers[0];
    expect(p.providerId).toBe('P-A');
    expect(p.score).toBe(76);
    expect(p.indicators).toEqual(['a', 'b']);
    expect(p.signals.map((s) => s.contribution)).toEqual([60, 40, 0]);
    // D1 (line 2) is cited twice but counted once: 100 + 50.
    expect(p.amount).toBe(150);
  });

  it('breaks equal scores by provider id and ranks from 1', () => {
    const r = score(ds, { signals: [sig('c', 'P-C', [5]), sig('c', 'P-B', [4]), sig('a', 'P-A', [2])], weights, versions, holderConcern, tiers });
    expect(r.providers.map((p) => [p.rank, p.providerId, p.score, p.tier])).toEqual([
      [1, 'P-A', 60, 'hoog'],
      [2, 'P-B', 25, 'laag'],
      [3, 'P-C', 25, 'laag'],
    ]);
  });

  it('lists holders as concerns, with holder-level signals first', () => {
    const holderSignal: Signal = { ...sig('b', 'P-B', [4]), entity: { kind: 'budgethouder', id: 'H3' }, holders: ['H3'] };
    const notConcern = sig('c', 'P-A', [2], { holders: ['H1'] });
    const r = score(ds, { signals: [sig('a', 'P-C', [5], { holders: ['H3'] }), holderSignal, notConcern], weights, versions, holderConcern, tiers });
    expect(r.holders).toHaveLength(1);
    const h = r.holders[0];
    expect(h.holderId).toBe('H3');
    expect(h.indicators).toEqual(['a', 'b']);
    expect(h.providers).toEqual(['P-B', 'P-C']);
    expect(h.top.indicator).toBe('b');
    expect(h.amount).toBe(140);
    // 'c' concerns the provider only (holderConcern false), so H1 is not listed; H3 combines 60 and 40 points.
    expect(h.points).toBe(76);
  });

  it('gives the same order whatever order the signals arrive in', () => {
    const signals = [sig('c', 'P-C', [5]), sig('b', 'P-B', [4]), sig('a', 'P-A', [2]), sig('c', 'P-A', [3])];
    const a = score(ds, { signals, weights, versions, holderConcern, tiers });
    const b = score(ds, { signals: [...signals].reverse(), weights, versions, holderConcern, tiers });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
