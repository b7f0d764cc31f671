import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadScenario } from '../../src/generate/generate.js';
import { TruthSchema } from '../../src/generate/truth.js';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import { expectPlantedAndClean } from './support/expect-population.js';
import { readCsv, readExport } from './support/read-export.js';

const KLEIN = 'samples/gemeente-klein';
const VUIL = 'samples/vuil';
const inputs = (dir: string): InputSpec[] =>
  (['budgethouders', 'zorgverleners', 'declaraties'] as const).map((kind) => ({ kind, path: join(dir, `${kind}.csv`) }));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('samples/gemeente-klein', () => {
  it('is exactly what the command in its README writes', async () => {
    const readme = readFileSync(join(KLEIN, 'README.md'), 'utf8');
    const command = /pgb-scan generate --scenario (\S+) --seed (\d+) --out samples\/gemeente-klein --force\n/.exec(readme);
    expect(command, 'the generate command in README.md').not.toBeNull();
    const [, scenarioPath, seed] = command!;
    const out = mkdtempSync(join(tmpdir(), 'pgb-sample-'));
    dirs.push(out);
    await generate({ scenario: loadScenario(scenarioPath), seed: Number(seed), scale: 1, outDir: out });
    const committed = readdirSync(KLEIN).filter((f) => f !== 'README.md').sort();
    expect(committed).toEqual(readdirSync(out).sort());
    for (const f of committed) expect(readFileSync(join(out, f)).equals(readFileSync(join(KLEIN, f))), `${f} differs from a fresh run`).toBe(true);
  });

  it("is Dutch Excel: Windows-1252 bytes for é/ë, ';', decimal comma, DD-MM-YYYY, CRLF", () => {
    const providers = readFileSync(join(KLEIN, 'zorgverleners.csv'));
    expect(providers.includes(0xe9) && providers.includes(0xeb)).toBe(true);
    for (const f of ['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv']) {
      const bytes = readFileSync(join(KLEIN, f));
      expect(bytes.includes(0xc3), `${f} holds no UTF-8 lead byte`).toBe(false);
      expect(bytes.toString('latin1').split('\n').slice(0, -1).every((l) => l.endsWith('\r')), `${f} ends lines with CRLF`).toBe(true);
    }
    const [header, first] = readCsv(join(KLEIN, 'declaraties.csv'), 'nl');
    expect(header[0]).toBe('declaratie_id');
    expect(first[12]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
    expect(first[6] || first[5]).toMatch(/^\d{2}-\d{2}-\d{4}$/);
  });

  it('plants its cases and nothing else', () => {
    const truth = TruthSchema.parse(JSON.parse(readFileSync(join(KLEIN, 'truth.json'), 'utf8')));
    expect(truth.scenario).toBe('gemeente-klein');
    expect(truth.decoys.map((d) => d.kind).sort()).toEqual([
      'busy-zzp',
      'care-until-death',
      'closure-transfer',
      'devoted-family-carer',
      'group-care',
      'hospital-stay',
      'institution-batch',
      'register-expired',
      'two-locations-one-kvk',
      'wooninitiatief-varied',
    ]);
    expectPlantedAndClean(readExport(KLEIN, 'nl'), truth);
  });

  it('reads without a single reject, in the dialect it was written in', async () => {
    const result = await ingest(inputs(KLEIN));
    expect([...result.rejects]).toEqual([]);
    const providers = result.inputs.find((i) => i.kind === 'zorgverleners')!;
    expect(providers.dialect).toMatchObject({ encoding: 'windows-1252', delimiter: ';', dateFormats: ['DD-MM-YYYY'] });
    const declarations = result.inputs.find((i) => i.kind === 'declaraties')!;
    expect(declarations.dialect).toMatchObject({ delimiter: ';', decimal: 'comma' });
    expect(result.data.providers.find((p) => p.naam?.includes('ë'))).toBeDefined();
  });
});

describe('samples/vuil', () => {
  it('gives exactly the rejects its README lists, line by line', async () => {
    const result = await ingest(inputs(VUIL));
    const [, ...expected] = readCsv(join(VUIL, 'expected-rejects.csv'), 'plain');
    expect([...result.rejects].map((r) => [r.file, String(r.line), r.column, r.code])).toEqual(expected);
    const codes = new Set(expected.map((r) => r[3]));
    for (const code of [
      'FIELD_COUNT', 'REQUIRED_MISSING', 'INVALID_NUMBER', 'AMBIGUOUS_NUMBER', 'NEGATIVE_VALUE', 'INVALID_DATE', 'INVALID_DATETIME',
      'INVALID_TIME', 'INVALID_ENUM', 'INVALID_BOOLEAN', 'INVALID_CODE', 'INVALID_YEAR', 'MISSING_CARE_DATE', 'PERIOD_ORDER',
      'UNKNOWN_HOLDER', 'UNKNOWN_PROVIDER', 'DUPLICATE_ID',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it('rejects more than 5% of every file, and keeps the accepted rows', async () => {
    const result = await ingest(inputs(VUIL));
    const counts = Object.fromEntries(result.inputs.map((i) => [i.display, [i.rowsRead, i.rowsAccepted, i.rowsRejected]]));
    expect(counts).toEqual({ 'budgethouders.csv': [17, 7, 10], 'zorgverleners.csv': [8, 4, 4], 'declaraties.csv': [35, 20, 15] });
    // Accepted on purpose: a negative correction and a shift across midnight.
    const t = result.data.declarations;
    const ids = [...t.id];
    const at = (id: string) => ids.indexOf(id);
    expect(t.amount[at('D0013')]).toBe(-170.63);
    expect(t.hours[at('D0014')]).toBe(3);
    expect(result.data.providers.map((p) => p.naam)).toContain('Woonzorg Op Maat; locatie Oost');
  });
});
