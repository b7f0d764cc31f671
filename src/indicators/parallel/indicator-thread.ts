import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tableParts } from '../../ingest/parallel/protocol.js';
import type { IngestedData } from '../../model/dataset.js';
import type { DayNumber } from '../../model/dates.js';
import type { Signal } from '../define.js';
import { reviveError, type IndicatorJob, type IndicatorMessage, type IndicatorTask, type Preload } from './indicator-protocol.js';

/** Where the worker script is. Tests run this module from src/, where a worker cannot load TypeScript: they use the build. */
function workerFile(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./indicator-worker.js', import.meta.url);
  const built = new URL(import.meta.url.replace(/\/src\/indicators\/parallel\/indicator-thread\.ts$/, '/dist/indicators/parallel/indicator-worker.js'));
  if (!existsSync(built)) throw new Error(`internal: ${fileURLToPath(built)} is missing; run npm run build`);
  return built;
}

export interface IndicatorOutcome {
  signals: Signal[];
  stats: Record<string, unknown> | null;
}

interface Running {
  onIndicator(id: string, outcome: IndicatorOutcome): void;
  resolve(): void;
  reject(e: Error): void;
}

/**
 * A worker thread that runs a share of the indicators while the main thread runs the rest. Started
 * at the beginning of a scan, it loads its modules while the inputs are read. One run per thread;
 * close() ends it on every path (a failed or abandoned scan must not leave a thread behind).
 */
export class IndicatorThread {
  private readonly worker: Worker;
  private running: Running | null = null;
  // Why the thread can take no task: it failed or was closed.
  private gone: Error | null = null;
  private used = false;
  private readonly preloaded: Record<string, unknown> = {};
  private ended = false;

  constructor() {
    this.worker = new Worker(workerFile());
    // Idle, it must not keep the process alive; a run refs it until answered.
    this.worker.unref();
    this.worker.on('message', (m: IndicatorMessage) => {
      const r = this.running;
      if (r === null) return;
      if (m.type === 'indicator') return r.onIndicator(m.id, { signals: m.signals, stats: m.stats });
      this.finish(m.type === 'done' ? null : reviveError(m.error));
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`internal: the indicator worker thread stopped (exit ${code})`)));
  }

  /**
   * Runs `jobs` on the ingested data in the worker; onIndicator hears each result as it comes, in
   * the order of jobs. Resolves when all have come; rejects with the worker's error (an indicator
   * that threw, a crash) otherwise.
   */
  run(data: IngestedData, asOf: DayNumber, jobs: IndicatorJob[], onIndicator: Running['onIndicator']): Promise<void> {
    if (this.used) throw new Error('internal: an indicator thread runs once');
    this.used = true;
    return new Promise<void>((resolve, reject) => {
      if (this.gone !== null) return reject(this.gone);
      this.running = { onIndicator, resolve, reject };
      this.worker.ref();
      // A table sent ahead goes again only if ingest has replaced it since.
      const preloaded = Object.entries(this.preloaded).flatMap(([name, rows]) => (data[name as keyof IngestedData] === rows ? [name] : []));
      const rest: Record<string, unknown> = { ...data, declarations: tableParts(data.declarations) };
      for (const name of preloaded) delete rest[name];
      const task: IndicatorTask = { data: rest as IndicatorTask['data'], preloaded, asOf, jobs };
      this.worker.postMessage(task);
    });
  }

  /**
   * Sends tables ahead of run(): copying them to the worker then costs the main thread nothing while
   * it only waits (for the declaration workers), and the worker takes them apart while otherwise idle.
   */
  preload(tables: Preload['preload']): void {
    if (this.used || this.gone !== null) return;
    Object.assign(this.preloaded, tables);
    const message: Preload = { preload: tables };
    this.worker.postMessage(message);
  }

  /** Ends the thread; a run not yet answered rejects. */
  async close(): Promise<void> {
    this.fail(new Error('internal: the indicator thread was closed'));
    if (this.ended) return;
    this.ended = true;
    await this.worker.terminate();
  }

  /** Whether close() has ended the thread. */
  get closed(): boolean {
    return this.ended;
  }

  private fail(e: Error): void {
    this.gone ??= e;
    this.finish(e);
  }

  private finish(error: Error | null): void {
    const r = this.running;
    if (r === null) return;
    this.running = null;
    this.worker.unref();
    if (error === null) r.resolve();
    else r.reject(error);
  }
}

/** Workers (PGB_SCAN_WORKERS, default one per core) from which a scan has an indicator thread. */
export const INDICATOR_THREAD_MIN_WORKERS = 3;

/**
 * A thread for the indicators of a scan whose declarations are read by worker threads (see ingest's
 * startWorkers), given a core beyond the main thread's and V8's garbage-collection helpers. On 2
 * cores those helpers already keep the second core busy during the indicators: at 1M rows 0.5 s of
 * CPU on each thread against 0.8 s on one, but 1.6 s in all against 1.3 s, and the scan 0.2 s slower;
 * at 5M the scan 0.5 s faster, but 1.3 s more CPU and 226 MiB more peak memory (of a 1.5 GB budget
 * at 10M). Null otherwise, and the indicators run on the main thread.
 */
export async function indicatorThreadFor(declarations: string | undefined, workers: number, minBytes: number): Promise<IndicatorThread | null> {
  if (workers < INDICATOR_THREAD_MIN_WORKERS || declarations === undefined || declarations === '-') return null;
  const size = await stat(declarations).then(
    (s) => s.size,
    () => -1,
  );
  return size >= minBytes ? new IndicatorThread() : null;
}
