import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../src/indicators/index.js';
import { DECL_HEADER, HOLDERS_HEADER, PROVIDERS_HEADER, runCli, smallExport, tempDir, writeFiles } from './support/cli.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const OUTPUTS = ['budgethouders.csv', 'fairness.csv', 'manifest.json', 'networks.csv', 'overzicht.xlsx', 'providers.csv', 'rejects.csv', 'report.html', 'report.md', 'signals.ndjson', 'sleutels.csv'];

describe('pgb-scan scan', () => {
  it('ranks the flagged provider with reasons and file:line evidence, and exits 0', async () => {
    const dir = smallExport(tempDir());
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(OUTPUTS);

    const providers = readFileSync(join(out, 'providers.csv'), 'utf8').trim().split('\n');
    expect(providers[0]).toBe('rank,zorgverlener_id,naam,score,tier,indicators,holders,amount,top_reason,netwerk,sinds_vorige,beoordeling');
    expect(providers).toHaveLength(2);
    expect(providers[1]).toMatch(/^1,ZV-BUSY,Zorg Één,84,hoog,care-after-death\|impossible-day-hours,2,1160,/);

    const signals = readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const day = signals.find((s) => s.indicator === 'impossible-day-hours');
    expect(day.observed).toMatchObject({ max_hours: 26, max_day: '2025-03-03' });
    expect(day.evidence).toEqual([
      { file: 'declaraties.csv', line: 2, id: 'D1' },
      { file: 'declaraties.csv', line: 3, id: 'D2' },
    ]);
    const death = signals.find((s) => s.indicator === 'care-after-death');
    expect(death.entity).toEqual({ kind: 'budgethouder', id: 'BH2' });
    expect(death.evidence).toContainEqual({ file: 'declaraties.csv', line: 4, id: 'D3' });

    const holders = readFileSync(join(out, 'budgethouders.csv'), 'utf8');
    expect(holders).toContain('zorgwekkend');
    expect(holders).not.toMatch(/verdacht/i);

    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('geen bevinding');
    expect(report).toContain('declaraties.csv r. 2-3');

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.asOf).toBe('2025-03-12');
    expect(manifest.inputs.map((i: { rowsRead: number }) => i.rowsRead)).toEqual([3, 2, 5]);
    for (const o of manifest.outputs) expect(o.sha256, o.name).toBe(sha(join(out, o.name)));
    expect(manifest.config.indicators['impossible-day-hours'].params.maxHoursPerDay).toBe(24);
    expect(JSON.stringify(manifest)).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
  });

  it('writes byte-identical outputs when run again', async () => {
    const dir = smallExport(tempDir());
    const out = join(tempDir(), 'out');
    await runCli(['scan', dir, '--out', out]);
    const first = Object.fromEntries(OUTPUTS.map((f) => [f, sha(join(out, f))]));
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(Object.fromEntries(OUTPUTS.map((f) => [f, sha(join(out, f))]))).toEqual(first);
  });

  it('exits 1 with --fail-on when a provider reaches the tier, 0 when none does', async () => {
    const dir = smallExport(tempDir());
    expect((await runCli(['scan', dir, '--stdout', 'csv', '--fail-on', 'hoog'])).code).toBe(1);
    const clean = writeFiles(tempDir(), {
      'budgethouders.csv': HOLDERS_HEADER + 'BH1,GM0363,wmo,begeleid_wonen,20000,2025-01-01,,A1,,\n',
      'zorgverleners.csv': PROVIDERS_HEADER + 'ZV1,Zorg,zzp,01234567,X1,I1\n',
      'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV1,2025-03-03,09:00,13:00,4,40,160\n',
    });
    expect((await runCli(['scan', clean, '--stdout', 'csv', '--fail-on', 'laag'])).code).toBe(0);
  });

  it('reads one input from stdin and writes the signals to stdout as ndjson', async () => {
    const dir = smallExport(tempDir());
    const decl = readFileSync(join(dir, 'declaraties.csv'), 'utf8');
    const r = await runCli(
      ['scan', '--budgethouders', join(dir, 'budgethouders.csv'), '--zorgverleners', join(dir, 'zorgverleners.csv'), '--declaraties', '-', '--stdout', 'ndjson'],
      decl,
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((s) => s.indicator).sort()).toEqual(['care-after-death', 'impossible-day-hours']);
    // stdin is named after its kind in evidence
    expect(lines.find((s) => s.indicator === 'impossible-day-hours').evidence[0].file).toBe('declaraties.csv');
    // stderr carries JSON logs only
    for (const l of r.stderr.trim().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('exits 2 naming the missing file', async () => {
    const dir = writeFiles(tempDir(), { 'budgethouders.csv': HOLDERS_HEADER + 'BH1,GM0363,wmo,begeleid_wonen,1,2025-01-01,,,,\n' });
    const r = await runCli(['scan', dir, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INPUT_MISSING_FILE.*zorgverleners\.csv/);
  });

  it('refuses protected attributes with exit 2', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, {
      'budgethouders.csv': 'budgethouder_id,gemeente_code,wet,voorziening,budget_bedrag,budget_start,nationaliteit\nBH1,GM0363,wmo,begeleid_wonen,1,2025-01-01,NL\n',
    });
    const r = await runCli(['scan', dir, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INPUT_PROTECTED_ATTRIBUTE.*nationaliteit/);
  });

  it('stops with exit 2 above --max-reject-rate, its rejects in OUT.mislukt, OUT untouched', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\nD2,BH9,ZV-OK,2025-03-03,09:00,13:00,4,40,160\n' });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REJECT_RATE_EXCEEDED.*declaraties\.csv: 1 of 2.*out\.mislukt\/rejects\.csv/);
    expect(readFileSync(join(`${out}.mislukt`, 'rejects.csv'), 'utf8')).toMatch(/declaraties\.csv,3,budgethouder_id,BH9,UNKNOWN_HOLDER,/);
    expect(JSON.parse(readFileSync(join(`${out}.mislukt`, 'error.json'), 'utf8')).code).toBe('REJECT_RATE_EXCEEDED');
    expect(existsSync(out)).toBe(false);
    expect((await runCli(['scan', dir, '--out', out, '--max-reject-rate', '0.5'])).code).toBe(0);
    expect(existsSync(`${out}.mislukt`)).toBe(false);
  });

  it('exits 2 on usage errors', async () => {
    const dir = smallExport(tempDir());
    expect((await runCli(['scan', dir])).code).toBe(2);
    expect((await runCli(['scan', dir, '--stdout', 'xml'])).code).toBe(2);
    expect((await runCli(['scan', dir, '--stdout', 'csv', '--as-of', '31-12-2025'])).code).toBe(2);
    expect((await runCli(['scan', dir, '--stdout', 'csv', '--fail-on', 'zwaar'])).code).toBe(2);
    expect((await runCli(['scan', dir, '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['--version'])).code).toBe(0);
  });

  it('refuses an invalid config naming the path', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'c.json': JSON.stringify({ indicators: { 'shared-iban': { params: { minProviders: 'two' } } } }) });
    const r = await runCli(['scan', dir, '--stdout', 'csv', '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CONFIG_INVALID.*indicators\.shared-iban\.params\.minProviders/);
  });

  it('uses config thresholds and reports disabled indicators', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, {
      'c.json': JSON.stringify({ indicators: { 'impossible-day-hours': { params: { maxHoursPerDay: 30 } }, 'care-after-death': { enabled: false } } }),
    });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'signals.ndjson'), 'utf8')).toBe('');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const cad = manifest.indicators.find((i: { id: string }) => i.id === 'care-after-death');
    expect(cad).toMatchObject({ enabled: false, applicable: false });
  });

  it('lists indicators that cannot run and why', async () => {
    const dir = smallExport(tempDir());
    const out = join(tempDir(), 'out');
    await runCli(['scan', dir, '--out', out]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const flat = manifest.indicators.find((i: { id: string }) => i.id === 'tariff-outlier');
    expect(flat.applicable).toBe(true);
    const rep = manifest.indicators.find((i: { id: string }) => i.id === 'representative-hub');
    expect(rep).toMatchObject({ applicable: false });
    expect(rep.reason).toMatch(/vertegenwoordiger_id/);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/representative-hub .*niet toepasbaar/);
  });
});

describe('pgb-scan validate', () => {
  it('exits 0 on clean input and 1 with rejects on stdout', async () => {
    const dir = smallExport(tempDir());
    const clean = await runCli(['validate', dir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('file,line,column,value,code,message\n');
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\nD2,BH1,ZV-OK,2025-02-30,09:00,13:00,4,40,160\n' });
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/declaraties\.csv,3,zorgdatum,2025-02-30,INVALID_DATE,/);
    // Not a terminal: the summary is the JSON 'input read' records, like scan's logs.
    const read = r.stderr.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.msg === 'input read');
    expect(read.find((l) => String(l.file).endsWith('declaraties.csv'))).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    // On a terminal: the human summary.
    const shown = await runCli(['validate', dir], '', true);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toMatch(/declaraties\.csv: 2 rows read, 1 accepted, 1 rejected/);
  });
});

describe('pgb-scan indicators', () => {
  it('lists every indicator with parameters and defaults as JSON', async () => {
    const r = await runCli(['indicators', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    // Every registered indicator, in registry order: a count here would break with each new rule.
    expect(list.map((i: { id: string }) => i.id)).toEqual(INDICATORS.map((i) => i.id));
    const day = list.find((i: { id: string }) => i.id === 'impossible-day-hours');
    expect(day.params).toContainEqual(expect.objectContaining({ name: 'maxHoursPerDay', default: 24 }));
  });

  it('prints help and exits 0', async () => {
    const r = await runCli(['scan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--fail-on');
  });
});

describe('the installed binary', () => {
  it('ends quietly when the downstream pipe closes', () => {
    const dir = smallExport(tempDir());
    const r = spawnSync('bash', ['-c', `set -o pipefail; node bin/pgb-scan.js scan '${dir}' --stdout ndjson --log-level silent | head -c 20 >/dev/null; echo "rc=$?"`], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stdout.trim()).toMatch(/rc=0/);
  });

  it('exits 2 with a one-line error for bad input', () => {
    const r = spawnSync('node', ['bin/pgb-scan.js', 'scan', '/nonexistent-dir', '--stdout', 'csv'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('hours derived from begin and end times', () => {
  it('let impossible-day-hours run when the export has no uren column', async () => {
    const dir = writeFiles(tempDir(), {
      'budgethouders.csv': 'budgethouder_id,gemeente_code,wet,voorziening,budget_bedrag,budget_start\nBH1,GM0363,wmo,begeleiding,20000,2025-01-01\nBH2,GM0363,wmo,begeleiding,20000,2025-01-01\n',
      'zorgverleners.csv': 'zorgverlener_id,soort\nZ1,zzp\n',
      'declaraties.csv': 'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,begintijd,eindtijd,bedrag\nD1,BH1,Z1,2025-02-01,00:00,14:00,500\nD2,BH2,Z1,2025-02-01,08:00,20:00,400\n',
    });
    const r = await runCli(['scan', dir, '--stdout', 'ndjson', '--log-level', 'silent']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout.trim().split('\n')[0]);
    expect(s.indicator).toBe('impossible-day-hours');
    expect(s.observed.max_hours).toBe(26);
  });
});
