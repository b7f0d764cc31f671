import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/representative-hub.js';
import { runRule, onDay, H, D, Z, type FixtureSpec } from '../support/indicator.js';

const spec: FixtureSpec = {
  providers: [
    { id: 'P-HUB' }, // line 2
    { id: 'P-IS-REP', kvkNummer: '01234567', agbCode: '87654321' }, // 3
    { id: 'P-ADDR', adresSleutel: 'ADR-P' }, // 4
    { id: 'P-REP-ELSEWHERE', adresSleutel: 'ADR-P' }, // 5: a second firm at P-ADDR's address
    { id: 'P-NEAR-MISS' }, // 6
    { id: 'P-SPLIT' }, // 7
    { id: 'P-OTHER' }, // 8
  ],
  holders: [
    { id: 'H01', vertegenwoordigerId: 'REP-HUB' }, // 2
    { id: 'H02', vertegenwoordigerId: 'REP-HUB' }, // 3
    { id: 'H03', vertegenwoordigerId: 'REP-HUB' }, // 4
    { id: 'H04', vertegenwoordigerId: 'P-IS-REP' }, // 5: rep is the provider id
    { id: 'H05', vertegenwoordigerId: '01234567' }, // 6: rep is the provider's KvK number
    { id: 'H06', vertegenwoordigerId: 'H-REP-HOME' }, // 7
    { id: 'H-REP-HOME', adresSleutel: 'ADR-P' }, // 8: the representative lives at P-ADDR's address
    { id: 'H07', vertegenwoordigerId: 'P-REP-ELSEWHERE' }, // 9
    { id: 'H08', vertegenwoordigerId: 'REP-NEAR' }, // 10
    { id: 'H09', vertegenwoordigerId: 'REP-NEAR' }, // 11
    { id: 'H10', vertegenwoordigerId: 'REP-SPLIT' }, // 12
    { id: 'H11', vertegenwoordigerId: 'REP-SPLIT' }, // 13
    { id: 'H12', vertegenwoordigerId: 'REP-SPLIT' }, // 14: declares with P-OTHER only
    { id: 'H13', vertegenwoordigerId: 'H-FAR' }, // 15
    { id: 'H-FAR', adresSleutel: 'ADR-FAR' }, // 16: a representative living elsewhere
  ],
  declarations: [
    onDay('H01', 'P-HUB', 100), // line 2
    onDay('H02', 'P-HUB', 200), // 3
    onDay('H03', 'P-HUB', 300), // 4
    onDay('H03', 'P-HUB', 0.5), // 5
    onDay('H04', 'P-IS-REP', 40), // 6
    onDay('H05', 'P-IS-REP', 50), // 7
    onDay('H06', 'P-ADDR', 60), // 8
    onDay('H07', 'P-ADDR', 70), // 9
    onDay('H08', 'P-NEAR-MISS', 80), // 10
    onDay('H09', 'P-NEAR-MISS', 90), // 11
    onDay('H10', 'P-SPLIT', 10), // 12
    onDay('H11', 'P-SPLIT', 11), // 13
    onDay('H12', 'P-OTHER', 12), // 14
    onDay('H13', 'P-ADDR', 13), // 15
    onDay('H01', 'P-OTHER', 999), // 16: not P-HUB's money
  ],
};

const run = (overrides: Record<string, unknown> = {}, s: FixtureSpec = spec) => runRule(ind, s, overrides);

describe('representative-hub', () => {
  it('has the documented defaults', () => {
    expect(ind.params.parse({})).toEqual({ minHolders: 3 });
    expect(ind.id).toBe('representative-hub');
    expect(ind.defaultWeight).toBe(0.4);
    expect(ind.requires).toEqual([{ file: 'budgethouders', columns: ['vertegenwoordiger_id'] }]);
    expect(() => ind.params.parse({ minHolders: 3, extra: 1 })).toThrow();
  });

  it('flags one representative for three holders of the same provider', () => {
    const hub = run().signals.filter((s) => s.messageId === 'hub');
    expect(hub).toEqual([
      {
        indicator: 'representative-hub',
        version: 1, key: 'representative-hub:hub:provider=P-HUB:vertegenwoordiger_id=REP-HUB',
        messageId: 'hub',
        entity: { kind: 'provider', id: 'P-HUB' },
        provider: 'P-HUB',
        holders: ['H01', 'H02', 'H03'],
        amount: 600.5,
        strength: 1,
        observed: { vertegenwoordiger_id: 'REP-HUB', holders: 3 },
        threshold: { min_holders: 3 },
        evidence: [
          { file: H, line: 2, id: 'H01' },
          { file: H, line: 3, id: 'H02' },
          { file: H, line: 4, id: 'H03' },
          { file: D, line: 2, id: 'D-1' },
          { file: D, line: 3, id: 'D-2' },
          { file: D, line: 4, id: 'D-3' },
          { file: D, line: 5, id: 'D-4' },
          { file: Z, line: 2, id: 'P-HUB' },
        ],
      },
    ]);
  });

  it('flags a representative who is the provider, by provider id or KvK number', () => {
    const isProvider = run().signals.filter((s) => s.messageId === 'representativeIsProvider');
    expect(isProvider).toEqual([
      {
        indicator: 'representative-hub',
        version: 1, key: 'representative-hub:representativeIsProvider:provider=P-IS-REP:vertegenwoordiger_id=P-IS-REP',
        messageId: 'representativeIsProvider',
        entity: { kind: 'provider', id: 'P-IS-REP' },
        provider: 'P-IS-REP',
        holders: ['H04'],
        amount: 40,
        strength: 1,
        observed: { vertegenwoordiger_id: 'P-IS-REP', holders: 1 },
        threshold: {},
        evidence: [
          { file: H, line: 5, id: 'H04' },
          { file: D, line: 6, id: 'D-5' },
          { file: Z, line: 3, id: 'P-IS-REP' },
        ],
      },
      {
        indicator: 'representative-hub',
        version: 1, key: 'representative-hub:representativeIsProvider:provider=P-IS-REP:vertegenwoordiger_id=01234567',
        messageId: 'representativeIsProvider',
        entity: { kind: 'provider', id: 'P-IS-REP' },
        provider: 'P-IS-REP',
        holders: ['H05'],
        amount: 50,
        strength: 1,
        observed: { vertegenwoordiger_id: '01234567', holders: 1 },
        threshold: {},
        evidence: [
          { file: H, line: 6, id: 'H05' },
          { file: D, line: 7, id: 'D-6' },
          { file: Z, line: 3, id: 'P-IS-REP' },
        ],
      },
    ]);
  });

  it("flags a representative who is a holder or another provider at the provider's address", () => {
    const atAddress = run().signals.filter((s) => s.messageId === 'representativeAtProviderAddress');
    expect(atAddress).toEqual([
      {
        indicator: 'representative-hub',
        version: 1, key: 'representative-hub:representativeAtProviderAddress:provider=P-ADDR:vertegenwoordiger_id=H-REP-HOME',
        messageId: 'representativeAtProviderAddress',
        entity: { kind: 'provider', id: 'P-ADDR' },
        provider: 'P-ADDR',
        holders: ['H06'],
        amount: 60,
        strength: 1,
        observed: { vertegenwoordiger_id: 'H-REP-HOME', adres_sleutel: 'ADR-P', holders: 1 },
        threshold: {},
        evidence: [
          { file: H, line: 7, id: 'H06' },
          { file: H, line: 8, id: 'H-REP-HOME' },
          { file: D, line: 8, id: 'D-7' },
          { file: Z, line: 4, id: 'P-ADDR' },
        ],
      },
      {
        indicator: 'representative-hub',
        version: 1, key: 'representative-hub:representativeAtProviderAddress:provider=P-ADDR:vertegenwoordiger_id=P-REP-ELSEWHERE',
        messageId: 'representativeAtProviderAddress',
        entity: { kind: 'provider', id: 'P-ADDR' },
        provider: 'P-ADDR',
        holders: ['H07'],
        amount: 70,
        strength: 1,
        observed: { vertegenwoordiger_id: 'P-REP-ELSEWHERE', adres_sleutel: 'ADR-P', holders: 1 },
        threshold: {},
        evidence: [
          { file: H, line: 9, id: 'H07' },
          { file: D, line: 9, id: 'D-8' },
          { file: Z, line: 4, id: 'P-ADDR' },
          { file: Z, line: 5, id: 'P-REP-ELSEWHERE' },
        ],
      },
    ]);
  });

  it('does not fire for two holders sharing a rep, a rep split over providers, or a rep living elsewhere', () => {
    const { signals } = run();
    expect(signals.map((s) => [s.entity.id, s.messageId, s.observed.vertegenwoordiger_id])).toEqual([
      ['P-ADDR', 'representativeAtProviderAddress', 'H-REP-HOME'],
      ['P-ADDR', 'representativeAtProviderAddress', 'P-REP-ELSEWHERE'],
      ['P-HUB', 'hub', 'REP-HUB'],
      ['P-IS-REP', 'representativeIsProvider', 'P-IS-REP'],
      ['P-IS-REP', 'representativeIsProvider', '01234567'],
    ]);
  });

  it('a lower minHolders makes the two-holder near misses fire as hubs', () => {
    const hubs = run({ minHolders: 2 }).signals.filter((s) => s.messageId === 'hub');
    expect(hubs.map((s) => [s.entity.id, s.observed, s.threshold, s.holders, s.amount])).toEqual([
      ['P-HUB', { vertegenwoordiger_id: 'REP-HUB', holders: 3 }, { min_holders: 2 }, ['H01', 'H02', 'H03'], 600.5],
      ['P-NEAR-MISS', { vertegenwoordiger_id: 'REP-NEAR', holders: 2 }, { min_holders: 2 }, ['H08', 'H09'], 170],
      ['P-SPLIT', { vertegenwoordiger_id: 'REP-SPLIT', holders: 2 }, { min_holders: 2 }, ['H10', 'H11'], 21],
    ]);
  });

  it('a rep who is the provider (AGB code) and serves three holders yields hub and representativeIsProvider, not an address signal', () => {
    const s: FixtureSpec = {
      providers: [{ id: 'P-BOTH', agbCode: '87654321', adresSleutel: 'ADR-BOTH' }],
      holders: [
        { id: 'H1', vertegenwoordigerId: '87654321' },
        { id: 'H2', vertegenwoordigerId: '87654321' },
        { id: 'H3', vertegenwoordigerId: '87654321' },
      ],
      declarations: [onDay('H1', 'P-BOTH', 1), onDay('H2', 'P-BOTH', 2), onDay('H3', 'P-BOTH', 3)],
    };
    const { signals } = run({}, s);
    expect(signals.map((x) => [x.messageId, x.observed.holders, x.amount])).toEqual([
      ['hub', 3, 6],
      ['representativeIsProvider', 3, 6],
    ]);
  });

  it('a rep who is the provider (KvK) and also a provider id at its address counts once, as representativeIsProvider', () => {
    // The second record is the same firm registered under its KvK number as zorgverlener_id.
    const s: FixtureSpec = {
      providers: [
        { id: 'P-SELF', kvkNummer: '01234567', adresSleutel: 'ADR-SELF' },
        { id: '01234567', adresSleutel: 'ADR-SELF' },
      ],
      holders: [{ id: 'H1', vertegenwoordigerId: '01234567' }],
      declarations: [onDay('H1', 'P-SELF', 5)],
    };
    expect(run({}, s).signals.map((x) => [x.entity.id, x.messageId])).toEqual([['P-SELF', 'representativeIsProvider']]);
  });
});
