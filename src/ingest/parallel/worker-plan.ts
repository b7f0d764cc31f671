// How many threads read the declarations, and from what size: light on imports, because the CLI asks
// before it loads the scan (see warm-workers.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../errors.js';

/**
 * Declaration files from this size up are read by worker threads, one per byte range: reading is
 * most of a scan and uses one core. Below it, starting the threads costs about what they save
 * (measured on 2 cores with 28k budget holders: even at 15 MB, 25% faster at 40 MB).
 */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** Worker threads for the declarations: PGB_SCAN_WORKERS when set, else one per core; at least 1. */
export function workerCount(): number {
  const set = process.env.PGB_SCAN_WORKERS;
  const n = set === undefined || set.trim() === '' ? availableParallelism() : Number(set);
  if (!Number.isInteger(n) || n < 1) throw new AppError('USAGE', `PGB_SCAN_WORKERS must be a whole number of 1 or more, got '${set}'.`, { value: set });
  return n;
}

/** PGB_SCAN_PARALLEL_MIN_BYTES when set (tests and the bench read small files in parallel), else PARALLEL_MIN_BYTES. */
export function parallelMinBytes(): number {
  const set = process.env.PGB_SCAN_PARALLEL_MIN_BYTES;
  if (set === undefined || set.trim() === '') return PARALLEL_MIN_BYTES;
  const n = Number(set);
  if (!Number.isInteger(n) || n < 0) throw new AppError('USAGE', `PGB_SCAN_PARALLEL_MIN_BYTES must be a whole number of bytes, got '${set}'.`, { value: set });
  return n;
}

/** Where the worker script is. Tests run this module from src/, where a worker cannot load TypeScript: they use the build. */
export function declarationWorkerFile(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./declaration-worker.js', import.meta.url);
  const built = new URL(import.meta.url.replace(/\/src\/ingest\/parallel\/worker-plan\.ts$/, '/dist/ingest/parallel/declaration-worker.js'));
  if (!existsSync(built)) throw new Error(`internal: ${fileURLToPath(built)} is missing; run npm run build`);
  return built;
}
