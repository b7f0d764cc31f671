import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderSignal } from '../../src/report/messages.js';
import ind from '../../src/indicators/rules/new-provider-rapid-intake.js';
import { C, withContracts } from '../support/contracts.js';
import { daily, makeDataset, runRule, D, Z, type DeclarationSpec, type FixtureSpec, type HolderSpec, type ProviderSpec } from '../support/indicator.js';

// Builds a population: per provider, one holder per first-care day given. An anchor provider declares every
// month of 2024, so the export starts in January and care from March on is intake.
function population(groups: { provider: ProviderSpec; days: string[] }[]): FixtureSpec {
  const holders: HolderSpec[] = [{ id: 'H-ANCHOR' }];
  const providers: ProviderSpec[] = [{ id: 'P-ANCHOR' }];
  const declarations: DeclarationSpec[] = [daily('D-ANCHOR', 'H-ANCHOR', 'P-ANCHOR', '2024-01-15')];
  for (const g of groups) {
    providers.push(g.provider);
    g.days.forEach((day, i) => {
      const h = `${g.provider.id}-H${i + 1}`;
      holders.push({ id: h });
      declarations.push(daily(`${h}-D1`, h, g.provider.id, day, 100));
      declarations.push(daily(`${h}-D2`, h, g.provider.id, '2024-10-01', 50));
    });
  }
  // The rest of the municipality declares every month, so each month of 2024 is part of the export.
  for (let m = 1; m <= 12; m++)
    for (let k = 1; k <= 10; k++) declarations.push(daily(`D-ANCHOR-${m}-${k}`, 'H-ANCHOR', 'P-ANCHOR', `2024-${String(m).padStart(2, '0')}-1${k % 10}`));
  return { holders, providers, declarations };
}

const EIGHT_IN_SIX_MONTHS = ['2024-03-01', '2024-03-20', '2024-04-02', '2024-05-10', '2024-06-01', '2024-07-01', '2024-08-01', '2024-08-31'];

describe('new-provider-rapid-intake', () => {
  it('has the documented defaults and requirement', () => {
    expect(ind.params.parse({})).toEqual({ maxAgeMonths: 24, minIntake: 8, windowMonths: 6 });
    expect(ind.requires).toEqual([{ file: 'zorgverleners', columns: ['kvk_startdatum'] }]);
    expect(ind.defaultWeight).toBe(0.3);
    expect(ind.holderConcern).toBe(false);
  });

  it('flags a provider registered 9 months before its first care that takes in 8 holders within 6 months', () => {
    const spec = population([{ provider: { id: 'P-NEW', kvkStartdatum: '2023-06-01' }, days: EIGHT_IN_SIX_MONTHS }]);
    const [s, ...rest] = runRule(ind, spec).signals;
    expect(rest).toEqual([]);
    expect(s.key).toBe('new-provider-rapid-intake:rapidIntake:provider=P-NEW');
    expect(s.observed).toEqual({
      intake: 8,
      first_intake: '2024-03-01',
      last_intake: '2024-08-31',
      kvk_startdatum: '2023-06-01',
      age_months: 9,
      first_declaration: '2024-03-01',
    });
    expect(s.threshold).toEqual({ min_intake: 8, window_months: 6, max_age_months: 24 });
    expect(s.holders).toHaveLength(8);
    // Every declaration of the holders taken in, and the provider row; 8 x (100 + 50).
    expect(s.amount).toBe(1200);
    expect(s.evidence[0]).toEqual({ file: D, line: 3, id: 'P-NEW-H1-D1' });
    expect(s.evidence).toHaveLength(17);
    expect(s.evidence[16]).toEqual({ file: Z, line: 3, id: 'P-NEW' });
  });

  it('near misses: 7 holders, the 8th one day outside the window, or a registration 24 months old', () => {
    const spec = population([
      { provider: { id: 'P-SEVEN', kvkStartdatum: '2023-06-01' }, days: EIGHT_IN_SIX_MONTHS.slice(0, 7) },
      { provider: { id: 'P-SLOW', kvkStartdatum: '2023-06-01' }, days: [...EIGHT_IN_SIX_MONTHS.slice(0, 7), '2024-09-01'] },
      { provider: { id: 'P-AGED', kvkStartdatum: '2022-03-01' }, days: EIGHT_IN_SIX_MONTHS },
    ]);
    expect(runRule(ind, spec).signals).toEqual([]);
    // The same population with each threshold one step looser fires for each of them.
    expect(runRule(ind, spec, { minIntake: 7 }).signals.map((s) => s.entity.id)).toEqual(['P-SEVEN', 'P-SLOW']);
    expect(runRule(ind, spec, { windowMonths: 7 }).signals.map((s) => s.entity.id)).toEqual(['P-SLOW']);
    expect(runRule(ind, spec, { maxAgeMonths: 25 }).signals.map((s) => s.entity.id)).toEqual(['P-AGED']);
  });

  it('does not flag the look-alike: an established institution (KvK 2015, AGB code) taking in as many', () => {
    const spec = population([
      { provider: { id: 'P-INST', soort: 'instelling', agbCode: '12345678', kvkStartdatum: '2015-04-01' }, days: [...EIGHT_IN_SIX_MONTHS, '2024-04-15', '2024-05-15'] },
    ]);
    expect(runRule(ind, spec).signals).toEqual([]);
  });

  it('a provider without kvk_startdatum is not judged', () => {
    expect(runRule(ind, population([{ provider: { id: 'P-UNKNOWN' }, days: EIGHT_IN_SIX_MONTHS }])).signals).toEqual([]);
  });

  it("holders with care in the export's first month are existing, unless their agreement starts within the export", () => {
    const january = ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08', '2024-01-10', '2024-01-12', '2024-01-20', '2024-01-31'];
    const ds = makeDataset(population([{ provider: { id: 'P-YOUNG', kvkStartdatum: '2023-10-01' }, days: january }]));
    expect(runRule(ind, ds).signals).toEqual([]);
    // Agreements from before the export keep them existing; agreements starting in January make them intake.
    const before = january.map((_, i) => ({ id: `ZO-${i + 1}`, holder: `P-YOUNG-H${i + 1}`, provider: 'P-YOUNG', start: '2023-11-01' }));
    expect(runRule(ind, withContracts(ds, before)).signals).toEqual([]);
    const within = january.map((day, i) => ({ id: `ZO-${i + 1}`, holder: `P-YOUNG-H${i + 1}`, provider: 'P-YOUNG', start: day }));
    const [s] = runRule(ind, withContracts(ds, within)).signals;
    expect([s.observed.intake, s.observed.first_intake, s.observed.last_intake]).toEqual([8, '2024-01-02', '2024-01-31']);
    expect(s.evidence.filter((e) => e.file === C)).toEqual(within.map((c, i) => ({ file: C, line: i + 2, id: c.id })));
  });

  it('a few late corrections for care before the export do not turn its first month\'s caseload into intake', () => {
    const january = ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08', '2024-01-10', '2024-01-12', '2024-01-20', '2024-01-31'];
    const spec = population([{ provider: { id: 'P-YOUNG', kvkStartdatum: '2023-10-01' }, days: january }]);
    spec.declarations.push(daily('D-CORR', 'H-ANCHOR', 'P-ANCHOR', '2023-11-20', -40));
    expect(runRule(ind, spec).signals).toEqual([]);
  });

  it('dates intake by the agreement start when known, not by the first care', () => {
    // First care all in October (inside one window), but the agreements say the holders came over a year.
    const ds = makeDataset(population([{ provider: { id: 'P-NEW', kvkStartdatum: '2023-06-01' }, days: EIGHT_IN_SIX_MONTHS.map(() => '2024-10-01') }]));
    expect(runRule(ind, ds).signals).toHaveLength(1);
    const spread = EIGHT_IN_SIX_MONTHS.map((_, i) => ({ id: `ZO-${i}`, holder: `P-NEW-H${i + 1}`, provider: 'P-NEW', start: `2024-0${1 + i}-10` }));
    expect(runRule(ind, withContracts(ds, spread)).signals).toEqual([]);
  });
});

describe('new-provider-rapid-intake, whatever the row order', () => {
  it('gives the same keys, sentences and evidence for any order of holders, providers and declarations', () => {
    const spec = population([
      { provider: { id: 'P-NEW', kvkStartdatum: '2023-06-01' }, days: [...EIGHT_IN_SIX_MONTHS, '2024-03-01', '2024-09-01'] },
      { provider: { id: 'P-TWIN', kvkStartdatum: '2023-01-01' }, days: [...EIGHT_IN_SIX_MONTHS, '2024-01-10'] },
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
