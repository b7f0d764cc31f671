import { appendFileSync, mkdirSync, rmSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLine, failureRecord, runCli, smallExport, tempDir } from '../support/cli.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface VerdictLine {
  check: string;
  file: string;
  status: string;
  detail: string;
  outcome?: string;
}

function mkdirIn(root: string): string {
  const dir = join(root, 'in');
  mkdirSync(dir);
  return dir;
}

function verdicts(stdout: string): VerdictLine[] {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as VerdictLine);
}

function statusOf(lines: VerdictLine[], check: string, file: string): string | undefined {
  return lines.find((l) => l.check === check && l.file === file)?.status;
}

/** A scanned small export: its inputs folder, its run folder and its logboek. */
async function scanned(extra: string[] = []): Promise<{ inputs: string; out: string; logboek: string }> {
  const root = tempDir('pgb-verify-');
  const inputs = smallExport(mkdirIn(root));
  const out = join(root, 'run');
  const logboek = join(root, 'logboek.ndjson');
  const r = await runCli(['scan', inputs, '--out', out, '--logboek', logboek, '--log-level', 'silent', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { inputs, out, logboek };
}

function rewriteManifestFor(out: string, name: string): void {
  const path = join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const data = readFileSync(join(out, name));
  const o = manifest.outputs.find((x: { name: string }) => x.name === name);
  o.bytes = data.length;
  o.sha256 = sha(data);
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
}

describe('pgb-scan verify', () => {
  it('verifies an untouched run, its logboek entry, its inputs and a byte-identical replay (exit 0)', async () => {
    const { inputs, out, logboek } = await scanned();
    const r = await runCli(['verify', out, '--inputs', inputs, '--logboek', logboek, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = verdicts(r.stdout);
    expect(lines.at(-1)).toEqual({ outcome: 'verified' });
    for (const name of ['providers.csv', 'budgethouders.csv', 'signals.ndjson', 'rejects.csv', 'report.md']) {
      expect(statusOf(lines, 'output', name), name).toBe('ok');
      expect(statusOf(lines, 'replay', name), name).toBe('ok');
    }
    expect(statusOf(lines, 'replay', 'manifest.json')).toBe('ok');
    expect(statusOf(lines, 'logboek', 'manifest.json')).toBe('ok');
    expect(statusOf(lines, 'config', 'manifest.json')).toBe('ok');
    for (const name of ['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv']) expect(statusOf(lines, 'input', name)).toBe('ok');
  });

  it('finds one changed byte in an output (exit 1) and names the file', async () => {
    const { out } = await scanned();
    const path = join(out, 'providers.csv');
    const data = readFileSync(path);
    data[data.length - 2] ^= 1;
    writeFileSync(path, data);
    const r = await runCli(['verify', out, '--json']);
    expect(r.code).toBe(1);
    const lines = verdicts(r.stdout);
    expect(statusOf(lines, 'output', 'providers.csv')).toBe('differs');
    expect(statusOf(lines, 'output', 'report.md')).toBe('ok');
    expect(lines.at(-1)).toEqual({ outcome: 'differences' });
  });

  it('an output that is gone, or a folder in its place, is missing (exit 1)', async () => {
    const { out } = await scanned();
    rmSync(join(out, 'rejects.csv'));
    rmSync(join(out, 'report.md'), { recursive: true });
    mkdirSync(join(out, 'report.md'));
    const r = await runCli(['verify', out, '--json']);
    expect(r.code).toBe(1);
    expect(statusOf(verdicts(r.stdout), 'output', 'rejects.csv')).toBe('missing');
    expect(statusOf(verdicts(r.stdout), 'output', 'report.md')).toBe('missing');
  });

  it('finds changed inputs (exit 1) and does not replay them', async () => {
    const { inputs, out } = await scanned();
    appendFileSync(join(inputs, 'declaraties.csv'), 'D6,BH3,ZV-OK,2025-03-06,09:00,13:00,4,38.00,152.00\n');
    const r = await runCli(['verify', out, '--inputs', inputs, '--json']);
    expect(r.code).toBe(1);
    const lines = verdicts(r.stdout);
    expect(statusOf(lines, 'input', 'declaraties.csv')).toBe('differs');
    expect(statusOf(lines, 'input', 'zorgverleners.csv')).toBe('ok');
    expect(statusOf(lines, 'replay', '')).toBe('skipped');
  });

  it('a replay finds an output that was changed together with its manifest entry', async () => {
    const { inputs, out } = await scanned();
    writeFileSync(join(out, 'report.md'), readFileSync(join(out, 'report.md'), 'utf8').replace('Peildatum', 'Datum'));
    rewriteManifestFor(out, 'report.md');
    const r = await runCli(['verify', out, '--inputs', inputs, '--json']);
    expect(r.code).toBe(1);
    const lines = verdicts(r.stdout);
    expect(statusOf(lines, 'output', 'report.md')).toBe('ok');
    expect(lines.find((l) => l.check === 'replay' && l.file === 'report.md')).toMatchObject({ status: 'differs', detail: expect.stringContaining('line 3') });
    expect(lines.find((l) => l.check === 'replay' && l.file === 'manifest.json')).toMatchObject({ status: 'differs', detail: expect.stringMatching(/outputs\.\d+\.sha256/) });
  });

  it('the logboek catches an edited output with a rewritten manifest, which the manifest alone cannot (exit 1)', async () => {
    const { out, logboek } = await scanned();
    writeFileSync(join(out, 'providers.csv'), readFileSync(join(out, 'providers.csv'), 'utf8').replace('ZV-BUSY', 'ZV-XXXX'));
    rewriteManifestFor(out, 'providers.csv');
    expect((await runCli(['verify', out])).code).toBe(0);
    const r = await runCli(['verify', out, '--logboek', logboek, '--json']);
    expect(r.code).toBe(1);
    expect(verdicts(r.stdout).find((l) => l.check === 'logboek')).toMatchObject({ status: 'differs', detail: expect.stringContaining('in no line of the logboek') });
  });

  it('a file the manifest does not list is a difference; evaluation.json is named but allowed', async () => {
    const { out } = await scanned();
    writeFileSync(join(out, 'evaluation.json'), '{}\n');
    expect((await runCli(['verify', out])).code).toBe(0);
    writeFileSync(join(out, 'extra.csv'), 'x\n');
    const r = await runCli(['verify', out, '--json']);
    expect(r.code).toBe(1);
    expect(statusOf(verdicts(r.stdout), 'folder', 'extra.csv')).toBe('unlisted');
    expect(statusOf(verdicts(r.stdout), 'folder', 'evaluation.json')).toBe('not-covered');
  });

  it('a changed config in the manifest no longer matches configSha256 (exit 1)', async () => {
    const { out } = await scanned();
    const path = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.config.indicators['impossible-day-hours'].params.maxHoursPerDay = 30;
    writeFileSync(path, JSON.stringify(manifest, null, 2));
    const r = await runCli(['verify', out, '--json']);
    expect(r.code).toBe(1);
    expect(statusOf(verdicts(r.stdout), 'config', 'manifest.json')).toBe('differs');
  });

  it('an unusable folder is exit 2 with RUN_DIR_INVALID: missing, without manifest, or with a broken one', async () => {
    const root = tempDir();
    let r = await runCli(['verify', join(root, 'nope')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('RUN_DIR_INVALID');
    r = await runCli(['verify', root]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/RUN_DIR_INVALID: .*manifest\.json: cannot be read/);
    writeFileSync(join(root, 'manifest.json'), '{"outputs": 3}');
    r = await runCli(['verify', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not the manifest of a scan');
  });

  it('refuses to replay a run of another version (VERIFY_OTHER_BUILD, exit 2) unless --allow-other-build', async () => {
    const { inputs, out } = await scanned();
    const path = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.tool.version = '0.0.1';
    writeFileSync(path, JSON.stringify(manifest, null, 2));
    const r = await runCli(['verify', out, '--inputs', inputs, '--json']);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('VERIFY_OTHER_BUILD');
    expect(statusOf(verdicts(r.stdout), 'tool', '')).toBe('refused');
    const allowed = await runCli(['verify', out, '--inputs', inputs, '--allow-other-build', '--json']);
    // Replayed: every output agrees, and the manifest differs only in the version it records.
    expect(allowed.code).toBe(1);
    expect(verdicts(allowed.stdout).find((l) => l.check === 'replay' && l.file === 'manifest.json')?.detail).toContain('fields differ: tool.version');
  });

  it('an unreadable or malformed logboek is LOGBOEK_INVALID (exit 2)', async () => {
    const { out, logboek } = await scanned();
    let r = await runCli(['verify', out, '--logboek', join(out, 'nope.ndjson')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('LOGBOEK_INVALID');
    appendFileSync(logboek, 'not json\n');
    r = await runCli(['verify', out, '--logboek', logboek]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/LOGBOEK_INVALID: .*line 2/);
  });

  it('replays a run that read an input from stdin and had its dialect given by flags, from --inputs by display name', async () => {
    const root = tempDir();
    const inputs = smallExport(mkdirIn(root));
    const out = join(root, 'run');
    const stdin = readFileSync(join(inputs, 'declaraties.csv'), 'utf8');
    const r = await runCli(
      ['scan', '--budgethouders', join(inputs, 'budgethouders.csv'), '--zorgverleners', join(inputs, 'zorgverleners.csv'), '--declaraties', '-', '--delimiter', ',', '--out', out, '--log-level', 'silent'],
      stdin,
    );
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.command).toContain('-');
    expect(manifest.command).toContain('../in/budgethouders.csv');
    const v = await runCli(['verify', out, '--inputs', inputs, '--json']);
    expect(v.code, v.stdout).toBe(0);
    expect(statusOf(verdicts(v.stdout), 'replay', 'signals.ndjson')).toBe('ok');
  });

  it('prints a table by default', async () => {
    const { out } = await scanned();
    const r = await runCli(['verify', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check\s+file\s+status\s+detail$/m);
    expect(r.stdout).toMatch(/^output\s+providers\.csv\s+ok\s+/m);
    expect(r.stdout).toContain('Uitkomst: geverifieerd (verified).');
  });
});

describe('scan --logboek', () => {
  it('appends one JSON line per run: the manifest sha256, the as-of date and the run folder', async () => {
    const { inputs, out, logboek } = await scanned();
    const again = await runCli(['scan', inputs, '--out', out, '--logboek', logboek, '--as-of', '2025-04-01', '--log-level', 'silent']);
    expect(again.code, again.stderr).toBe(0);
    const lines = readFileSync(logboek, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.asOf)).toEqual(['2025-03-12', '2025-04-01']);
    expect(lines[1]).toMatchObject({ manifestSha256: sha(readFileSync(join(out, 'manifest.json'))), out });
    expect(lines[0].manifestSha256).not.toBe(lines[1].manifestSha256);
  });

  it('refuses a logboek inside --out (OUTPUT_NOT_ALLOWED) and one without --out (USAGE)', async () => {
    const root = tempDir();
    const inputs = smallExport(mkdirIn(root));
    const out = join(root, 'run');
    let r = await runCli(['scan', inputs, '--out', out, '--logboek', join(out, 'log.ndjson')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_NOT_ALLOWED');
    r = await runCli(['scan', inputs, '--stdout', 'csv', '--logboek', join(root, 'log.ndjson')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('USAGE');
  });

  it('a logboek that cannot be appended to stops the run before it replaces --out', async () => {
    const { inputs, out } = await scanned();
    const before = readFileSync(join(out, 'manifest.json'));
    const r = await runCli(['scan', inputs, '--out', out, '--as-of', '2025-04-01', '--logboek', inputs, '--log-level', 'silent']);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_UNWRITABLE');
    expect(readFileSync(join(out, 'manifest.json'))).toEqual(before);
  });
});

describe('replay with a given or a derived as-of date', () => {
  it('gives byte-identical outputs, and manifests that differ only in the recorded command', async () => {
    const derived = await scanned();
    const root = tempDir();
    const given = join(root, 'run');
    const r = await runCli(['scan', derived.inputs, '--out', given, '--as-of', '2025-03-12', '--log-level', 'silent']);
    expect(r.code, r.stderr).toBe(0);
    for (const name of readdirSync(given).filter((n) => n !== 'manifest.json'))
      expect(readFileSync(join(given, name)), name).toEqual(readFileSync(join(derived.out, name)));
    const a = JSON.parse(readFileSync(join(derived.out, 'manifest.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(given, 'manifest.json'), 'utf8'));
    expect(b.command).toContain('--as-of');
    expect(a.command).not.toContain('--as-of');
    delete a.command;
    delete b.command;
    expect(b).toEqual(a);
    for (const run of [derived.out, given]) expect((await runCli(['verify', run, '--inputs', derived.inputs])).code, run).toBe(0);
  });
});
