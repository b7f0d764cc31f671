import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/care-shortfall-neglect.js';
import { withAbsences } from '../support/absences.js';
import { makeDataset, runRule, type DeclarationSpec, type FixtureSpec, type HolderSpec } from '../support/indicator.js';
import { expectOrderFree } from '../support/order.js';

// 14 hours a week indicated is 2 a day; a budget of 36,500 for 2025 is 100 a day. A month of d days is
// short below d hours (50%) while at least 80·d euros are declared in it.
const wonen = (id: string, extra: Partial<HolderSpec> = {}): HolderSpec => ({
  id,
  voorziening: 'beschermd_wonen',
  indicatieUrenPerWeek: 14,
  budgetBedrag: 36500,
  budgetStart: '2025-01-01',
  budgetEind: '2025-12-31',
  ...extra,
});

const DAYS = [31, 28, 31, 30, 31, 30];
const pad = (n: number) => String(n).padStart(2, '0');

/** Whole-month period declarations from January 2025: [hours, euros] per month (null = none that month). */
function months(holder: string, provider: string, perMonth: Array<[number | undefined, number] | null>): DeclarationSpec[] {
  const out: DeclarationSpec[] = [];
  perMonth.forEach((m, i) => {
    if (m === null) return;
    const ym = `2025-${pad(i + 1)}`;
    out.push({ id: `${holder}-${provider}-${ym}`, holder, provider, periodeStart: `${ym}-01`, periodeEind: `${ym}-${DAYS[i]}`, uren: m[0], bedrag: m[1] });
  });
  return out;
}

/** Short months (10 hours, the full budget share) for the first `n` months, then normal ones up to June. */
const shortThenNormal = (n: number): Array<[number, number]> => DAYS.map((d, i) => (i < n ? [10, 100 * d] : [2 * d, 100 * d]));

describe('care-shortfall-neglect', () => {
  it('flags a resident with 3 short months at full spending as a concern that scores no provider', () => {
    const { signals } = runRule(ind, {
      holders: [wonen('H-1')],
      providers: [{ id: 'P-A' }],
      declarations: months('H-1', 'P-A', shortThenNormal(3)),
    });
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('care-shortfall-neglect:holderShortfall:budgethouder=H-1');
    expect(s.provider).toBeNull();
    expect(s.observed).toEqual({ months: 3, first_month: '2025-01', last_month: '2025-03', hours_pct: 16.7, amount_pct: 100, zorgverleners: 'P-A' });
    expect(s.threshold).toEqual({ max_share_pct: 50, min_months: 3, min_budget_share_pct: 80 });
    expect(s.evidence).toEqual([
      { file: 'budgethouders.csv', line: 2, id: 'H-1' },
      { file: 'declaraties.csv', line: 2, id: 'H-1-P-A-2025-01' },
      { file: 'declaraties.csv', line: 3, id: 'H-1-P-A-2025-02' },
      { file: 'declaraties.csv', line: 4, id: 'H-1-P-A-2025-03' },
    ]);
    expect(s.amount).toBe(9000);
  });

  it('does not fire just short of each threshold', () => {
    const spec: FixtureSpec = {
      holders: [wonen('H-HALF'), wonen('H-TWO'), wonen('H-CHEAP'), wonen('H-GAP'), wonen('H-NOHOURS'), wonen('H-BEGELEIDING', { voorziening: 'begeleiding' })],
      providers: [{ id: 'P-A' }],
      declarations: [
        // Exactly 50% of the indicated hours is not below it.
        ...months('H-HALF', 'P-A', DAYS.map((d) => [d, 100 * d])),
        // Two short months, a normal one, two short ones, a normal one.
        ...months('H-TWO', 'P-A', DAYS.map((d, i) => (i === 2 || i === 5 ? [2 * d, 100 * d] : [10, 100 * d]))),
        // Little care, but little spent: 79.9% of the budget share.
        ...months('H-CHEAP', 'P-A', DAYS.map((d) => [10, 79.9 * d])),
        // A month without declarations breaks the run.
        ...months('H-GAP', 'P-A', [[10, 3100], [10, 2800], null, [10, 3000], [10, 3100], [62, 3000]]),
        // Hours unknown in March: the month cannot be judged.
        ...months('H-NOHOURS', 'P-A', [[10, 3100], [10, 2800], [undefined, 3100], [10, 3000], [10, 3100], [62, 3000]]),
        // Not sheltered or supported housing.
        ...months('H-BEGELEIDING', 'P-A', shortThenNormal(6)),
      ],
    };
    const { signals, stats } = runRule(ind, spec);
    expect(signals).toEqual([]);
    expect(stats).toEqual({ wonen_holders_with_indication: 5, holders_with_shortfall: 0 });
  });

  // The look-alike: low months explained by a hospital stay in afwezigheden.csv.
  it('leaves out months covered by an absence in afwezigheden.csv on more than half their days, ending the run', () => {
    const spec: FixtureSpec = {
      holders: [wonen('H-HOSP'), wonen('H-HALF'), wonen('H-OPEN'), wonen('H-SPLIT'), wonen('H-NONE')],
      providers: [{ id: 'P-A' }],
      declarations: [
        // Four short months; in hospital 1 February to 20 March (February all, March 20 of 31 days).
        ...months('H-HOSP', 'P-A', shortThenNormal(4)),
        // Near miss: away 8 to 21 February, 14 of 28 days, exactly half: still flagged.
        ...months('H-HALF', 'P-A', shortThenNormal(3)),
        // Six short months; detained from 10 March with no end: March to June left out, two short months remain.
        ...months('H-OPEN', 'P-A', shortThenNormal(6)),
        // Two overlapping absences in February (1-10 and 5-14) cover 14 days once, not 20: still flagged.
        ...months('H-SPLIT', 'P-A', shortThenNormal(3)),
        // An absence that does not cover a month more than half: still flagged.
        ...months('H-NONE', 'P-A', shortThenNormal(3)),
      ],
    };
    const ds = withAbsences(makeDataset(spec), [
      { holder: 'H-HOSP', soort: 'ziekenhuisopname', van: '2025-02-01', tot: '2025-03-20' },
      { holder: 'H-HALF', soort: 'ggz-opname', van: '2025-02-08', tot: '2025-02-21' },
      { holder: 'H-OPEN', soort: 'detentie', van: '2025-03-10' },
      { holder: 'H-SPLIT', soort: 'overig', van: '2025-02-01', tot: '2025-02-10' },
      { holder: 'H-SPLIT', soort: 'buitenland', van: '2025-02-05', tot: '2025-02-14' },
      { holder: 'H-NONE', soort: 'verhuisd', van: '2025-01-20', tot: '2025-02-12' },
    ]);
    const { signals, stats } = runRule(ind, ds);
    const holderSignals = signals.filter((s) => s.messageId === 'holderShortfall');
    expect(holderSignals.map((s) => [s.entity.id, s.observed.months, s.observed.first_month, s.observed.last_month])).toEqual([
      ['H-HALF', 3, '2025-01', '2025-03'],
      ['H-NONE', 3, '2025-01', '2025-03'],
      ['H-SPLIT', 3, '2025-01', '2025-03'],
    ]);
    expect(stats).toEqual({ wonen_holders_with_indication: 5, holders_with_shortfall: 3 });
    expect(signals.find((s) => s.messageId === 'providerShortfall')?.observed).toEqual({ holders: 3, wonen_holders: 5 });
    // The same declarations without afwezigheden.csv flag H-HOSP and H-OPEN too.
    const without = runRule(ind, spec).signals;
    expect(without.filter((s) => s.messageId === 'holderShortfall').map((s) => s.entity.id)).toEqual(['H-HALF', 'H-HOSP', 'H-NONE', 'H-OPEN', 'H-SPLIT']);
    expect(without.find((s) => s.messageId === 'providerShortfall')?.observed).toEqual({ holders: 5, wonen_holders: 5 });
  });

  it('judges a month cut by the budget period on its days within the period', () => {
    // Budget from 16 January: January has 16 days, so 8 hours is 25% of its 32 indicated hours.
    const holder = wonen('H-LATE', { budgetStart: '2025-01-16', budgetBedrag: 35000 });
    const decls: DeclarationSpec[] = [
      { id: 'J', holder: 'H-LATE', provider: 'P-A', periodeStart: '2025-01-16', periodeEind: '2025-01-31', uren: 8, bedrag: 1600 },
      ...months('H-LATE', 'P-A', [null, [10, 2800], [10, 3100], [60, 3000]]),
    ];
    const [s] = runRule(ind, { holders: [holder], providers: [{ id: 'P-A' }], declarations: decls }).signals;
    expect(s.observed).toMatchObject({ months: 3, first_month: '2025-01', last_month: '2025-03' });
  });

  it('gives the provider its own signal from 3 holders, or from half its housing holders when at least 2', () => {
    const holders = ['A1', 'A2', 'A3', 'B1', 'C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'D3', 'D4', 'D5'].map((id) => wonen(id));
    const short = shortThenNormal(4);
    const normal = shortThenNormal(0);
    const spec: FixtureSpec = {
      holders,
      providers: [{ id: 'P-A' }, { id: 'P-B' }, { id: 'P-C' }, { id: 'P-D' }],
      declarations: [
        ...['A1', 'A2', 'A3'].flatMap((h) => months(h, 'P-A', short)),
        // One holder of one: a single resident adds no points, however large the share.
        ...months('B1', 'P-B', short),
        // 2 of 4 housing holders: half.
        ...['C1', 'C2'].flatMap((h) => months(h, 'P-C', short)),
        ...['C3', 'C4'].flatMap((h) => months(h, 'P-C', normal)),
        // 2 of 5: below half and below 3.
        ...['D1', 'D2'].flatMap((h) => months(h, 'P-D', short)),
        ...['D3', 'D4', 'D5'].flatMap((h) => months(h, 'P-D', normal)),
      ],
    };
    const { signals } = runRule(ind, spec);
    const providerSignals = signals.filter((s) => s.messageId === 'providerShortfall');
    expect(providerSignals.map((s) => [s.key, s.observed, s.holders])).toEqual([
      ['care-shortfall-neglect:providerShortfall:provider=P-A', { holders: 3, wonen_holders: 3 }, ['A1', 'A2', 'A3']],
      ['care-shortfall-neglect:providerShortfall:provider=P-C', { holders: 2, wonen_holders: 4 }, ['C1', 'C2']],
    ]);
    expect(providerSignals.map((s) => s.provider)).toEqual(['P-A', 'P-C']);
    // Its evidence: the short months' declarations and the holder rows.
    const c = providerSignals[1];
    expect(c.evidence.filter((e) => e.file === 'budgethouders.csv').map((e) => e.id)).toEqual(['C1', 'C2']);
    expect(c.evidence.filter((e) => e.file === 'declaraties.csv')).toHaveLength(8);
    // Every holder with a shortfall is on the concern list, with no provider to score.
    const holderSignals = signals.filter((s) => s.messageId === 'holderShortfall');
    expect(holderSignals.map((s) => s.entity.id)).toEqual(['A1', 'A2', 'A3', 'B1', 'C1', 'C2', 'D1', 'D2']);
    expect(holderSignals.every((s) => s.provider === null)).toBe(true);
  });

  it('applies overridden parameters and rejects unknown ones', () => {
    const spec: FixtureSpec = { holders: [wonen('H-1')], providers: [{ id: 'P-A' }], declarations: months('H-1', 'P-A', shortThenNormal(2)) };
    expect(runRule(ind, spec).signals).toEqual([]);
    const [s] = runRule(ind, spec, { minMonths: 2 }).signals;
    expect(s.threshold).toEqual({ max_share_pct: 50, min_months: 2, min_budget_share_pct: 80 });
    expect(ind.params.parse({})).toEqual({ maxSharePct: 50, minMonths: 3, minBudgetSharePct: 80, minHolders: 3, minWonenSharePct: 50 });
    expect(ind.params.safeParse({ minHolders: 1 }).success).toBe(false);
    expect(ind.params.safeParse({ months: 3 }).success).toBe(false);
  });

  it('gives the same findings whatever the order of the rows', () => {
    expectOrderFree(ind, {
      holders: ['A1', 'A2', 'A3', 'B1'].map((id) => wonen(id)),
      providers: [{ id: 'P-A' }, { id: 'P-B' }],
      declarations: [...['A1', 'A2', 'A3'].flatMap((h) => months(h, 'P-A', shortThenNormal(3))), ...months('B1', 'P-B', shortThenNormal(4)), ...months('A1', 'P-B', shortThenNormal(0))],
    });
  });
});
