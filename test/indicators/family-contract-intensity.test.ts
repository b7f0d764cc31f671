import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/family-contract-intensity.js';
import { withContracts } from '../support/contracts.js';
import { makeDataset, runRule, type DeclarationSpec, type FixtureSpec } from '../support/indicator.js';
import { expectOrderFree } from '../support/order.js';

const DAYS = [31, 28, 31, 30, 31, 30];

/** Whole-month period declarations for Jan..Jun 2025 at `perWeek` hours a week and `tarief` an hour. */
function months(prefix: string, holder: string, provider: string, perWeek: number, tarief: number, extra: Partial<DeclarationSpec> = {}, count = 3): DeclarationSpec[] {
  return DAYS.slice(0, count).map((days, i) => {
    const m = String(i + 1).padStart(2, '0');
    const uren = Math.round(((perWeek * days) / 7) * 100) / 100;
    return { id: `${prefix}-${m}`, holder, provider, periodeStart: `2025-${m}-01`, periodeEind: `2025-${m}-${days}`, uren, tarief, bedrag: Math.round(uren * tarief * 100) / 100, ...extra };
  });
}

const HOLDERS: FixtureSpec['holders'] = [{ id: 'H-A' }, { id: 'H-B' }, { id: 'H-ROT', gemeenteCode: 'GM0599' }];

describe('family-contract-intensity', () => {
  it('flags an informal carer declaring 45 hours a week, citing every family row', () => {
    const { signals } = runRule(ind, {
      holders: HOLDERS,
      providers: [{ id: 'P-INF', soort: 'informeel' }],
      declarations: months('F', 'H-A', 'P-INF', 45, 25),
    });
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('family-contract-intensity:hoursPerWeek:provider=P-INF');
    expect(s.observed).toEqual({ avg_hours_per_week: 45, months: 3, first_month: '2025-01', last_month: '2025-03', holders: 1 });
    expect(s.threshold).toEqual({ max_hours_per_week: 40, full_strength_hours_per_week: 60 });
    // Heavy but within what a live-in family member gives: half strength.
    expect(s.strength).toBe(0.5);
    expect(s.evidence.map((e) => [e.line, e.id])).toEqual([
      [2, 'F-01'],
      [3, 'F-02'],
      [4, 'F-03'],
    ]);
  });

  it('sums one carer over several holders: two parents at 22 hours a week each is 44', () => {
    const { signals } = runRule(ind, {
      holders: HOLDERS,
      providers: [{ id: 'P-ZZP', soort: 'zzp' }],
      declarations: [
        ...months('A', 'H-A', 'P-ZZP', 22, 25, { overeenkomstSoort: 'familie' }),
        ...months('B', 'H-B', 'P-ZZP', 22, 25, { overeenkomstSoort: 'familie' }),
        // Not family care: the same carer's paid work under an assignment does not count.
        ...months('O', 'H-B', 'P-ZZP', 30, 50, { overeenkomstSoort: 'opdracht' }),
      ],
    });
    expect(signals.map((s) => [s.messageId, s.observed.avg_hours_per_week, s.holders])).toEqual([['hoursPerWeek', 44, ['H-A', 'H-B']]]);
    expect(signals[0].evidence.map((e) => e.id)).not.toContain('O-01');
  });

  it('counts fully from 60 hours a week on average', () => {
    const data = (perWeek: number) => ({ holders: HOLDERS, providers: [{ id: 'P-INF', soort: 'informeel' as const }], declarations: months('F', 'H-A', 'P-INF', perWeek, 25) });
    expect(runRule(ind, data(60)).signals.map((s) => [s.observed.avg_hours_per_week, s.strength])).toEqual([[60, 1]]);
    expect(runRule(ind, data(59.9)).signals.map((s) => [s.observed.avg_hours_per_week, s.strength])).toEqual([[59.9, 0.5]]);
  });

  it('does not fire just under 40 hours a week, nor for a devoted carer at 28 hours at the informal rate', () => {
    const near = runRule(ind, { holders: HOLDERS, providers: [{ id: 'P-INF', soort: 'informeel' }], declarations: months('F', 'H-A', 'P-INF', 39.9, 26, {}, 6) });
    expect(near.signals).toEqual([]);
    const devoted = runRule(ind, { holders: HOLDERS, providers: [{ id: 'P-INF', soort: 'informeel' }], declarations: months('F', 'H-A', 'P-INF', 28, 24.5, {}, 6) });
    expect(devoted.signals).toEqual([]);
    expect(devoted.stats).toEqual({ providers_with_family_care: 1 });
  });

  it('averages over the months with care only: a gap month does not dilute the hours', () => {
    const decls = months('F', 'H-A', 'P-INF', 42, 25, {}, 6).filter((d) => !d.id.endsWith('-03'));
    const [s] = runRule(ind, { holders: HOLDERS, providers: [{ id: 'P-INF', soort: 'informeel' }], declarations: decls }).signals;
    expect(s.observed).toMatchObject({ avg_hours_per_week: 42, months: 5, first_month: '2025-01', last_month: '2025-06' });
  });

  it('flags a family rate above the informal rate, from tarief or else bedrag / uren, and not a rate at it', () => {
    const { signals } = runRule(ind, {
      holders: HOLDERS,
      providers: [{ id: 'P-FAM', soort: 'zzp' }],
      declarations: [
        { id: 'R-1', holder: 'H-A', provider: 'P-FAM', zorgdatum: '2025-01-06', uren: 3, tarief: 45, bedrag: 135, overeenkomstSoort: 'familie' },
        { id: 'R-2', holder: 'H-A', provider: 'P-FAM', zorgdatum: '2025-01-07', uren: 3, bedrag: 90, overeenkomstSoort: 'familie' },
        // At the rate exactly (26.00 from 3 x 26 / 3): not above.
        { id: 'R-3', holder: 'H-A', provider: 'P-FAM', zorgdatum: '2025-01-08', uren: 3, bedrag: 78, overeenkomstSoort: 'familie' },
        { id: 'R-4', holder: 'H-A', provider: 'P-FAM', zorgdatum: '2025-01-09', uren: 0.1, tarief: 26, bedrag: 2.6, overeenkomstSoort: 'familie' },
      ],
    });
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('family-contract-intensity:rateAboveInformal:provider=P-FAM');
    expect(s.observed).toEqual({ declarations: 2, max_rate: 45, informal_rate: 26 });
    expect(s.threshold).toEqual({ max_informal_rate: 26 });
    expect(s.evidence.map((e) => e.id)).toEqual(['R-1', 'R-2']);
    expect(s.amount).toBe(225);
  });

  it('takes the informal rate of the holder\'s municipality when the config gives one', () => {
    const data: FixtureSpec = {
      holders: HOLDERS,
      providers: [{ id: 'P-INF', soort: 'informeel' }],
      declarations: [
        { id: 'R-ROT', holder: 'H-ROT', provider: 'P-INF', zorgdatum: '2025-01-06', uren: 2, tarief: 30, bedrag: 60 },
        { id: 'R-A', holder: 'H-A', provider: 'P-INF', zorgdatum: '2025-01-06', uren: 2, tarief: 30, bedrag: 60 },
      ],
    };
    const [s] = runRule(ind, data, { maxInformalRateByGemeente: { GM0599: 32 } }).signals;
    expect(s.evidence.map((e) => e.id)).toEqual(['R-A']);
    expect(runRule(ind, data, { maxInformalRate: 30 }).signals).toEqual([]);
    expect(ind.params.safeParse({ maxInformalRateByGemeente: { Rotterdam: 30 } }).success).toBe(false);
  });

  it('recognises a family agreement in zorgovereenkomsten.csv when the declaration does not say so', () => {
    const ds = withContracts(
      makeDataset({
        holders: HOLDERS,
        providers: [{ id: 'P-ZZP', soort: 'zzp' }],
        declarations: [
          ...months('F', 'H-A', 'P-ZZP', 50, 25, { zorgovereenkomstId: 'ZO-FAM' }),
          ...months('O', 'H-B', 'P-ZZP', 50, 25, { zorgovereenkomstId: 'ZO-OPD' }),
        ],
      }),
      [
        { id: 'ZO-FAM', holder: 'H-A', provider: 'P-ZZP', soort: 'familie' },
        { id: 'ZO-OPD', holder: 'H-B', provider: 'P-ZZP', soort: 'opdracht' },
      ],
    );
    const [s, ...rest] = runRule(ind, ds).signals;
    expect(rest).toEqual([]);
    expect([s.observed.avg_hours_per_week, s.holders]).toEqual([50, ['H-A']]);
  });

  it('documents its defaults and rejects unknown parameters', () => {
    expect(ind.params.parse({})).toEqual({ maxHoursPerWeek: 40, fullStrengthHoursPerWeek: 60, maxInformalRate: 26, maxInformalRateByGemeente: {} });
    expect(ind.params.safeParse({ maxRate: 30 }).success).toBe(false);
  });

  it('gives the same findings whatever the order of the rows, also when two rates tie', () => {
    expectOrderFree(
      ind,
      {
        holders: HOLDERS,
        providers: [{ id: 'P-INF', soort: 'informeel' }, { id: 'P-ZZP', soort: 'zzp' }],
        declarations: [
          ...months('F', 'H-A', 'P-INF', 45, 25),
          { id: 'R-A', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-01-06', uren: 2, tarief: 40, bedrag: 80, overeenkomstSoort: 'familie' },
          { id: 'R-ROT', holder: 'H-ROT', provider: 'P-ZZP', zorgdatum: '2025-01-06', uren: 2, tarief: 40, bedrag: 80, overeenkomstSoort: 'familie' },
        ],
      },
      { params: { maxInformalRateByGemeente: { GM0599: 30 } } },
    );
  });
});
