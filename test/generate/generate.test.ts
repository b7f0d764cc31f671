import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadScenario, type GenerateSummary } from '../../src/generate/generate.js';
import { parseScenario } from '../../src/generate/scenario-schema.js';
import { TruthSchema } from '../../src/generate/truth.js';
import { readCsv, readExport } from './support/read-export.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pgb-gen-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );
}

const small = () => loadScenario('scenarios/test-small.json');

describe('generate is deterministic from the seed', () => {
  it('writes the same bytes for the same seed, and different declarations for another seed', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await generate({ scenario: small(), seed: 11, scale: 1, outDir: a });
    await generate({ scenario: small(), seed: 11, scale: 1, outDir: b });
    await generate({ scenario: small(), seed: 12, scale: 1, outDir: c });
    const ha = hashes(a);
    expect(Object.keys(ha)).toEqual(['budgethouders.csv', 'declaraties.csv', 'truth.json', 'zorgovereenkomsten.csv', 'zorgverleners.csv']);
    expect(hashes(b)).toEqual(ha);
    const hc = hashes(c);
    for (const f of Object.keys(ha)) expect(hc[f], f).not.toBe(ha[f]);
  });
});

describe('the plain dialect (test-small)', () => {
  let dir: string;
  let summary: GenerateSummary;
  beforeAll(async () => {
    dir = tempDir();
    summary = await generate({ scenario: small(), seed: 5, scale: 1, outDir: dir });
  });

  it('reports the data rows and bytes of every file it wrote', () => {
    for (const f of summary.files) {
      const text = readFileSync(join(dir, f.name), 'utf8');
      expect(text.split('\n').filter((l) => l !== '').length - 1, f.name).toBe(f.rows);
      expect(statSync(join(dir, f.name)).size, f.name).toBe(f.bytes);
    }
    expect(summary.files.map((f) => f.name)).toEqual(['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv', 'zorgovereenkomsten.csv']);
  });

  it("uses ',', decimal points, ISO dates, true/false and UTF-8", () => {
    const bytes = readFileSync(join(dir, 'declaraties.csv'));
    const [header, ...rows] = bytes.toString('utf8').trimEnd().split('\n');
    expect(header).toBe(
      'declaratie_id,budgethouder_id,zorgverlener_id,zorgovereenkomst_id,overeenkomst_soort,zorgdatum,periode_start,periode_eind,begintijd,eindtijd,uren,tarief,bedrag,ingediend_op',
    );
    for (const row of rows) {
      const f = row.split(',');
      expect(f).toHaveLength(14);
      expect(f[12]).toMatch(/^-?\d+\.\d{2}$/);
      expect(f[10]).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(f[5] || f[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (f[5]) expect(`${f[8]}-${f[9]}`).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/);
    }
    expect(readFileSync(join(dir, 'zorgverleners.csv'), 'utf8')).toMatch(/,(true|false)\n/);
    // Names with é/ë are UTF-8 here (0xC3 0xA9 / 0xC3 0xAB), never single Latin-1 bytes.
    const providers = readFileSync(join(dir, 'zorgverleners.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(providers)).not.toThrow();
  });

  it('gives every entity an ordinary, unique, fixed-width id, planted ones included', () => {
    const data = readExport(dir, 'plain');
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    for (const [list, pattern] of [
      [ids(data.holders), /^BH\d{6}$/],
      [ids(data.providers), /^ZV\d{4}$/],
      [ids(data.declarations), /^D\d{8}$/],
    ] as const) {
      expect(new Set(list).size).toBe(list.length);
      for (const id of list) expect(id).toMatch(pattern);
    }
    const planted = [...summary.truth.schemes, ...summary.truth.decoys];
    for (const c of planted) for (const p of c.providers) expect(ids(data.providers)).toContain(p);
    for (const c of planted) for (const h of c.holders) expect(ids(data.holders)).toContain(h);
  });

  it('writes rows sorted by id, and declarations whose holder, provider and contract exist', () => {
    const data = readExport(dir, 'plain');
    const sortedIds = (xs: { id: string }[]) => xs.map((x) => x.id).join() === [...xs.map((x) => x.id)].sort().join();
    expect(sortedIds(data.holders) && sortedIds(data.providers) && sortedIds(data.declarations)).toBe(true);
    const holders = new Set(data.holders.map((h) => h.id));
    const providers = new Set(data.providers.map((p) => p.id));
    const [, ...contracts] = readCsv(join(dir, 'zorgovereenkomsten.csv'), 'plain');
    const contractOf = new Map(contracts.map((c) => [c[0], `${c[1]}|${c[2]}`]));
    for (const d of data.declarations) {
      expect(holders.has(d.holder) && providers.has(d.provider)).toBe(true);
      expect(contractOf.get(d.contract)).toBe(`${d.holder}|${d.provider}`);
      expect(d.amount).toBeCloseTo(d.hours * d.tarief, 1);
    }
  });

  it('writes a truth.json that validates and matches the summary', () => {
    const truth = TruthSchema.parse(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')));
    expect(truth).toEqual(summary.truth);
    expect(truth).toMatchObject({ scenario: 'test-small', seed: 5, scale: 1 });
    const kinds = truth.schemes.map((s) => `${s.kind}#${s.instance}`);
    expect(kinds).toEqual([...kinds].sort());
    const cowboy = truth.schemes.find((s) => s.kind === 'zorgcowboy-house')!;
    expect(cowboy).toMatchObject({ holderConcern: true, expectedIndicators: ['co-residence-cluster', 'flat-template-billing', 'representative-hub'] });
    expect(truth.schemes.find((s) => s.kind === 'rate-outlier')!.holderConcern).toBe(false);
  });
});

describe("the 'nl' dialect", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    const scenario = parseScenario(
      { holders: 80, providers: 20, months: 6, dialect: 'nl', decoys: [{ kind: 'two-locations-one-kvk' }], schemes: [{ kind: 'over-budget' }] },
      'inline',
      'nl-test',
    );
    await generate({ scenario, seed: 3, scale: 1, outDir: dir });
  });

  it("writes Windows-1252 bytes for é and ë, never UTF-8", () => {
    const all = Buffer.concat(['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv'].map((f) => readFileSync(join(dir, f))));
    expect(all.includes(0xc3)).toBe(false);
    const providers = readFileSync(join(dir, 'zorgverleners.csv'));
    expect(providers.includes(0xe9) || providers.includes(0xeb)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(providers)).toThrow();
  });

  it("uses ';', CRLF, decimal commas with '.' thousands, DD-MM-YYYY and ja/nee", () => {
    const text = readFileSync(join(dir, 'budgethouders.csv'), 'latin1');
    expect(text.startsWith('budgethouder_id;gemeente_code;wet;')).toBe(true);
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
    const data = readExport(dir, 'nl');
    expect(data.holders.some((h) => h.budget >= 1000)).toBe(true);
    for (const r of data.raw.budgethouders.slice(1)) {
      expect(r[4]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
      expect(r[5]).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    }
    for (const r of data.raw.zorgverleners.slice(1)) expect(r[9]).toMatch(/^(ja|nee)$/);
    for (const r of data.raw.declaraties.slice(1)) expect(r[12]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
  });
});

describe('scale', () => {
  it('multiplies the base population and keeps the planted cases', async () => {
    const [one, two] = [tempDir(), tempDir()];
    const scenario = parseScenario({ holders: 60, providers: 15, months: 6, schemes: [{ kind: 'over-budget' }] }, 'inline');
    const a = await generate({ scenario, seed: 1, scale: 1, outDir: one });
    const b = await generate({ scenario, seed: 1, scale: 2, outDir: two });
    const rows = (s: GenerateSummary, f: string) => s.files.find((x) => x.name === f)!.rows;
    // Base 60 or 120 holders; the over-budget case adds its own few.
    expect(rows(a, 'budgethouders.csv') - 60).toBeGreaterThan(0);
    expect(rows(b, 'budgethouders.csv') - 120).toBe(rows(a, 'budgethouders.csv') - 60);
    expect(rows(b, 'declaraties.csv') / rows(a, 'declaraties.csv')).toBeGreaterThan(1.6);
    expect(b.truth.schemes).toHaveLength(1);
    expect(b.truth.scale).toBe(2);
  });

  it('refuses a scale or seed it cannot use', async () => {
    const dir = tempDir();
    await expect(generate({ scenario: small(), seed: 1, scale: 0, outDir: dir })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(generate({ scenario: small(), seed: 1.5, scale: 1, outDir: dir })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('declaring styles', () => {
  it('lets institutions declare per day and carers per month when the scenario says so', async () => {
    const dir = tempDir();
    const scenario = parseScenario(
      { holders: 60, providers: 15, months: 4, declaring: { instelling: 'daily', zzp: 'monthly', informeel: 'monthly' } },
      'inline',
    );
    await generate({ scenario, seed: 2, scale: 1, outDir: dir });
    const data = readExport(dir, 'plain');
    const soort = new Map(data.providers.map((p) => [p.id, p.soort]));
    const daily = data.declarations.filter((d) => d.day !== null);
    expect(daily.length).toBeGreaterThan(0);
    for (const d of data.declarations) expect(d.day !== null, `${d.id} of a ${soort.get(d.provider)}`).toBe(soort.get(d.provider) === 'instelling');
    for (const d of daily) expect(d.begin).toMatch(/^\d{2}:\d{2}$/);
  });
});
