#!/usr/bin/env node
// Every way this process can fail ends in exit 2 with one error on stderr, as a JSON record when
// stderr is not a terminal: never Node's default (a raw stack and exit 1, which means "signals").
const interactive = Boolean(process.stderr.isTTY);

/** Before dist/ is loaded, pino may be missing too: the record is written by hand, in pino's shape. */
function bootFailure(message) {
  process.stderr.write(
    interactive
      ? `pgb-scan: error INTERNAL: ${message}\n`
      : JSON.stringify({ level: 60, time: Date.now(), name: 'pgb-scan', code: 'INTERNAL', file: null, line: null, exitCode: 2, msg: message }) + '\n',
  );
  process.exitCode = 2;
}

let cli;
try {
  // First of all: a scan of a large declarations file starts its reading threads, which load meanwhile.
  if (process.argv[2] === 'scan') (await import('../dist/ingest/parallel/warm-workers.js')).warmUpForScan(process.argv.slice(3));
  cli = {
    ...(await import('../dist/cli/main.js')),
    ...(await import('../dist/cli/failure.js')),
    ...(await import('../dist/cli/logger.js')),
    ...(await import('../dist/errors.js')),
  };
} catch (err) {
  bootFailure(
    `pgb-scan is not built or not installed completely (${err && err.message}). In a clone, run 'npm ci' (it builds dist/ with the dev dependencies); or install the packed tarball, which carries dist/.`,
  );
}

if (cli !== undefined) {
  const { AppError, createLogger, main, failureOf, writeFailure } = cli;
  const io = { stderr: process.stderr, interactive };
  const crash = (err) => {
    writeFailure(io, failureOf(err));
    process.exit(2);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  if (!interactive) {
    // Node prints its own warnings as text; on a pipe they become JSON records like every other line.
    const log = createLogger('warn', process.stderr);
    process.removeAllListeners('warning');
    process.on('warning', (w) => log.warn({ warning: w.name, warningCode: w.code ?? null }, w.message));
  }

  // A closed downstream pipe (`pgb-scan ... | head`) is a normal way to stop reading, not a crash. Any
  // other write error (a full disk behind `> file`) is an output error: exit 2 with its code, no stack.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      try {
        if (stream !== process.stderr) writeFailure(io, failureOf(new AppError('OUTPUT_UNWRITABLE', `Cannot write to stdout: ${err && err.message}`)));
      } finally {
        process.exit(2);
      }
    });
  }

  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, crash);
}
