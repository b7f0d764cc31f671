// Declaration workers started as the CLI begins a scan (warm-workers.ts): found for the right file
// only, taken once, ended when unused, and never in the way of a scan that fails first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { coolDown, declarationsOf, takeWarmWorkers, warmUpForScan } from '../../src/ingest/parallel/warm-workers.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

const SAMPLE = 'samples/gemeente-klein';
const DECLARATIONS = join(SAMPLE, 'declaraties.csv');

/** Runs body with env set, restoring process.env after. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T> | T): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

afterEach(async () => {
  await coolDown();
});

describe('declarationsOf: the declarations a scan command line names', () => {
  it('takes --declaraties FILE and --declaraties=FILE before any folder', () => {
    expect(declarationsOf([SAMPLE, '--declaraties', 'x.csv', '--out', 'o'])).toBe('x.csv');
    expect(declarationsOf(['--declaraties=y.csv', SAMPLE])).toBe('y.csv');
  });

  it('finds declaraties.csv in the first argument that is a folder holding one, skipping option values that are not', () => {
    const out = tempDir('pgb-warm-');
    expect(declarationsOf(['--out', out, SAMPLE])).toBe(DECLARATIONS);
    expect(declarationsOf(['--out', out])).toBeNull();
    expect(declarationsOf([])).toBeNull();
  });
});

describe('warm workers', () => {
  it('are handed over for the file, size and count they were started for, once, with where to cut the file', async () => {
    const size = statSync(DECLARATIONS).size;
    const taken = await withEnv({ PGB_SCAN_WORKERS: '3', PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, () => {
      warmUpForScan([SAMPLE, '--out', 'o']);
      return takeWarmWorkers(`./${DECLARATIONS}`, statSync(DECLARATIONS), 3);
    });
    try {
      expect(taken.workers).toHaveLength(3);
      // The second worker was asked where to cut the file into three as it started.
      const split = await taken.split;
      expect(split?.type).toBe('done');
      const points = (split as { result: Array<{ at: number; lineBase: number }> }).result;
      expect(points).toHaveLength(2);
      expect(points[0].at).toBeGreaterThanOrEqual(size / 3);
      // Taken once: a second take finds none.
      expect(takeWarmWorkers(DECLARATIONS, statSync(DECLARATIONS), 3).workers).toEqual([]);
    } finally {
      await Promise.all(taken.workers.map((w) => w.terminate()));
    }
  });

  it('are all ended, none handed over, for another count, size or modification time', async () => {
    const size = statSync(DECLARATIONS).size;
    await withEnv({ PGB_SCAN_WORKERS: '3', PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, () => {
      warmUpForScan([SAMPLE]);
      expect(takeWarmWorkers(DECLARATIONS, statSync(DECLARATIONS), 2).workers).toEqual([]);
      warmUpForScan([SAMPLE]);
      expect(takeWarmWorkers(DECLARATIONS, { size: size + 1, mtimeMs: statSync(DECLARATIONS).mtimeMs }, 3).workers).toEqual([]);
      warmUpForScan([SAMPLE]);
      // Written again to the same size since the workers started: cut anew.
      expect(takeWarmWorkers(DECLARATIONS, { size, mtimeMs: statSync(DECLARATIONS).mtimeMs + 1 }, 3).workers).toEqual([]);
    });
  });

  it('are not handed over for another file, nor started for a file below the threshold or for one worker', async () => {
    await withEnv({ PGB_SCAN_WORKERS: '2', PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, () => {
      warmUpForScan([SAMPLE]);
      expect(takeWarmWorkers(join('samples', 'other', 'declaraties.csv'), statSync(DECLARATIONS), 2).workers).toEqual([]);
    });
    await withEnv({ PGB_SCAN_WORKERS: '2', PGB_SCAN_PARALLEL_MIN_BYTES: String(1 << 30) }, () => {
      warmUpForScan([SAMPLE]);
      expect(takeWarmWorkers(DECLARATIONS, statSync(DECLARATIONS), 2).workers).toEqual([]);
    });
    await withEnv({ PGB_SCAN_WORKERS: '1', PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, () => {
      warmUpForScan([SAMPLE]);
      expect(takeWarmWorkers(DECLARATIONS, statSync(DECLARATIONS), 2).workers).toEqual([]);
    });
  });

  it('never throw for a bad PGB_SCAN_WORKERS: the scan reports it', async () => {
    await withEnv({ PGB_SCAN_WORKERS: 'many', PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, () => {
      expect(() => warmUpForScan([SAMPLE])).not.toThrow();
      expect(takeWarmWorkers(DECLARATIONS, statSync(DECLARATIONS), 2).workers).toEqual([]);
    });
  });

  it('are the ones a scan reads with, with the outputs of a scan on the main thread', async () => {
    const scan = (workers: string) =>
      withEnv({ PGB_SCAN_WORKERS: workers, PGB_SCAN_PARALLEL_MIN_BYTES: '0' }, async () => {
        const out = join(tempDir('pgb-warm-out-'), 'out');
        const r = await runCli(['scan', SAMPLE, '--out', out, '--log-level', 'debug']);
        expect(r.code, r.stderr).toBe(0);
        return { stderr: r.stderr, files: new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))])) };
      });
    const warm = await scan('2');
    expect(warm.stderr).toMatch(/"ranges":2,"startedEarly":2/);
    const single = await scan('1');
    expect([...warm.files.keys()].sort()).toEqual([...single.files.keys()].sort());
    for (const [name, bytes] of single.files) expect(warm.files.get(name)!.equals(bytes), name).toBe(true);
  });

  it('are not there when nothing started them: the ingest starts its own', async () => {
    let startedEarly = -1;
    const specs = (['budgethouders', 'zorgverleners', 'declaraties'] as const).map((kind) => ({ kind, path: join(SAMPLE, `${kind}.csv`) }));
    await ingest(specs, { parallelMinBytes: 0, workers: 2, onSplit: (s) => (startedEarly = s.startedEarly) });
    expect(startedEarly).toBe(0);
  });
});

describe('a scan that fails before it reads its declarations', () => {
  it('ends at once with exit 2, its warm workers ended too', () => {
    const dir = tempDir('pgb-warm-fail-');
    mkdirSync(join(dir, 'in'));
    smallExport(join(dir, 'in'));
    // No --out and no --stdout: a usage error after the workers were started.
    const r = spawnSync(process.execPath, ['bin/pgb-scan.js', 'scan', join(dir, 'in')], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PGB_SCAN_WORKERS: '2', PGB_SCAN_PARALLEL_MIN_BYTES: '0' },
    });
    expect(r.error, 'the process ended by itself').toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('USAGE');
  });
});
