import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/coverage/coverage.js';
import { INDICATORS } from '../../src/indicators/index.js';
import { runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';

async function coverageJson(args: string[]): Promise<CoverageReport> {
  const r = await runCli(['coverage', ...args, '--json', '--log-level', 'silent']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CoverageReport;
}

describe('pgb-scan coverage', () => {
  it('says per indicator whether it can run, and names the missing or empty column when not', async () => {
    const c = await coverageJson([smallExport(tempDir())]);
    expect(c.indicators.map((i) => i.id)).toEqual(INDICATORS.map((i) => i.id));
    const byId = Object.fromEntries(c.indicators.map((i) => [i.id, i]));
    expect(byId['impossible-day-hours']).toMatchObject({ enabled: true, applicable: true, reason: null });
    // vertegenwoordiger_id is in the header but empty on every row; kvk_startdatum is not in the header at all.
    expect(byId['representative-hub']).toMatchObject({ applicable: false, reason: 'kolom vertegenwoordiger_id ontbreekt in budgethouders.csv of is overal leeg' });
    expect(byId['new-provider-rapid-intake'].reason).toContain('kvk_startdatum');
    expect(c.inputs.map((i) => [i.display, i.rowsAccepted])).toEqual([
      ['budgethouders.csv', 3],
      ['zorgverleners.csv', 2],
      ['declaraties.csv', 5],
    ]);
  });

  it('runs bulk-submission only when ingediend_op carries a time, and says so when it has dates alone', async () => {
    const declarations = (submitted: string) =>
      'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,bedrag,ingediend_op\n' +
      `D1,BH1,ZV-OK,2025-03-03,100.00,${submitted}\nD2,BH2,ZV-OK,2025-03-04,100.00,\n`;
    const bulk = async (submitted: string) => {
      const dir = smallExport(tempDir());
      writeFiles(dir, { 'declaraties.csv': declarations(submitted) });
      return (await coverageJson([dir])).indicators.find((i) => i.id === 'bulk-submission')!;
    };
    expect(await bulk('2025-04-02')).toMatchObject({ applicable: false, reason: 'kolom ingediend_op (met tijdstip) ontbreekt in declaraties.csv of is overal leeg' });
    expect(await bulk('2025-04-02 21:14')).toMatchObject({ applicable: true, reason: null });
  });

  it('gives per column the share of accepted rows with a value, and whether the header has it', async () => {
    const dir = smallExport(tempDir());
    // D6 has no uren: they are derived from the times, as the indicators read them. D7 is rejected (unknown holder).
    writeFiles(dir, {
      'declaraties.csv':
        'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,begintijd,eindtijd,uren,tarief,bedrag\n' +
        'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\n' +
        'D6,BH2,ZV-OK,2025-03-04,09:00,11:00,,,80\n' +
        'D7,BH9,ZV-OK,2025-03-04,09:00,11:00,2,,80\n',
    });
    const c = await coverageJson([dir]);
    const col = (file: string, column: string) => c.columns.find((x) => x.file === file && x.column === column);
    expect(col('budgethouders', 'overlijdensdatum')).toEqual({ file: 'budgethouders', column: 'overlijdensdatum', required: false, present: true, filled: 1, accepted: 3, fillRate: 0.3333 });
    expect(col('budgethouders', 'budgethouder_id')).toMatchObject({ required: true, filled: 3, fillRate: 1 });
    expect(col('zorgverleners', 'agb_code')).toMatchObject({ present: false, filled: 0, accepted: 2, fillRate: 0 });
    expect(col('declaraties', 'tarief')).toMatchObject({ present: true, filled: 1, accepted: 2, fillRate: 0.5 });
    expect(col('declaraties', 'uren')).toMatchObject({ filled: 2, fillRate: 1 });
    expect(col('declaraties', 'periode_start')).toMatchObject({ present: false, filled: 0 });
    expect(c.columns.some((x) => x.file === 'zorgovereenkomsten')).toBe(false);
  });

  it('shows config columns mappings whose header a file lacks, where a mapping is checked before a scan', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'config.json': JSON.stringify({ columns: { budgethouders: { Vertegenwoordiger: 'vertegenwoordiger_id' } } }) });
    const c = await coverageJson([dir, '--config', join(dir, 'config.json')]);
    expect(c.inputs.map((i) => i.mappingWarnings)).toEqual([[{ header: 'Vertegenwoordiger', column: 'vertegenwoordiger_id' }], [], []]);
    const r = await runCli(['coverage', dir, '--config', join(dir, 'config.json'), '--log-level', 'silent']);
    expect(r.stdout).toContain("budgethouders.csv: 3 gelezen, 3 geaccepteerd, 0 afgewezen\n  waarschuwing: de configuratie koppelt kop 'Vertegenwoordiger' aan vertegenwoordiger_id, maar het bestand heeft die kop niet\n");
  });

  it('reports an indicator disabled in the config as not running, and exits 0 with a human table', async () => {
    const dir = smallExport(tempDir());
    const config = join(dir, 'config.json');
    writeFiles(dir, { 'config.json': JSON.stringify({ indicators: { 'care-after-death': { enabled: false } } }) });
    const c = await coverageJson([dir, '--config', config]);
    expect(c.indicators.find((i) => i.id === 'care-after-death')).toMatchObject({ enabled: false, applicable: false, reason: 'uitgeschakeld in de configuratie' });

    const r = await runCli(['coverage', dir, '--log-level', 'silent']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}impossible-day-hours +kan draaien$/m);
    expect(r.stdout).toMatch(/^ {2}representative-hub +kan niet draaien: kolom vertegenwoordiger_id ontbreekt/m);
    expect(r.stdout).toMatch(/^ {2}budgethouders\.overlijdensdatum +33\.3% {2}1\/3$/m);
    expect(r.stdout).toMatch(/^ {2}zorgverleners\.agb_code +0\.0% {2}0\/2 {2}ontbreekt in de kop$/m);
    expect(r.stdout).toMatch(/^ {2}budgethouders\.vertegenwoordiger_id +0\.0% {2}0\/3 {2}overal leeg$/m);
  });

  it('exits 2 on an input error, as scan does', async () => {
    const r = await runCli(['coverage', join(tempDir(), 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INPUT_MISSING_FILE');
  });
});
