import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { readCheckedRun, type CheckedRun } from '../history/checked-run.js';
import { comparisonWarnings, type RunIdentity } from '../history/since-previous.js';

export interface PreviousOption {
  /** The checked previous run; null without --previous, or on the first night (below). */
  run: CheckedRun | null;
  /** --previous names --out: the run this one replaces is kept as OUT.vorige. */
  keepReplaced: boolean;
}

const sameFolder = async (a: string, b: string) => (await realpath(a).catch(() => resolve(a))) === (await realpath(b).catch(() => resolve(b)));

/**
 * scan --previous DIR: reads and checks the previous run before anything replaces it (DIR may be --out).
 * A --previous naming an --out that does not exist yet is the nightly job's first night: a warning, no
 * comparison. Another config or tool version is a warning here and in report.md.
 */
export async function readPreviousOption(previous: string | undefined, out: string | undefined, current: RunIdentity, log: Logger): Promise<PreviousOption> {
  if (previous === undefined) return { run: null, keepReplaced: false };
  const keepReplaced = out !== undefined && (await sameFolder(previous, out));
  if (keepReplaced && (await stat(previous).catch(() => null)) === null) {
    log.warn({ previous }, '--previous names --out, which does not exist yet (a first run): nothing to compare with');
    return { run: null, keepReplaced };
  }
  const run = await readCheckedRun(previous, 'PREVIOUS_RUN_INVALID', '--previous');
  for (const w of comparisonWarnings(run.identity, current))
    log.warn(
      { previous, warning: w.kind, before: w.before, after: w.after },
      w.kind === 'config' ? 'the previous run used another config: differences may come from the config' : 'the previous run was made by another tool version: differences may come from the version',
    );
  return { run, keepReplaced };
}
