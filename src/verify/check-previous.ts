import { join } from 'node:path';
import { isAppError } from '../errors.js';
import { readCheckedRun, type CheckedRun } from '../history/checked-run.js';
import { hashFile } from './check-files.js';
import type { LoadedManifest } from './run-manifest.js';
import type { Verdict } from './verdict.js';

/**
 * verify --previous: the run a scan was compared with must be the one its manifest records (the sha256
 * of its manifest.json) and still match that manifest; then the replay compares with it. Another
 * previous run is a difference (exit 1), like changed inputs; a missing or superfluous --previous
 * makes the replay impossible (exit 2).
 */
export async function checkPrevious(loaded: LoadedManifest, previousDir: string | undefined, replaying: boolean): Promise<{ verdicts: Verdict[]; run?: CheckedRun }> {
  const recorded = loaded.manifest.previousRun ?? null;
  if (recorded === null) {
    if (previousDir === undefined) return { verdicts: [] };
    return { verdicts: [{ check: 'previous', file: previousDir, status: 'refused', code: 'USAGE', detail: 'the run was made without --previous, so there is nothing to replay it with; leave --previous out' }] };
  }
  const short = recorded.manifestSha256.slice(0, 12);
  if (previousDir === undefined)
    return {
      verdicts: [
        replaying
          ? { check: 'previous', file: '', status: 'refused', code: 'USAGE', detail: `the run was compared with a previous run (manifest sha256 ${short}): give --previous DIR to replay it` }
          : { check: 'previous', file: '', status: 'skipped', detail: `compared with a previous run (manifest sha256 ${short}); give --inputs and --previous DIR to replay it` },
      ],
    };
  const got = await hashFile(join(previousDir, 'manifest.json'));
  if (got === null) return { verdicts: [{ check: 'previous', file: previousDir, status: 'missing', detail: `${join(previousDir, 'manifest.json')} is not there; expected the run with manifest sha256 ${short}` }] };
  if (got.sha256 !== recorded.manifestSha256)
    return { verdicts: [{ check: 'previous', file: previousDir, status: 'differs', detail: `its manifest has sha256 ${got.sha256.slice(0, 12)}, the run was compared with ${short}: another previous run` }] };
  try {
    const run = await readCheckedRun(previousDir, 'PREVIOUS_RUN_INVALID', '--previous');
    return { verdicts: [{ check: 'previous', file: previousDir, status: 'ok', detail: `manifest sha256 ${short} as recorded; its outputs match it` }], run };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { verdicts: [{ check: 'previous', file: previousDir, status: 'differs', detail: e.message }] };
  }
}
