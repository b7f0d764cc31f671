import type { Readable, Writable } from 'node:stream';

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

/** Resolves when the chunk is handed to the stream; a closed pipe (EPIPE) resolves too, quietly. */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text.length === 0 || stream.destroyed || stream.writableEnded) return resolve();
    const ok = stream.write(text, () => resolve());
    if (!ok) stream.once('drain', () => resolve());
  });
}
