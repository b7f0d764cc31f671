#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A closed downstream pipe (`pgb-scan ... | head`) is a normal way to stop reading, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`pgb-scan: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
