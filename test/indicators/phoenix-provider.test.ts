import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderSignal } from '../../src/report/messages.js';
import ind from '../../src/indicators/rules/phoenix-provider.js';
import { daily, period, runRule, D, Z, type DeclarationSpec, type FixtureSpec, type ProviderSpec } from '../support/indicator.js';

interface Succession {
  /** Predecessor P-A, declaring for H1..Hn (n = holders) in whole months January to June 2024. */
  a?: Partial<ProviderSpec>;
  holders?: number;
  /** Successor P-B; per holder moved, the day of its first care with P-B. */
  b?: Partial<ProviderSpec>;
  moves?: string[];
}

// P-A (line 2) ends on 2024-06-30; P-B (line 3) registered in May and shares P-A's address. An anchor provider
// (line 4) declares until December, so the export's last month is December 2024.
function succession({ a = {}, holders = 4, b = {}, moves = ['2024-07-01', '2024-07-01', '2024-07-15'] }: Succession = {}): FixtureSpec {
  const providers: ProviderSpec[] = [
    { id: 'P-A', kvkNummer: '11111111', kvkStartdatum: '2015-01-01', einddatum: '2024-06-30', adresSleutel: 'ADR-1', ibanSleutel: 'IB-A', ...a },
    { id: 'P-B', kvkNummer: '22222222', kvkStartdatum: '2024-05-15', adresSleutel: 'ADR-1', ibanSleutel: 'IB-B', ...b },
    { id: 'P-ANCHOR' },
  ];
  const declarations: DeclarationSpec[] = [];
  for (let i = 1; i <= holders; i++) {
    for (const m of ['01', '02', '03', '04', '05']) declarations.push(period(`A-${i}-${m}`, `H${i}`, 'P-A', `2024-${m}-01`, `2024-${m}-28`, 1000));
    declarations.push(period(`A-${i}-06`, `H${i}`, 'P-A', '2024-06-01', '2024-06-30', 1000));
  }
  moves.forEach((day, i) => {
    declarations.push(daily(`B-${i + 1}-1`, `H${i + 1}`, 'P-B', day, 500));
    declarations.push(daily(`B-${i + 1}-2`, `H${i + 1}`, 'P-B', '2024-09-01', 250));
  });
  declarations.push(daily('D-ANCHOR', 'H-ANCHOR', 'P-ANCHOR', '2024-12-20'));
  const ids = ['H-ANCHOR', ...Array.from({ length: holders }, (_, i) => `H${i + 1}`)];
  return { holders: ids.map((id) => ({ id })), providers, declarations };
}

const ids = (spec: FixtureSpec, overrides: Record<string, unknown> = {}) => runRule(ind, spec, overrides).signals.map((s) => s.entity.id);

describe('phoenix-provider', () => {
  it('has the documented defaults and requirement', () => {
    expect(ind.params.parse({})).toEqual({ maxGapMonths: 12, maxLeadMonths: 6, minSharePct: 50, minHolders: 3, moveDays: 60 });
    expect(ind.requires).toEqual([{ file: 'zorgverleners', columns: ['kvk_startdatum'] }]);
    expect(ind.defaultWeight).toBe(0.5);
    expect(ind.holderConcern).toBe(false);
  });

  it('flags the successor that shares an address, registered just before the end, and took 3 of 4 holders', () => {
    const [s, ...rest] = runRule(ind, succession()).signals;
    expect(rest).toEqual([]);
    expect(s.key).toBe('phoenix-provider:successor:provider=P-B:voorganger=P-A');
    expect(s.observed).toEqual({
      voorganger: 'P-A',
      einde_voorganger: '2024-06-30',
      kvk_startdatum: '2024-05-15',
      gedeeld: 'adres_sleutel',
      moved: 3,
      holders_predecessor: 4,
      share_pct: 75,
    });
    expect(s.holders).toEqual(['H1', 'H2', 'H3']);
    // Each moved holder's last row with P-A (line 7, 13, 19) and its rows with P-B, plus both provider rows.
    expect(s.evidence).toEqual([
      { file: D, line: 7, id: 'A-1-06' },
      { file: D, line: 13, id: 'A-2-06' },
      { file: D, line: 19, id: 'A-3-06' },
      { file: D, line: 26, id: 'B-1-1' },
      { file: D, line: 27, id: 'B-1-2' },
      { file: D, line: 28, id: 'B-2-1' },
      { file: D, line: 29, id: 'B-2-2' },
      { file: D, line: 30, id: 'B-3-1' },
      { file: D, line: 31, id: 'B-3-2' },
      { file: Z, line: 2, id: 'P-A' },
      { file: Z, line: 3, id: 'P-B' },
    ]);
    expect(s.amount).toBe(3 * 1000 + 3 * 750);
  });

  it('names every key shared, and links by account or AGB code alone', () => {
    const all = runRule(ind, succession({ b: { ibanSleutel: 'IB-A', agbCode: '33333333' }, a: { agbCode: '33333333' } })).signals;
    expect(all.map((s) => s.observed.gedeeld)).toEqual(['iban_sleutel, adres_sleutel, agb_code']);
    expect(ids(succession({ b: { adresSleutel: 'ADR-2', ibanSleutel: 'IB-A' } }))).toEqual(['P-B']);
    expect(ids(succession({ b: { adresSleutel: 'ADR-2', agbCode: '1' }, a: { agbCode: '1' } }))).toEqual(['P-B']);
  });

  it('near misses: registration just outside the window, 2 holders moved, under half moved, a move after 61 days', () => {
    expect(ids(succession({ b: { kvkStartdatum: '2025-07-01' } }))).toEqual([]);
    expect(ids(succession({ b: { kvkStartdatum: '2025-06-30' } }))).toEqual(['P-B']);
    expect(ids(succession({ b: { kvkStartdatum: '2023-12-29' } }))).toEqual([]);
    expect(ids(succession({ b: { kvkStartdatum: '2023-12-30' } }))).toEqual(['P-B']);
    expect(ids(succession({ holders: 4, moves: ['2024-07-01', '2024-07-01'] }))).toEqual([]);
    expect(ids(succession({ holders: 4, moves: ['2024-07-01', '2024-07-01'] }), { minHolders: 2 })).toEqual(['P-B']);
    expect(ids(succession({ holders: 7 }))).toEqual([]);
    expect(ids(succession({ holders: 7 }), { minSharePct: 42 })).toEqual(['P-B']);
    expect(ids(succession({ moves: ['2024-07-01', '2024-07-01', '2024-08-30'] }))).toEqual([]);
    expect(ids(succession({ moves: ['2024-07-01', '2024-07-01', '2024-08-29'] }))).toEqual(['P-B']);
  });

  it('does not flag the look-alike: holders moving together to an established, unrelated provider after a closure', () => {
    const spec = succession({ b: { kvkStartdatum: '2009-03-01', adresSleutel: 'ADR-OTHER', soort: 'instelling', agbCode: '44444444' }, moves: ['2024-07-01', '2024-07-01', '2024-07-01', '2024-07-01'] });
    expect(ids(spec)).toEqual([]);
    // Unrelated (no shared key) but new is no restart either; related but long established is no restart.
    expect(ids(succession({ b: { adresSleutel: 'ADR-OTHER' } }))).toEqual([]);
    expect(ids(succession({ b: { kvkStartdatum: '2009-03-01' } }))).toEqual([]);
  });

  it('a predecessor without einddatum has ended only when it stopped declaring before the export\'s last month', () => {
    // It stopped in June: its last care day is its end.
    expect(runRule(ind, succession({ a: { einddatum: null } })).signals.map((s) => s.observed.einde_voorganger)).toEqual(['2024-06-30']);
    // Still declaring in December: not stopped.
    const active = succession({ a: { einddatum: null } });
    active.declarations.push(daily('A-LATE', 'H4', 'P-A', '2024-12-02'));
    expect(ids(active)).toEqual([]);
  });

  it('two locations of one firm (one KvK number) are not a restart', () => {
    expect(ids(succession({ b: { kvkNummer: '11111111' } }))).toEqual([]);
  });
});

describe('phoenix-provider, whatever the row order', () => {
  it('gives the same keys, sentences and evidence for any order of holders, providers and declarations', () => {
    // P-B succeeds P-A, and P-C (sharing P-A's account) succeeds it too.
    const spec = succession({ holders: 5, moves: ['2024-07-01', '2024-07-01', '2024-07-15'] });
    spec.providers.push({ id: 'P-C', kvkStartdatum: '2024-08-01', ibanSleutel: 'IB-A' });
    spec.declarations.push(daily('C-4', 'H4', 'P-C', '2024-07-20'), daily('C-5', 'H5', 'P-C', '2024-07-20'), daily('C-3', 'H3', 'P-C', '2024-07-20'));
    const view = (s: FixtureSpec) => runRule(ind, s).signals.map((x) => [x.key, renderSignal(x, 'nl'), x.holders, x.evidence.map((e) => e.id).sort()]);
    const today = view(spec);
    expect(today.map(([key]) => key)).toEqual(['phoenix-provider:successor:provider=P-B:voorganger=P-A', 'phoenix-provider:successor:provider=P-C:voorganger=P-A']);
    const perm = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });
    fc.assert(
      fc.property(perm(spec.holders), perm(spec.providers), perm(spec.declarations), (holders, providers, declarations) => {
        expect(view({ holders, providers, declarations })).toEqual(today);
      }),
      { numRuns: 30 },
    );
  });
});
