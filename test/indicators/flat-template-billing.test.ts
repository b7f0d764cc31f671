import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/flat-template-billing.js';
import { parseIsoDay } from '../../src/model/dates.js';
import { makeDataset, runRule, period, monthly, D, type FixtureSpec, type HolderSpec } from '../support/indicator.js';

const six = (x: number) => [x, x, x, x, x, x];
const budget = (id: string): HolderSpec => ({ id, budgetBedrag: 12000, budgetStart: '2024-01-01', budgetEind: '2024-06-30' });

const spec: FixtureSpec = {
  holders: [
    budget('H-FLAT-1'),
    budget('H-FLAT-2'),
    budget('H-FLAT-3'),
    budget('H-VARIED'),
    budget('HN-CV-A'),
    budget('HN-CV-B'),
    budget('HN-M-A'),
    budget('HN-M-B'),
    budget('HN-B-A'),
    budget('HN-B-B'),
    budget('HN-S-A'),
    budget('HN-S-B'),
    budget('HN-S-C'),
    budget('H-SINGLE'),
  ],
  providers: [
    { id: 'P-FLAG' },
    { id: 'P-HELPER' },
    { id: 'P-NEAR-CV' },
    { id: 'P-NEAR-MONTHS' },
    { id: 'P-NEAR-BUDGET' },
    { id: 'P-OUTSIDE' },
    { id: 'P-NEAR-SHARE' },
    { id: 'P-SINGLE' },
  ],
  declarations: [
    // P-FLAG: 3 of 4 holders flat (75%, the inclusive threshold).
    // January is billed in two parts (1200 + 800 on the 2nd and the 31st): months are summed.
    { id: 'H-FLAT-1-JAN-A', holder: 'H-FLAT-1', provider: 'P-FLAG', zorgdatum: '2024-01-02', bedrag: 1200 },
    { id: 'H-FLAT-1-JAN-B', holder: 'H-FLAT-1', provider: 'P-FLAG', zorgdatum: '2024-01-31', bedrag: 800 },
    ...monthly('H-FLAT-1', 'P-FLAG', [2000, 2000, 2000, 2000, 2000], '2024-02'),
    // Period declarations, months taken from periode_start; CV = sqrt(400 / 6) / 2000 = 0.0041.
    ...monthly('H-FLAT-2', 'P-FLAG', [2010, 1990, 2010, 1990, 2000, 2000], '2024-01', true),
    // Flat at 1000 with P-FLAG; P-HELPER's varied billing takes budget use to 11940 / 12000 = 99.5%.
    ...monthly('H-FLAT-3', 'P-FLAG', six(1000)),
    ...monthly('H-FLAT-3', 'P-HELPER', [500, 1500, 700, 1300, 1000, 940]),
    ...monthly('H-VARIED', 'P-FLAG', [1000, 3000, 1500, 2500, 2000, 2000]),

    // Near misses: one holder flat, the other misses exactly one condition (so 50% < 75%).
    ...monthly('HN-CV-A', 'P-NEAR-CV', six(2000)),
    ...monthly('HN-CV-B', 'P-NEAR-CV', [1940, 2060, 1940, 2060, 1940, 2060]), // CV 0.03
    ...monthly('HN-M-A', 'P-NEAR-MONTHS', six(2000)),
    ...monthly('HN-M-B', 'P-NEAR-MONTHS', [2400, 2400, 2400, 2400, 2400]), // 5 months
    ...monthly('HN-B-A', 'P-NEAR-BUDGET', six(2000)),
    ...monthly('HN-B-B', 'P-NEAR-BUDGET', six(1940)), // 97% of the budget
    { id: 'HN-B-B-JULY', holder: 'HN-B-B', provider: 'P-OUTSIDE', zorgdatum: '2024-07-15', bedrag: 1000 }, // after budget_eind
    ...monthly('HN-S-A', 'P-NEAR-SHARE', six(2000)),
    ...monthly('HN-S-B', 'P-NEAR-SHARE', six(2000)),
    ...monthly('HN-S-C', 'P-NEAR-SHARE', [1000, 3000, 1500, 2500, 2000, 2000]), // 2 of 3 flat
    ...monthly('H-SINGLE', 'P-SINGLE', six(2000)), // one holder on a fixed wage
  ],
};

const ds = makeDataset(spec);
const run = (overrides: Record<string, unknown> = {}) => runRule(ind, ds, overrides);
const firing = (overrides: Record<string, unknown> = {}) => run(overrides).signals.map((s) => s.entity.id);

describe('flat-template-billing', () => {
  it('has the documented defaults', () => {
    expect(ind.params.parse({})).toEqual({ maxCv: 0.02, minMonths: 6, minBudgetUsePct: 98, minSharePct: 75, minHolders: 2 });
    expect(ind.id).toBe('flat-template-billing');
    expect(ind.defaultWeight).toBe(0.25);
    expect(() => ind.params.parse({ minWeeks: 12 })).toThrow();
  });

  it('flags a provider where 3 of 4 holders are billed flat while their budgets run out', () => {
    const { signals } = run();
    const flatHolders = new Set(['H-FLAT-1', 'H-FLAT-2', 'H-FLAT-3']);
    const expectedEvidence = spec.declarations
      .map((d, i) => ({ d, line: i + 2 }))
      .filter(({ d }) => d.provider === 'P-FLAG' && flatHolders.has(d.holder))
      .map(({ d, line }) => ({ file: D, line, id: d.id }));
    expect(expectedEvidence).toHaveLength(19);
    expect(signals).toEqual([
      {
        indicator: 'flat-template-billing',
        version: 1, key: 'flat-template-billing:flatTemplate:provider=P-FLAG',
        messageId: 'flatTemplate',
        entity: { kind: 'provider', id: 'P-FLAG' },
        provider: 'P-FLAG',
        holders: ['H-FLAT-1', 'H-FLAT-2', 'H-FLAT-3'],
        amount: 30000,
        strength: 1,
        observed: { holders_flat: 3, holders_total: 4, share_pct: 75, max_cv: 0.0041, min_budget_use_pct: 99.5 },
        threshold: { max_cv: 0.02, min_months: 6, min_budget_use_pct: 98, min_share_pct: 75 },
        evidence: expectedEvidence,
      },
    ]);
  });

  it('does not flag CV 0.03, 5 months, 97% budget use, 67% flat, or a single holder', () => {
    expect(firing()).toEqual(['P-FLAG']);
  });

  it('each near miss fires once its own threshold is relaxed', () => {
    expect(firing({ maxCv: 0.031 })).toEqual(['P-FLAG', 'P-NEAR-CV']);
    expect(firing({ minMonths: 5 })).toEqual(['P-FLAG', 'P-NEAR-MONTHS']);
    expect(firing({ minBudgetUsePct: 97 })).toEqual(['P-FLAG', 'P-NEAR-BUDGET']);
    expect(firing({ minHolders: 1 })).toEqual(['P-FLAG', 'P-SINGLE']);
    const share = run({ minSharePct: 66 }).signals.find((s) => s.entity.id === 'P-NEAR-SHARE');
    expect(share?.observed).toEqual({ holders_flat: 2, holders_total: 3, share_pct: 66.67, max_cv: 0, min_budget_use_pct: 100 });
    expect(share?.threshold).toEqual({ max_cv: 0.02, min_months: 6, min_budget_use_pct: 98, min_share_pct: 66 });
    expect(share?.holders).toEqual(['HN-S-A', 'HN-S-B']);
  });

  it('reports the CV and budget use of the relaxed near misses', () => {
    const cv = run({ maxCv: 0.031 }).signals.find((s) => s.entity.id === 'P-NEAR-CV');
    expect(cv?.observed.max_cv).toBe(0.03);
    const budgetUse = run({ minBudgetUsePct: 97 }).signals.find((s) => s.entity.id === 'P-NEAR-BUDGET');
    expect(budgetUse?.observed.min_budget_use_pct).toBe(97);
    // The July row lies after budget_eind and with another provider: neither in use nor in evidence.
    expect(budgetUse?.evidence.map((e) => e.id)).not.toContain('HN-B-B-JULY');
    expect(budgetUse?.amount).toBe(23640);
  });

  it('an open-ended budget is measured up to the scan date, across a year boundary', () => {
    const open: FixtureSpec = {
      holders: ['H-OPEN-1', 'H-OPEN-2'].map((id) => ({ id, budgetBedrag: 12000, budgetStart: '2024-10-01' })),
      providers: [{ id: 'P-OPEN' }],
      declarations: [
        ...monthly('H-OPEN-1', 'P-OPEN', six(2000), '2024-10'),
        ...monthly('H-OPEN-2', 'P-OPEN', six(2000), '2024-10', true),
      ],
    };
    const openDs = makeDataset(open);
    const at = (asOf: string) =>
      ind.compute(openDs, ind.params.parse({}), { asOf: parseIsoDay(asOf)! }).signals.map((s) => s.observed);
    expect(at('2025-03-31')).toEqual([
      { holders_flat: 2, holders_total: 2, share_pct: 100, max_cv: 0, min_budget_use_pct: 100 },
    ]);
    // Up to February only 10000 of 12000 (83%) falls inside the budget period.
    expect(at('2025-02-28')).toEqual([]);
  });
});
