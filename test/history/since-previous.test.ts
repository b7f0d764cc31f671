import { parse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureRecord, runCli, tempDir } from '../support/cli.js';
import { leftoversBeside, verifyRun } from '../support/verify-run.js';
import { twoNights } from './fixture.js';

const quiet = ['--log-level', 'silent'];

async function scan(args: string[]): Promise<void> {
  const r = await runCli(['scan', ...args, ...quiet]);
  expect(r.code, r.stderr).toBe(0);
}

/** The first night scanned into `a`, the second into `b` compared with it. */
async function twoScans(extra: string[] = []): Promise<{ root: string; first: string; second: string; a: string; b: string }> {
  const root = tempDir('pgb-prev-');
  const { first, second } = twoNights(root);
  const a = join(root, 'a');
  const b = join(root, 'b');
  await scan([first, '--out', a]);
  await scan([second, '--out', b, '--previous', a, ...extra]);
  return { root, first, second, a, b };
}

const sindsVorige = (out: string) =>
  Object.fromEntries(
    (parse(readFileSync(join(out, 'providers.csv')), { columns: true }) as Record<string, string>[]).map((r) => [r.zorgverlener_id, r.sinds_vorige]),
  );

const section = (report: string, heading: string) => {
  const from = report.indexOf(`## ${heading}`);
  return report.slice(from, report.indexOf('\n## ', from + 3));
};

describe('scan --previous', () => {
  it('classes the planted changes in providers.csv (sinds_vorige) and opens report.md with them, escalated first, then the gone', async () => {
    const { a, b } = await twoScans();
    expect(sindsVorige(b)).toEqual({ 'P-UP': 'gewijzigd', 'P-NEW': 'nieuw', 'P-STAY': 'blijvend' });
    expect(sindsVorige(a)).toEqual({ 'P-GONE': '', 'P-STAY': '', 'P-UP': '' });
    const report = readFileSync(join(b, 'report.md'), 'utf8');
    expect(report.indexOf('## Sinds de vorige scan')).toBeLessThan(report.indexOf('## Samenvatting'));
    const since = section(report, 'Sinds de vorige scan');
    expect(since).toContain('Zorgverleners: 1 nieuw, 1 gewijzigd, 1 blijvend, 1 verdwenen.');
    expect(since).toContain('Signalen: 2 nieuw, 0 gewijzigd, 2 blijvend, 1 verdwenen.');
    const escalated = since.slice(since.indexOf('### Nieuw of ernstiger'), since.indexOf('### Verdwenen'));
    expect(escalated).toContain('(P-UP): hoog, score 60 → 84; nieuwe indicator(en): care-after-death.');
    expect(escalated).toContain('(P-NEW): nieuw: hoog, score 60; indicatoren: impossible-day-hours.');
    expect(escalated).not.toContain('P-STAY');
    expect(since.slice(since.indexOf('### Verdwenen'))).toContain('(P-GONE): geen signaal meer; was hoog, score 60, met care-after-death.');
    const manifest = JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8'));
    expect(manifest.previousRun.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.previousRun.outputs.map((o: { name: string }) => o.name)).toEqual(['providers.csv', 'signals.ndjson']);
    expect(JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).previousRun).toBeNull();
    expect(readFileSync(join(a, 'report.md'), 'utf8')).not.toContain('Sinds de vorige scan');
  });

  it('escapes the name of a provider that is gone, read back from the previous providers.csv as it was in the export', async () => {
    const root = tempDir('pgb-prev-');
    const { first, second } = twoNights(root, '"=HYPERLINK(""http://x"")<b>Weg</b> [a](http://x) | x"');
    await scan([first, '--out', join(root, 'a')]);
    await scan([second, '--out', join(root, 'b'), '--previous', join(root, 'a')]);
    const gone = readFileSync(join(root, 'b', 'report.md'), 'utf8').split('\n').find((l) => l.includes('(P-GONE)'));
    expect(gone).toBe("- **=HYPERLINK(\"http://x\")&lt;b&gt;Weg&lt;/b&gt; \\[a\\](http://x) \\| x** (P-GONE): geen signaal meer; was hoog, score 60, met care-after-death.");
  });

  it('writes the section in English with --taal en, and names the counts in the summary on a terminal', async () => {
    const { a, second, root } = await twoScans();
    const b = join(root, 'b-en');
    const r = await runCli(['scan', second, '--out', b, '--previous', a, '--taal', 'en'], '', true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Since the previous scan: Providers: 1 new, 1 changed, 1 unchanged, 1 gone.');
    const report = readFileSync(join(b, 'report.md'), 'utf8');
    expect(report).toContain('## Since the previous scan');
    expect(report).toContain('(P-GONE): no signal any more; was high, score 60, with care-after-death.');
  });

  it('gives byte-identical outputs when rerun with the same --previous', async () => {
    const { root, second, a, b } = await twoScans();
    const b2 = join(root, 'b2');
    await scan([second, '--out', b2, '--previous', a]);
    for (const name of readdirSync(b)) expect(readFileSync(join(b2, name)), name).toEqual(readFileSync(join(b, name)));
  });

  it('--previous naming --out: the first night only warns; the next keeps the replaced run as OUT.vorige, replaced again the night after', async () => {
    const root = tempDir('pgb-prev-');
    const { first, second } = twoNights(root);
    const out = join(root, 'uitvoer');
    const r = await runCli(['scan', first, '--out', out, '--previous', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('does not exist yet');
    expect(existsSync(`${out}.vorige`)).toBe(false);
    const firstManifest = readFileSync(join(out, 'manifest.json'));

    await scan([second, '--out', out, '--previous', out]);
    verifyRun(out);
    verifyRun(`${out}.vorige`);
    expect(readFileSync(join(`${out}.vorige`, 'manifest.json'))).toEqual(firstManifest);
    expect(sindsVorige(out)).toEqual({ 'P-UP': 'gewijzigd', 'P-NEW': 'nieuw', 'P-STAY': 'blijvend' });
    const replayed = await runCli(['verify', out, '--inputs', second, '--previous', `${out}.vorige`]);
    expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
    const secondManifest = readFileSync(join(out, 'manifest.json'));

    await scan([second, '--out', out, '--previous', out]);
    expect(readFileSync(join(`${out}.vorige`, 'manifest.json'))).toEqual(secondManifest);
    expect(sindsVorige(out)).toEqual({ 'P-UP': 'blijvend', 'P-NEW': 'blijvend', 'P-STAY': 'blijvend' });
    expect(leftoversBeside(out)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['nacht-1', 'nacht-2', 'uitvoer', 'uitvoer.vorige']);

    // A run without --previous leaves the one-before alone; a failed run leaves both alone.
    await scan([first, '--out', out]);
    expect(readFileSync(join(`${out}.vorige`, 'manifest.json'))).toEqual(secondManifest);
    const failed = await runCli(['scan', second, '--out', out, '--previous', out, '--as-of', '2024-01-01', ...quiet]);
    expect(failed.code).toBe(2);
    expect(readFileSync(join(`${out}.vorige`, 'manifest.json'))).toEqual(secondManifest);
    verifyRun(out);
  });

  it('never lets OUT.vorige replace an input: an export kept there is refused (OUTPUT_NOT_ALLOWED)', async () => {
    const root = tempDir('pgb-prev-');
    const { first, second } = twoNights(root);
    const out = join(root, 'uitvoer');
    await scan([first, '--out', out]);
    const vorige = join(root, 'uitvoer.vorige');
    renameSync(second, vorige);
    const r = await runCli(['scan', vorige, '--out', out, '--previous', out]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_NOT_ALLOWED');
    expect(failureRecord(r.stderr).msg).toContain('uitvoer.vorige holds the input');
    expect(readdirSync(vorige).sort()).toEqual(['budgethouders.csv', 'declaraties.csv', 'zorgverleners.csv']);
  });

  it('refuses a tampered or half-written previous run with exit 2 (PREVIOUS_RUN_INVALID) and leaves --out as it was', async () => {
    const root = tempDir('pgb-prev-');
    const { first, second } = twoNights(root);
    const a = join(root, 'a');
    await scan([first, '--out', a]);
    const providers = join(a, 'providers.csv');
    const original = readFileSync(providers);
    writeFileSync(providers, original.toString().replace('P-GONE,Zorg Weg,60', 'P-GONE,Zorg Weg,10'));
    const tampered = await runCli(['scan', second, '--out', a, '--previous', a]);
    expect(tampered.code).toBe(2);
    const f = failureRecord(tampered.stderr);
    expect(f.code).toBe('PREVIOUS_RUN_INVALID');
    expect(f.msg).toContain('providers.csv');
    expect(readFileSync(providers).toString()).toContain('P-GONE,Zorg Weg,10');
    expect(existsSync(`${a}.vorige`)).toBe(false);

    writeFileSync(providers, original);
    rmSync(join(a, 'signals.ndjson'));
    const half = await runCli(['scan', second, '--out', join(root, 'b'), '--previous', a]);
    expect(half.code).toBe(2);
    expect(failureRecord(half.stderr)).toMatchObject({ code: 'PREVIOUS_RUN_INVALID' });
    expect(failureRecord(half.stderr).msg).toContain('signals.ndjson');
    expect(existsSync(join(root, 'b'))).toBe(false);

    const none = await runCli(['scan', second, '--out', join(root, 'b'), '--previous', join(root, 'nergens')]);
    expect([none.code, failureRecord(none.stderr).code]).toEqual([2, 'PREVIOUS_RUN_INVALID']);
  });

  it('compares with a run made with another config, with a warning in the log and the report', async () => {
    const root = tempDir('pgb-prev-');
    const config = join(root, 'config.json');
    writeFileSync(config, JSON.stringify({ indicators: { 'care-after-death': { weight: 0.8 } } }));
    const { first, second } = twoNights(root);
    const a = join(root, 'a');
    const b = join(root, 'b');
    await scan([first, '--out', a]);
    const r = await runCli(['scan', second, '--out', b, '--previous', a, '--config', config, '--log-level', 'warn']);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.warning === 'config');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe(40);
    const since = section(readFileSync(join(b, 'report.md'), 'utf8'), 'Sinds de vorige scan');
    expect(since).toContain('> **Let op.** De vorige scan gebruikte een andere configuratie');
    // care-after-death weighs more now: the signal that stayed changed its points.
    expect(since).toContain('Signalen: 2 nieuw, 1 gewijzigd, 1 blijvend, 1 verdwenen.');
    const diff = await runCli(['diff', a, b, '--json', '--log-level', 'silent']);
    expect(diff.code).toBe(0);
    expect(diff.stdout.split('\n')[1]).toMatch(/^\{"type":"warning","kind":"config","before":"[0-9a-f]{64}","after":"[0-9a-f]{64}"\}$/);
  });
});

describe('pgb-scan diff', () => {
  it('prints each provider and signal class as JSON lines (exit 0), the same classes as the scan', async () => {
    const { a, b } = await twoScans();
    const r = await runCli(['diff', a, b, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('runs');
    expect(lines.at(-1)).toEqual({
      type: 'summary',
      providers: { nieuw: 1, gewijzigd: 1, blijvend: 1, verdwenen: 1 },
      signals: { nieuw: 2, gewijzigd: 0, blijvend: 2, verdwenen: 1 },
    });
    expect(lines.filter((l) => l.type === 'provider').map((l) => [l.id, l.status, l.escalated])).toEqual([
      ['P-UP', 'gewijzigd', true],
      ['P-NEW', 'nieuw', true],
      ['P-STAY', 'blijvend', false],
      ['P-GONE', 'verdwenen', false],
    ]);
    expect(lines.filter((l) => l.type === 'signal').map((l) => [l.key, l.status])).toEqual([
      ['care-after-death:afterDeath:budgethouder=BH2:zorgverlener_id=P-STAY', 'blijvend'],
      ['care-after-death:afterDeath:budgethouder=BH4:zorgverlener_id=P-GONE', 'verdwenen'],
      ['care-after-death:afterDeath:budgethouder=BH4:zorgverlener_id=P-UP', 'nieuw'],
      ['impossible-day-hours:overDay:provider=P-NEW', 'nieuw'],
      ['impossible-day-hours:overDay:provider=P-UP', 'blijvend'],
    ]);
    const text = await runCli(['diff', a, b]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  P-GONE  Zorg Weg: geen signaal meer; was hoog, score 60, met care-after-death.');
  });

  it('refuses a folder that does not match its manifest (exit 2)', async () => {
    const { a, b } = await twoScans();
    writeFileSync(join(b, 'signals.ndjson'), '');
    const r = await runCli(['diff', a, b]);
    expect([r.code, failureRecord(r.stderr).code]).toEqual([2, 'RUN_DIR_INVALID']);
  });
});

describe('verify --previous', () => {
  it('replays a run made with --previous (exit 0), finds another previous run (exit 1), needs --previous to replay (exit 2)', async () => {
    const { root, first, second, a, b } = await twoScans();
    const ok = await runCli(['verify', b, '--inputs', second, '--previous', a, '--json']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.check === 'previous')?.status).toBe('ok');
    expect(lines.filter((l) => l.check === 'replay').every((l) => l.status === 'ok')).toBe(true);

    // Another previous run: the same export scanned again, with another as-of date, so another manifest.
    const other = join(root, 'other');
    await scan([first, '--out', other, '--as-of', '2025-03-20']);
    const changed = await runCli(['verify', b, '--inputs', second, '--previous', other, '--json']);
    expect(changed.code).toBe(1);
    const changedLines = changed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(changedLines.find((l) => l.check === 'previous')).toMatchObject({ status: 'differs' });
    expect(changedLines.find((l) => l.check === 'replay')).toMatchObject({ status: 'skipped' });

    const without = await runCli(['verify', b, '--inputs', second]);
    expect([without.code, failureRecord(without.stderr).code]).toEqual([2, 'USAGE']);
    // Without --inputs there is no replay, so no --previous is needed.
    expect((await runCli(['verify', b])).code).toBe(0);
  });
});
