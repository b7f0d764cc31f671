import { describe, expect, it } from 'vitest';
import ind, { peerGroupMedians } from '../../src/indicators/rules/tariff-outlier.js';
import { makeDataset, runRule, D, type DeclarationSpec, type FixtureSpec, type ProviderSpec } from '../support/indicator.js';

let seq = 0;
const decl = (holder: string, provider: string, uren: number | undefined, bedrag: number, id = `D-${++seq}`): DeclarationSpec => ({
  id,
  holder,
  provider,
  zorgdatum: '2024-03-01',
  uren,
  bedrag,
});
/** One provider with a single declaration of two hours at the given hourly rate. */
const peers = (prefix: string, holder: string, rates: number[], soort: ProviderSpec['soort'] = 'zzp') => ({
  providers: rates.map((_, i) => ({ id: `${prefix}-${String(i).padStart(2, '0')}`, soort })),
  declarations: rates.map((rate, i) => decl(holder, `${prefix}-${String(i).padStart(2, '0')}`, 2, rate * 2)),
});

const range = (from: number, count: number, value?: number) => Array.from({ length: count }, (_, i) => value ?? from + i);

// begeleid_wonen x zzp: medians 50..59, P-AT-FENCE 66.5 and P-FLAG 105 (n = 12):
// Q1 = 52 + 0.75 * (53 - 52) = 52.75, Q3 = 58 + 0.25 * (59 - 58) = 58.25, fence = 58.25 + 1.5 * 5.5 = 66.5.
const peerBw = peers('P-PEER', 'H-BW', range(50, 10));
// dagbesteding x zzp: nine providers; medians 40..47 and 400. Q1 42, Q3 46, fence 52.
const small = peers('P-SMALL', 'H-DAG', [...range(40, 8), 400]);
// beschermd_wonen x zzp: eleven at 80 and one at 200, so Q1 = Q3 = 80.
const flatGroup = peers('P-ZERO-IQR', 'H-BSW', [...range(0, 11, 80), 200]);

const spec: FixtureSpec = {
  holders: [
    { id: 'H-FLAG-1' }, // begeleid_wonen (the fixture default)
    { id: 'H-FLAG-2' },
    { id: 'H-BW' },
    { id: 'H-BEG', voorziening: 'begeleiding' },
    { id: 'H-DAG', voorziening: 'dagbesteding' },
    { id: 'H-BSW', voorziening: 'beschermd_wonen' },
  ],
  providers: [
    { id: 'P-FLAG' },
    { id: 'P-AT-FENCE' },
    { id: 'P-INSTELLING', soort: 'instelling' },
    ...peerBw.providers,
    ...small.providers,
    ...flatGroup.providers,
  ],
  declarations: [
    decl('H-FLAG-1', 'P-FLAG', 1, 100, 'D-FLAG-100'), // line 2: rate 100
    decl('H-FLAG-1', 'P-FLAG', 1, -50), // 3: a correction, not a rate
    decl('H-FLAG-2', 'P-FLAG', undefined, 300), // 4: no hours
    decl('H-FLAG-2', 'P-FLAG', 0, 10), // 5: zero hours
    decl('H-FLAG-2', 'P-FLAG', 2, 220, 'D-FLAG-110'), // 6: rate 110
    decl('H-BEG', 'P-FLAG', 1, 500), // 7: another peer group (begeleiding, alone there)
    decl('H-BW', 'P-AT-FENCE', 2, 133), // 8: rate 66.5, exactly the fence
    decl('H-BW', 'P-INSTELLING', 1, 100), // 9: an institution is not a zzp peer
    ...peerBw.declarations,
    ...small.declarations,
    ...flatGroup.declarations,
  ],
};

const run = (overrides: Record<string, unknown> = {}) => runRule(ind, spec, overrides);

describe('tariff-outlier', () => {
  it('has the documented defaults', () => {
    expect(ind.params.parse({})).toEqual({ iqrMultiplier: 1.5, minPeers: 10 });
    expect(ind.id).toBe('tariff-outlier');
    expect(ind.defaultWeight).toBe(0.25);
    expect(ind.requires).toEqual([{ file: 'declaraties', columns: ['uren', 'bedrag'] }]);
    expect(() => ind.params.parse({ percentile: 95 })).toThrow();
  });

  it('flags a median rate above the upper fence, citing only its rated rows in that peer group', () => {
    const { signals } = run();
    expect(signals).toEqual([
      {
        indicator: 'tariff-outlier',
        version: 1, key: 'tariff-outlier:aboveFence:provider=P-FLAG:voorziening=begeleid_wonen',
        messageId: 'aboveFence',
        entity: { kind: 'provider', id: 'P-FLAG' },
        provider: 'P-FLAG',
        holders: ['H-FLAG-1', 'H-FLAG-2'],
        amount: 320,
        strength: 1,
        observed: {
          median_rate: 105,
          q1: 52.75,
          q3: 58.25,
          fence: 66.5,
          n: 12,
          voorziening: 'begeleid_wonen',
          soort: 'zzp',
          declarations: 2,
        },
        threshold: { iqr_multiplier: 1.5, min_peers: 10 },
        evidence: [
          { file: D, line: 2, id: 'D-FLAG-100' },
          { file: D, line: 6, id: 'D-FLAG-110' },
        ],
      },
    ]);
  });

  it('does not flag a median exactly at the fence, a small group, a zero-IQR group or a lone institution', () => {
    const { signals, stats } = run();
    expect(signals.map((s) => s.entity.id)).toEqual(['P-FLAG']);
    expect(stats).toEqual({
      groups: [
        { voorziening: 'beschermd_wonen', soort: 'zzp', n: 12, q1: 80, q3: 80, fence: 80, skipped: 'zero_iqr' },
        { voorziening: 'begeleid_wonen', soort: 'instelling', n: 1, q1: 100, q3: 100, fence: 100, skipped: 'too_few_peers' },
        { voorziening: 'begeleid_wonen', soort: 'zzp', n: 12, q1: 52.75, q3: 58.25, fence: 66.5 },
        { voorziening: 'begeleiding', soort: 'zzp', n: 1, q1: 500, q3: 500, fence: 500, skipped: 'too_few_peers' },
        { voorziening: 'dagbesteding', soort: 'zzp', n: 9, q1: 42, q3: 46, fence: 52, skipped: 'too_few_peers' },
      ],
    });
  });

  it('minPeers 9 evaluates the group of nine and flags its high rate', () => {
    const { signals } = run({ minPeers: 9 });
    const small = signals.find((s) => s.entity.id === 'P-SMALL-08');
    expect(small?.observed).toEqual({
      median_rate: 400,
      q1: 42,
      q3: 46,
      fence: 52,
      n: 9,
      voorziening: 'dagbesteding',
      soort: 'zzp',
      declarations: 1,
    });
    expect(small?.threshold).toEqual({ iqr_multiplier: 1.5, min_peers: 9 });
    expect(small?.holders).toEqual(['H-DAG']);
    expect(signals.map((s) => s.entity.id)).toEqual(['P-FLAG', 'P-SMALL-08']);
  });

  it('a wider fence (iqrMultiplier 10 puts it at 113.25) clears P-FLAG', () => {
    const { signals, stats } = run({ iqrMultiplier: 10 });
    expect(signals).toEqual([]);
    const bw = (stats!.groups as { voorziening: string; soort: string; fence: number }[]).find(
      (g) => g.voorziening === 'begeleid_wonen' && g.soort === 'zzp',
    );
    expect(bw?.fence).toBe(113.25);
  });

  it('a narrower fence (iqrMultiplier 1) puts P-AT-FENCE above it', () => {
    // fence = 58.25 + 5.5 = 63.75 < 66.5
    const { signals } = run({ iqrMultiplier: 1 });
    expect(signals.map((s) => [s.entity.id, s.observed.fence])).toEqual([
      ['P-AT-FENCE', 63.75],
      ['P-FLAG', 63.75],
    ]);
  });

  it('finds the same medians when the rates are held one provider or a few rates at a time', () => {
    const ds = makeDataset(spec);
    const whole = peerGroupMedians(ds);
    const flag = ds.providerIndex.get('P-FLAG')!;
    // P-FLAG's begeleid_wonen rates 100 and 110 (the correction and the rows without hours are no rates).
    expect([...whole.values()].flat().find((m) => m.provider === flag && m.declarations === 2)?.median).toBe(105);
    for (const ratesPerPass of [1, 3, 7]) expect(peerGroupMedians(ds, undefined, ratesPerPass)).toEqual(whole);
  });
});
