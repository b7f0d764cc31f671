// Everything the dossier of one provider shows, gathered from a run folder (checked against its
// manifest) and, when given, the run's inputs (checked by sha256 before a line of them is read).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseConfig } from '../config/load.js';
import { plausibilityLimits } from '../config/plausibility-limits.js';
import { readDecisions } from '../decisions/read-decisions.js';
import type { Besluit } from '../decisions/decision.js';
import { AppError } from '../errors.js';
import { ingest } from '../ingest/ingest.js';
import { RejectLog } from '../ingest/reject-log.js';
import { normalizeId } from '../ingest/values/id.js';
import { FILE_KINDS } from '../inputs/index.js';
import { sha256 } from '../manifest/canonical-json.js';
import { formatDay, parseIsoDay } from '../model/dates.js';
import type { FileKind } from '../model/types.js';
import type { ProviderNetwork } from '../networks/networks.js';
import { csvTextRead } from '../report/csv-format.js';
import type { ManifestRecord } from '../run/manifest-record.js';
import { readManifest, readNetworks, readSignals, requireRunDir } from '../run/read-run.js';
import type { SignalRecord } from '../run/signal-record.js';
import { hashFile } from '../verify/check-files.js';
import { closestIds } from './closest-ids.js';
import { readCitedRows, type RawRow } from './evidence-rows.js';
import { holderTimelines, type HolderTimeline } from './timeline.js';

/** Holders with a timeline; a national provider may serve hundreds, a visit needs those named first. */
export const TIMELINE_HOLDERS = 30;
/** Cited rows shown per signal; the rest are named by file and line. */
export const EVIDENCE_ROWS_SHOWN = 20;

const DECISIONS_KIND = 'beoordelingen';
const INGESTED: ReadonlySet<string> = new Set<string>(FILE_KINDS);

export interface PastDecision {
  line: number;
  besluit: Besluit;
  indicator: string | null;
  signalKey: string | null;
  beoordeeldOp: string;
  beoordeeldDoor: string;
  geldigTot: string | null;
  toelichting: string;
}

export interface DossierData {
  asOf: string;
  toolVersion: string;
  provider: { id: string; naam: string; rank: number | null; score: number | null; tier: string | null };
  /** Contribution first, then key. */
  signals: SignalRecord[];
  /** With --inputs: file -> line -> the row's contract columns; null without. */
  rows: Map<string, Map<number, RawRow>> | null;
  timelines: HolderTimeline[] | null;
  holdersNotShown: number;
  network: ProviderNetwork | null;
  /** null when no decisions file was given, found, or used by the run. */
  decisions: { file: string; sameAsRun: boolean; rows: PastDecision[] } | null;
}

export interface DossierOptions {
  inputs?: string;
  beoordelingen?: string;
}

function invalid(message: string, context: Record<string, unknown> = {}): AppError {
  return new AppError('RUN_DIR_INVALID', message, context);
}

/** A run file's bytes, refused when they are not what the manifest lists: a dossier must describe the run that was made. */
function checkedRunFile(runDir: string, manifest: ManifestRecord, name: string): Buffer | null {
  const listed = manifest.outputs.find((o) => o.name === name);
  if (listed === undefined) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(runDir, name));
  } catch (e) {
    throw invalid(`${join(runDir, name)}: cannot be read: ${(e as Error).message}`, { file: name });
  }
  if (sha256(bytes) !== listed.sha256) throw invalid(`${join(runDir, name)}: its sha256 differs from the manifest's; the file was changed after the scan.`, { file: name });
  return bytes;
}

function csvRecords(bytes: Buffer | null): Record<string, string>[] {
  if (bytes === null) return [];
  return parse(bytes.toString('utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Every provider id the run knows: sleutels.csv lists all of the export, providers.csv those with signals. */
function knownProviders(providersCsv: Record<string, string>[], keysCsv: Record<string, string>[], signals: SignalRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const r of keysCsv) ids.add(csvTextRead(r.zorgverlener_id ?? ''));
  for (const r of providersCsv) ids.add(csvTextRead(r.zorgverlener_id ?? ''));
  for (const s of signals) if (s.provider !== null) ids.add(s.provider);
  ids.delete('');
  return ids;
}

/** The run's recorded inputs in inputsDir, each with the sha256 the manifest lists; a changed or missing file is refused. */
async function checkInputs(manifest: ManifestRecord, inputsDir: string): Promise<Array<{ kind: FileKind; display: string; path: string }>> {
  const out: Array<{ kind: FileKind; display: string; path: string }> = [];
  for (const i of manifest.inputs) {
    if (!INGESTED.has(i.kind)) continue;
    const path = join(inputsDir, i.display);
    const got = await hashFile(path);
    if (got === null) throw new AppError('INPUT_MISSING_FILE', `--inputs ${inputsDir}: ${i.display} is not there; the run read it (sha256 ${i.sha256.slice(0, 12)}).`, { file: i.display });
    if (got.sha256 !== i.sha256)
      throw new AppError(
        'INPUT_CHANGED',
        `--inputs ${inputsDir}: ${i.display} is not the file the run read (sha256 ${got.sha256.slice(0, 12)}, manifest says ${i.sha256.slice(0, 12)}); its lines would not be the rows the evidence cites. Give the inputs of this run, or scan again.`,
        { file: i.display },
      );
    out.push({ kind: i.kind as FileKind, display: i.display, path });
  }
  return out;
}

async function pastDecisions(manifest: ManifestRecord, providerId: string, options: DossierOptions): Promise<DossierData['decisions']> {
  const recorded = manifest.inputs.find((i) => i.kind === DECISIONS_KIND);
  const path = options.beoordelingen ?? (recorded !== undefined && options.inputs !== undefined ? join(options.inputs, recorded.display) : undefined);
  if (path === undefined) return null;
  // Found in --inputs only when it is there; a file named by the option must be readable.
  if (options.beoordelingen === undefined && (await hashFile(path)) === null) return null;
  const file = await readDecisions(path, recorded?.display);
  const rows = file.decisions
    .filter((d) => d.providerId === providerId)
    .map((d) => ({
      line: d.line,
      besluit: d.besluit,
      indicator: d.indicator,
      signalKey: d.signalKey,
      beoordeeldOp: formatDay(d.beoordeeldOp),
      beoordeeldDoor: d.beoordeeldDoor,
      geldigTot: d.geldigTot === null ? null : formatDay(d.geldigTot),
      toelichting: d.toelichting,
    }))
    .sort((a, b) => (a.beoordeeldOp > b.beoordeeldOp ? -1 : a.beoordeeldOp < b.beoordeeldOp ? 1 : a.line - b.line));
  return { file: file.report.display, sameAsRun: recorded !== undefined && recorded.sha256 === file.report.sha256, rows };
}

export async function gatherDossier(runDir: string, providerArg: string, options: DossierOptions): Promise<DossierData> {
  requireRunDir(runDir);
  const manifest = readManifest(runDir);
  const providerId = normalizeId(providerArg);
  const signalsBytes = checkedRunFile(runDir, manifest, 'signals.ndjson');
  if (signalsBytes === null) throw invalid(`${runDir}: the manifest lists no signals.ndjson; expected the --out directory of a scan`, { file: 'signals.ndjson' });
  const all: SignalRecord[] = [];
  for await (const s of readSignals(runDir)) all.push(s);
  const providersCsv = csvRecords(checkedRunFile(runDir, manifest, 'providers.csv'));
  const keysCsv = csvRecords(checkedRunFile(runDir, manifest, 'sleutels.csv'));
  const known = knownProviders(providersCsv, keysCsv, all);
  if (!known.has(providerId)) {
    const near = closestIds(providerId, known);
    throw new AppError('USAGE', `Provider '${providerArg}' is not in the run ${runDir}.${near.length > 0 ? ` Closest ids: ${near.join(', ')}.` : ' The run lists no providers.'}`, {
      provider: providerArg,
      closest: near,
    });
  }
  const signals = all
    .filter((s) => s.provider === providerId || (s.entity.kind === 'provider' && s.entity.id === providerId))
    .sort((a, b) => b.contribution - a.contribution || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const row = providersCsv.find((r) => csvTextRead(r.zorgverlener_id ?? '') === providerId);
  const networks = checkedRunFile(runDir, manifest, 'networks.csv') === null ? [] : readNetworks(runDir);
  const network = networks.find((n) => n.members.includes(providerId)) ?? null;

  let naam = row === undefined ? '' : csvTextRead(row.naam ?? '');
  let rows: DossierData['rows'] = null;
  let timelines: HolderTimeline[] | null = null;
  let holdersNotShown = 0;
  if (options.inputs !== undefined) {
    const inputs = await checkInputs(manifest, options.inputs);
    const config = parseConfig(manifest.config, `${join(runDir, 'manifest.json')} (config)`);
    const asOf = parseIsoDay(manifest.asOf);
    if (asOf === null) throw invalid(`${join(runDir, 'manifest.json')}: asOf '${manifest.asOf}' is not a date`, { file: 'manifest.json' });
    const wanted = new Map<string, Set<number>>();
    for (const s of signals) for (const e of s.evidence.slice(0, EVIDENCE_ROWS_SHOWN)) wanted.set(e.file, (wanted.get(e.file) ?? new Set()).add(e.line));
    rows = await readCitedRows(
      inputs.filter((i) => wanted.has(i.display)).map((i) => ({ ...i, lines: wanted.get(i.display)! })),
      config,
    );
    const ingested = await ingest(
      inputs.map((i) => ({ kind: i.kind, path: i.path })),
      { dialect: config.dialect, columns: config.columns, asOf, plausibility: plausibilityLimits(config), rejects: new RejectLog() },
    );
    const holders = new Set(signals.flatMap((s) => s.holders));
    ({ timelines, notShown: holdersNotShown } = holderTimelines(ingested.data, providerId, holders, asOf, TIMELINE_HOLDERS));
    if (naam === '') naam = ingested.data.providers.find((p) => p.id === providerId)?.naam ?? '';
  }
  return {
    asOf: manifest.asOf,
    toolVersion: manifest.tool.version,
    provider: {
      id: providerId,
      naam,
      rank: row === undefined ? null : Number(row.rank),
      score: row === undefined ? null : Number(row.score),
      tier: row === undefined || (row.tier ?? '') === '' ? null : row.tier,
    },
    signals,
    rows,
    timelines,
    holdersNotShown,
    network,
    decisions: await pastDecisions(manifest, providerId, options),
  };
}
