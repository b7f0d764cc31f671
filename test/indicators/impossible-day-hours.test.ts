import { describe, expect, it } from 'vitest';
import indicator from '../../src/indicators/rules/impossible-day-hours.js';
import { makeDataset, runRule, daily, period, type DeclarationSpec, type ProviderSpec } from '../support/indicator.js';

const HOLDERS = [{ id: 'H-A' }, { id: 'H-B' }, { id: 'H-C' }];

/** One daily declaration of `uren` hours at 30 euros an hour. */
function decl(id: string, provider: string, holder: string, zorgdatum: string, uren?: number): DeclarationSpec {
  return { id, provider, holder, zorgdatum, uren, bedrag: (uren ?? 1) * 30 };
}

/** `count` days from `firstDay` (1-based, in `month` 'YYYY-MM') of `uren` hours each, split over H-A and H-B. */
function longDays(prefix: string, provider: string, month: string, firstDay: number, count: number, uren: number) {
  const out: DeclarationSpec[] = [];
  for (let i = 0; i < count; i++) {
    const date = `${month}-${String(firstDay + i).padStart(2, '0')}`;
    out.push(decl(`${prefix}-${i}a`, provider, 'H-A', date, uren / 2));
    out.push(decl(`${prefix}-${i}b`, provider, 'H-B', date, uren / 2));
  }
  return out;
}

describe('impossible-day-hours', () => {
  it('flags a caregiver whose hours over all holders exceed 24 on a day (overDay)', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-FLAG', soort: 'zzp' }],
      declarations: [
        decl('D-0305-A', 'P-FLAG', 'H-A', '2024-03-05', 10),
        decl('D-0305-B', 'P-FLAG', 'H-B', '2024-03-05', 9),
        decl('D-0305-C', 'P-FLAG', 'H-C', '2024-03-05', 7),
        decl('D-0304-A', 'P-FLAG', 'H-A', '2024-03-04', 14),
        decl('D-0304-B', 'P-FLAG', 'H-B', '2024-03-04', 12),
        decl('D-0306-A', 'P-FLAG', 'H-A', '2024-03-06', 8),
        // Not counted: a period declaration has no day, a row without hours has no hours.
        { id: 'D-PERIOD', provider: 'P-FLAG', holder: 'H-C', periodeStart: '2024-03-01', periodeEind: '2024-03-31', uren: 100, bedrag: 3000 },
        decl('D-NO-HOURS', 'P-FLAG', 'H-C', '2024-03-06'),
      ],
    });
    const { signals } = runRule(indicator, ds);
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.indicator).toBe('impossible-day-hours');
    expect(s.messageId).toBe('overDay');
    expect(s.entity).toEqual({ kind: 'provider', id: 'P-FLAG' });
    expect(s.provider).toBe('P-FLAG');
    expect(s.strength).toBe(1);
    // Both days reach 26 h; the earliest one is quoted.
    expect(s.observed).toEqual({ days_over: 2, max_hours: 26, max_day: '2024-03-04', holders: 3 });
    expect(s.threshold).toEqual({ max_hours_per_day: 24 });
    expect(s.holders).toEqual(['H-A', 'H-B', 'H-C']);
    expect(s.amount).toBe(52 * 30);
    expect(s.evidence).toEqual([
      { file: 'declaraties.csv', line: 2, id: 'D-0305-A' },
      { file: 'declaraties.csv', line: 3, id: 'D-0305-B' },
      { file: 'declaraties.csv', line: 4, id: 'D-0305-C' },
      { file: 'declaraties.csv', line: 5, id: 'D-0304-A' },
      { file: 'declaraties.csv', line: 6, id: 'D-0304-B' },
    ]);
  });

  it('does not fire at exactly 24 h, not even when the decimal hours add up with binary noise', () => {
    // 0.1 + 16.1 + 7.8 is 24.000000000000004 in floating point.
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-NEAR-MISS', soort: 'informeel' }],
      declarations: [
        decl('D-1', 'P-NEAR-MISS', 'H-A', '2024-03-05', 0.1),
        decl('D-2', 'P-NEAR-MISS', 'H-B', '2024-03-05', 16.1),
        decl('D-3', 'P-NEAR-MISS', 'H-C', '2024-03-05', 7.8),
      ],
    });
    expect(runRule(indicator, ds).signals).toEqual([]);
  });

  it('never sums the hours of an institution, whose hours are many employees\' work', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-INSTELLING', soort: 'instelling' }],
      declarations: [
        decl('D-1', 'P-INSTELLING', 'H-A', '2024-03-05', 20),
        decl('D-2', 'P-INSTELLING', 'H-B', '2024-03-05', 10),
        ...longDays('L', 'P-INSTELLING', '2024-04', 1, 6, 18),
      ],
    });
    const { signals, stats } = runRule(indicator, ds);
    expect(signals).toEqual([]);
    expect(stats).toEqual({ caregivers: 0, caregiver_days: 0, institutions_skipped: 1 });
  });

  it('flags months with at least 5 long days (longDays), quoting the busiest month and only qualifying months', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-LONG', soort: 'zzp' }],
      declarations: [
        ...longDays('MAR', 'P-LONG', '2024-03', 4, 4, 16),
        decl('MAR-20H', 'P-LONG', 'H-C', '2024-03-20', 20),
        ...longDays('APR', 'P-LONG', '2024-04', 1, 6, 16),
        // May has one 23 h day: a long day, but May does not qualify, so it is neither evidence nor max_hours.
        decl('MAY-23H', 'P-LONG', 'H-A', '2024-05-02', 23),
        // A 15.75 h day in March is not long.
        decl('MAR-SHORT', 'P-LONG', 'H-A', '2024-03-25', 15.75),
      ],
    });
    const { signals } = runRule(indicator, ds);
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.messageId).toBe('longDays');
    expect(s.entity).toEqual({ kind: 'provider', id: 'P-LONG' });
    expect(s.strength).toBe(0.5);
    expect(s.observed).toEqual({ months: 2, max_long_days: 6, month: '2024-04', max_hours: 20 });
    expect(s.threshold).toEqual({ long_day_hours: 16, long_days_per_month: 5 });
    expect(s.holders).toEqual(['H-A', 'H-B', 'H-C']);
    // 4 March days x 2 rows + the 20 h row + 6 April days x 2 rows, in file order.
    expect(s.evidence.map((e) => e.line)).toEqual([...Array.from({ length: 21 }, (_, i) => i + 2)]);
    expect(s.evidence.map((e) => e.id)).not.toContain('MAY-23H');
    expect(s.evidence.map((e) => e.id)).not.toContain('MAR-SHORT');
    expect(s.amount).toBe((4 * 16 + 20 + 6 * 16) * 30);
  });

  it('quotes the earliest of equally busy months, whatever the input order', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-LONG', soort: 'zzp' }],
      declarations: [...longDays('APR', 'P-LONG', '2024-04', 1, 5, 16), ...longDays('MAR', 'P-LONG', '2024-03', 1, 5, 17)],
    });
    const [s] = runRule(indicator, ds).signals;
    expect(s.observed).toEqual({ months: 2, max_long_days: 5, month: '2024-03', max_hours: 17 });
  });

  it('does not fire for 4 long days in a month', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-NEAR-MISS', soort: 'zzp' }],
      declarations: [...longDays('MAR', 'P-NEAR-MISS', '2024-03', 1, 4, 23), ...longDays('APR', 'P-NEAR-MISS', '2024-04', 1, 4, 16)],
    });
    expect(runRule(indicator, ds).signals).toEqual([]);
  });

  it('counts a day over the hard limit as a long day too, so one caregiver can get both signals', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-BOTH', soort: 'zzp' }],
      declarations: [...longDays('MAR', 'P-BOTH', '2024-03', 1, 4, 16), ...longDays('OVER', 'P-BOTH', '2024-03', 11, 1, 25)],
    });
    const { signals } = runRule(indicator, ds);
    expect(signals.map((s) => s.messageId)).toEqual(['longDays', 'overDay']);
    expect(signals.map((s) => s.key)).toEqual(['impossible-day-hours:longDays:provider=P-BOTH', 'impossible-day-hours:overDay:provider=P-BOTH']);
    const [long, over] = signals;
    expect(long.observed).toEqual({ months: 1, max_long_days: 5, month: '2024-03', max_hours: 25 });
    expect(long.evidence).toHaveLength(10);
    expect(over.observed).toEqual({ days_over: 1, max_hours: 25, max_day: '2024-03-11', holders: 2 });
    expect(over.evidence.map((e) => e.id)).toEqual(['OVER-0a', 'OVER-0b']);
  });

  it('applies overridden parameters and reports them as thresholds', () => {
    const ds = makeDataset({
      holders: HOLDERS,
      providers: [{ id: 'P-PARAMS', soort: 'zzp' }],
      declarations: [
        decl('D-1', 'P-PARAMS', 'H-A', '2024-03-05', 12),
        decl('D-2', 'P-PARAMS', 'H-B', '2024-03-05', 9),
        decl('D-3', 'P-PARAMS', 'H-A', '2024-03-06', 10),
      ],
    });
    expect(runRule(indicator, ds).signals).toEqual([]);
    const { signals } = runRule(indicator, ds, { maxHoursPerDay: 20, longDayHours: 10, longDaysPerMonth: 2 });
    expect(signals.map((s) => [s.messageId, s.observed, s.threshold])).toEqual([
      ['longDays', { months: 1, max_long_days: 2, month: '2024-03', max_hours: 21 }, { long_day_hours: 10, long_days_per_month: 2 }],
      ['overDay', { days_over: 1, max_hours: 21, max_day: '2024-03-05', holders: 2 }, { max_hours_per_day: 20 }],
    ]);
  });

  it('sorts signals by provider id whatever the input order', () => {
    const providers: ProviderSpec[] = [{ id: 'P-2' }, { id: 'P-1' }];
    const ds = makeDataset({
      holders: HOLDERS,
      providers,
      declarations: [decl('D-2', 'P-2', 'H-A', '2024-03-05', 25), decl('D-1', 'P-1', 'H-B', '2024-03-05', 25)],
    });
    expect(runRule(indicator, ds).signals.map((s) => s.entity.id)).toEqual(['P-1', 'P-2']);
  });

  it('documents its defaults and rejects unknown or invalid parameters', () => {
    expect(indicator.params.parse({})).toEqual({ maxHoursPerDay: 24, longDayHours: 16, longDaysPerMonth: 5 });
    expect(() => indicator.params.parse({ maxHours: 20 })).toThrow();
    expect(() => indicator.params.parse({ longDaysPerMonth: 2.5 })).toThrow();
    for (const field of Object.values(indicator.params.shape)) expect(field.description).toMatch(/\((hours|days)\)$/);
  });
});
