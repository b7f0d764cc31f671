// The one orchestrator of a scan: ingest result -> dataset -> indicators -> score -> reports -> manifest.
// Each stage consumes the previous stage's value; none calls back.
import type { RunConfig, IndicatorSettings } from './config/schema.js';
import { possibleDuplicateIds } from './ingest/case-duplicates.js';
import type { IngestResult } from './ingest/ingest.js';
import type { IndicatorDefinition, Signal } from './indicators/define.js';
import { INDICATORS } from './indicators/index.js';
import { runIndicator } from './indicators/run.js';
import { buildDataset, latestCareDay, type Dataset } from './model/dataset.js';
import type { DayNumber } from './model/dates.js';
import type { ToolInfo } from './manifest/manifest.js';
import { canonicalJson, sha256 } from './manifest/canonical-json.js';
import { fairness } from './fairness/fairness.js';
import { fairnessCsv } from './fairness/fairness-csv.js';
import { providerKeys, providerKeysCsv } from './toets/provider-keys.js';
import { findNetworks } from './networks/networks.js';
import { htmlReport } from './report/html/html-report.js';
import { markdownReport } from './report/markdown-report.js';
import { buildReportView, type ReportView } from './report/view.js';
import { networksCsv } from './report/networks-csv.js';
import { holdersCsv, providersCsv, sindsVorige } from './report/ranking-csv.js';
import { rejectsCsv } from './report/rejects-csv.js';
import { overzichtXlsx } from './report/overzicht-xlsx.js';
import type { XlsxThread } from './report/xlsx-thread.js';
import type { OutputChunks } from './output/streamed-file.js';
import { signalsNdjson } from './run/signal-record.js';
import { scoreWithDecisions } from './decisions/decide-run.js';
import type { DecisionsFile } from './decisions/decision.js';
import type { IndicatorStatus, NotRunReason, RunResult } from './run-result.js';
import { AppError } from './errors.js';
import type { CheckedRun } from './history/checked-run.js';
import { signalRulesHash, sincePrevious } from './history/since-previous.js';

export function configHash(config: RunConfig): string {
  return sha256(canonicalJson(config));
}

/** Why an indicator cannot run on this data, or null when it can. */
export function missingRequirement(ind: IndicatorDefinition, ds: Dataset): NotRunReason | null {
  for (const req of ind.requires) {
    const file = ds.files[req.file];
    if (file === null) return { kind: 'file-missing', file: req.file };
    const columns = req.columns.filter((c) => !ds.filled[req.file].has(c));
    if (columns.length > 0) return { kind: 'columns-empty', columns, file };
  }
  return null;
}

export interface IndicatorRun {
  signals: Signal[];
  statuses: IndicatorStatus[];
}

export function runIndicators(ds: Dataset, config: RunConfig, onIndicator?: (id: string, signals: number) => void): IndicatorRun {
  const signals: Signal[] = [];
  const statuses: IndicatorStatus[] = [];
  const settings = config.indicators as Record<string, IndicatorSettings>;
  for (const ind of INDICATORS) {
    const s = settings[ind.id];
    const base = { id: ind.id, version: ind.version, entity: ind.entity, title: ind.title };
    if (!s.enabled) {
      statuses.push({ ...base, enabled: false, applicable: false, notRun: { kind: 'disabled' }, signals: 0, stats: null });
      continue;
    }
    const notRun = missingRequirement(ind, ds);
    if (notRun !== null) {
      statuses.push({ ...base, enabled: true, applicable: false, notRun, signals: 0, stats: null });
      continue;
    }
    const result = runIndicator(ind, ds, s.params, { asOf: ds.asOf });
    signals.push(...result.signals);
    statuses.push({ ...base, enabled: true, applicable: true, notRun: null, signals: result.signals.length, stats: result.stats ?? null });
    onIndicator?.(ind.id, result.signals.length);
  }
  return { signals, statuses };
}

export interface AnalyseOptions {
  config: RunConfig;
  asOf: DayNumber | null;
  command: string[];
  onIndicator?: (id: string, signals: number) => void;
  /** scan --previous: the earlier run (already checked) and the tool that makes this one. */
  previous?: { run: CheckedRun; tool: { name: string; version: string } };
  /** Analysts' decisions (--beoordelingen): set signals aside from the ranking until they re-open. */
  decisions?: DecisionsFile | null;
}

export function analyse(ingested: IngestResult, opts: AnalyseOptions): RunResult {
  // Ingest derives the as-of date from the plausible rows; a hand-made ingest result may lack it.
  const asOf = opts.asOf ?? ingested.asOf ?? latestCareDay(ingested.data.declarations);
  if (asOf === null)
    throw new AppError('AS_OF_UNKNOWN', 'No accepted declaration carries a care date, so the reference date is unknown: give --as-of YYYY-MM-DD.');
  const ds = buildDataset(ingested.data, asOf);
  const { signals, statuses } = runIndicators(ds, opts.config, opts.onIndicator);
  const settings = opts.config.indicators as Record<string, IndicatorSettings>;
  const weights: Record<string, number> = {};
  const versions: Record<string, number> = {};
  const holderConcern: Record<string, boolean> = {};
  for (const ind of INDICATORS) {
    weights[ind.id] = settings[ind.id].weight;
    versions[ind.id] = ind.version;
    holderConcern[ind.id] = ind.holderConcern;
  }
  const { scored, decisions } = scoreWithDecisions(ds, { signals, weights, versions, holderConcern, tiers: opts.config.tiers }, opts.decisions ?? null);
  const networks = findNetworks(ds, scored.signals, opts.config.networks);
  return {
    command: opts.command,
    inputs: ingested.inputs,
    rejects: ingested.rejects,
    possibleDuplicateIds: possibleDuplicateIds(ingested.data),
    asOf,
    asOfSource: opts.asOf === null ? 'latest-care-date' : 'flag',
    config: opts.config,
    configHash: configHash(opts.config),
    indicators: statuses,
    scored,
    decisions,
    networks,
    fairness: fairness(ds, scored),
    providerKeys: providerKeys(ds, scored, networks),
    sincePrevious: opts.previous === undefined ? null : sincePrevious(opts.previous.run, scored, { configSha256: configHash(opts.config), rulesSha256: signalRulesHash(opts.config), tool: opts.previous.tool }),
  };
}

export interface RenderedOutput {
  name: string;
  /**
   * The file's text (or, for a binary file, its bytes) in pieces, made as they are written: outputs that
   * grow with the input never sit in memory whole.
   */
  chunks: OutputChunks;
}

/**
 * The output files of a scan in manifest order, without the manifest: that is built from what was
 * written (buildManifest) and written last. Each file is made as it is written (the reports too), so
 * the first output to be written need not wait for the others; overzicht.xlsx is zipped in xlsx when given.
 */
export function renderOutputs(run: RunResult, tool: Pick<ToolInfo, 'version'>, view: ReportView = buildReportView(run, tool.version, 'nl'), xlsx?: XlsxThread): RenderedOutput[] {
  const csv = run.config.csvDialect;
  return [
    { name: 'providers.csv', chunks: providersCsv(run.scored.providers, run.networks.networkOf, sindsVorige(run), run.decisions, csv) },
    { name: 'networks.csv', chunks: networksCsv(run.networks.networks, csv) },
    { name: 'budgethouders.csv', chunks: holdersCsv(run.scored.holders, csv) },
    { name: 'signals.ndjson', chunks: signalsNdjson(run.scored.signals) },
    { name: 'rejects.csv', chunks: rejectsCsv(run.rejects, csv) },
    { name: 'report.md', chunks: whenRead(() => markdownReport(view)) },
    { name: 'report.html', chunks: whenRead(() => htmlReport(view)) },
    { name: 'fairness.csv', chunks: fairnessCsv(run.fairness) },
    { name: 'sleutels.csv', chunks: providerKeysCsv(run.providerKeys) },
    { name: 'overzicht.xlsx', chunks: overzichtXlsx(run, { thread: xlsx }) },
  ];
}

function* whenRead(text: () => string): Iterable<string> {
  yield text();
}
