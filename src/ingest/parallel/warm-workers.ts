import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerMessage, WorkerTask } from './protocol.js';

/** A file's size and modification time, as fs.stat gives them. */
type FileState = { size: number; mtimeMs: number };

/** A worker's answer to a task. */
type Answer = Exclude<WorkerMessage, { type: 'progress' }>;
import { declarationWorkerFile, parallelMinBytes, workerCount } from './worker-plan.js';

/**
 * Declaration workers started as the CLI starts a scan, before it loads the scan's own modules: a
 * worker takes about 0.25 s to load its modules, and the declarations are the scan's critical path
 * (at 1M rows they are read from 0.77 s to 1.78 s of a 3.1 s scan, with the main thread waiting).
 * Loaded while the main thread loads, the workers begin that much earlier.
 */
interface Warm {
  path: string;
  /** The file as the workers were started: a file written again since (even to the same size) is cut anew. */
  size: number;
  mtimeMs: number;
  workers: Worker[];
  /** The second worker's answer to where to cut the file, asked at once (see DeclarationWorkers.split). */
  split: Promise<Answer>;
  /** Why a worker can take no tasks (failed to load, stopped): such a worker is not handed over. */
  gone: Array<Error | null>;
  /** Removes the listeners that fill `gone`, once the taker listens itself. */
  unwatch: () => void;
}

let warm: Warm | null = null;

/**
 * The declarations file a scan's command line names, when the CLI can tell before parsing it:
 * --declaraties FILE, else declaraties.csv in the first argument that is a folder holding one.
 * A wrong guess costs only the loading of threads that are then ended unused.
 */
export function declarationsOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--declaraties') return argv[i + 1] ?? null;
    if (a.startsWith('--declaraties=')) return a.slice('--declaraties='.length);
  }
  for (const a of argv) {
    if (a.startsWith('-')) continue;
    const path = join(a, 'declaraties.csv');
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // Not a folder with declarations: the next argument may be.
    }
  }
  return null;
}

/**
 * Starts the declaration workers for the scan of argv (its arguments after `scan`) when its declarations
 * file will be read in parallel; otherwise nothing. Never throws: whatever is wrong is for the scan to say.
 */
export function warmUpForScan(argv: readonly string[]): void {
  try {
    const path = declarationsOf(argv);
    if (path === null || path === '-') return;
    const count = workerCount();
    const file = statSync(path);
    if (count < 2 || file.size < parallelMinBytes()) return;
    warmUp(path, file, count);
  } catch {
    // A bad PGB_SCAN_WORKERS or an unreadable file: the scan reports it in its own words.
  }
}

function warmUp(path: string, file: FileState, count: number): void {
  const { size, mtimeMs } = file;
  // Started already by bin/pgb-scan.js, before main() asked again.
  if (warm !== null && warm.path === resolve(path) && warm.size === size && warm.mtimeMs === mtimeMs && warm.workers.length === count) return;
  void coolDown();
  const workers: Worker[] = [];
  const gone: Array<Error | null> = [];
  const watches: Array<() => void> = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(declarationWorkerFile());
    gone.push(null);
    // Until taken, an error is kept here: a worker's error with no listener would end the process.
    const onError = (e: Error) => (gone[i] ??= e);
    const onExit = (code: number) => (gone[i] ??= new Error(`internal: a declaration worker stopped (exit ${code})`));
    worker.on('error', onError);
    worker.on('exit', onExit);
    watches.push(() => worker.off('error', onError).off('exit', onExit));
    // Not taken (the scan failed first, or read the file in one piece), it must not keep the process alive.
    worker.unref();
    workers.push(worker);
  }
  const split = ask(workers[1], { task: 'split', path, display: basename(path), size, parts: count });
  warm = { path: resolve(path), size, mtimeMs, workers, split, gone, unwatch: () => watches.forEach((u) => u()) };
}

/** The answer of worker to task (a failure when it stops first); its listeners go with the answer. */
function ask(worker: Worker, task: WorkerTask): Promise<Answer> {
  return new Promise((answer) => {
    const failed = (message: string): Answer => ({ type: 'failed', error: { app: false, code: '', message, context: {} } });
    const done = (m: Answer) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      answer(m);
    };
    const onMessage = (m: WorkerMessage) => {
      if (m.type !== 'progress') done(m);
    };
    const onError = (e: Error) => done(failed(e.message));
    const onExit = (code: number) => done(failed(`internal: a declaration worker stopped (exit ${code})`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}

/**
 * The workers started for this file (path and size) and count, with their pending answer to where
 * to cut it; all or none: none when they were started for another file or count, or one cannot work.
 * The caller adds its own listeners. The ones not handed over are ended.
 */
export function takeWarmWorkers(path: string, file: FileState, count: number): { workers: Worker[]; split: Promise<Answer> | null } {
  const w = warm;
  warm = null;
  if (w === null) return { workers: [], split: null };
  if (w.path !== resolve(path) || w.size !== file.size || w.mtimeMs !== file.mtimeMs || w.workers.length !== count || w.gone.some((g) => g !== null)) {
    for (const worker of w.workers) void worker.terminate();
    return { workers: [], split: null };
  }
  w.unwatch();
  for (const worker of w.workers) worker.ref();
  return { workers: w.workers, split: w.split };
}

/** Ends workers started but never taken (a command that ended before it read the declarations). */
export async function coolDown(): Promise<void> {
  const w = warm;
  warm = null;
  if (w !== null) await Promise.all(w.workers.map((worker) => worker.terminate()));
}
