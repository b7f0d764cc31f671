// Loaded with `node --import` into a benchmarked child: on exit it reports the child's own peak RSS
// (getrusage maxrss, in KiB) on file descriptor 3, which the bench opened as a pipe.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
  } catch {
    // fd 3 absent: run outside the bench.
  }
});
