import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Declarations from which a scan asks for full garbage collections (see collectGarbage). Below, the memory
 * is far from the limit and a collection would cost CPU for nothing (about 20 ms at a million rows).
 */
const COLLECT_FROM_ROWS = 4_000_000;

/**
 * How far the resident memory may grow above what the last collection left before the next one (bytes):
 * each costs about 0.1 s of CPU at 10 million rows, so not after every indicator.
 */
const GROWTH_BEFORE_COLLECTING = 32 * 1024 * 1024;

let gc: (() => void) | null = null;
let leftAt = 0;

/**
 * A full garbage collection now. At 10 million rows V8 collects its old space seldom: what an indicator
 * let go of (and the declarations' table once the run no longer needs it, about 700 MiB) is freed only at
 * a collection, and without one the scan peaked 80 to 100 MiB above what was in use (1.5 GB).
 * Node gives `gc` only with --expose-gc; the flag set now exposes it to a new context.
 */
export function collectGarbage(): void {
  if (gc === null) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  leftAt = process.memoryUsage.rss();
}

/** collectGarbage for a scan of `rows` declarations, when they are COLLECT_FROM_ROWS or more. */
export function collectGarbageOf(rows: number): void {
  if (rows >= COLLECT_FROM_ROWS) collectGarbage();
}

/** As collectGarbageOf, only when the resident memory has grown by GROWTH_BEFORE_COLLECTING since the last. */
export function collectGarbageIfGrown(rows: number): void {
  if (rows >= COLLECT_FROM_ROWS && process.memoryUsage.rss() - leftAt > GROWTH_BEFORE_COLLECTING) collectGarbage();
}
