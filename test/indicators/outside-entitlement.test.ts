import { describe, expect, it } from 'vitest';
import indicator from '../../src/indicators/rules/outside-entitlement.js';
import { parseIsoDay } from '../../src/model/dates.js';
import { makeDataset, runRule, daily, period } from '../support/indicator.js';

// H-OUT's budget runs 2024-01-01 .. 2024-06-30.
const OUT_OF_PERIOD = makeDataset({
  holders: [{ id: 'H-OUT', budgetStart: '2024-01-01', budgetEind: '2024-06-30', budgetBedrag: 20000 }],
  providers: [{ id: 'P-X' }, { id: 'P-Y' }],
  declarations: [
    daily('D-DEC28', 'H-OUT', 'P-X', '2023-12-28'),
    period('D-PERIOD-ACROSS-START', 'H-OUT', 'P-X', '2023-12-15', '2024-01-14', 500),
    daily('D-DEC31', 'H-OUT', 'P-Y', '2023-12-31', 75),
    daily('D-JUL02', 'H-OUT', 'P-X', '2024-07-02', 60),
    period('D-PERIOD-ACROSS-END', 'H-OUT', 'P-X', '2024-06-15', '2024-07-14', 400),
    daily('D-ON-START', 'H-OUT', 'P-X', '2024-01-01'),
    daily('D-ON-END', 'H-OUT', 'P-X', '2024-06-30'),
  ],
});

describe('outside-entitlement', () => {
  it('flags care before budget_start and after budget_eind per provider (beforeStart, afterEnd)', () => {
    const { signals } = runRule(indicator, OUT_OF_PERIOD);
    expect(signals.map((s) => [s.messageId, s.provider])).toEqual([
      ['afterEnd', 'P-X'],
      ['beforeStart', 'P-X'],
      ['beforeStart', 'P-Y'],
    ]);
    const [after, beforeX, beforeY] = signals;
    // One key per bound and provider: the same holder's afterEnd and beforeStart are different findings.
    expect(signals.map((s) => s.key)).toEqual([
      'outside-entitlement:afterEnd:budgethouder=H-OUT:zorgverlener_id=P-X',
      'outside-entitlement:beforeStart:budgethouder=H-OUT:zorgverlener_id=P-X',
      'outside-entitlement:beforeStart:budgethouder=H-OUT:zorgverlener_id=P-Y',
    ]);
    for (const s of signals) {
      expect(s.indicator).toBe('outside-entitlement');
      expect(s.entity).toEqual({ kind: 'budgethouder', id: 'H-OUT' });
      expect(s.holders).toEqual(['H-OUT']);
      expect(s.strength).toBe(1);
      expect(s.threshold).toEqual({ grace_days: 0 });
    }
    // A period crosses budget_eind by its end date.
    expect(after.observed).toEqual({ budget_eind: '2024-06-30', first_day: '2024-07-02', last_day: '2024-07-14', declarations: 2 });
    expect(after.amount).toBe(460);
    expect(after.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-OUT' },
      { file: 'declaraties.csv', line: 5, id: 'D-JUL02' },
      { file: 'declaraties.csv', line: 6, id: 'D-PERIOD-ACROSS-END' },
    ]);
    // ... and budget_start by its start date.
    expect(beforeX.observed).toEqual({ budget_start: '2024-01-01', first_day: '2023-12-15', last_day: '2023-12-28', declarations: 2 });
    expect(beforeX.amount).toBe(600);
    expect(beforeX.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-OUT' },
      { file: 'declaraties.csv', line: 2, id: 'D-DEC28' },
      { file: 'declaraties.csv', line: 3, id: 'D-PERIOD-ACROSS-START' },
    ]);
    expect(beforeY.observed).toEqual({ budget_start: '2024-01-01', first_day: '2023-12-31', last_day: '2023-12-31', declarations: 1 });
    expect(beforeY.evidence.map((e) => e.id)).toEqual(['H-OUT', 'D-DEC31']);
  });

  it('tolerates care within graceDays of the budget dates', () => {
    const { signals } = runRule(indicator, OUT_OF_PERIOD, { graceDays: 3 });
    // D-DEC31 (1 day early) and D-JUL02 (2 days late) are tolerated; D-DEC28 (4 days early) and the
    // periods (17 days early, 14 days late) are not.
    expect(signals.map((s) => [s.messageId, s.provider, s.observed.declarations, s.threshold.grace_days])).toEqual([
      ['afterEnd', 'P-X', 1, 3],
      ['beforeStart', 'P-X', 2, 3],
    ]);
    expect(signals[0].evidence.map((e) => e.id)).toEqual(['H-OUT', 'D-PERIOD-ACROSS-END']);
  });

  it('does not fire for care on budget_start and budget_eind with exactly budget + 2% declared', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-NEAR-MISS', budgetStart: '2024-01-01', budgetEind: '2024-12-31', budgetBedrag: 20000 }],
      providers: [{ id: 'P-NEAR-MISS' }],
      declarations: [
        daily('D-ON-START', 'H-NEAR-MISS', 'P-NEAR-MISS', '2024-01-01', 10200),
        period('D-ENDS-ON-END', 'H-NEAR-MISS', 'P-NEAR-MISS', '2024-12-01', '2024-12-31', 10200),
      ],
    });
    expect(runRule(indicator, ds).signals).toEqual([]);
  });

  it('flags a holder whose declarations in the budget period exceed budget + tolerance (overBudget)', () => {
    // Open-ended budget: the period runs to the scan date, so the 2025 row does not count.
    const ds = makeDataset({
      holders: [{ id: 'H-OVER', budgetStart: '2024-01-01', budgetBedrag: 10000 }],
      providers: [{ id: 'P-SMALL' }, { id: 'P-BIG' }],
      declarations: [
        daily('D-FEB', 'H-OVER', 'P-BIG', '2024-02-01', 6000),
        period('D-MAR', 'H-OVER', 'P-BIG', '2024-03-01', '2024-03-31', 2000),
        daily('D-APR', 'H-OVER', 'P-SMALL', '2024-04-01', 2300.01),
        daily('D-AFTER-AS-OF', 'H-OVER', 'P-SMALL', '2025-01-15', 5000),
      ],
      asOf: '2024-12-31',
    });
    const { signals } = runRule(indicator, ds);
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.messageId).toBe('overBudget');
    expect(s.entity).toEqual({ kind: 'budgethouder', id: 'H-OVER' });
    expect(s.provider).toBe('P-BIG');
    // The largest provider can change as months arrive, so it is not part of the key.
    expect(s.key).toBe('outside-entitlement:overBudget:budgethouder=H-OVER');
    expect(s.holders).toEqual(['H-OVER']);
    expect(s.amount).toBe(10300.01);
    expect(s.observed).toEqual({ declared: 10300.01, budget: 10000, used_pct: 103, providers: 2 });
    expect(s.threshold).toEqual({ tolerance_pct: 2 });
    expect(s.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-OVER' },
      { file: 'declaraties.csv', line: 2, id: 'D-FEB' },
      { file: 'declaraties.csv', line: 3, id: 'D-MAR' },
      { file: 'declaraties.csv', line: 4, id: 'D-APR' },
    ]);
  });

  it('measures an open-ended budget up to ctx.asOf', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-OVER', budgetStart: '2024-01-01', budgetBedrag: 10000 }],
      providers: [{ id: 'P-ONE' }],
      declarations: [daily('D-JAN', 'H-OVER', 'P-ONE', '2024-01-10', 6000), daily('D-JUN', 'H-OVER', 'P-ONE', '2024-06-10', 6000)],
      asOf: '2024-12-31',
    });
    expect(runRule(indicator, ds).signals.map((s) => s.messageId)).toEqual(['overBudget']);
    expect(runRule(indicator, ds, {}, parseIsoDay('2024-03-31')!).signals).toEqual([]);
  });

  it('fires one cent above the tolerance and names the lowest provider id on a tie', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-TIE', budgetStart: '2024-01-01', budgetEind: '2024-12-31', budgetBedrag: 20000 }],
      providers: [{ id: 'P-B' }, { id: 'P-A' }],
      declarations: [daily('D-B', 'H-TIE', 'P-B', '2024-03-01', 10200.01), daily('D-A', 'H-TIE', 'P-A', '2024-03-02', 10200.01)],
    });
    const ds2 = makeDataset({
      holders: [{ id: 'H-JUST-OVER', budgetStart: '2024-01-01', budgetEind: '2024-12-31', budgetBedrag: 20000 }],
      providers: [{ id: 'P-ONE' }],
      declarations: [daily('D-1', 'H-JUST-OVER', 'P-ONE', '2024-03-01', 20400.01)],
    });
    const [tie] = runRule(indicator, ds).signals;
    expect(tie.provider).toBe('P-A');
    expect(tie.observed).toEqual({ declared: 20400.02, budget: 20000, used_pct: 102, providers: 2 });
    expect(runRule(indicator, ds2).signals.map((s) => s.observed.declared)).toEqual([20400.01]);
  });

  it('applies tolerancePct', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-PARAMS', budgetStart: '2024-01-01', budgetEind: '2024-12-31', budgetBedrag: 10000 }],
      providers: [{ id: 'P-ONE' }],
      declarations: [daily('D-1', 'H-PARAMS', 'P-ONE', '2024-03-01', 10300)],
    });
    expect(runRule(indicator, ds).signals).toHaveLength(1);
    expect(runRule(indicator, ds, { tolerancePct: 3 }).signals).toEqual([]);
    const [s] = runRule(indicator, ds, { tolerancePct: 0 }).signals;
    expect(s.threshold).toEqual({ tolerance_pct: 0 });
    expect(s.observed).toEqual({ declared: 10300, budget: 10000, used_pct: 103, providers: 1 });
  });

  it('skips overBudget for a holder without a positive budget and counts it in stats', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-ZERO', budgetStart: '2024-01-01', budgetBedrag: 0 }],
      providers: [{ id: 'P-ONE' }],
      declarations: [daily('D-1', 'H-ZERO', 'P-ONE', '2024-03-01', 500)],
    });
    const { signals, stats } = runRule(indicator, ds);
    expect(signals).toEqual([]);
    expect(stats).toEqual({ holders: 1, open_ended_budgets: 1, holders_without_budget: 1 });
  });

  it('documents its defaults and rejects unknown or invalid parameters', () => {
    expect(indicator.params.parse({})).toEqual({ tolerancePct: 2, graceDays: 0 });
    expect(() => indicator.params.parse({ tolerance: 5 })).toThrow();
    expect(() => indicator.params.parse({ graceDays: 1.5 })).toThrow();
    expect(() => indicator.params.parse({ tolerancePct: -1 })).toThrow();
    expect(indicator.params.shape.tolerancePct.description).toMatch(/\(percent\)$/);
    expect(indicator.params.shape.graceDays.description).toMatch(/\(days\)$/);
  });
});
