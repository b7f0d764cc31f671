// Tests, the CLI subprocesses they start and the scans' spill files all make folders in os.tmpdir() and
// many never remove them (a killed scan cannot): 14 sessions of `npm test` left 68,000 entries in /tmp, and
// a crowded /tmp slows every scan that reads it. So one run gets one folder of its own: TMPDIR points there
// before vitest starts its workers (they, their threads and their subprocesses inherit it, and
// os.tmpdir() reads it on every call), and the teardown removes the folder with all that was left in it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRuns } from '../src/output/process-runs.js';

const RUN_PREFIX = 'pgb-test-run-';

/**
 * Removes the run folders in parent whose test run has ended without its teardown (killed, interrupted);
 * the folders of runs still going, here or by other users of the machine, stay.
 */
export function removeAbandonedRuns(parent: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const pid = Number(name.slice(RUN_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !processRuns(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export default function useRunTmpdir(): () => void {
  const parent = tmpdir();
  const previous = process.env.TMPDIR;
  removeAbandonedRuns(parent);
  const dir = mkdtempSync(join(parent, `${RUN_PREFIX}${process.pid}-`));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
