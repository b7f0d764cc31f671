import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/declared-exceeds-contract.js';
import { missingRequirement } from '../../src/pipeline.js';
import { withContracts, type ContractSpec } from '../support/contracts.js';
import { makeDataset, runRule, type DeclarationSpec } from '../support/indicator.js';
import { expectOrderFree } from '../support/order.js';

const CONTRACT: ContractSpec = { id: 'ZO-1', holder: 'H-A', provider: 'P-ZZP', urenPerWeek: 12, tarief: 45, start: '2025-01-01', eind: '2025-06-30' };

function data(declarations: DeclarationSpec[], contracts: ContractSpec[] = [CONTRACT]) {
  return withContracts(makeDataset({ holders: [{ id: 'H-A' }, { id: 'H-B' }], providers: [{ id: 'P-ZZP' }, { id: 'P-OTHER' }], declarations }), contracts);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Two daily rows (Tuesday and Thursday) in each of `weeks` weeks from Monday 2025-01-06, `hours` hours each, at 45 an hour. */
function weekly(prefix: string, weeks: number, hours: number, extra: Partial<DeclarationSpec> = {}): DeclarationSpec[] {
  const out: DeclarationSpec[] = [];
  for (let w = 0; w < weeks; w++)
    for (const offset of [1, 3]) {
      const d = new Date(Date.UTC(2025, 0, 6 + 7 * w + offset)).toISOString().slice(0, 10);
      out.push({ id: `${prefix}-${w}-${offset}`, holder: 'H-A', provider: 'P-ZZP', zorgdatum: d, uren: hours, tarief: 45, bedrag: hours * 45, ...extra });
    }
  return out;
}

const DAYS = [31, 28, 31];
/** Whole-month periods Jan..Mar 2025 whose hours are `factor` times the agreed 12 a week, pro rata to the month's days. */
function monthlyAt(factor: number): DeclarationSpec[] {
  return DAYS.map((days, i) => {
    const uren = Math.round(((12 * days) / 7) * factor * 100) / 100;
    return { id: `M-${i + 1}`, holder: 'H-A', provider: 'P-ZZP', periodeStart: `2025-${pad(i + 1)}-01`, periodeEind: `2025-${pad(i + 1)}-${days}`, uren, tarief: 45, bedrag: uren * 45 };
  });
}

describe('declared-exceeds-contract', () => {
  it('flags 4 weeks of daily care above the agreed hours plus 10%, citing the rows and the agreement', () => {
    // 2 x 7.5 = 15 hours against 12 + 10% = 13.2 in each week, and 25% (3 hours) over on average.
    const { signals } = runRule(ind, data(weekly('W', 4, 7.5)));
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('declared-exceeds-contract:hoursOverContract:budgethouder=H-A:zorgovereenkomst_id=ZO-1');
    expect(s.provider).toBe('P-ZZP');
    expect(s.observed).toEqual({ weeks_over: 4, uren_per_week: 12, average_hours: 15, weeks: 4, max_week_hours: 15, max_week: '2025-01-06' });
    expect(s.threshold).toEqual({ tolerance_pct: 10, min_weeks: 4, average_tolerance_pct: 20, min_excess_hours: 1, full_strength_pct: 50 });
    // 25% over on average: below the 50% that counts fully, so half.
    expect(s.strength).toBe(0.5);
    expect(s.evidence).toHaveLength(9);
    expect(s.evidence[0]).toEqual({ file: 'declaraties.csv', line: 2, id: 'W-0-1' });
    expect(s.evidence).toContainEqual({ file: 'zorgovereenkomsten.csv', line: 2, id: 'ZO-1' });
    expect(s.amount).toBe(8 * 7.5 * 45);
  });

  it('counts fully from 50% over on average', () => {
    expect(runRule(ind, data(weekly('W', 4, 9))).signals.map((s) => [s.observed.average_hours, s.strength])).toEqual([[18, 1]]);
    expect(runRule(ind, data(weekly('W', 4, 8.99))).signals.map((s) => [s.observed.average_hours, s.strength])).toEqual([[17.98, 0.5]]);
  });

  it('does not fire just under each threshold', () => {
    // 3 weeks over.
    expect(runRule(ind, data(weekly('W', 3, 7.5))).signals).toEqual([]);
    // Exactly the agreed hours plus 10% every week.
    expect(runRule(ind, data(weekly('W', 8, 6.6))).signals).toEqual([]);
    // Every week over, but the average exactly 20% over (14.4 hours).
    expect(runRule(ind, data(weekly('W', 8, 7.2))).signals).toEqual([]);
    // 50% over on average, but only 0.75 hours a week: a quarter hour of rounding on a small agreement.
    const small = { ...CONTRACT, urenPerWeek: 1.5 };
    expect(runRule(ind, data(weekly('W', 8, 1.125), [small])).signals).toEqual([]);
    expect(runRule(ind, data(weekly('W', 8, 1.25), [small])).signals.map((s) => s.observed.average_hours)).toEqual([2.5]);
  });

  it('reads period declarations pro rata: 20% over for three months flags the full weeks, a few percent in a long month does not', () => {
    const [s] = runRule(ind, data(monthlyAt(1.4))).signals;
    // The weeks from Monday 6 January to Monday 24 March lie wholly in the care; the first and last weeks
    // (from 30 December, to 31 March) only partly. 16.8 hours a week in each full week.
    expect(s.observed).toEqual({ weeks_over: 12, uren_per_week: 12, average_hours: 15.43, weeks: 14, max_week_hours: 16.8, max_week: '2025-01-06' });
    expect(s.evidence.map((e) => e.id)).toEqual(['M-1', 'M-2', 'M-3', 'ZO-1']);
    expect(runRule(ind, data(monthlyAt(1.05))).signals).toEqual([]);
  });

  it('does not count busy weeks while the average holds: the agreed hours are an average', () => {
    // 16 and 8 hours in alternate weeks: half the weeks are over, the average is the agreed 12.
    const alternating = [...weekly('BUSY', 8, 8), ...weekly('QUIET', 8, 4)].filter((d) => {
      const week = Number(d.id.split('-')[1]);
      return d.id.startsWith('BUSY') ? week % 2 === 0 : week % 2 === 1;
    });
    expect(runRule(ind, data(alternating)).signals).toEqual([]);
  });

  it('flags a rate more than 2% above the agreed rate, from tarief or else bedrag / uren', () => {
    const { signals } = runRule(
      ind,
      data([
        { id: 'R-1', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-02-04', uren: 2, tarief: 46, bedrag: 92 },
        { id: 'R-2', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-02-05', uren: 2, bedrag: 100 },
        // 45.90 is exactly 2% over: not above.
        { id: 'R-3', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-02-06', uren: 3, bedrag: 137.7 },
        // A correction is not a rate.
        { id: 'R-4', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-02-07', uren: 2, tarief: 60, bedrag: -120 },
      ]),
    );
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('declared-exceeds-contract:rateOverContract:budgethouder=H-A:zorgovereenkomst_id=ZO-1');
    expect(s.observed).toEqual({ declarations: 2, tarief: 45, max_rate: 50 });
    expect(s.evidence.map((e) => e.id)).toEqual(['R-1', 'R-2', 'ZO-1']);
  });

  it('flags care outside the term; a monthly period that only partly overlaps it is not outside', () => {
    const { signals } = runRule(
      ind,
      data([
        { id: 'O-1', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2024-12-30', uren: 2, tarief: 45, bedrag: 90 },
        { id: 'O-2', holder: 'H-A', provider: 'P-ZZP', periodeStart: '2025-07-01', periodeEind: '2025-07-31', uren: 2, tarief: 45, bedrag: 90 },
        { id: 'IN-1', holder: 'H-A', provider: 'P-ZZP', periodeStart: '2025-06-01', periodeEind: '2025-07-31', uren: 8, tarief: 45, bedrag: 360 },
        { id: 'IN-2', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-06-30', uren: 2, tarief: 45, bedrag: 90 },
      ]),
    );
    expect(signals.map((s) => [s.messageId, s.observed])).toEqual([
      ['outsideTerm', { declarations: 2, start: '2025-01-01', eind: '2025-06-30', first_day: '2024-12-30', last_day: '2025-07-31' }],
    ]);
    expect(signals[0].evidence.map((e) => e.id)).toEqual(['O-1', 'O-2', 'ZO-1']);
  });

  it('joins by zorgovereenkomst_id, else by holder and provider to the agreement whose term covers the care', () => {
    const contracts: ContractSpec[] = [
      { id: 'ZO-OLD', holder: 'H-A', provider: 'P-ZZP', urenPerWeek: 4, start: '2024-01-01', eind: '2024-12-31' },
      { id: 'ZO-NEW', holder: 'H-A', provider: 'P-ZZP', urenPerWeek: 20, start: '2025-01-01' },
      { id: 'ZO-B', holder: 'H-B', provider: 'P-ZZP', urenPerWeek: 2, start: '2025-01-01' },
    ];
    // 14 hours a week: over the old agreement's 4, within the new one's 20.
    expect(runRule(ind, data(weekly('W', 5, 7), contracts)).signals).toEqual([]);
    // Named explicitly: the id wins over the pair.
    const named = runRule(ind, data(weekly('W', 5, 7, { zorgovereenkomstId: 'ZO-OLD' }), contracts)).signals;
    expect(named.map((s) => s.key)).toEqual(['declared-exceeds-contract:outsideTerm:budgethouder=H-A:zorgovereenkomst_id=ZO-OLD']);
    // An id of another holder's agreement does not describe this care: joined by the pair instead.
    expect(runRule(ind, data(weekly('W', 5, 7, { zorgovereenkomstId: 'ZO-B' }), contracts)).signals).toEqual([]);
    // No agreement for the pair: nothing to compare with.
    const other = weekly('W', 5, 9).map((d) => ({ ...d, provider: 'P-OTHER' }));
    const { signals, stats } = runRule(ind, data(other, contracts));
    expect(signals).toEqual([]);
    expect(stats).toEqual({ agreements: 3, declarations_joined: 0, declarations_unjoined: 10 });
  });

  it('is not applicable without zorgovereenkomsten.csv, and documents its defaults', () => {
    const ds = makeDataset({ holders: [{ id: 'H-A' }], providers: [{ id: 'P-ZZP' }], declarations: [] });
    expect(missingRequirement(ind, ds)).toBe('bestand zorgovereenkomsten.csv is niet opgegeven');
    expect(ind.params.parse({})).toEqual({ tolerancePct: 10, minWeeks: 4, averageTolerancePct: 20, minExcessHours: 1, fullStrengthPct: 50, rateTolerancePct: 2 });
    expect(ind.params.safeParse({ tolerance: 5 }).success).toBe(false);
  });

  it('gives the same findings whatever the order of the rows', () => {
    const contracts: ContractSpec[] = [CONTRACT, { id: 'ZO-B', holder: 'H-B', provider: 'P-ZZP', urenPerWeek: 2, tarief: 45, start: '2025-01-01', eind: '2025-01-31' }];
    expectOrderFree(
      ind,
      {
        holders: [{ id: 'H-A' }, { id: 'H-B' }],
        providers: [{ id: 'P-ZZP' }, { id: 'P-OTHER' }],
        declarations: [
          ...monthlyAt(1.4),
          ...weekly('W', 5, 3),
          { id: 'R-1', holder: 'H-A', provider: 'P-ZZP', zorgdatum: '2025-02-04', uren: 2, tarief: 50, bedrag: 100 },
          { id: 'O-1', holder: 'H-B', provider: 'P-ZZP', zorgdatum: '2025-03-04', uren: 2, tarief: 45, bedrag: 90 },
        ],
      },
      { build: (s) => withContracts(makeDataset(s), contracts) },
    );
  });
});
