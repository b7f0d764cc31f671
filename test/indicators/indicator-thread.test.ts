// The indicators run on two threads (a share in the indicator worker thread) give what one thread
// gives; a failure in the worker ends the run as it would on the main thread; no thread is left behind.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConfigSchema, type IndicatorSettings, type RunConfig } from '../../src/config/schema.js';
import { isAppError } from '../../src/errors.js';
import { ingest, type IngestResult } from '../../src/ingest/ingest.js';
import { INDICATORS } from '../../src/indicators/index.js';
import { INDICATOR_COSTS, RUN_TOGETHER, workerShare } from '../../src/indicators/parallel/indicator-costs.js';
import { INDICATOR_THREAD_MIN_WORKERS, IndicatorThread } from '../../src/indicators/parallel/indicator-thread.js';
import { buildDataset } from '../../src/model/dataset.js';
import { runIndicators, runIndicatorsInParallel } from '../../src/pipeline.js';
import { tempDir } from '../support/cli.js';

const SAMPLE = 'samples/gemeente-klein';
const KINDS = ['budgethouders', 'zorgverleners', 'declaraties', 'zorgovereenkomsten', 'afwezigheden', 'waarschuwingsregister'] as const;

let ingested: IngestResult;
beforeAll(async () => {
  ingested = await ingest(KINDS.map((kind) => ({ kind, path: join(SAMPLE, `${kind}.csv`) })));
});

const defaults = (): RunConfig => buildConfigSchema().parse({});

describe('the declarations as the threads share them', () => {
  const columns = (r: IngestResult) => {
    const t = r.data.declarations;
    const arrays: Array<[string, unknown]> = [...Object.entries(t), ['id.bytes', t.id.bytes], ['id.offsets', t.id.offsets], ['contractId.codes', t.contractId.codes]];
    arrays.push(['contractId.values.bytes', t.contractId.values.bytes], ['contractId.values.offsets', t.contractId.values.offsets]);
    return arrays.filter((e): e is [string, ArrayBufferView] => ArrayBuffer.isView(e[1]));
  };

  it('live on shared memory, read on the main thread or by worker threads and merged, so no thread needs a copy', async () => {
    const merged = await ingest(KINDS.map((kind) => ({ kind, path: join(SAMPLE, `${kind}.csv`) })), { parallelMinBytes: 0, workers: 3 });
    for (const r of [ingested, merged]) {
      expect(columns(r).length).toBe(19);
      for (const [name, a] of columns(r)) expect(a.buffer instanceof SharedArrayBuffer, name).toBe(true);
    }
    expect(merged.data.declarations.length).toBe(ingested.data.declarations.length);
  });
});

describe('the split of the indicators between the threads', () => {
  it('has a measured cost for every indicator of the registry, and none for one that is gone', () => {
    expect(Object.keys(INDICATOR_COSTS).sort()).toEqual(INDICATORS.map((i) => i.id).sort());
  });

  it('splits into two shares of about equal cost, the same way every time', () => {
    const ids = INDICATORS.map((i) => i.id);
    const share = workerShare(ids);
    expect(workerShare([...ids].reverse())).toEqual(share);
    const cost = (list: string[]) => list.reduce((a, id) => a + INDICATOR_COSTS[id], 0);
    const inWorker = ids.filter((id) => share.has(id));
    const onMain = ids.filter((id) => !share.has(id));
    expect(inWorker.length).toBeGreaterThan(0);
    expect(Math.abs(cost(inWorker) - cost(onMain))).toBeLessThanOrEqual(Math.max(...ids.map((id) => INDICATOR_COSTS[id])));
    expect(workerShare([]).size).toBe(0);
    // One indicator: the main thread runs it, as the worker starts behind.
    expect(workerShare(['shared-iban']).size).toBe(0);
  });

  it('keeps indicators that share a derivation on one thread, whichever of them run', () => {
    const ids = INDICATORS.map((i) => i.id);
    for (const group of RUN_TOGETHER) {
      for (const id of group) expect(ids).toContain(id);
      for (const subset of [ids, ids.filter((id) => id !== group[0]), [...group, 'tariff-outlier', 'overlapping-care-sessions']]) {
        const share = workerShare(subset);
        const sides = new Set(group.filter((id) => subset.includes(id)).map((id) => share.has(id)));
        expect(sides.size, `${group.join('+')} in ${subset.length} indicators`).toBe(1);
      }
    }
  });
});

describe('runIndicatorsInParallel', () => {
  it('gives the signals, statuses and stats of the one-thread run, with some indicators run by the worker', async () => {
    const config = defaults();
    const asOf = ingested.asOf!;
    const one = runIndicators(buildDataset(ingested.data, asOf), config);
    const where = new Map<string, string>();
    const two = await runIndicatorsInParallel(ingested.data, asOf, config, new IndicatorThread(), (id, _n, thread) => where.set(id, thread));
    expect(two.run).toEqual(one);
    expect(JSON.stringify(two.run)).toBe(JSON.stringify(one));
    expect([...where.values()]).toContain('worker');
    expect([...where.values()]).toContain('main');
    expect(where.size).toBe(one.statuses.filter((s) => s.applicable).length);
  });

  it('gives the same run with the holders and providers sent ahead, and sends a table again when ingest replaced it', async () => {
    const config = defaults();
    const asOf = ingested.asOf!;
    const one = runIndicators(buildDataset(ingested.data, asOf), config);
    const ahead = new IndicatorThread();
    ahead.preload({ holders: ingested.data.holders, providers: ingested.data.providers });
    expect((await runIndicatorsInParallel(ingested.data, asOf, config, ahead)).run).toEqual(one);
    // Holders sent ahead that the run does not use (a stale copy) must not be the ones the worker computes with.
    const stale = new IndicatorThread();
    stale.preload({ holders: ingested.data.holders.map((h) => ({ ...h, overlijdensdatum: 0 })) });
    expect((await runIndicatorsInParallel(ingested.data, asOf, config, stale)).run).toEqual(one);
  });

  it('fails as the one-thread run does when an indicator throws in the worker thread, and ends the thread', async () => {
    const config = defaults();
    const asOf = ingested.asOf!;
    const ds = buildDataset(ingested.data, asOf);
    // Params the rules cannot read (the config schema would refuse them): the worker's share throws.
    const share = workerShare(runIndicators(ds, config).statuses.filter((s) => s.applicable).map((s) => s.id));
    expect(share.size).toBeGreaterThan(0);
    const settings = config.indicators as Record<string, IndicatorSettings>;
    const broken = { ...config, indicators: Object.fromEntries(Object.entries(settings).map(([id, s]) => [id, share.has(id) ? { ...s, params: null } : s])) } as RunConfig;

    let onMain: unknown = null;
    try {
      runIndicators(ds, broken);
    } catch (e) {
      onMain = e;
    }
    expect(onMain).toBeInstanceOf(Error);
    const thread = new IndicatorThread();
    const error = await runIndicatorsInParallel(ingested.data, asOf, broken, thread).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isAppError(error)).toBe(false);
    expect((error as Error).message).toBe((onMain as Error).message);
    // The stack is the worker's, naming the rule that threw.
    expect((error as Error).stack).toMatch(/rules\//);
    expect(thread.closed).toBe(true);
  });

  it('rejects, rather than waits, when the thread is closed while it runs', async () => {
    const thread = new IndicatorThread();
    const running = runIndicatorsInParallel(ingested.data, ingested.asOf!, defaults(), thread);
    void thread.close();
    await expect(running).rejects.toThrow(/indicator thread was closed/);
  });
});

/** Runs the built CLI as a user does; resolves with its exit code, or 'hung' after 60 s. */
function cliExit(args: string[], env: Record<string, string>): Promise<number | 'hung'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pgb-scan.js', ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

describe('the scan with an indicator thread', () => {
  const env = { PGB_SCAN_WORKERS: String(INDICATOR_THREAD_MIN_WORKERS), PGB_SCAN_PARALLEL_MIN_BYTES: '0' };

  it('exits when done, and when it stops after the thread started (too many rejects)', async () => {
    const [done, stopped] = await Promise.all([
      cliExit(['scan', SAMPLE, '--out', join(tempDir('pgb-thread-'), 'out'), '--log-level', 'silent'], env),
      cliExit(['scan', 'samples/vuil', '--out', join(tempDir('pgb-thread-'), 'out'), '--max-reject-rate', '0', '--log-level', 'silent'], env),
    ]);
    expect(done).toBe(0);
    expect(stopped).toBe(2);
  }, 120_000);
});
