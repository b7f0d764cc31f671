import type { Readable, Writable } from 'node:stream';
import { AppError } from '../errors.js';

/** The process edges a command may touch; tests pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** True when stderr is a terminal: then a human summary and a progress line are shown. */
  interactive: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stderr.isTTY),
  };
}

/** A reader that stopped reading (`| head`) is a normal end, not an error. */
const closedPipe = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';

function unwritable(e: Error): AppError {
  return new AppError('OUTPUT_UNWRITABLE', `Cannot write to stdout: ${e.message}`);
}

/**
 * Resolves when the chunk is handed to the stream; a closed pipe (EPIPE) resolves too, quietly.
 * Any other write error (a full disk behind `> file`) rejects with OUTPUT_UNWRITABLE.
 */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text.length === 0 || stream.destroyed || stream.writableEnded) return resolve();
    let settled = false;
    const settle = (e?: Error | null) => {
      if (settled) return;
      settled = true;
      stream.off('error', settle);
      stream.off('drain', done);
      if (e && !closedPipe(e)) reject(unwritable(e));
      else resolve();
    };
    const done = () => settle();
    stream.once('error', settle);
    const ok = stream.write(text, (e) => settle(e));
    if (!ok) stream.once('drain', done);
  });
}

/** Writes the pieces of an output in batches; stops quietly when the reader has gone. */
export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 1 << 16) {
      await writeAll(stream, batch);
      if (stream.destroyed) return;
      batch = '';
    }
  }
  await writeAll(stream, batch);
}
