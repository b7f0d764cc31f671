import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderSignal } from '../../src/report/messages.js';
import ind from '../../src/indicators/rules/out-of-region-inflow.js';
import { C, withContracts } from '../support/contracts.js';
import { daily, makeDataset, runRule, D, H, Z, type DeclarationSpec, type FixtureSpec, type HolderSpec, type ProviderSpec } from '../support/indicator.js';

// Per provider, one holder per [first care day, ingeschreven_sinds]. An anchor declares every month of 2024,
// so the export starts in January and care from March on is intake.
function population(groups: { provider: ProviderSpec; holders: [string, string | null][] }[]): FixtureSpec {
  const holders: HolderSpec[] = [{ id: 'H-ANCHOR' }];
  const providers: ProviderSpec[] = [{ id: 'P-ANCHOR' }];
  const declarations: DeclarationSpec[] = [daily('D-ANCHOR', 'H-ANCHOR', 'P-ANCHOR', '2024-01-15')];
  for (const g of groups) {
    providers.push(g.provider);
    g.holders.forEach(([day, since], i) => {
      const h = `${g.provider.id}-H${i + 1}`;
      holders.push({ id: h, ingeschrevenSinds: since });
      declarations.push(daily(`${h}-D1`, h, g.provider.id, day, 100));
    });
  }
  // The rest of the municipality declares every month, so each month of 2024 is part of the export.
  for (let m = 1; m <= 12; m++)
    for (let k = 1; k <= 10; k++) declarations.push(daily(`D-ANCHOR-${m}-${k}`, 'H-ANCHOR', 'P-ANCHOR', `2024-${String(m).padStart(2, '0')}-1${k % 10}`));
  return { holders, providers, declarations };
}

const recruited: [string, string | null][] = [
  ['2024-03-01', '2023-09-01'], // exactly 6 months before: recent
  ['2024-04-10', '2024-04-01'],
  ['2024-05-10', '2024-06-10'], // registered 31 days after intake: recent
  ['2024-06-10', '2015-02-01'], // long settled
];

describe('out-of-region-inflow', () => {
  it('has the documented defaults and requirement', () => {
    expect(ind.params.parse({})).toEqual({ minIntake: 4, minSharePct: 50, windowMonths: 6, graceDaysAfter: 31, establishedYears: 5 });
    expect(ind.requires).toEqual([{ file: 'budgethouders', columns: ['ingeschreven_sinds'] }]);
    expect(ind.defaultWeight).toBe(0.25);
    expect(ind.holderConcern).toBe(true);
  });

  it('flags a provider when 3 of its 4 intakes registered at their address within 6 months before intake', () => {
    const [s, ...rest] = runRule(ind, population([{ provider: { id: 'P-REC', kvkStartdatum: '2023-01-01' }, holders: recruited }])).signals;
    expect(rest).toEqual([]);
    expect(s.key).toBe('out-of-region-inflow:inflow:provider=P-REC');
    expect([s.observed, s.threshold, s.strength]).toEqual([
      { movers: 3, intake: 4, share_pct: 75 },
      { window_months: 6, grace_days_after: 31, min_share_pct: 50, min_intake: 4, established_years: 5 },
      1,
    ]);
    expect(s.holders).toEqual(['P-REC-H1', 'P-REC-H2', 'P-REC-H3']);
    expect(s.amount).toBe(300);
    expect(s.evidence).toEqual([
      { file: H, line: 3, id: 'P-REC-H1' },
      { file: H, line: 4, id: 'P-REC-H2' },
      { file: H, line: 5, id: 'P-REC-H3' },
      { file: D, line: 3, id: 'P-REC-H1-D1' },
      { file: D, line: 4, id: 'P-REC-H2-D1' },
      { file: D, line: 5, id: 'P-REC-H3-D1' },
      { file: Z, line: 3, id: 'P-REC' },
    ]);
  });

  it('near misses: exactly half, a registration one day outside the window either side, three intakes only, or an unknown date', () => {
    const spec = population([
      { provider: { id: 'P-HALF' }, holders: [recruited[0], recruited[1], recruited[3], recruited[3]] },
      { provider: { id: 'P-EARLY' }, holders: [['2024-03-01', '2023-08-31'], recruited[1], recruited[2], recruited[3]] },
      { provider: { id: 'P-LATE' }, holders: [['2024-05-10', '2024-06-11'], recruited[0], recruited[1], recruited[3]] },
      { provider: { id: 'P-THREE' }, holders: recruited.slice(0, 3) },
      { provider: { id: 'P-UNKNOWN' }, holders: [recruited[0], recruited[1], ['2024-05-10', null], recruited[3]] },
    ]);
    expect(runRule(ind, spec).signals).toEqual([]);
    expect(runRule(ind, spec, { minSharePct: 49 }).signals.map((s) => s.entity.id)).toEqual(['P-EARLY', 'P-HALF', 'P-LATE', 'P-UNKNOWN']);
    expect(runRule(ind, spec, { windowMonths: 7, graceDaysAfter: 32 }).signals.map((s) => s.entity.id)).toEqual(['P-EARLY', 'P-LATE']);
    expect(runRule(ind, spec, { minIntake: 3 }).signals.map((s) => s.entity.id)).toEqual(['P-THREE']);
  });

  it('the look-alike, an established institution opening a location, is listed with low strength and says why', () => {
    const allMovedIn: [string, string][] = [1, 2, 3, 4, 5, 6].map((i) => ['2024-06-01', `2024-05-2${i}`]);
    const { signals } = runRule(ind, population([{ provider: { id: 'P-INST', soort: 'instelling', agbCode: '12345678', kvkStartdatum: '2012-05-01' }, holders: allMovedIn }]));
    expect(signals.map((s) => [s.key, s.strength, s.observed])).toEqual([
      ['out-of-region-inflow:inflowEstablished:provider=P-INST', 0.2, { movers: 6, intake: 6, share_pct: 100, kvk_startdatum: '2012-05-01' }],
    ]);
    // Without the AGB code, or registered less than 5 years before, it is not established.
    const young = runRule(ind, population([{ provider: { id: 'P-INST', soort: 'instelling', agbCode: '12345678', kvkStartdatum: '2019-06-02' }, holders: allMovedIn }]));
    expect(young.signals.map((s) => [s.messageId, s.strength])).toEqual([['inflow', 1]]);
  });

  it('holders already there when the export starts are not intake; an agreement start dates the intake', () => {
    const ds = makeDataset(population([{ provider: { id: 'P-OLD' }, holders: recruited.map(([, since]) => ['2024-01-20', since]) }]));
    expect(runRule(ind, ds).signals).toEqual([]);
    // Agreements starting within the export make them intake, measured from the agreement's start.
    const contracts = ['2024-03-01', '2024-04-10', '2024-05-10', '2024-06-10'].map((start, i) => ({ id: `ZO-${i + 1}`, holder: `P-OLD-H${i + 1}`, provider: 'P-OLD', start }));
    const [s] = runRule(ind, withContracts(ds, contracts)).signals;
    expect(s.observed).toEqual({ movers: 3, intake: 4, share_pct: 75 });
    expect(s.evidence.filter((e) => e.file === C)).toEqual([1, 2, 3].map((i) => ({ file: C, line: i + 1, id: `ZO-${i}` })));
  });
});

describe('out-of-region-inflow, whatever the row order', () => {
  it('gives the same keys, sentences and evidence for any order of holders, providers and declarations', () => {
    const allMovedIn: [string, string][] = [1, 2, 3, 4].map((i) => ['2024-06-01', `2024-05-2${i}`]);
    const spec = population([
      { provider: { id: 'P-REC' }, holders: [...recruited, recruited[1]] },
      { provider: { id: 'P-INST', soort: 'instelling', agbCode: '12345678', kvkStartdatum: '2012-05-01' }, holders: allMovedIn },
    ]);
    const view = (s: FixtureSpec) => runRule(ind, s).signals.map((x) => [x.key, renderSignal(x, 'nl'), x.holders, x.evidence.map((e) => e.id).sort()]);
    const today = view(spec);
    expect(today).toHaveLength(2);
    const perm = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });
    fc.assert(
      fc.property(perm(spec.holders), perm(spec.providers), perm(spec.declarations), (holders, providers, declarations) => {
        expect(view({ holders, providers, declarations })).toEqual(today);
      }),
      { numRuns: 30 },
    );
  });
});
