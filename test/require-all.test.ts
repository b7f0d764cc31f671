import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../src/coverage/coverage.js';
import { errorLine, runCli, smallExport, tempDir, writeFiles } from './support/cli.js';

describe('scan --require-all', () => {
  it('stops with exit 2 when an enabled indicator cannot run, as a failed run that leaves OUT as it was', async () => {
    const dir = smallExport(tempDir());
    const out = join(tempDir(), 'out');
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');

    const r = await runCli(['scan', dir, '--out', out, '--require-all']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/error INDICATOR_NOT_APPLICABLE: --require-all: .*representative-hub \(column vertegenwoordiger_id is missing from budgethouders.csv or empty throughout\)/);
    expect(JSON.parse(readFileSync(join(`${out}.mislukt`, 'error.json'), 'utf8')).code).toBe('INDICATOR_NOT_APPLICABLE');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('passes when every indicator that cannot run is disabled in the config', async () => {
    const dir = smallExport(tempDir());
    const cov = await runCli(['coverage', dir, '--json', '--log-level', 'silent']);
    const notRunning = (JSON.parse(cov.stdout) as CoverageReport).indicators.filter((i) => !i.applicable).map((i) => i.id);
    expect(notRunning.length).toBeGreaterThan(0);
    const indicators = Object.fromEntries(notRunning.map((id) => [id, { enabled: false }]));
    writeFiles(dir, { 'config.json': JSON.stringify({ indicators }) });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--require-all', '--config', join(dir, 'config.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
