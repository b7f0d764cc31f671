// Results unchanged by how the declarations are read: the byte reader and the csv-parse reference
// (PGB_SCAN_READER=csv-parse), on the main thread or in 2 or 4 worker threads (PGB_SCAN_WORKERS),
// write byte-identical run folders, on the sample and on a generated scenario. With 4, a share of
// the indicators runs in the indicator worker thread too.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_THREAD_MIN_WORKERS } from '../../src/indicators/parallel/indicator-thread.js';
import { runCli, tempDir } from '../support/cli.js';

interface Way {
  reader: 'bytes' | 'csv-parse';
  workers: number;
}

/** Scans `dir` the given way; returns the run folder's files by name. */
async function scan(dir: string, way: Way): Promise<Map<string, Buffer>> {
  const env = { PGB_SCAN_READER: way.reader, PGB_SCAN_WORKERS: String(way.workers), PGB_SCAN_PARALLEL_MIN_BYTES: '0' };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const out = join(tempDir('pgb-reader-'), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--log-level', 'debug']);
    expect(r.code, r.stderr).toBe(0);
    // The workers were used (the files are small, so the threshold is 0) and cut the file in as many ranges.
    const ranges = r.stderr.match(/"ranges":(\d+)/);
    expect(ranges?.[1] ?? '1', 'ranges read').toBe(String(way.workers));
    // With three workers or more, the indicator worker thread runs a share of the indicators.
    expect(r.stderr.includes('"thread":"worker"'), 'indicators in the worker thread').toBe(way.workers >= INDICATOR_THREAD_MIN_WORKERS);
    return new Map(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f))]));
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function expectSameOutputs(dir: string, ways: Way[]): Promise<void> {
  const reference = await scan(dir, { reader: 'csv-parse', workers: 1 });
  expect(reference.size).toBeGreaterThanOrEqual(6);
  for (const way of ways) {
    const got = await scan(dir, way);
    expect([...got.keys()], JSON.stringify(way)).toEqual([...reference.keys()]);
    for (const [file, bytes] of reference) expect(got.get(file)!.equals(bytes), `${file} read by ${JSON.stringify(way)}`).toBe(true);
  }
}

describe('outputs do not depend on the declarations reader or the worker count', () => {
  let scenario = '';
  beforeAll(async () => {
    scenario = join(tempDir('pgb-reader-data-'), 'data');
    const g = await runCli(['generate', '--scenario', 'scenarios/test-small.json', '--seed', '5', '--out', scenario, '--log-level', 'silent']);
    expect(g.code, g.stderr).toBe(0);
  });

  it('samples/gemeente-klein: byte reader on the main thread and on 2 and 4 workers, as csv-parse on the main thread', async () => {
    await expectSameOutputs('samples/gemeente-klein', [
      { reader: 'bytes', workers: 1 },
      { reader: 'bytes', workers: 2 },
      { reader: 'bytes', workers: 4 },
    ]);
  }, 120_000);

  it('a generated scenario: byte reader on 2 and 4 workers, as csv-parse on the main thread', async () => {
    await expectSameOutputs(scenario, [
      { reader: 'bytes', workers: 2 },
      { reader: 'bytes', workers: 4 },
    ]);
  }, 120_000);
});
