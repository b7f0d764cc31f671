import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseConfig } from '../config/load.js';
import { AppError } from '../errors.js';
import type { InputSpec } from '../ingest/ingest.js';
import { canonicalJson, sha256 } from '../manifest/canonical-json.js';
import type { ToolInfo } from '../manifest/manifest.js';
import { parseIsoDay } from '../model/dates.js';
import { FILE_KINDS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';
import { overRejectRate } from '../ingest/reject-rate.js';
import { withRunFolder, writeRun } from '../output/write-run.js';
import { analyse } from '../pipeline.js';
import { ingestWithProgress } from '../cli/input-options.js';
import { createLogger } from '../cli/logger.js';
import { toolInfo } from '../cli/tool-info.js';
import { buildReportView } from '../report/view.js';
import { readDecisions } from '../decisions/read-decisions.js';
import { checkFile, hashFile } from './check-files.js';
import { differingFields, withoutCommandAndPaths } from './compare-manifest.js';
import type { LoadedManifest } from './run-manifest.js';
import type { CheckedRun } from '../history/checked-run.js';
import type { Verdict } from './verdict.js';

/**
 * How each kind of recorded input is handed to a replay. Every input a scan reads is recorded in
 * manifest.inputs with its kind and display name, and found in --inputs by that name; a kind read
 * by its own option (a decisions file) gets its entry here when it exists, so a replay reads every
 * file the run read (a previous run is a folder: check-previous.ts checks it and hands it over). An
 * input of a kind this build does not know is refused.
 */
const INGESTED: ReadonlySet<string> = new Set<string>(FILE_KINDS);
/** The analysts' decisions file (scan --beoordelingen): given to verify by the same option, or found in --inputs. */
const DECISIONS_KIND = 'beoordelingen';

/** Where a recorded input is read from: its name in inputsDir, or the decisions file given by option. */
function inputPath(i: { kind: string; display: string }, inputsDir: string, decisionsPath: string | undefined): string {
  return i.kind === DECISIONS_KIND && decisionsPath !== undefined ? decisionsPath : join(inputsDir, i.display);
}

/**
 * The recorded inputs against the files of the same name in inputsDir. A decisions file given by
 * --beoordelingen must be the very file the run used: another one is refused, not compared.
 */
export async function checkInputs(loaded: LoadedManifest, inputsDir: string, decisionsPath?: string): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  const recorded = loaded.manifest.inputs.find((i) => i.kind === DECISIONS_KIND);
  if (decisionsPath !== undefined && recorded === undefined)
    return [{ check: 'input', file: decisionsPath, status: 'refused', code: 'USAGE', detail: '--beoordelingen: the run was made without a decisions file' }];
  for (const i of loaded.manifest.inputs) {
    const v = await checkFile('input', i.display, inputPath(i, inputsDir, decisionsPath), i);
    if (i.kind === DECISIONS_KIND && decisionsPath !== undefined && v.status !== 'ok')
      verdicts.push({ ...v, status: 'refused', code: 'DECISIONS_INVALID', detail: `--beoordelingen ${decisionsPath} is not the decisions file of the run: ${v.detail}` });
    else verdicts.push(v);
  }
  return verdicts;
}

/** Whether this build may promise the run's bytes: same tool, version and code. */
export function checkTool(recorded: LoadedManifest['manifest']['tool'], current: ToolInfo, allowOtherBuild: boolean): Verdict[] {
  const problems: string[] = [];
  if (recorded.name !== current.name || recorded.version !== current.version) problems.push(`run made by ${recorded.name} ${recorded.version}, this is ${current.name} ${current.version}`);
  if (recorded.build === undefined) problems.push('the manifest records no build (made before builds were recorded)');
  else if (recorded.build.codeSha256 !== current.build.codeSha256)
    problems.push(`other build: code sha256 ${recorded.build.codeSha256.slice(0, 12)}${recorded.build.commit ? ` (commit ${recorded.build.commit.slice(0, 12)})` : ''}, this is ${current.build.codeSha256.slice(0, 12)}${current.build.commit ? ` (commit ${current.build.commit.slice(0, 12)})` : ''}`);
  const verdicts: Verdict[] = [];
  if (problems.length > 0)
    verdicts.push(
      allowOtherBuild
        ? { check: 'tool', file: '', status: 'warning', detail: `${problems.join('; ')}; replayed anyway (--allow-other-build), differences may come from the build` }
        : { check: 'tool', file: '', status: 'refused', code: 'VERIFY_OTHER_BUILD', detail: `${problems.join('; ')}: a replay could not promise the same bytes. Install that build, or give --allow-other-build.` },
    );
  else verdicts.push({ check: 'tool', file: '', status: 'ok', detail: `${current.name} ${current.version}, code sha256 ${current.build.codeSha256.slice(0, 12)}` });
  if (recorded.node !== current.node)
    verdicts.push({ check: 'tool', file: 'node', status: 'warning', detail: `run made with Node ${recorded.node}, replayed with ${current.node}` });
  return verdicts;
}

/** Where two texts part, for a person to look at: the first line that differs. */
function firstDifference(a: Buffer, b: Buffer): string {
  const la = a.toString('utf8').split('\n');
  const lb = b.toString('utf8').split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return `first difference at line ${i + 1}`;
  return 'differs';
}

/**
 * Runs the scan again as the manifest describes it (its effective config, its as-of date by flag,
 * the inputs from inputsDir) into a temporary folder, and compares every output byte for byte and
 * the manifest field by field.
 */
export async function replay(runDir: string, loaded: LoadedManifest, inputsDir: string, with_: { previous?: CheckedRun; decisionsPath?: string } = {}): Promise<Verdict[]> {
  const { previous, decisionsPath } = with_;
  const { manifest } = loaded;
  const unknown = manifest.inputs.filter((i) => !INGESTED.has(i.kind) && i.kind !== DECISIONS_KIND);
  if (unknown.length > 0)
    return [{ check: 'replay', file: unknown[0].display, status: 'refused', code: 'VERIFY_OTHER_BUILD', detail: `input of kind '${unknown[0].kind}' cannot be replayed by this build` }];
  const config = parseConfig(manifest.config, `${join(runDir, 'manifest.json')} (config)`);
  if (sha256(canonicalJson(config)) !== manifest.configSha256)
    return [{ check: 'replay', file: 'manifest.json', status: 'refused', code: 'VERIFY_OTHER_BUILD', detail: 'the recorded config is not complete for this build (defaults would change it), so a replay would use another config' }];
  const asOf = parseIsoDay(manifest.asOf);
  if (asOf === null) return [{ check: 'replay', file: 'manifest.json', status: 'refused', code: 'RUN_DIR_INVALID', detail: `asOf '${manifest.asOf}' is not a date` }];
  const inputs: InputSpec[] = manifest.inputs.filter((i) => INGESTED.has(i.kind)).map((i) => ({ kind: i.kind as FileKind, path: join(inputsDir, i.display) }));
  const decisionsInput = manifest.inputs.find((i) => i.kind === DECISIONS_KIND);
  const stderr = new PassThrough().resume();
  const io = { stdout: new PassThrough().resume(), stderr, stdin: Readable.from([]), interactive: false };
  const prepared = { config, inputs, log: createLogger('silent', stderr) };

  const tmp = await mkdtemp(join(tmpdir(), 'pgb-verify-'));
  const out = join(tmp, 'replay');
  try {
    try {
      await withRunFolder(out, prepared, false, async (folder, rejects) => {
        // Under its recorded name, so a copy of the file elsewhere gives the same run.
        const decisions = decisionsInput === undefined ? null : await readDecisions(inputPath(decisionsInput, inputsDir, decisionsPath), decisionsInput.display);
        const ingested = await ingestWithProgress(prepared, io, asOf, rejects);
        const over = overRejectRate(ingested, config.maxRejectRate);
        if (over.length > 0) throw new AppError('REJECT_RATE_EXCEEDED', `Too many rejected rows: ${over.join('; ')}`);
        const run = analyse(ingested, { config, asOf, decisions, command: manifest.command, previous: previous && { run: previous, tool: toolInfo() } });
        await writeRun(folder!, run, buildReportView(run, toolInfo().version, manifest.reportLanguage ?? 'nl'));
      });
    } catch (e) {
      if (e instanceof AppError) return [{ check: 'replay', file: '', status: 'refused', code: e.code, detail: `the replay stopped: ${e.code}: ${e.message}` }];
      throw e;
    }
    const verdicts: Verdict[] = [];
    for (const o of manifest.outputs) {
      const replayed = await hashFile(join(out, o.name));
      if (replayed === null) {
        verdicts.push({ check: 'replay', file: o.name, status: 'missing', detail: 'the replay does not write this file' });
        continue;
      }
      if (replayed.sha256 === o.sha256 && replayed.bytes === o.bytes) {
        verdicts.push({ check: 'replay', file: o.name, status: 'ok', detail: 'byte-identical' });
        continue;
      }
      const mine = await readFile(join(runDir, o.name)).catch(() => Buffer.alloc(0));
      const theirs = await readFile(join(out, o.name));
      verdicts.push({ check: 'replay', file: o.name, status: 'differs', detail: `replay gives ${replayed.bytes} bytes, sha256 ${replayed.sha256.slice(0, 12)}; ${firstDifference(mine, theirs)}` });
    }
    const replayedJson = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as unknown;
    const fields = differingFields(withoutCommandAndPaths(loaded.json), withoutCommandAndPaths(replayedJson));
    verdicts.push(
      fields.length === 0
        ? { check: 'replay', file: 'manifest.json', status: 'ok', detail: 'same fields (command and input paths not compared)' }
        : { check: 'replay', file: 'manifest.json', status: 'differs', detail: `fields differ: ${fields.slice(0, 8).join(', ')}${fields.length > 8 ? `, ... (${fields.length})` : ''}` },
    );
    return verdicts;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
