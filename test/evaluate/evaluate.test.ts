import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { evaluate, renderEvaluation } from '../../src/evaluate/evaluate.js';

const PROVIDER_HEADER = 'rank,zorgverlener_id,naam,score,tier,indicators,holders,amount,top_reason';
const HOLDER_HEADER = 'rank,budgethouder_id,label,indicators,zorgverleners,amount,top_reason';

const TRUTH = {
  scenario: 'hand-made',
  seed: 3,
  scale: 1,
  files: { 'budgethouders.csv': 'a'.repeat(64), 'declaraties.csv': 'b'.repeat(64), 'zorgverleners.csv': 'c'.repeat(64) },
  schemes: [
    {
      kind: 'zorgcowboy-house',
      instance: 1,
      providers: ['ZV0001'],
      holders: ['BH000001', 'BH000002'],
      expectedIndicators: ['co-residence-cluster', 'flat-template-billing', 'representative-hub'],
      holderConcern: true,
    },
    { kind: 'impossible-days', instance: 1, providers: ['ZV0002'], holders: ['BH000003'], expectedIndicators: ['impossible-day-hours'], holderConcern: false },
    {
      kind: 'shared-account-firms',
      instance: 1,
      providers: ['ZV0003', 'ZV0004'],
      holders: ['BH000004'],
      expectedIndicators: ['outside-entitlement', 'shared-iban'],
      holderConcern: false,
    },
  ],
  decoys: [
    { kind: 'busy-zzp', instance: 1, providers: ['ZV0005'], holders: ['BH000005'], allowedIndicators: [] },
    { kind: 'wooninitiatief-varied', instance: 1, providers: ['ZV0006'], holders: ['BH000006'], allowedIndicators: ['co-residence-cluster'] },
  ],
};

/** A signals.ndjson line as a scan writes it; evaluate reads only indicator, entity, provider and holders. */
const signal = (indicator: string, kind: 'provider' | 'budgethouder', id: string, provider: string | null, holders: string[] = []) =>
  JSON.stringify({
    indicator,
    version: 1,
    key: `${indicator}:${kind}:${id}`,
    messageId: 'x',
    entity: { kind, id },
    provider,
    holders,
    weight: 1,
    strength: 1,
    contribution: 100,
    amount: 0,
    message: { nl: 'x', en: 'x' },
    observed: {},
    threshold: {},
    evidence: [{ file: 'declaraties.csv', line: 2, id: 'D1' }],
  });

const SIGNALS = [
  signal('co-residence-cluster', 'provider', 'ZV0001', 'ZV0001', ['BH000001', 'BH000002']),
  signal('representative-hub', 'provider', 'ZV0001', 'ZV0001'),
  signal('impossible-day-hours', 'provider', 'ZV0005', 'ZV0005'),
  signal('shared-iban', 'provider', 'ZV0003', 'ZV0003'),
  signal('shared-iban', 'provider', 'ZV0004', 'ZV0004'),
  signal('outside-entitlement', 'budgethouder', 'BH000004', 'ZV0004', ['BH000004']),
  signal('impossible-day-hours', 'provider', 'ZV0002', 'ZV0002'),
  signal('co-residence-cluster', 'provider', 'ZV0006', 'ZV0006'),
  signal('tariff-outlier', 'provider', 'ZV0009', 'ZV0009'),
];

// k = 4 planted providers; the top 4 holds ZV0001 and ZV0003 (planted), ZV0005 (decoy) and ZV0009 (base).
const PROVIDERS = [
  PROVIDER_HEADER,
  '1,ZV0001,"Woonzorg De Brug, B.V.",0.9,hoog,co-residence-cluster|representative-hub,2,1000.00,tekst',
  '2,ZV0005,Zorg Zoë Bakker,0.6,midden,impossible-day-hours,9,500.00,tekst',
  '3,ZV0003,Stichting Het Anker,0.5,midden,shared-iban,3,400.00,tekst',
  '4,ZV0009,Thuiszorg De Eik,0.3,laag,tariff-outlier,2,300.00,tekst',
  '5,ZV0002,André Visser Zorg,0.3,laag,impossible-day-hours,3,200.00,tekst',
  '6,ZV0006,Woonzorg Oranjehof,0.2,laag,co-residence-cluster,4,100.00,tekst',
];

const HOLDERS = [HOLDER_HEADER, '1,BH000001,zorgwekkend,co-residence-cluster,ZV0001,10.00,t', '2,BH000007,zorgwekkend,x,ZV0009,5.00,t', '3,BH000002,zorgwekkend,x,ZV0001,1.00,t'];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** The inputs a scan of TRUTH's files lists in its manifest. */
const INPUTS = Object.entries(TRUTH.files).map(([name, sha256]) => ({
  kind: name.replace('.csv', ''),
  name: `data/${name}`,
  display: name,
  bytes: 100,
  sha256,
  dialect: {},
  columns: [],
  ignoredColumns: [],
  rowsRead: 1,
  rowsAccepted: 1,
  rowsRejected: 0,
}));

/** A manifest as a scan writes it; evaluate reads only the inputs, but the reader checks it whole. */
const manifest = (inputs: unknown[]) => ({
  outputSchemaVersion: 2,
  tool: { name: 'pgb-risicoscan', version: '0', node: 'v20' },
  command: ['scan'],
  asOf: '2025-03-31',
  asOfSource: 'latest-care-date',
  config: {},
  configSha256: 'd'.repeat(64),
  indicators: [],
  inputs,
  possibleDuplicateIds: { total: 0, groups: [] },
  outputs: [],
  counts: { providersWithSignals: 0, holdersOfConcern: 0, signals: 0, rejects: 0 },
});

function runDir(files: { providers?: string[]; holders?: string[]; signals?: string[]; truth?: unknown; inputs?: unknown[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-eval-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest(files.inputs ?? INPUTS)));
  writeFileSync(join(dir, 'providers.csv'), (files.providers ?? PROVIDERS).join('\n') + '\n');
  writeFileSync(join(dir, 'budgethouders.csv'), (files.holders ?? HOLDERS).join('\n') + '\n');
  writeFileSync(join(dir, 'signals.ndjson'), (files.signals ?? SIGNALS).join('\n') + '\n');
  const truthPath = join(dir, 'truth.json');
  writeFileSync(truthPath, JSON.stringify(files.truth ?? TRUTH));
  return { runDir: dir, truthPath };
}

async function expectCode(p: Promise<unknown>, code: string, fragment: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isAppError(e), `expected AppError ${code}`).toBe(true);
  if (isAppError(e)) {
    expect(e.code).toBe(code);
    expect(e.message).toContain(fragment);
  }
}

describe('evaluate on a hand-made run directory', () => {
  it('computes precision and recall at k for providers and holders', async () => {
    const e = await evaluate(runDir());
    expect(e.providers).toMatchObject({ k: 4, listed: 6, hits: 2, precisionAtK: 0.5, recallAtK: 0.5 });
    expect(e.providers.top.map((r) => [r.id, r.truth])).toEqual([
      ['ZV0001', 'scheme'],
      ['ZV0005', 'decoy'],
      ['ZV0003', 'scheme'],
      ['ZV0009', 'base'],
    ]);
    // k_h = the two holders of the one holder-concern scheme; BH000002 ranks third.
    expect(e.holders).toEqual({ k: 2, listed: 3, hits: 1, precisionAtK: 0.5, recallAtK: 0.5 });
  });

  it('reports per scheme where its providers rank and which expected indicators are missing', async () => {
    const e = await evaluate(runDir());
    const [cowboy, impossible, shared] = e.schemes;
    expect(cowboy).toMatchObject({
      kind: 'zorgcowboy-house',
      found: true,
      providers: [{ id: 'ZV0001', rank: 1, inTopK: true, fired: ['co-residence-cluster', 'representative-hub'] }],
      holders: [
        { id: 'BH000001', rank: 1, inTopK: true },
        { id: 'BH000002', rank: 3, inTopK: false },
      ],
      firedIndicators: ['co-residence-cluster', 'representative-hub'],
      missingIndicators: ['flat-template-billing'],
    });
    expect(impossible).toMatchObject({ found: false, providers: [{ id: 'ZV0002', rank: 5, inTopK: false }], missingIndicators: [] });
    // The budget-holder signal counts for the provider named in it.
    expect(shared).toMatchObject({ found: true, firedIndicators: ['outside-entitlement', 'shared-iban'], missingIndicators: [] });
    expect(shared.providers.map((p) => [p.id, p.rank, p.inTopK])).toEqual([
      ['ZV0003', 3, true],
      ['ZV0004', null, false],
    ]);
  });

  it('sums up per scheme kind: instances found, best rank, indicators missing anywhere', async () => {
    // A second impossible-days instance at ZV0009 (rank 4, no impossible-day-hours): k grows to 5, so ZV0002 (rank 5) counts too.
    const e = await evaluate(runDir({ truth: { ...TRUTH, schemes: [...TRUTH.schemes, { ...TRUTH.schemes[1], instance: 2, providers: ['ZV0009'] }] } }));
    expect(e.schemeKinds).toEqual([
      { kind: 'impossible-days', instances: 2, found: 2, bestRank: 4, missingIndicators: ['impossible-day-hours'] },
      { kind: 'shared-account-firms', instances: 1, found: 1, bestRank: 3, missingIndicators: [] },
      { kind: 'zorgcowboy-house', instances: 1, found: 1, bestRank: 1, missingIndicators: ['flat-template-billing'] },
    ]);
    expect(renderEvaluation(e)).toContain('  impossible-days: 2 of 2 in the top k, best rank 4; missing impossible-day-hours');
  });

  it('lists decoys in the top k with the indicators that put them there', async () => {
    const e = await evaluate(runDir());
    expect(e.decoysInTopK).toEqual([
      {
        kind: 'busy-zzp',
        instance: 1,
        providers: [{ id: 'ZV0005', rank: 2, inTopK: true, fired: ['impossible-day-hours'] }],
        inTopK: true,
        firedIndicators: ['impossible-day-hours'],
        unexpectedIndicators: ['impossible-day-hours'],
      },
    ]);
    // Outside the top k, and its co-residence signal is one a wooninitiatief may trip.
    expect(e.decoys[1]).toMatchObject({ kind: 'wooninitiatief-varied', inTopK: false, unexpectedIndicators: [] });
  });

  it('ranks by the rank column, not by file order', async () => {
    const [header, ...rows] = PROVIDERS;
    const e = await evaluate(runDir({ providers: [header, ...rows.reverse()] }));
    expect(e.providers.top.map((r) => r.id)).toEqual(['ZV0001', 'ZV0005', 'ZV0003', 'ZV0009']);
  });

  it('judges a short list on what it lists, and shows the miss in recall', async () => {
    const e = await evaluate(runDir({ providers: [PROVIDER_HEADER, PROVIDERS[1]] }));
    expect(e.providers).toMatchObject({ k: 4, listed: 1, hits: 1, precisionAtK: 1, recallAtK: 0.25 });
  });

  it('scores 1 when nothing was planted', async () => {
    const e = await evaluate(runDir({ truth: { ...TRUTH, schemes: [] } }));
    expect(e.providers).toMatchObject({ k: 0, hits: 0, precisionAtK: 1, recallAtK: 1 });
    expect(e.holders).toMatchObject({ k: 0, precisionAtK: 1 });
  });

  it('renders a short English summary', async () => {
    const text = renderEvaluation(await evaluate(runDir()));
    expect(text).toContain('Providers: precision@4 50.0%, recall@4 50.0% (2 of 4 planted in the top 4; 6 listed)');
    expect(text).toContain('found  zorgcowboy-house #1: ZV0001 rank 1; fired co-residence-cluster, representative-hub; missing flat-template-billing');
    expect(text).toContain('MISSED impossible-days #1: ZV0002 rank 5');
    expect(text).toContain('shared-account-firms #1: ZV0003 rank 3, ZV0004 not listed');
    expect(text).toContain('busy-zzp #1: ZV0005 rank 2; fired impossible-day-hours');
  });
});

describe('evaluate refuses malformed input', () => {
  it('RUN_DIR_INVALID when a file is missing', async () => {
    const paths = runDir();
    rmSync(join(paths.runDir, 'budgethouders.csv'));
    await expectCode(evaluate(paths), 'RUN_DIR_INVALID', 'budgethouders.csv: missing');
  });

  it('RUN_DIR_INVALID when the run directory does not exist', async () => {
    const paths = runDir();
    await expectCode(evaluate({ ...paths, runDir: join(paths.runDir, 'nope') }), 'RUN_DIR_INVALID', 'nope: cannot be opened: not found (ENOENT)');
    await expectCode(evaluate({ ...paths, runDir: paths.truthPath }), 'RUN_DIR_INVALID', 'truth.json: not a directory');
  });

  it('RUN_DIR_INVALID naming a missing column', async () => {
    await expectCode(evaluate(runDir({ providers: ['rank,id,indicators', '1,ZV0001,'] })), 'RUN_DIR_INVALID', "column 'zorgverlener_id' missing");
  });

  it('RUN_DIR_INVALID naming the line of a bad rank', async () => {
    await expectCode(evaluate(runDir({ providers: [PROVIDER_HEADER, 'first,ZV0001,n,1,hoog,,1,1,t'] })), 'RUN_DIR_INVALID', 'line 2: rank');
  });

  it('RUN_DIR_INVALID naming the line of a broken signal', async () => {
    await expectCode(evaluate(runDir({ signals: [SIGNALS[0], '{"indicator":'] })), 'RUN_DIR_INVALID', 'signals.ndjson, line 2: not JSON');
    await expectCode(evaluate(runDir({ signals: [SIGNALS[0], '{"indicator":"x"}'] })), 'RUN_DIR_INVALID', 'line 2: version');
  });

  it('TRUTH_INVALID for an unknown scheme kind or a missing file', async () => {
    const bad = { ...TRUTH, schemes: [{ ...TRUTH.schemes[0], kind: 'fraud' }] };
    await expectCode(evaluate(runDir({ truth: bad })), 'TRUTH_INVALID', 'schemes.0.kind');
    const paths = runDir();
    await expectCode(evaluate({ ...paths, truthPath: join(paths.runDir, 'missing.json') }), 'TRUTH_INVALID', 'cannot read');
  });

  it('TRUTH_INVALID naming why the truth file cannot be read: a symlink loop, a folder', async () => {
    const paths = runDir();
    const loop = join(paths.runDir, 'loop.json');
    symlinkSync(loop, loop);
    await expectCode(evaluate({ ...paths, truthPath: loop }), 'TRUTH_INVALID', 'loop.json: cannot read the truth file: symlink loop');
    await expectCode(evaluate({ ...paths, truthPath: paths.runDir }), 'TRUTH_INVALID', 'is a folder, not a file (EISDIR)');
    await expectCode(evaluate({ ...paths, truthPath: join(paths.runDir, 'missing.json') }), 'TRUTH_INVALID', 'not found (ENOENT)');
  });
});

describe('evaluate checks that the truth belongs to the run', () => {
  it('TRUTH_INVALID naming each input whose hash differs from the generated file', async () => {
    const inputs = INPUTS.map((i) => (i.kind === 'declaraties' ? { ...i, sha256: 'd'.repeat(64) } : i));
    const paths = runDir({ inputs });
    await expectCode(
      evaluate(paths),
      'TRUTH_INVALID',
      `${paths.truthPath} (scenario hand-made, seed 3, scale 1) does not belong to the run in ${paths.runDir}: its inputs differ: declaraties.csv (the run read sha256 dddddddddddd..., the truth's file has bbbbbbbbbbbb...).`,
    );
  });

  it('names a file the run read that was not generated (a stale zorgovereenkomsten.csv), and one it did not read', async () => {
    const stale = [...INPUTS, { ...INPUTS[0], kind: 'zorgovereenkomsten', name: 'data/zorgovereenkomsten.csv', display: 'zorgovereenkomsten.csv', sha256: 'e'.repeat(64) }];
    await expectCode(evaluate(runDir({ inputs: stale })), 'TRUTH_INVALID', 'zorgovereenkomsten.csv (read by the run, but not generated with this truth)');
    await expectCode(evaluate(runDir({ inputs: INPUTS.slice(1) })), 'TRUTH_INVALID', 'budgethouders.csv (generated, but the run did not read it)');
  });

  it('refuses a truth without file hashes, saying how to regenerate it', async () => {
    const { files: _files, ...old } = TRUTH;
    await expectCode(evaluate(runDir({ truth: old })), 'TRUTH_INVALID', 'has no file hashes, so it cannot be matched to a run');
    await expectCode(evaluate(runDir({ truth: old })), 'TRUTH_INVALID', '--seed 3 --scale 1 --out DIR --force');
  });

  it('RUN_DIR_INVALID when the run has no readable manifest', async () => {
    const paths = runDir();
    writeFileSync(join(paths.runDir, 'manifest.json'), JSON.stringify({ ...manifest(INPUTS), inputs: 3 }));
    await expectCode(evaluate(paths), 'RUN_DIR_INVALID', 'manifest.json: inputs: ');
    rmSync(join(paths.runDir, 'manifest.json'));
    await expectCode(evaluate(paths), 'RUN_DIR_INVALID', 'manifest.json: missing');
  });
});
