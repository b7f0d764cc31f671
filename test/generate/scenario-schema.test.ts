import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { generate } from '../../src/generate/generate.js';
import { loadScenario, parseScenario } from '../../src/generate/scenario-schema.js';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('scenario schema', () => {
  it('fills every default from an empty object', () => {
    const s = parseScenario({}, 'inline', 'empty');
    expect(s).toMatchObject({
      name: 'empty',
      holders: 150,
      providers: 40,
      startMonth: '2025-01',
      months: 12,
      dialect: 'plain',
      contractsFile: false,
      gemeenten: ['GM0363'],
      providerKinds: { instelling: 0.3, zzp: 0.45, informeel: 0.25 },
      declaring: { instelling: 'monthly', zzp: 'daily', informeel: 'daily' },
      budgetUse: { min: 0.62, max: 0.9 },
      holdersPerZzp: { min: 2, max: 6 },
      schemes: [],
      decoys: [],
    });
    expect(s.budgets.beschermd_wonen).toEqual({ mean: 52_000, spread: 0.2 });
    expect(s.rates.zzp).toEqual({ mean: 48, spread: 0.1 });
    expect(s.voorzieningen.begeleiding).toBe(0.3);
  });

  it('treats omitted weights as zero once a weight object is given, and defaults a scheme count to 1', () => {
    const s = parseScenario({ voorzieningen: { begeleiding: 1 }, schemes: [{ kind: 'rate-outlier' }] }, 'inline');
    expect(s.voorzieningen).toMatchObject({ begeleiding: 1, beschermd_wonen: 0, overig: 0 });
    expect(s.schemes).toEqual([{ kind: 'rate-outlier', count: 1 }]);
    expect(parseScenario({ budgets: { begeleiding: { mean: 9000 } } }, 'inline').budgets.begeleiding).toEqual({ mean: 9000, spread: 0.35 });
  });

  it('rejects unknown keys, naming their full path', () => {
    expect(errorOf(() => parseScenario({ holderz: 5 }, 'x.json'))).toEqual({ code: 'SCENARIO_INVALID', message: 'x.json: holderz: Unrecognized key: "holderz"' });
    expect(errorOf(() => parseScenario({ budgets: { begeleiding: { mean: 1, median: 2 } } }, 'x.json')).message).toContain(
      'x.json: budgets.begeleiding.median: Unrecognized key',
    );
    expect(errorOf(() => parseScenario({ schemes: [{ kind: 'rate-outlier', cnt: 2 }] }, 'x.json')).message).toContain('x.json: schemes[0].cnt');
  });

  it('rejects bad values, naming the field', () => {
    expect(errorOf(() => parseScenario({ schemes: [{ kind: 'fraud' }] }, 'x.json')).message).toContain('x.json: schemes[0].kind: Invalid option');
    expect(errorOf(() => parseScenario({ startMonth: '2025-13' }, 'x.json')).message).toContain("startMonth: expected 'YYYY-MM'");
    expect(errorOf(() => parseScenario({ gemeenten: ['0363'] }, 'x.json')).message).toContain('gemeenten[0]');
    expect(errorOf(() => parseScenario({ budgetUse: { min: 0.9, max: 0.6 } }, 'x.json')).message).toContain('budgetUse: min must not exceed max');
    expect(errorOf(() => parseScenario({ rates: { zzp: { mean: 40, spread: 0.7 } } }, 'x.json')).message).toContain('rates.zzp.spread');
    expect(errorOf(() => parseScenario({ providerKinds: { zzp: 1 } }, 'x.json')).message).toContain('instelling must have a positive share');
  });

  it('loads files, names them in errors, and takes the name from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-scen-'));
    try {
      writeFileSync(join(dir, 'klein.json'), '{"holders": 10}');
      expect(loadScenario(join(dir, 'klein.json')).name).toBe('klein');
      writeFileSync(join(dir, 'kapot.json'), '{"holders": ');
      expect(errorOf(() => loadScenario(join(dir, 'kapot.json')))).toMatchObject({ code: 'SCENARIO_INVALID' });
      expect(errorOf(() => loadScenario(join(dir, 'kapot.json'))).message).toContain('kapot.json: not valid JSON');
      expect(errorOf(() => loadScenario(join(dir, 'weg.json'))).message).toContain('weg.json: cannot read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts every committed scenario', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['test-small.json', 'gemeente.json', 'national.json', 'gemeente-klein.json', 'bench-small-providers.json']));
    for (const f of files) expect(loadScenario(join('scenarios', f)).name).toBe(f.replace('.json', ''));
  });
});

describe('scenarios the generator cannot honour', () => {
  const out = () => mkdtempSync(join(tmpdir(), 'pgb-scen-'));

  it('refuses a rate-outlier without a peer group of 10 carers', async () => {
    const dir = out();
    try {
      const scenario = parseScenario({ holders: 20, providers: 6, schemes: [{ kind: 'rate-outlier' }] }, 'inline');
      await expect(generate({ scenario, seed: 1, scale: 1, outDir: dir })).rejects.toMatchObject({
        code: 'SCENARIO_INVALID',
        message: expect.stringContaining('peer group of at least 10'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses care after death in too few months to bill two more', async () => {
    const dir = out();
    try {
      const scenario = parseScenario({ holders: 20, providers: 6, months: 3, schemes: [{ kind: 'care-after-death' }] }, 'inline');
      await expect(generate({ scenario, seed: 1, scale: 1, outDir: dir })).rejects.toMatchObject({
        code: 'SCENARIO_INVALID',
        message: expect.stringContaining('at least 4 covered months'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
