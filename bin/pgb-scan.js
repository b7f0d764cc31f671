#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A closed downstream pipe (`pgb-scan ... | head`) is a normal way to stop reading, not a crash. Any
// other write error (a full disk behind `> file`) is an output error: exit 2 with its code, no stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const name = stream === process.stdout ? 'stdout' : 'stderr';
    try {
      if (stream !== process.stderr) process.stderr.write(`pgb-scan: error OUTPUT_UNWRITABLE: Cannot write to ${name}: ${err && err.message}\n`);
    } finally {
      process.exit(2);
    }
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
