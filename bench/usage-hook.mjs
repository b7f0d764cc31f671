// Loaded with `node --import` into a benchmarked child: on exit it reports the child's own peak RSS and CPU
// time on file descriptor 3, which the bench opened as a pipe. CPU is user + system of the whole process,
// so worker threads and DuckDB's threads count. On Linux VmHWM is read from /proc: getrusage's maxrss of a
// spawned child starts from its parent's, so it would report the bench runner's memory, not the child's.
import { readFileSync, writeSync } from 'node:fs';

function peakKiB() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  const u = process.resourceUsage();
  try {
    writeSync(3, JSON.stringify({ maxRssKiB: peakKiB(), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\n');
  } catch {
    // fd 3 absent: run outside the bench.
  }
});
