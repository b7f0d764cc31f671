import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.js';
import useRunTmpdir, { removeAbandonedRuns } from './run-tmpdir.js';

const runTmp = process.env.TMPDIR;

afterEach(() => {
  process.env.TMPDIR = runTmp;
});

describe('one temporary folder per test run (vitest global setup)', () => {
  it('is what this worker and the processes it starts see as os.tmpdir()', () => {
    expect(basename(tmpdir())).toMatch(/^pgb-test-run-\d+-/);
    expect(existsSync(tmpdir())).toBe(true);
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child.stdout).toBe(tmpdir());
  });

  it('points TMPDIR at a new folder and removes it, with what was left in it, at teardown', () => {
    const parent = tempDir('pgb-runs-');
    process.env.TMPDIR = parent;
    const teardown = useRunTmpdir();
    const dir = tmpdir();
    expect(dirname(dir)).toBe(parent);
    mkdirSync(join(dir, 'pgb-left-behind'));
    writeFileSync(join(dir, 'pgb-left-behind', 'rejects.ndjson'), '{}\n');
    teardown();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.TMPDIR).toBe(parent);
  });

  it('removes the folders of runs that ended without teardown, and keeps those of running ones and all else', () => {
    const parent = tempDir('pgb-runs-');
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    for (const name of [`pgb-test-run-${ended}-aaaaaa`, `pgb-test-run-${process.pid}-bbbbbb`, `pgb-ingest-${ended}`, 'pgb-test-run-x-cccccc']) {
      mkdirSync(join(parent, name));
    }
    removeAbandonedRuns(parent);
    expect(readdirSync(parent).sort()).toEqual([`pgb-ingest-${ended}`, 'pgb-test-run-x-cccccc', `pgb-test-run-${process.pid}-bbbbbb`].sort());
  });
});
