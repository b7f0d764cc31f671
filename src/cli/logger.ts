import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** JSON lines on stderr: stdout carries data only. */
export function createLogger(level: LogLevel, stream: Writable): Logger {
  return pino({ level, base: { name: 'pgb-scan' } }, stream);
}
