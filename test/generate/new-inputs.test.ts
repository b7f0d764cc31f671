// The optional inputs generate can write ahead of the scan (afwezigheden.csv, waarschuwingsregister.csv) and
// the cases planted in them: exact columns, stays that explain the low months, register keys as the register
// writes them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTruthBelongsToRun } from '../../src/evaluate/evaluate.js';
import { generate, parseScenario, type GenerateSummary } from '../../src/generate/generate.js';
import { day, readCsv, readExport, type ExportData } from './support/read-export.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pgb-gen-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const scenario = (extra: Record<string, unknown> = {}) =>
  parseScenario(
    {
      holders: 60,
      providers: 15,
      months: 12,
      contractsFile: true,
      absencesFile: true,
      registerFile: true,
      schemes: [{ kind: 'register-listed', count: 3 }, { kind: 'care-neglect' }, { kind: 'beyond-contract' }],
      decoys: [{ kind: 'hospital-stay', count: 2 }, { kind: 'register-expired' }],
      ...extra,
    },
    'test',
  );

describe('afwezigheden.csv and waarschuwingsregister.csv', () => {
  let dir: string;
  let summary: GenerateSummary;
  let data: ExportData;
  beforeAll(async () => {
    dir = tempDir();
    summary = await generate({ scenario: scenario(), seed: 5, scale: 1, outDir: dir });
    data = readExport(dir, 'plain');
  });

  it('are written with exactly the columns of the input contract, and hashed in truth.json', () => {
    expect(readCsv(join(dir, 'afwezigheden.csv'), 'plain')[0]).toEqual(['budgethouder_id', 'soort', 'van', 'tot']);
    expect(readCsv(join(dir, 'waarschuwingsregister.csv'), 'plain')[0]).toEqual(['sleutel_soort', 'sleutel', 'geregistreerd_op', 'vervalt_op', 'grond']);
    expect(Object.keys(summary.truth.files!)).toEqual(expect.arrayContaining(['afwezigheden.csv', 'waarschuwingsregister.csv']));
  });

  it('holds a stay for each hospital-stay holder that covers the months whose hours fell, and only stays of known holders', () => {
    const stays = readCsv(join(dir, 'afwezigheden.csv'), 'plain').slice(1);
    const holders = new Set(data.holders.map((h) => h.id));
    for (const [id, soort, van, tot] of stays) {
      expect(holders.has(id), id).toBe(true);
      expect(['ziekenhuisopname', 'ggz-opname', 'wlz-opname', 'detentie', 'verhuisd', 'buitenland', 'overig']).toContain(soort);
      expect(day(tot, 'plain')!).toBeGreaterThanOrEqual(day(van, 'plain')!);
    }
    for (const c of summary.truth.decoys.filter((d) => d.kind === 'hospital-stay')) {
      const [h] = c.holders;
      // The stay is split by a few days' home leave in each month, so no billed month lies wholly inside one part.
      const parts = stays
        .filter((r) => r[0] === h && (r[1] === 'ziekenhuisopname' || r[1] === 'ggz-opname'))
        .map((r) => [day(r[2], 'plain')!, day(r[3], 'plain')!] as const);
      expect(parts.length, `stay of ${h}`).toBeGreaterThan(0);
      // Months with fewer than a quarter of the usual hours lie within the stay, each for more than half its days.
      const rows = data.declarations.filter((d) => d.holder === h);
      const usual = rows.map((d) => d.hours).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
      const low = rows.filter((d) => d.hours < usual * 0.25);
      expect(low.length).toBeGreaterThanOrEqual(3);
      for (const d of low) {
        const inside = parts.reduce((n, [van, tot]) => n + Math.max(0, Math.min(tot, d.periodEnd) - Math.max(van, d.periodStart) + 1), 0);
        expect(inside * 2, `month from ${d.periodStart} of ${h}`).toBeGreaterThan(d.periodEnd - d.periodStart + 1);
        expect(parts.some(([van, tot]) => van < d.periodStart && tot > d.periodEnd), `month from ${d.periodStart} of ${h} wholly inside one absence`).toBe(false);
      }
    }
  });

  it('lists each register-listed provider by one of its keys, valid on its care dates, KvK and AGB numbers without leading zeros', () => {
    const entries = readCsv(join(dir, 'waarschuwingsregister.csv'), 'plain').slice(1);
    for (const c of summary.truth.schemes.filter((s) => s.kind === 'register-listed')) {
      const p = data.providers.find((x) => x.id === c.providers[0])!;
      const keys: Record<string, string> = { kvk_nummer: p.kvk.replace(/^0+/, ''), agb_code: p.agb.replace(/^0+/, ''), iban_sleutel: p.iban };
      const match = entries.filter(([kind, key]) => keys[kind] === key);
      expect(match.length, `entry of ${p.id}`).toBe(1);
      const [, , registered, expires] = match[0];
      const care = data.declarations.filter((d) => d.provider === p.id).map((d) => d.periodStart);
      expect(day(registered, 'plain')!).toBeLessThanOrEqual(Math.min(...care));
      expect(expires).toBe('');
    }
    for (const c of summary.truth.decoys.filter((d) => d.kind === 'register-expired')) {
      const p = data.providers.find((x) => x.id === c.providers[0])!;
      const [entry] = entries.filter(([kind, key]) => kind === 'kvk_nummer' && key === p.kvk);
      expect(entry, `entry of ${p.id}`).toBeDefined();
      const care = data.declarations.filter((d) => d.provider === p.id).map((d) => d.periodStart);
      expect(day(entry[3], 'plain')!).toBeLessThan(Math.min(...care));
    }
    // Entries about firms outside the export: a national register holds more than one municipality's providers.
    const own = new Set(data.providers.flatMap((p) => [p.kvk, p.kvk.replace(/^0+/, '')]));
    expect(entries.filter(([kind, key]) => kind === 'kvk_nummer' && !own.has(key)).length).toBeGreaterThanOrEqual(6);
  });

  it('gives the care agreement of a beyond-contract holder fewer hours than are declared; writes neither file unless asked', async () => {
    const agreements = readCsv(join(dir, 'zorgovereenkomsten.csv'), 'plain');
    const [c] = summary.truth.schemes.filter((s) => s.kind === 'beyond-contract');
    const row = agreements.find((r) => r[1] === c.holders[0] && r[2] === c.providers[0])!;
    const agreed = Number(row[5]);
    const declared = data.declarations.filter((d) => d.holder === c.holders[0] && d.provider === c.providers[0]);
    const days = Math.max(...declared.map((d) => d.periodEnd)) - Math.min(...declared.map((d) => d.periodStart)) + 1;
    const perWeek = (declared.reduce((a, d) => a + d.hours, 0) * 7) / days;
    expect(perWeek / agreed).toBeGreaterThan(1.5);

    // Without the flags, neither file is written nor hashed.
    const plain = tempDir();
    const without = await generate({ scenario: scenario({ absencesFile: false, registerFile: false, schemes: [{ kind: 'care-neglect' }, { kind: 'beyond-contract' }], decoys: [] }), seed: 5, scale: 1, outDir: plain });
    expect(Object.keys(without.truth.files!).sort()).toEqual(['budgethouders.csv', 'declaraties.csv', 'zorgovereenkomsten.csv', 'zorgverleners.csv']);
  });

  it('gives each care-while-admitted holder a stay of 3 to 6 weeks with daily care declared inside it, and nobody else care inside a stay', async () => {
    const out = tempDir();
    const s = scenario({ schemes: [{ kind: 'care-while-admitted', count: 2 }], decoys: [{ kind: 'hospital-stay' }] });
    const { truth } = await generate({ scenario: s, seed: 7, scale: 1, outDir: out });
    const exported = readExport(out, 'plain');
    const away = new Set(['ziekenhuisopname', 'ggz-opname', 'wlz-opname', 'detentie', 'buitenland']);
    const stays = readCsv(join(out, 'afwezigheden.csv'), 'plain')
      .slice(1)
      .filter((r) => away.has(r[1]))
      .map(([holder, soort, van, tot]) => ({ holder, soort, van: day(van, 'plain')!, tot: day(tot, 'plain')! }));
    // Care strictly between the day of leaving and the day of return, as care-during-absence counts it.
    const inside = (d: (typeof exported.declarations)[number]) =>
      stays.some((a) => a.holder === d.holder && (d.day !== null ? d.day > a.van && d.day < a.tot : d.periodStart > a.van && d.periodEnd < a.tot));
    const planted = truth.schemes.filter((c) => c.kind === 'care-while-admitted');
    expect(planted).toHaveLength(2);
    for (const c of planted) {
      const [stay] = stays.filter((a) => a.holder === c.holders[0]);
      expect(['ziekenhuisopname', 'detentie']).toContain(stay.soort);
      expect(stay.tot - stay.van).toBeGreaterThanOrEqual(21);
      expect(stay.tot - stay.van).toBeLessThanOrEqual(42);
      const during = exported.declarations.filter((d) => d.provider === c.providers[0] && d.day !== null && inside(d));
      expect(during.length, `care of ${c.holders[0]} inside the stay`).toBeGreaterThanOrEqual(3);
    }
    const others = exported.declarations.filter((d) => inside(d) && !planted.some((c) => c.holders.includes(d.holder)));
    expect(others.map((d) => d.id)).toEqual([]);
  });

  it('refuses a scheme whose evidence lives in a file the scenario does not write', async () => {
    for (const [kind, flag] of [
      ['register-listed', 'registerFile'],
      ['beyond-contract', 'contractsFile'],
      ['care-while-admitted', 'absencesFile'],
    ] as const) {
      const s = scenario({ [flag]: false, schemes: [{ kind }], decoys: [] });
      await expect(generate({ scenario: s, seed: 1, scale: 1, outDir: tempDir() })).rejects.toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringContaining(flag) });
    }
    const s = scenario({ absencesFile: false, schemes: [], decoys: [{ kind: 'hospital-stay' }] });
    await expect(generate({ scenario: s, seed: 1, scale: 1, outDir: tempDir() })).rejects.toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringContaining('absencesFile') });
  });

  it('evaluate does not ask a run to have read a file the scan does not know, but still refuses a missing known one', () => {
    // A generated file no input definition knows (a later generator's) is not asked for; every known one is.
    const truth = { ...summary.truth, files: { ...summary.truth.files!, 'toekomst.csv': 'f'.repeat(64) } };
    const known = ['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv', 'zorgovereenkomsten.csv', 'afwezigheden.csv', 'waarschuwingsregister.csv'];
    const read = new Map(known.map((f) => [f, truth.files[f]] as const));
    expect(() => checkTruthBelongsToRun(truth, 'truth.json', read, 'run')).not.toThrow();
    read.delete('afwezigheden.csv');
    expect(() => checkTruthBelongsToRun(truth, 'truth.json', read, 'run')).toThrow(/afwezigheden\.csv \(generated, but the run did not read it\)/);
  });
});

describe('ingediend_op to the minute (submissionTimes)', () => {
  const withTimes = (extra: Record<string, unknown>) =>
    parseScenario({ holders: 60, providers: 15, schemes: [{ kind: 'bulk-submission' }], decoys: [{ kind: 'institution-batch' }], submissionTimes: true, ...extra }, 'test');

  it('gives the bulk-submission carer 3-5 months with 8+ holders at one minute, the institution every month, and nobody else two holders at one minute', async () => {
    const dir = tempDir();
    const { truth } = await generate({ scenario: withTimes({}), seed: 9, scale: 1, outDir: dir });
    const rows = readCsv(join(dir, 'declaraties.csv'), 'plain').slice(1);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[13]))).toBe(true);
    const atMinute = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r[2]} ${r[13]}`;
      if (!atMinute.has(key)) atMinute.set(key, new Set());
      atMinute.get(key)!.add(r[1]);
    }
    const batches = (provider: string) => [...atMinute].filter(([k, s]) => k.startsWith(`${provider} `) && s.size >= 8).length;
    const [bulk] = truth.schemes.map((s) => s.providers[0]);
    const [batch] = truth.decoys.map((d) => d.providers[0]);
    expect(batches(bulk)).toBeGreaterThanOrEqual(3);
    expect(batches(bulk)).toBeLessThanOrEqual(5);
    expect(batches(batch)).toBe(12);
    const shared = [...atMinute].filter(([k, s]) => s.size >= 2 && !k.startsWith(`${bulk} `) && !k.startsWith(`${batch} `));
    expect(shared.map(([k]) => k)).toEqual([]);
  });

  it('writes dates only without it, and refuses the cases that need it', async () => {
    const dir = tempDir();
    await generate({ scenario: parseScenario({ holders: 30, providers: 8 }, 'test'), seed: 9, scale: 1, outDir: dir });
    expect(readCsv(join(dir, 'declaraties.csv'), 'plain').slice(1).every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[13]))).toBe(true);
    await expect(generate({ scenario: withTimes({ submissionTimes: false }), seed: 1, scale: 1, outDir: tempDir() })).rejects.toMatchObject({
      code: 'SCENARIO_INVALID',
      message: expect.stringContaining('submissionTimes'),
    });
  });
});
