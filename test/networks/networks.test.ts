import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../src/indicators/define.js';
import phoenix from '../../src/indicators/rules/phoenix-provider.js';
import representativeHub from '../../src/indicators/rules/representative-hub.js';
import sharedIban from '../../src/indicators/rules/shared-iban.js';
import { findNetworks } from '../../src/networks/networks.js';
import { networksCsv } from '../../src/report/networks-csv.js';
import { networksSection } from '../../src/report/networks-section.js';
import { PROVIDERS_HEADER, runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';
import { daily, makeDataset, period, runRule, type DeclarationSpec, type FixtureSpec, type ProviderSpec } from '../support/indicator.js';

const OPTS = { maxSharedProviders: 10 };

/** A signal that flags `provider`, as any indicator would; only its provider and observed values matter here. */
function flag(provider: string, indicator = 'tariff-outlier', observed: Record<string, string | number> = {}): Signal {
  return {
    indicator,
    version: 1,
    key: `${indicator}:x:provider=${provider}`,
    messageId: 'x',
    entity: { kind: 'provider', id: provider },
    provider,
    holders: [],
    amount: 0,
    strength: 1,
    observed,
    threshold: {},
    evidence: [],
  };
}

/** Providers each declaring once for their own holder (bedrag 100 + index), so every provider has an amount. */
function world(providers: ProviderSpec[], extra: DeclarationSpec[] = []): FixtureSpec {
  const declarations = providers.map((p, i) => daily(`D-${p.id}`, `H-${p.id}`, p.id, '2024-03-01', 100 + i));
  return { holders: [...providers.map((p) => ({ id: `H-${p.id}` })), ...extra.map((d) => ({ id: d.holder }))], providers, declarations: [...declarations, ...extra] };
}

describe('provider networks', () => {
  it('ties providers sharing a bank account into one network, with its links and combined amount', () => {
    const ds = makeDataset(world([{ id: 'P3', ibanSleutel: 'IB-1' }, { id: 'P1', ibanSleutel: 'IB-1' }, { id: 'P2' }]));
    const signals = runRule(sharedIban, ds).signals;
    expect(signals.map((s) => s.provider)).toEqual(['P1', 'P3']);
    const r = findNetworks(ds, signals, OPTS);
    expect(r.networks).toEqual([
      { id: 'P1', members: ['P1', 'P3'], flagged: ['P1', 'P3'], links: [{ kind: 'iban_sleutel', key: 'IB-1', providers: ['P1', 'P3'] }], amount: 201 },
    ]);
    expect([...r.networkOf]).toEqual([['P1', 'P1'], ['P3', 'P1']]);
    expect(r.tooBroad).toEqual([]);
  });

  it('ties a flagged provider to an unflagged one by address, KvK or AGB, and chains links into one component', () => {
    const ds = makeDataset(
      world([
        { id: 'A', adresSleutel: 'ADR-1' },
        { id: 'B', adresSleutel: 'ADR-1', kvkNummer: '12345678' },
        { id: 'C', kvkNummer: '12345678', agbCode: '00000001' },
        { id: 'D', agbCode: '00000001' },
        { id: 'E', agbCode: '99999999' },
      ]),
    );
    const r = findNetworks(ds, [flag('D')], OPTS);
    expect(r.networks.map((n) => [n.id, n.members, n.flagged])).toEqual([['A', ['A', 'B', 'C', 'D'], ['D']]]);
    expect(r.networks[0].links.map((l) => `${l.kind}=${l.key}`)).toEqual(['adres_sleutel=ADR-1', 'kvk_nummer=12345678', 'agb_code=00000001']);
  });

  it('ties a successor to its predecessor through a phoenix signal, though they share no key', () => {
    const ds = makeDataset(world([{ id: 'OLD' }, { id: 'NEW' }, { id: 'OTHER' }]));
    const r = findNetworks(ds, [flag('NEW', 'phoenix-provider', { voorganger: 'OLD' })], OPTS);
    expect(r.networks).toEqual([
      { id: 'NEW', members: ['NEW', 'OLD'], flagged: ['NEW'], links: [{ kind: 'opvolging', key: 'OLD', providers: ['NEW', 'OLD'] }], amount: 201 },
    ]);
  });

  it('reads the predecessor from the real phoenix-provider signal', () => {
    const providers: ProviderSpec[] = [
      { id: 'P-A', kvkNummer: '11111111', kvkStartdatum: '2015-01-01', einddatum: '2024-06-30', adresSleutel: 'ADR-1' },
      { id: 'P-B', kvkNummer: '22222222', kvkStartdatum: '2024-05-15', adresSleutel: 'ADR-1', agbCode: '00000007' },
      { id: 'P-A2', agbCode: '00000007' },
    ];
    const declarations: DeclarationSpec[] = [];
    for (let i = 1; i <= 4; i++) declarations.push(period(`A-${i}`, `H${i}`, 'P-A', '2024-01-01', '2024-06-30'));
    for (let i = 1; i <= 3; i++) declarations.push(daily(`B-${i}`, `H${i}`, 'P-B', '2024-07-02', 500));
    declarations.push(daily('D-A2', 'H9', 'P-A2', '2024-07-20'));
    const ds = makeDataset({ holders: ['H1', 'H2', 'H3', 'H4', 'H9'].map((id) => ({ id })), providers, declarations });
    const signals = runRule(phoenix, ds).signals;
    expect(signals.map((s) => s.key)).toEqual(['phoenix-provider:successor:provider=P-B:voorganger=P-A']);
    const [n] = findNetworks(ds, signals, OPTS).networks;
    expect(n.members).toEqual(['P-A', 'P-A2', 'P-B']);
    expect(n.links.map((l) => `${l.kind}=${l.key}`)).toEqual(['adres_sleutel=ADR-1', 'agb_code=00000007', 'opvolging=P-A']);
  });

  it('ties providers at which one representative is a hub (representative-hub fires for each)', () => {
    const holders = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'].map((id) => ({ id, vertegenwoordigerId: 'REP-1' }));
    const declarations = holders.map((h, i) => daily(`D${i}`, h.id, i < 3 ? 'P-X' : 'P-Y', '2024-03-01'));
    // P-Z has one holder of REP-1: the representative is no hub there, so P-Z is not tied.
    declarations.push(daily('DZ', 'H7', 'P-Z', '2024-03-01'));
    const ds = makeDataset({ holders: [...holders, { id: 'H7', vertegenwoordigerId: 'REP-1' }], providers: [{ id: 'P-Y' }, { id: 'P-X' }, { id: 'P-Z' }], declarations });
    const signals = runRule(representativeHub, ds).signals;
    expect(signals.map((s) => s.provider)).toEqual(['P-X', 'P-Y']);
    expect(findNetworks(ds, signals, OPTS).networks.map((n) => [n.id, n.members, n.links])).toEqual([
      ['P-X', ['P-X', 'P-Y'], [{ kind: 'vertegenwoordiger', key: 'REP-1', providers: ['P-X', 'P-Y'] }]],
    ]);
  });

  it('lets a key shared by more than maxSharedProviders providers join nothing, and reports it as too broad', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `P${String(i).padStart(2, '0')}`, adresSleutel: 'ADR-BIG' }));
    const ds = makeDataset(world(many));
    const r = findNetworks(ds, [flag('P03')], OPTS);
    expect(r.networks).toEqual([]);
    expect(r.networkOf.size).toBe(0);
    expect(r.tooBroad).toEqual([{ kind: 'adres_sleutel', key: 'ADR-BIG', providers: 11 }]);
    // Exactly at the limit it still links.
    expect(findNetworks(ds, [flag('P03')], { maxSharedProviders: 11 }).networks.map((n) => n.members.length)).toEqual([11]);
  });

  it('does not tie providers through holders who switch between them', () => {
    const ds = makeDataset({
      holders: [{ id: 'H1' }, { id: 'H2' }],
      providers: [{ id: 'P1' }, { id: 'P2' }],
      declarations: [daily('D1', 'H1', 'P1', '2024-01-05'), daily('D2', 'H1', 'P2', '2024-02-05'), daily('D3', 'H2', 'P1', '2024-01-05'), daily('D4', 'H2', 'P2', '2024-02-05')],
    });
    expect(findNetworks(ds, [flag('P1'), flag('P2')], OPTS).networks).toEqual([]);
  });

  it('keeps no component whose providers have no signal', () => {
    const ds = makeDataset(world([{ id: 'A', ibanSleutel: 'IB' }, { id: 'B', ibanSleutel: 'IB' }, { id: 'C' }]));
    expect(findNetworks(ds, [flag('C')], OPTS).networks).toEqual([]);
  });

  it('gives the same networks for any order of providers and signals', () => {
    const provs: ProviderSpec[] = [
      { id: 'A', ibanSleutel: 'I1' },
      { id: 'B', ibanSleutel: 'I1', adresSleutel: 'AD' },
      { id: 'C', adresSleutel: 'AD' },
      { id: 'D', agbCode: '00000002' },
      { id: 'E', agbCode: '00000002' },
    ];
    const sig = [flag('C'), flag('E', 'phoenix-provider', { voorganger: 'A' })];
    const a = findNetworks(makeDataset(world(provs)), sig, OPTS);
    const b = findNetworks(makeDataset(world([...provs].reverse())), [...sig].reverse(), OPTS);
    expect(b.networks).toEqual(a.networks);
    expect(a.networks.map((n) => n.members)).toEqual([['A', 'B', 'C', 'D', 'E']]);
  });

  it('writes networks.csv formula-safe and the report section with members, links and broad keys', () => {
    const ds = makeDataset(world([{ id: '=P*1', ibanSleutel: 'IB,1|x' }, { id: 'P2', ibanSleutel: 'IB,1|x' }]));
    const r = findNetworks(ds, [flag('P2')], OPTS);
    expect([...networksCsv(r.networks)].join('')).toBe(
      'netwerk,members,flagged,links,amount\n' + "'=P*1,'=P*1|P2,P2,\"iban_sleutel=IB,1|x (=P*1 P2)\",201\n",
    );
    const md = networksSection({ ...r, tooBroad: [{ kind: 'adres_sleutel', key: 'ADR-BIG', providers: 12 }] }).join('\n');
    expect(md).toContain('### Netwerk =P\\*1: 2 zorgverleners, € 201,00 gedeclareerd');
    expect(md).toContain('Leden: =P\\*1, P2 (signaal).');
    expect(md).toContain('- =P\\*1, P2: zelfde rekening (iban_sleutel IB,1\\|x)');
    expect(md).toContain('- adres_sleutel ADR-BIG: 12 zorgverleners');
  });

  it('are written by a scan: networks.csv, the netwerk column of providers.csv, the report section and the manifest count', async () => {
    const dir = smallExport(tempDir());
    // ZV-OK shares ZV-BUSY's bank account (I1); ZV-BUSY has signals, so the two form network ZV-BUSY.
    writeFiles(dir, { 'zorgverleners.csv': PROVIDERS_HEADER + 'ZV-BUSY,Zorg Één,zzp,01234567,X1,I1\nZV-OK,Hulp Twee,zzp,07654321,X2,I1\n' });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'networks.csv'), 'utf8')).toBe('netwerk,members,flagged,links,amount\nZV-BUSY,ZV-BUSY|ZV-OK,ZV-BUSY|ZV-OK,iban_sleutel=I1 (ZV-BUSY ZV-OK),1464\n');
    const providers = readFileSync(join(out, 'providers.csv'), 'utf8').trim().split('\n');
    const at = providers[0].split(',').indexOf('netwerk');
    expect(at).toBeGreaterThan(0);
    expect(providers.slice(1).map((l) => l.split(',').at(at - providers[0].split(',').length))).toEqual(['ZV-BUSY', 'ZV-BUSY']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('### Netwerk ZV-BUSY: 2 zorgverleners, € 1.464,00 gedeclareerd');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts.networks).toBe(1);
    expect(manifest.config.networks).toEqual({ maxSharedProviders: 10 });
  });

  it('equals the connected components of the pairwise ties, for any providers, keys, limit and successions (property)', () => {
    const key = (pool: string[]) => fc.option(fc.constantFrom(...pool), { nil: null });
    const provider = fc.record({
      ibanSleutel: key(['I1', 'I2', 'I3']),
      adresSleutel: key(['A1', 'A2', 'A3']),
      kvkNummer: key(['00000001', '00000002']),
      agbCode: key(['10000001', '10000002']),
      flagged: fc.boolean(),
    });
    const world = fc.record({
      providers: fc.array(provider, { minLength: 1, maxLength: 12 }),
      successions: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 3 }),
      max: fc.integer({ min: 2, max: 6 }),
    });
    fc.assert(
      fc.property(world, ({ providers, successions, max }) => {
        const specs = providers.map((p, i) => ({ id: `P${String(i).padStart(2, '0')}`, ibanSleutel: p.ibanSleutel, adresSleutel: p.adresSleutel, kvkNummer: p.kvkNummer, agbCode: p.agbCode }));
        const n = specs.length;
        const pairs = successions.map(([a, b]) => [a % n, b % n]).filter(([a, b]) => a !== b);
        const signals = [
          ...providers.flatMap((p, i) => (p.flagged ? [flag(specs[i].id)] : [])),
          ...pairs.map(([a, b]) => flag(specs[b].id, 'phoenix-provider', { voorganger: specs[a].id })),
        ];
        const got = findNetworks(makeDataset({ holders: [], providers: specs, declarations: [] }), signals, { maxSharedProviders: max });

        // Reference: an edge for every pair sharing a value that at most `max` providers carry, or a succession.
        const tie = Array.from({ length: n }, () => new Set<number>());
        for (const field of ['ibanSleutel', 'adresSleutel', 'kvkNummer', 'agbCode'] as const) {
          const carriers = new Map<string, number[]>();
          specs.forEach((s, i) => s[field] !== null && carriers.set(s[field]!, [...(carriers.get(s[field]!) ?? []), i]));
          for (const c of carriers.values()) if (c.length <= max) for (const a of c) for (const b of c) if (a !== b) tie[a].add(b);
        }
        for (const [a, b] of pairs) (tie[a].add(b), tie[b].add(a));
        const flaggedIds = new Set(signals.map((s) => s.provider));
        const seen = new Set<number>();
        const expected: string[][] = [];
        for (let i = 0; i < n; i++) {
          if (seen.has(i)) continue;
          const component = [i];
          seen.add(i);
          for (let k = 0; k < component.length; k++)
            for (const j of tie[component[k]]) if (!seen.has(j)) (seen.add(j), component.push(j));
          const ids = component.map((c) => specs[c].id).sort();
          if (ids.length >= 2 && ids.some((id) => flaggedIds.has(id))) expected.push(ids);
        }
        expect(got.networks.map((x) => x.members)).toEqual(expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        for (const x of got.networks) expect(x.id).toBe(x.members[0]);
      }),
      { numRuns: 300 },
    );
  });
});
