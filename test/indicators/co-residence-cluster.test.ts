import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/co-residence-cluster.js';
import { runRule, onDay, H, D, Z, type FixtureSpec } from '../support/indicator.js';

// Holder lines are index + 2, provider lines likewise.
const spec: FixtureSpec = {
  providers: [
    { id: 'P-FLAG', adresSleutel: 'ADR-PROV-FLAG', wooninitiatief: true }, // line 2
    { id: 'P-NEAR-MISS', adresSleutel: 'ADR-PROV-NEAR', wooninitiatief: false }, // line 3
    { id: 'P-OTHER' }, // line 4
  ],
  holders: [
    { id: 'H01', adresSleutel: 'ADR-CLUSTER' }, // 2
    { id: 'H02', adresSleutel: 'ADR-CLUSTER' }, // 3
    { id: 'H03', adresSleutel: 'ADR-CLUSTER' }, // 4
    { id: 'H04', adresSleutel: 'ADR-PROV-FLAG' }, // 5
    { id: 'H05', adresSleutel: 'ADR-PROV-FLAG' }, // 6
    { id: 'H06' }, // 7: no address, never grouped
    { id: 'H07', adresSleutel: 'ADR-NEAR' }, // 8
    { id: 'H08', adresSleutel: 'ADR-NEAR' }, // 9
    { id: 'H09', adresSleutel: 'ADR-PROV-NEAR' }, // 10
    { id: 'H10', adresSleutel: 'ADR-NEAR' }, // 11: lives there but declares only with P-OTHER
  ],
  declarations: [
    onDay('H01', 'P-FLAG', 50), // line 2
    onDay('H01', 'P-FLAG', 50), // 3
    onDay('H02', 'P-FLAG', 200), // 4
    onDay('H03', 'P-FLAG', 300), // 5
    onDay('H04', 'P-FLAG', 400), // 6
    onDay('H05', 'P-FLAG', 500), // 7
    onDay('H06', 'P-FLAG', 600), // 8
    onDay('H07', 'P-NEAR-MISS', 70), // 9
    onDay('H08', 'P-NEAR-MISS', 80), // 10
    onDay('H09', 'P-NEAR-MISS', 90), // 11
    onDay('H10', 'P-OTHER', 100), // 12
    onDay('H01', 'P-OTHER', 999), // 13: another provider's money never counts for P-FLAG
  ],
};

const run = (overrides: Record<string, unknown> = {}, s: FixtureSpec = spec) => runRule(ind, s, overrides);

describe('co-residence-cluster', () => {
  it('has the documented defaults', () => {
    expect(ind.params.parse({})).toEqual({
      minHoldersAtAddress: 3,
      minHoldersAtProviderAddress: 2,
      establishedYears: 5,
      establishedStrength: 0.5,
    });
    expect(ind.version).toBe(2);
    expect(ind.id).toBe('co-residence-cluster');
    expect(ind.defaultWeight).toBe(0.4);
    expect(ind.requires).toEqual([{ file: 'budgethouders', columns: ['adres_sleutel'] }]);
  });

  it('rejects unknown parameters', () => {
    expect(() => ind.params.parse({ minHolders: 3 })).toThrow();
  });

  it('flags a cluster at a third address and holders at the provider address, and nothing for the near miss', () => {
    const { signals } = run();
    expect(signals).toEqual([
      {
        indicator: 'co-residence-cluster',
        version: 2, key: 'co-residence-cluster:atProviderAddress:provider=P-FLAG:adres_sleutel=ADR-PROV-FLAG',
        messageId: 'atProviderAddress',
        entity: { kind: 'provider', id: 'P-FLAG' },
        provider: 'P-FLAG',
        holders: ['H04', 'H05'],
        amount: 900,
        strength: 1,
        // P-FLAG is a wooninitiatief without a known kvk_startdatum: not established, so full strength.
        observed: { adres_sleutel: 'ADR-PROV-FLAG', holders: 2, wooninitiatief: 'ja', kvk_startdatum: 'onbekend' },
        threshold: { min_holders_at_provider: 2 },
        evidence: [
          { file: H, line: 5, id: 'H04' },
          { file: H, line: 6, id: 'H05' },
          { file: D, line: 6, id: 'D-5' },
          { file: D, line: 7, id: 'D-6' },
          { file: Z, line: 2, id: 'P-FLAG' },
        ],
      },
      {
        indicator: 'co-residence-cluster',
        version: 2, key: 'co-residence-cluster:clusterAtAddress:provider=P-FLAG:adres_sleutel=ADR-CLUSTER',
        messageId: 'clusterAtAddress',
        entity: { kind: 'provider', id: 'P-FLAG' },
        provider: 'P-FLAG',
        holders: ['H01', 'H02', 'H03'],
        amount: 600,
        strength: 1,
        observed: { adres_sleutel: 'ADR-CLUSTER', holders: 3, wooninitiatief: 'ja', kvk_startdatum: 'onbekend' },
        threshold: { min_holders: 3 },
        evidence: [
          { file: H, line: 2, id: 'H01' },
          { file: H, line: 3, id: 'H02' },
          { file: H, line: 4, id: 'H03' },
          { file: D, line: 2, id: 'D-1' },
          { file: D, line: 3, id: 'D-2' },
          { file: D, line: 4, id: 'D-3' },
          { file: D, line: 5, id: 'D-4' },
          { file: Z, line: 2, id: 'P-FLAG' },
        ],
      },
    ]);
    expect(signals.some((s) => s.entity.id === 'P-NEAR-MISS' || s.entity.id === 'P-OTHER')).toBe(false);
  });

  it('lowered thresholds make the near misses fire', () => {
    const { signals } = run({ minHoldersAtAddress: 2, minHoldersAtProviderAddress: 1 });
    const near = signals.filter((s) => s.entity.id === 'P-NEAR-MISS');
    expect(near.map((s) => [s.messageId, s.observed, s.threshold, s.holders, s.amount])).toEqual([
      ['atProviderAddress', { adres_sleutel: 'ADR-PROV-NEAR', holders: 1, wooninitiatief: 'nee', kvk_startdatum: 'onbekend' }, { min_holders_at_provider: 1 }, ['H09'], 90],
      ['clusterAtAddress', { adres_sleutel: 'ADR-NEAR', holders: 2, wooninitiatief: 'nee', kvk_startdatum: 'onbekend' }, { min_holders: 2 }, ['H07', 'H08'], 150],
    ]);
    // H10 lives at ADR-NEAR too but only declares with P-OTHER: neither its row nor its declaration is cited.
    expect(near[1].evidence).toEqual([
      { file: H, line: 8, id: 'H07' },
      { file: H, line: 9, id: 'H08' },
      { file: D, line: 9, id: 'D-8' },
      { file: D, line: 10, id: 'D-9' },
      { file: Z, line: 3, id: 'P-NEAR-MISS' },
    ]);
    // P-OTHER has one holder at ADR-NEAR and one at ADR-CLUSTER: still below 2 per address.
    expect(signals.filter((s) => s.entity.id === 'P-OTHER')).toEqual([]);
  });

  it('raised provider-address threshold silences the atProviderAddress signal and does not turn it into a cluster', () => {
    const { signals } = run({ minHoldersAtProviderAddress: 3, minHoldersAtAddress: 2 });
    const flag = signals.filter((s) => s.entity.id === 'P-FLAG');
    expect(flag.map((s) => [s.messageId, s.observed.adres_sleutel])).toEqual([['clusterAtAddress', 'ADR-CLUSTER']]);
  });

  it('treats every address as a cluster candidate when the provider address is unknown', () => {
    const s: FixtureSpec = {
      providers: [{ id: 'P-NO-ADDRESS' }],
      holders: [
        { id: 'H1', adresSleutel: 'ADR-X' },
        { id: 'H2', adresSleutel: 'ADR-X' },
        { id: 'H3', adresSleutel: 'ADR-X' },
      ],
      declarations: [onDay('H1', 'P-NO-ADDRESS', 1.5), onDay('H2', 'P-NO-ADDRESS', 2), onDay('H3', 'P-NO-ADDRESS', 3)],
    };
    const { signals } = run({}, s);
    expect(signals).toHaveLength(1);
    expect(signals[0].messageId).toBe('clusterAtAddress');
    expect(signals[0].observed).toEqual({ adres_sleutel: 'ADR-X', holders: 3, wooninitiatief: 'onbekend', kvk_startdatum: 'onbekend' });
    expect(signals[0].amount).toBe(6.5);
  });

  describe('established housing initiative', () => {
    const AS_OF = '2024-06-30';
    // One provider with two holders at its own address; only the provider's registration varies.
    const atOwnAddress = (provider: { kvkStartdatum?: string | null; wooninitiatief?: boolean | null }): FixtureSpec => ({
      asOf: AS_OF,
      providers: [{ id: 'P-HOME', adresSleutel: 'ADR-HOME', ...provider }],
      holders: [
        { id: 'HA', adresSleutel: 'ADR-HOME' },
        { id: 'HB', adresSleutel: 'ADR-HOME' },
      ],
      declarations: [onDay('HA', 'P-HOME', 100), onDay('HB', 'P-HOME', 200)],
    });
    const only = (overrides: Record<string, unknown>, s: FixtureSpec) => {
      const { signals } = run(overrides, s);
      expect(signals).toHaveLength(1);
      return signals[0];
    };

    it('gives a wooninitiatief registered ten years before as-of the lowered strength, still signalled', () => {
      const s = only({}, atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2014-06-30' }));
      expect(s.messageId).toBe('atProviderAddress');
      expect(s.holders).toEqual(['HA', 'HB']);
      expect(s.amount).toBe(300);
      expect(s.strength).toBe(0.5);
      expect(s.observed).toEqual({ adres_sleutel: 'ADR-HOME', holders: 2, wooninitiatief: 'ja', kvk_startdatum: '2014-06-30' });
      expect(s.threshold).toEqual({ min_holders_at_provider: 2 });
    });

    it('keeps full strength for a wooninitiatief registered only four years before as-of', () => {
      const s = only({}, atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2020-06-30' }));
      expect(s.strength).toBe(1);
      expect(s.observed.kvk_startdatum).toBe('2020-06-30');
    });

    it('needs the full establishedYears * 365.25 days', () => {
      // 2019-06-30 .. 2024-06-30 is 1827 days (two leap days) >= 1826.25; one day later is 1826 < 1826.25.
      expect(only({}, atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2019-06-30' })).strength).toBe(0.5);
      expect(only({}, atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2019-07-01' })).strength).toBe(1);
    });

    it('keeps full strength for an old firm that is not (known to be) a wooninitiatief', () => {
      const notInitiative = only({}, atOwnAddress({ wooninitiatief: false, kvkStartdatum: '2004-01-01' }));
      expect(notInitiative.strength).toBe(1);
      expect(notInitiative.observed).toEqual({ adres_sleutel: 'ADR-HOME', holders: 2, wooninitiatief: 'nee', kvk_startdatum: '2004-01-01' });
      const unknown = only({}, atOwnAddress({ wooninitiatief: null, kvkStartdatum: '2004-01-01' }));
      expect(unknown.strength).toBe(1);
      expect(unknown.observed.wooninitiatief).toBe('onbekend');
    });

    it('honours the establishedStrength and establishedYears overrides', () => {
      const established = atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2014-06-30' });
      expect(only({ establishedStrength: 1 }, established).strength).toBe(1);
      expect(only({ establishedStrength: 0.25 }, established).strength).toBe(0.25);
      expect(only({ establishedYears: 11 }, established).strength).toBe(1);
      expect(only({ establishedYears: 3 }, atOwnAddress({ wooninitiatief: true, kvkStartdatum: '2020-06-30' })).strength).toBe(0.5);
    });

    it('rejects an establishedStrength outside (0, 1] and a negative establishedYears', () => {
      expect(() => ind.params.parse({ establishedStrength: 0 })).toThrow();
      expect(() => ind.params.parse({ establishedStrength: 1.5 })).toThrow();
      expect(() => ind.params.parse({ establishedYears: -1 })).toThrow();
    });
  });
});
