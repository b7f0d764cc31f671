import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { declarationWorkerFile, parallelMinBytes, workerCount } from './worker-plan.js';

/**
 * Declaration workers started as the CLI starts a scan, before it loads the scan's own modules: a
 * worker takes about 0.25 s to load its modules, and the declarations are the scan's critical path
 * (at 1M rows they are read from 0.77 s to 1.78 s of a 3.1 s scan, with the main thread waiting).
 * Loaded while the main thread loads, the workers begin that much earlier.
 */
interface Warm {
  path: string;
  workers: Worker[];
  /** Why a worker can take no tasks (failed to load, stopped): such a worker is not handed over. */
  gone: Array<Error | null>;
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
    if (count < 2 || statSync(path).size < parallelMinBytes()) return;
    warmUp(path, count);
  } catch {
    // A bad PGB_SCAN_WORKERS or an unreadable file: the scan reports it in its own words.
  }
}

function warmUp(path: string, count: number): void {
  // Started already by bin/pgb-scan.js, before main() asked again.
  if (warm !== null && warm.path === resolve(path) && warm.workers.length === count) return;
  void coolDown();
  const w: Warm = { path: resolve(path), workers: [], gone: [] };
  for (let i = 0; i < count; i++) {
    const worker = new Worker(declarationWorkerFile());
    w.gone.push(null);
    // Until taken, an error is kept here: a worker's error with no listener would end the process.
    worker.on('error', (e) => (w.gone[i] ??= e));
    worker.on('exit', (code) => (w.gone[i] ??= new Error(`internal: a declaration worker stopped (exit ${code})`)));
    // Not taken (the scan failed first, or read the file in one piece), it must not keep the process alive.
    worker.unref();
    w.workers.push(worker);
  }
  warm = w;
}

/**
 * The workers started for `path`, at most `count`, that are still able to work; the others are ended.
 * The caller adds its own listeners and refs them. Empty when none were started for this file.
 */
export function takeWarmWorkers(path: string, count: number): Worker[] {
  const w = warm;
  warm = null;
  if (w === null) return [];
  const taken: Worker[] = [];
  w.workers.forEach((worker, i) => {
    if (w.path === resolve(path) && taken.length < count && w.gone[i] === null) {
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      worker.ref();
      taken.push(worker);
    } else void worker.terminate();
  });
  return taken;
}

/** Ends workers started but never taken (a command that ended before it read the declarations). */
export async function coolDown(): Promise<void> {
  const w = warm;
  warm = null;
  if (w !== null) await Promise.all(w.workers.map((worker) => worker.terminate()));
}
