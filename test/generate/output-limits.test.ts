import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { generate, loadScenario } from '../../src/generate/generate.js';
import { parseScenario } from '../../src/generate/scenario-schema.js';
import { checkScale, estimateSize, MAX_DECLARATION_ROWS } from '../../src/generate/size-limit.js';
import { errorLine, runCli } from '../support/cli.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pgb-gen-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const tiny = (contractsFile: boolean) => parseScenario({ holders: 30, providers: 8, months: 3, contractsFile }, 'inline', 'tiny');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const GB = 1e9;

describe('generate into a folder', () => {
  it('refuses a non-empty folder without --force and leaves it as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const e = await generate({ scenario: tiny(false), seed: 1, scale: 1, outDir: dir }).catch((x: unknown) => x as AppError);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('OUTPUT_NOT_EMPTY');
    expect(e.message).toMatch(new RegExp(`^${dir} is not empty \\(notes\\.txt\\); .*Give --force`));
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('with --force removes a stale zorgovereenkomsten.csv of an earlier export, and keeps other files', async () => {
    const dir = tempDir();
    await generate({ scenario: tiny(true), seed: 1, scale: 1, outDir: dir });
    expect(existsSync(join(dir, 'zorgovereenkomsten.csv'))).toBe(true);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const again = await runCli(['generate', '--scenario', 'scenarios/test-small.json', '--seed', '2', '--out', dir, '--log-level', 'silent']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/OUTPUT_NOT_EMPTY/);
    await generate({ scenario: tiny(false), seed: 1, scale: 1, outDir: dir, force: true });
    expect(readdirSync(dir).sort()).toEqual(['budgethouders.csv', 'declaraties.csv', 'notes.txt', 'truth.json', 'zorgverleners.csv']);
  });

  it('with --force, refuses to remove a folder named like a generated file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'declaraties.csv'));
    await expect(generate({ scenario: tiny(false), seed: 1, scale: 1, outDir: dir, force: true })).rejects.toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: `cannot remove ${join(dir, 'declaraties.csv')}: is a folder, not a file (ERR_FS_EISDIR)`,
    });
  });

  it('OUTPUT_UNWRITABLE naming why when --out is a file', async () => {
    const file = join(tempDir(), 'f');
    writeFileSync(file, '');
    await expect(generate({ scenario: tiny(false), seed: 1, scale: 1, outDir: file })).rejects.toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: `cannot create ${file}: a file of that name is in the way (EEXIST)`,
    });
  });

  it('records the sha256 of every file it wrote in truth.json', async () => {
    const dir = tempDir();
    const summary = await generate({ scenario: tiny(true), seed: 4, scale: 1, outDir: dir });
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    const written = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
    expect(Object.keys(truth.files)).toEqual(written);
    for (const f of written) expect(truth.files[f], f).toBe(sha(join(dir, f)));
    expect(summary.files.map((f) => f.sha256)).toEqual(summary.files.map((f) => sha(join(dir, f.name))));
  });
});

describe('generate refuses scales the machine cannot hold', () => {
  const roomy = { totalMemoryBytes: 64 * GB, freeDiskBytes: 1000 * GB };

  it('--scale 1e9 is SCALE_TOO_LARGE with the cap, why, and the largest scale, before writing anything', async () => {
    const out = join(tempDir(), 'never');
    const r = await runCli(['generate', '--scenario', 'scenarios/national.json', '--scale', '1e9', '--out', out]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/error SCALE_TOO_LARGE: --scale 1000000000 of scenario national means about 27,700,000,000,000 holders/);
    expect(errorLine(r.stderr)).toMatch(/the cap is 100,000,000 declaration rows \(about 10 GB of CSV\), ten times the largest benchmark\. The largest scale for this scenario is about 100\.28\./);
    expect(existsSync(out)).toBe(false);
  });

  it('allows national up to the cap and refuses just above it', () => {
    const national = parseScenario(JSON.parse(readFileSync('scenarios/national.json', 'utf8')), 'national.json', 'national');
    expect(checkScale(national, 100, roomy).declarationRows).toBeLessThanOrEqual(MAX_DECLARATION_ROWS);
    expect(() => checkScale(national, 100.3, roomy)).toThrow(/SCALE_TOO_LARGE|cap is 100,000,000/);
  });

  it('refuses a population larger than half the memory, and files larger than the free disk', () => {
    const national = parseScenario(JSON.parse(readFileSync('scenarios/national.json', 'utf8')), 'national.json', 'national');
    const memory = (() => {
      try {
        checkScale(national, 10, { totalMemoryBytes: 1 * GB, freeDiskBytes: null });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(memory?.code).toBe('SCALE_TOO_LARGE');
    expect(memory?.message).toMatch(/needs about 1\.4 GB of memory, more than half of this machine's 1\.0 GB\. The largest scale for this scenario is about 3\.62\./);
    expect(() => checkScale(national, 10, { totalMemoryBytes: 64 * GB, freeDiskBytes: 0.5 * GB })).toThrow(/files need about 1\.0 GB, more than the 0\.5 GB free on the output disk\. The largest scale for this scenario is about 4\.85\./);
    expect(() => checkScale(national, 10, roomy)).not.toThrow();
  });

  it('estimates declaration rows within a factor 1.5 of what it writes', async () => {
    for (const scenario of [tiny(false), parseScenario({ holders: 60, providers: 15, months: 6, declaring: { instelling: 'daily' } }, 'inline', 'daily')]) {
      const summary = await generate({ scenario, seed: 3, scale: 1, outDir: tempDir() });
      const rows = summary.files.find((f) => f.name === 'declaraties.csv')!.rows;
      const estimate = estimateSize(scenario, 1).declarationRows;
      expect(rows / estimate, scenario.name).toBeGreaterThan(1 / 1.5);
      expect(rows / estimate, scenario.name).toBeLessThan(1.5);
    }
  });

  it('names why a scenario file cannot be read', () => {
    const dir = tempDir();
    expect(() => loadScenario(dir)).toThrow(`${dir}: cannot read the scenario file: is a folder, not a file (EISDIR)`);
  });
});
