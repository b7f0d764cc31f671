import pino from 'pino';
import { isAppError } from '../errors.js';
import type { CliIo } from './io.js';

/** Exit code of every failure: 1 is reserved for "signals at the --fail-on tier", so a crash must never use it. */
export const FAILURE_EXIT = 2;

/** The one error that ends a run, in the form both the terminal line and the JSON record are made from. */
export interface Failure {
  /** An ERROR_CODES code, or INTERNAL for a bug (an error that is no AppError). */
  code: string;
  message: string;
  /** AppError.context: file, line and whatever else the thrower knew. */
  context: Record<string, unknown>;
  /** Only for INTERNAL: a bug report needs it, a user with bad input does not. */
  stack?: string;
}

export function failureOf(e: unknown): Failure {
  if (isAppError(e)) return { code: e.code, message: e.message, context: e.context };
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    code: 'INTERNAL',
    message: `internal error (a bug in pgb-scan, please report it with this record): ${err.message}`,
    context: {},
    stack: err.stack,
  };
}

// Keys pino or the record itself owns; a context key with one of these names must not overwrite them.
const RESERVED = new Set(['level', 'time', 'name', 'msg', 'code', 'exitCode', 'stack', 'file', 'line']);

/**
 * The record a pipe reader gets: always code, msg, file, line (null when unknown) and exitCode, so
 * `jq -r 'select(.level >= 50) | .code'` works for every failure.
 */
export function failureRecord(f: Failure): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(f.context).filter(([k]) => !RESERVED.has(k)));
  const file = f.context.file ?? null;
  const line = typeof f.context.line === 'number' ? f.context.line : null;
  return { code: f.code, file, line, exitCode: FAILURE_EXIT, ...extra, ...(f.stack !== undefined ? { stack: f.stack } : {}) };
}

/**
 * Writes the failure to stderr: one JSON record (pino, level fatal) when stderr is not a terminal,
 * the human line `pgb-scan: error CODE: message` on a terminal. Written whatever --log-level says:
 * the failure is the run's answer, not a log line.
 */
export function writeFailure(io: Pick<CliIo, 'stderr' | 'interactive'>, f: Failure): void {
  if (io.interactive) {
    io.stderr.write(`pgb-scan: error ${f.code}: ${f.message}\n`);
    if (f.stack !== undefined) io.stderr.write(`${f.stack}\n`);
    return;
  }
  pino({ level: 'fatal', base: { name: 'pgb-scan' } }, io.stderr).fatal(failureRecord(f), f.message);
}
