import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { repairLeftovers, RunFolder } from '../../src/output/run-folder.js';
import type { OpenFile } from '../../src/output/streamed-file.js';
import { DECL_HEADER, errorLine, runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';
import { verifyRun } from '../support/verify-run.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const hashes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, sha(join(dir, f))]));
/** A pid that is not running: far above any pid_max. */
const DEAD_PID = 99_999_999;

describe('--out may not hold inputs or foreign files', () => {
  it('refuses --out equal to the input folder and leaves the inputs as they were', async () => {
    const dir = smallExport(tempDir());
    const before = hashes(dir);
    const r = await runCli(['scan', dir, '--out', dir]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/error OUTPUT_NOT_ALLOWED: --out .* holds the input .*budgethouders\.csv/);
    expect(hashes(dir)).toEqual(before);
    // --force never lets a run replace its own inputs.
    expect((await runCli(['scan', dir, '--out', dir, '--force'])).code).toBe(2);
    expect(hashes(dir)).toEqual(before);
  });

  it('refuses an --out that contains an input given by flag, comparing real paths', async () => {
    const root = tempDir();
    const dir = join(root, 'export');
    mkdirSync(dir);
    smallExport(dir);
    const r = await runCli([
      'scan',
      '--budgethouders', join(dir, 'budgethouders.csv'),
      '--zorgverleners', join(dir, 'zorgverleners.csv'),
      '--declaraties', join(dir, '..', 'export', 'declaraties.csv'),
      '--out', root, '--force',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUTPUT_NOT_ALLOWED.*holds the input/);
  });

  it('refuses a folder holding files no earlier run wrote, unless --force', async () => {
    const dir = smallExport(tempDir());
    const out = tempDir();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUTPUT_NOT_ALLOWED.*no earlier run wrote \(notes\.txt\).*--force/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await runCli(['scan', dir, '--out', out, '--force'])).code).toBe(0);
    verifyRun(out);
  });

  it('refuses a folder of output names without a manifest, and a file', async () => {
    const dir = smallExport(tempDir());
    const out = tempDir();
    writeFileSync(join(out, 'report.md'), 'my own notes');
    expect((await runCli(['scan', dir, '--out', out])).stderr).toMatch(/OUTPUT_NOT_ALLOWED/);
    const file = join(tempDir(), 'out.txt');
    writeFileSync(file, 'x');
    const r = await runCli(['scan', dir, '--out', file, '--force']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/OUTPUT_NOT_ALLOWED: --out .* is a file/);
  });

  it('refuses the current folder and its ancestors, which a run would rename away', async () => {
    const dir = smallExport(tempDir());
    // In a child process inside a throwaway folder: were the check gone, only that folder would go.
    const cwd = join(tempDir(), 'a', 'b');
    mkdirSync(cwd, { recursive: true });
    for (const out of ['.', '..']) {
      const r = spawnSync(process.execPath, [resolve('bin/pgb-scan.js'), 'scan', dir, '--out', out, '--force', '--log-level', 'silent'], { cwd, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(errorLine(r.stderr)).toMatch(/OUTPUT_NOT_ALLOWED: --out .* is or contains the current folder/);
    }
    expect(existsSync(cwd)).toBe(true);
  });

  it('accepts an empty folder, an earlier run, and an earlier validate run', async () => {
    const dir = smallExport(tempDir());
    const out = tempDir();
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    writeFileSync(join(out, 'evaluation.json'), '{}');
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    // The run is swapped in whole: the evaluation of the earlier run goes with it.
    verifyRun(out);
    const v = join(tempDir(), 'v');
    expect((await runCli(['validate', dir, '--out', v])).code).toBe(0);
    expect(readdirSync(v)).toEqual(['rejects.csv']);
    expect((await runCli(['scan', dir, '--out', v])).code).toBe(0);
    verifyRun(v);
  });
});

describe('a run is swapped in whole', () => {
  const failing = (dir: string) =>
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\nD2,BH9,ZV-OK,2025-03-03,09:00,13:00,4,40,160\n' });

  it('a run that fails leaves the earlier run untouched and its rejects and error in OUT.mislukt', async () => {
    const dir = smallExport(tempDir());
    const out = join(tempDir(), 'uitvoer');
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    const before = hashes(out);
    failing(dir);
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(hashes(out)).toEqual(before);
    verifyRun(out);
    const failed = `${out}.mislukt`;
    expect(readdirSync(failed).sort()).toEqual(['error.json', 'rejects.csv']);
    expect(JSON.parse(readFileSync(join(failed, 'error.json'), 'utf8'))).toMatchObject({ code: 'REJECT_RATE_EXCEEDED' });
    expect(readFileSync(join(failed, 'rejects.csv'), 'utf8')).toContain('UNKNOWN_HOLDER');
    expect(readdirSync(dirname(out)).sort()).toEqual(['uitvoer', 'uitvoer.mislukt']);
  });

  it('an input error found while reading (an empty declarations file) also goes to OUT.mislukt', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER });
    const out = join(tempDir(), 'o');
    const r = await runCli(['scan', dir, '--out', out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(JSON.parse(readFileSync(join(`${out}.mislukt`, 'error.json'), 'utf8')).code).toBe('INPUT_EMPTY');
  });

  it('cleans temporaries of dead runs and restores a run interrupted between its two renames', async () => {
    const dir = smallExport(tempDir());
    const parent = tempDir();
    const out = join(parent, 'o');
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    const before = hashes(out);
    // A kill between "out -> .old" and "staging -> out": no out, the earlier run as .old, a staged run.
    const old = join(parent, `.o.old-${DEAD_PID}-0a0b0c0d`);
    spawnSync('mv', [out, old]);
    mkdirSync(join(parent, `.o.tmp-${DEAD_PID}-01020304`));
    writeFileSync(join(parent, `.o.tmp-${DEAD_PID}-01020304`, 'providers.csv'), 'half');
    mkdirSync(join(parent, `.o.mislukt.tmp-${DEAD_PID}-05060708`));
    // A run writing right now (a live process) is left alone; one with our own pid was an earlier process.
    const live = join(parent, `.o.tmp-${process.ppid}-0f0f0f0f`);
    mkdirSync(live);
    mkdirSync(join(parent, `.o.tmp-${process.pid}-0d0d0d0d`));
    await repairLeftovers(out);
    expect(readdirSync(parent).sort()).toEqual([basename(live), 'o']);
    expect(hashes(out)).toEqual(before);
    // The next run finds a stale .old beside a complete out and removes it.
    mkdirSync(join(parent, `.o.old-${DEAD_PID}-0e0e0e0e`));
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    expect(readdirSync(parent).sort()).toEqual([basename(live), 'o']);
    verifyRun(out);
  });

  it('repairs OUT, OUT.mislukt and OUT.vorige from one reading of their parent, and nothing else there', async () => {
    const parent = tempDir();
    const out = join(parent, 'o');
    const folder = (name: string, marker: string) => {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'manifest.json'), marker);
    };
    // A nightly run killed between its renames of OUT and of OUT.vorige, and a failed run killed while staging.
    folder(`.o.old-${DEAD_PID}-0a0b0c0d`, 'run');
    folder(`.o.vorige.old-${DEAD_PID}-0e0f0a0b`, 'one-before');
    folder(`.o.mislukt.tmp-${DEAD_PID}-05060708`, 'failed');
    // Another --out's temporaries and an unrelated folder are not this run's to repair.
    folder(`.o2.tmp-${DEAD_PID}-01020304`, 'other');
    folder(`.ox.old-${DEAD_PID}-01020304`, 'other');
    folder('o.vorige2', 'other');
    const readings: string[] = [];
    await repairLeftovers(out, async (dir) => {
      readings.push(dir);
      return readdirSync(dir);
    });
    expect(readings).toEqual([parent]);
    expect(readdirSync(parent).sort()).toEqual([`.o2.tmp-${DEAD_PID}-01020304`, `.ox.old-${DEAD_PID}-01020304`, 'o', 'o.vorige', 'o.vorige2']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('run');
    expect(readFileSync(join(`${out}.vorige`, 'manifest.json'), 'utf8')).toBe('one-before');
  });

  it('a full disk while writing is OUTPUT_UNWRITABLE and leaves the earlier run and no temporaries', async () => {
    const dir = smallExport(tempDir());
    const parent = tempDir();
    const out = join(parent, 'o');
    expect((await runCli(['scan', dir, '--out', out])).code).toBe(0);
    const before = hashes(out);
    let written = 0;
    const fullDisk: OpenFile = async () => ({
      write: (async (buf: Buffer) => {
        written += buf.length;
        if (written > 100) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return { bytesWritten: buf.length, buffer: buf };
      }) as never,
      sync: async () => undefined,
      close: async () => undefined,
    });
    const folder = await RunFolder.open(out, { openFile: fullDisk });
    const e = await folder.write('providers.csv', ['x'.repeat(500)]).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('OUTPUT_UNWRITABLE');
    expect((e as Error).message).toMatch(/providers\.csv .*ENOSPC: no space left on device/);
    await folder.discard();
    expect(hashes(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['o']);
  });

  // root writes anywhere, so only another user can see this one fail.
  it.skipIf(process.getuid?.() === 0)('an unwritable parent folder is OUTPUT_UNWRITABLE, exit 2', async () => {
    const dir = smallExport(tempDir());
    const parent = tempDir();
    spawnSync('chmod', ['500', parent]);
    const r = await runCli(['scan', dir, '--out', join(parent, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUTPUT_UNWRITABLE/);
  });
});

describe('stdout', () => {
  it('a full stdout (/dev/full) is exit 2 with OUTPUT_UNWRITABLE and no stack trace', () => {
    if (!existsSync('/dev/full')) return;
    const dir = smallExport(tempDir());
    for (const args of [['scan', dir, '--stdout', 'csv'], ['validate', dir]]) {
      const r = spawnSync('bash', ['-c', `node bin/pgb-scan.js ${args.map((a) => `'${a}'`).join(' ')} --log-level silent > /dev/full`], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(errorLine(r.stderr)).toMatch(/^pgb-scan: error OUTPUT_UNWRITABLE: Cannot write to stdout: ENOSPC/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
