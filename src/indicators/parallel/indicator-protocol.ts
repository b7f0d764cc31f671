// What the main thread and the indicator worker send each other: plain data only. The declarations
// go as their typed arrays, which live on shared memory (see sharedArray), so only views cross.
import { AppError, isAppError, type ErrorCode } from '../../errors.js';
import type { TableParts } from '../../ingest/parallel/protocol.js';
import type { IngestedData } from '../../model/dataset.js';
import type { DayNumber } from '../../model/dates.js';
import type { Signal } from '../define.js';

export interface IndicatorJob {
  id: string;
  params: unknown;
}

/** Tables sent ahead, while the declarations are still being read; a task names those it leaves out. */
export interface Preload {
  preload: Partial<Pick<IngestedData, 'holders' | 'providers'>>;
}

/** One scan's share of the indicators; the worker answers with an 'indicator' per job, in order, then 'done' (or 'failed'). */
export interface IndicatorTask {
  /** The ingested data, without the tables named in `preloaded` (sent before). */
  data: Omit<IngestedData, 'declarations'> & { declarations: TableParts };
  preloaded: string[];
  asOf: DayNumber;
  jobs: IndicatorJob[];
}

export type IndicatorMessage =
  | { type: 'indicator'; id: string; signals: Signal[]; stats: Record<string, unknown> | null }
  | { type: 'done' }
  | { type: 'failed'; error: ThreadError };

/** An error as it crosses threads: an AppError keeps its code, anything else stays a bug (INTERNAL). */
export interface ThreadError {
  app: boolean;
  code: string;
  message: string;
  context: Record<string, unknown>;
  stack?: string;
}

export function serializeError(e: unknown): ThreadError {
  if (isAppError(e)) return { app: true, code: e.code, message: e.message, context: e.context };
  const err = e instanceof Error ? e : new Error(String(e));
  return { app: false, code: 'INTERNAL', message: err.message, context: {}, stack: err.stack };
}

export function reviveError(e: ThreadError): Error {
  if (e.app) return new AppError(e.code as ErrorCode, e.message, e.context);
  const error = new Error(e.message);
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
