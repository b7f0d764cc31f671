import { describe, expect, it } from 'vitest';
import indicator from '../../src/indicators/rules/care-after-death.js';
import { makeDataset, runRule, daily, period } from '../support/indicator.js';

// H-DEAD died on 2024-05-10; H-ALIVE has no date of death and keeps receiving care.
const DECEASED = makeDataset({
  holders: [{ id: 'H-DEAD', overlijdensdatum: '2024-05-10' }, { id: 'H-ALIVE' }],
  providers: [{ id: 'P-TWO' }, { id: 'P-ONE' }],
  declarations: [
    daily('D-BEFORE', 'H-DEAD', 'P-ONE', '2024-05-09'),
    daily('D-ON-DEATH-DAY', 'H-DEAD', 'P-ONE', '2024-05-10'),
    // Out of date order, so first_day and last_day must be the extremes, not the first row.
    daily('D-AFTER-5', 'H-DEAD', 'P-ONE', '2024-05-15', 50),
    daily('D-AFTER-10', 'H-DEAD', 'P-ONE', '2024-05-20', 80.55),
    daily('D-AFTER-2', 'H-DEAD', 'P-ONE', '2024-05-12', 120),
    period('D-MONTH-PAST-DEATH', 'H-DEAD', 'P-TWO', '2024-05-01', '2024-05-31', 2500),
    period('D-PERIOD-ENDS-ON-DEATH', 'H-DEAD', 'P-TWO', '2024-04-11', '2024-05-10'),
    daily('D-ALIVE', 'H-ALIVE', 'P-ONE', '2024-06-01'),
  ],
});

describe('care-after-death', () => {
  it('flags each provider that declared care dated after the holder died (afterDeath)', () => {
    const { signals, stats } = runRule(indicator, DECEASED);
    expect(signals).toHaveLength(2);
    const [one, two] = signals;
    expect(one.indicator).toBe('care-after-death');
    expect(one.messageId).toBe('afterDeath');
    expect(one.entity).toEqual({ kind: 'budgethouder', id: 'H-DEAD' });
    expect(one.provider).toBe('P-ONE');
    // One finding per declaring provider: the provider is part of the key.
    expect([one.key, two.key]).toEqual([
      'care-after-death:afterDeath:budgethouder=H-DEAD:zorgverlener_id=P-ONE',
      'care-after-death:afterDeath:budgethouder=H-DEAD:zorgverlener_id=P-TWO',
    ]);
    expect(one.holders).toEqual(['H-DEAD']);
    expect(one.strength).toBe(1);
    expect(one.amount).toBe(250.55);
    expect(one.observed).toEqual({
      overlijdensdatum: '2024-05-10',
      first_day: '2024-05-12',
      last_day: '2024-05-20',
      declarations: 3,
      days_after: 10,
    });
    expect(one.threshold).toEqual({ grace_days: 0 });
    expect(one.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-DEAD' },
      { file: 'declaraties.csv', line: 4, id: 'D-AFTER-5' },
      { file: 'declaraties.csv', line: 5, id: 'D-AFTER-10' },
      { file: 'declaraties.csv', line: 6, id: 'D-AFTER-2' },
    ]);

    // A period counts by its end: the month running past the day of death does, the one ending on it does not.
    expect(two.provider).toBe('P-TWO');
    expect(two.amount).toBe(2500);
    expect(two.observed).toEqual({
      overlijdensdatum: '2024-05-10',
      first_day: '2024-05-31',
      last_day: '2024-05-31',
      declarations: 1,
      days_after: 21,
    });
    expect(two.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-DEAD' },
      { file: 'declaraties.csv', line: 7, id: 'D-MONTH-PAST-DEATH' },
    ]);
    expect(stats).toEqual({ deceased_holders: 1, holders_with_care_after_death: 1 });
  });

  it('does not fire for care ending on the day of death or for a holder without a date of death', () => {
    const ds = makeDataset({
      holders: [{ id: 'H-NEAR-MISS', overlijdensdatum: '2024-05-10' }, { id: 'H-NO-DEATH-DATE' }],
      providers: [{ id: 'P-NEAR-MISS' }],
      declarations: [
        daily('D-ON-DEATH-DAY', 'H-NEAR-MISS', 'P-NEAR-MISS', '2024-05-10'),
        period('D-MONTH-ENDS-ON-DEATH', 'H-NEAR-MISS', 'P-NEAR-MISS', '2024-04-11', '2024-05-10'),
        daily('D-LATER', 'H-NO-DEATH-DATE', 'P-NEAR-MISS', '2030-01-01'),
      ],
    });
    expect(runRule(indicator, ds).signals).toEqual([]);
  });

  it('tolerates care up to graceDays after death', () => {
    const { signals } = runRule(indicator, DECEASED, { graceDays: 10 });
    // P-ONE's latest care is exactly 10 days after death: tolerated. P-TWO's month end is 21 days after.
    expect(signals.map((s) => [s.provider, s.threshold])).toEqual([['P-TWO', { grace_days: 10 }]]);
    expect(signals[0].observed.days_after).toBe(21);
    // With 4 days' grace only D-AFTER-5 and D-AFTER-10 remain for P-ONE.
    expect(runRule(indicator, DECEASED, { graceDays: 4 }).signals.map((s) => s.observed.declarations)).toEqual([2, 1]);
    expect(runRule(indicator, DECEASED, { graceDays: 9 }).signals.map((s) => s.observed.declarations)).toEqual([1, 1]);
  });

  it('orders signals by holder id, then provider id', () => {
    const ds = makeDataset({
      holders: [
        { id: 'H-B', overlijdensdatum: '2024-01-31' },
        { id: 'H-A', overlijdensdatum: '2024-01-31' },
      ],
      providers: [{ id: 'P-Z' }, { id: 'P-Y' }],
      declarations: [
        daily('D-1', 'H-B', 'P-Z', '2024-02-01'),
        daily('D-2', 'H-A', 'P-Z', '2024-02-01'),
        daily('D-3', 'H-A', 'P-Y', '2024-02-02'),
      ],
    });
    expect(runRule(indicator, ds).signals.map((s) => `${s.entity.id}/${s.provider}`)).toEqual(['H-A/P-Y', 'H-A/P-Z', 'H-B/P-Z']);
  });

  it('documents its defaults and rejects unknown or invalid parameters', () => {
    expect(indicator.params.parse({})).toEqual({ graceDays: 0 });
    expect(() => indicator.params.parse({ grace: 1 })).toThrow();
    expect(() => indicator.params.parse({ graceDays: -1 })).toThrow();
    expect(indicator.params.shape.graceDays.description).toMatch(/\(days\)$/);
    expect(indicator.requires).toEqual([{ file: 'budgethouders', columns: ['overlijdensdatum'] }]);
  });
});
