import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../errors.js';
import { canonicalJson, sha256 } from '../manifest/canonical-json.js';
import type { ToolInfo } from '../manifest/manifest.js';
import { readLogboek } from '../output/logboek.js';
import { checkOutputs } from './check-files.js';
import { checkPrevious } from './check-previous.js';
import { checkInputs, checkTool, replay } from './replay.js';
import { loadManifest } from './run-manifest.js';
import { outcomeOf, type Outcome, type Verdict } from './verdict.js';

export interface VerifyOptions {
  /** Folder holding the inputs by their recorded names: check their hashes and replay the run. */
  inputs?: string;
  /** Append-only log of scan --logboek: the manifest's sha256 must be in it. */
  logboek?: string;
  /** The decisions file the run was made with (scan --beoordelingen); another file is refused. */
  beoordelingen?: string;
  allowOtherBuild?: boolean;
  /** The run folder the scan was compared with (scan --previous): checked by its recorded sha256 and replayed with. */
  previous?: string;
  tool: ToolInfo;
}

/**
 * All checks of one run folder, in the order an auditor reads them: the files against the manifest,
 * the manifest against the logboek, the config hash, the inputs, and the replay.
 */
export async function verifyRun(runDir: string, options: VerifyOptions): Promise<{ verdicts: Verdict[]; outcome: Outcome }> {
  const st = await stat(runDir).catch(() => null);
  if (st === null || !st.isDirectory()) throw new AppError('RUN_DIR_INVALID', `${runDir}: not a folder; expected the --out folder of a scan.`, { runDir });
  const loaded = await loadManifest(runDir);
  const { manifest } = loaded;
  const verdicts = await checkOutputs(runDir, manifest.outputs);

  const manifestSha = sha256(loaded.bytes);
  if (options.logboek !== undefined) {
    const entries = await readLogboek(options.logboek);
    const match = entries.filter((e) => e.manifestSha256 === manifestSha);
    const here = entries.filter((e) => e.out === resolve(runDir)).at(-1);
    if (match.length > 0) {
      const e = match.at(-1)!;
      const asOfNote = e.asOf === manifest.asOf ? '' : `; but the logboek says as-of ${e.asOf}, the manifest ${manifest.asOf}`;
      verdicts.push({ check: 'logboek', file: 'manifest.json', status: e.asOf === manifest.asOf ? 'ok' : 'differs', detail: `sha256 ${manifestSha.slice(0, 12)} logged at line ${e.line} (${e.out}${e.at ? `, ${e.at}` : ''})${asOfNote}` });
    } else
      verdicts.push({
        check: 'logboek',
        file: 'manifest.json',
        status: 'differs',
        detail: `sha256 ${manifestSha.slice(0, 12)} is in no line of the logboek: the manifest was changed after the run or the run was not logged${here ? `; the last run logged for this folder (line ${here.line}) has sha256 ${here.manifestSha256.slice(0, 12)}` : ''}`,
      });
  } else verdicts.push({ check: 'logboek', file: 'manifest.json', status: 'skipped', detail: `sha256 ${manifestSha.slice(0, 12)}; give --logboek FILE to check that it was not rewritten` });

  const configSha = sha256(canonicalJson(manifest.config));
  verdicts.push(
    configSha === manifest.configSha256
      ? { check: 'config', file: 'manifest.json', status: 'ok', detail: `configSha256 ${configSha.slice(0, 12)} recomputed` }
      : { check: 'config', file: 'manifest.json', status: 'differs', detail: `configSha256 says ${manifest.configSha256.slice(0, 12)}, the recorded config hashes to ${configSha.slice(0, 12)}` },
  );

  const previous = await checkPrevious(loaded, options.previous, options.inputs !== undefined);
  verdicts.push(...previous.verdicts);
  if (options.inputs === undefined) {
    verdicts.push({ check: 'replay', file: '', status: 'skipped', detail: 'give --inputs DIR to check the inputs and replay the run' });
    return { verdicts, outcome: outcomeOf(verdicts) };
  }
  const inputsStat = await stat(options.inputs).catch(() => null);
  if (inputsStat === null || !inputsStat.isDirectory())
    throw new AppError('INPUT_MISSING_FILE', `--inputs ${options.inputs}: not a folder; give the folder holding the run's inputs (${manifest.inputs.map((i) => i.display).join(', ')}).`, { file: options.inputs });
  const inputVerdicts = await checkInputs(loaded, options.inputs, options.beoordelingen);
  verdicts.push(...inputVerdicts);
  const toolVerdicts = checkTool(manifest.tool, options.tool, options.allowOtherBuild === true);
  verdicts.push(...toolVerdicts);
  if (inputVerdicts.some((v) => v.status === 'refused')) verdicts.push({ check: 'replay', file: '', status: 'skipped', detail: 'refused for these inputs' });
  else if (inputVerdicts.some((v) => v.status !== 'ok'))
    verdicts.push({ check: 'replay', file: '', status: 'skipped', detail: 'the inputs are not those of the run, so a replay shows nothing' });
  else if (previous.verdicts.some((v) => v.status !== 'ok'))
    verdicts.push({ check: 'replay', file: '', status: 'skipped', detail: 'the previous run is not the one the run was compared with, so a replay shows nothing' });
  else if (toolVerdicts.some((v) => v.status === 'refused')) verdicts.push({ check: 'replay', file: '', status: 'skipped', detail: 'refused for this build' });
  else verdicts.push(...(await replay(runDir, loaded, options.inputs, { previous: previous.run, decisionsPath: options.beoordelingen })));
  return { verdicts, outcome: outcomeOf(verdicts) };
}
