import { statfsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { AppError } from '../errors.js';
import type { Scenario } from './scenario-schema.js';

/**
 * Declaration rows per holder per month, measured on the committed scenarios (national 2.97,
 * test-small 3.2, gemeente-klein 2.6). An estimate: planted cases and daily carers move it.
 */
export const ROWS_PER_HOLDER_MONTH = 3;
/** Bytes per declaration row in the written CSV (national.json: 98.5). */
export const BYTES_PER_ROW = 100;
/**
 * Memory the generator holds per base holder and provider (the population, its care plans and
 * ids stay in memory while the declarations stream to disk; national.json: about 3.6 KB).
 */
export const BYTES_PER_ENTITY = 4096;
/**
 * Ten times the largest benchmark (10M rows at national --scale 10), about 10 GB of CSV: more
 * than any real municipality or the whole country exports, and more than a scan should be
 * tested with on one machine.
 */
export const MAX_DECLARATION_ROWS = 100_000_000;

export interface SizeEstimate {
  holders: number;
  providers: number;
  declarationRows: number;
  bytes: number;
  memoryBytes: number;
}

export function estimateSize(scenario: Scenario, scale: number): SizeEstimate {
  const holders = Math.max(1, Math.round(scenario.holders * scale));
  const providers = Math.max(1, Math.round(scenario.providers * scale));
  const declarationRows = holders * scenario.months * ROWS_PER_HOLDER_MONTH;
  return {
    holders,
    providers,
    declarationRows,
    bytes: declarationRows * BYTES_PER_ROW + (holders + providers) * BYTES_PER_ROW,
    memoryBytes: (holders + providers) * BYTES_PER_ENTITY,
  };
}

export interface Machine {
  totalMemoryBytes: number;
  /** Free bytes on the disk that will hold the output; null when it cannot be told. */
  freeDiskBytes: number | null;
}

/** Free space on the disk of path, or of its nearest existing parent (the folder may not exist yet). */
function freeDiskBytes(path: string): number | null {
  let at = resolve(path);
  for (;;) {
    try {
      const s = statfsSync(at);
      return s.bavail * s.bsize;
    } catch {
      const up = dirname(at);
      if (up === at) return null;
      at = up;
    }
  }
}

export function thisMachine(outDir: string): Machine {
  return { totalMemoryBytes: totalmem(), freeDiskBytes: freeDiskBytes(outDir) };
}

const count = (n: number) => (n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2));
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(bytes < 1e10 ? 1 : 0)} GB`;

/**
 * Refuses a scale whose output would not fit: a fixed cap on declaration rows first (the same
 * answer on every machine), then half the machine's memory for the population, then the free disk.
 */
export function checkScale(scenario: Scenario, scale: number, machine: Machine): SizeEstimate {
  const e = estimateSize(scenario, scale);
  const perScale = scenario.holders * scenario.months * ROWS_PER_HOLDER_MONTH;
  const largest = (rows: number) => Math.floor((rows / perScale) * 100) / 100;
  const about = `--scale ${scale} of scenario ${scenario.name} means about ${count(e.holders)} holders and ${count(e.declarationRows)} declaration rows (${ROWS_PER_HOLDER_MONTH} per holder per month)`;
  const fail = (why: string, maxRows: number) =>
    new AppError('SCALE_TOO_LARGE', `${about}; ${why}. The largest scale for this scenario is about ${largest(maxRows)}.`, {
      scale,
      declarationRows: e.declarationRows,
    });
  if (e.declarationRows > MAX_DECLARATION_ROWS)
    throw fail(`the cap is ${count(MAX_DECLARATION_ROWS)} declaration rows (about ${gb(MAX_DECLARATION_ROWS * BYTES_PER_ROW)} of CSV), ten times the largest benchmark`, MAX_DECLARATION_ROWS);
  const memory = machine.totalMemoryBytes / 2;
  if (e.memoryBytes > memory)
    throw fail(`the population alone needs about ${gb(e.memoryBytes)} of memory, more than half of this machine's ${gb(machine.totalMemoryBytes)}`, (memory / e.memoryBytes) * e.declarationRows);
  if (machine.freeDiskBytes !== null && e.bytes > machine.freeDiskBytes)
    throw fail(`the files need about ${gb(e.bytes)}, more than the ${gb(machine.freeDiskBytes)} free on the output disk`, (machine.freeDiskBytes / e.bytes) * e.declarationRows);
  return e;
}
