// The one orchestrator of a scan: ingest result -> dataset -> indicators -> score -> reports -> manifest.
// Each stage consumes the previous stage's value; none calls back.
import type { RunConfig, IndicatorSettings } from './config/schema.js';
import { possibleDuplicateIds } from './ingest/case-duplicates.js';
import type { IngestResult } from './ingest/ingest.js';
import type { InputReport } from './ingest/input-report.js';
import type { IndicatorDefinition, Signal } from './indicators/define.js';
import { INDICATORS } from './indicators/index.js';
import { runIndicator } from './indicators/run.js';
import { forgetDerivations } from './indicators/once-per-dataset.js';
import { collectGarbageIfGrown, collectGarbageOf } from './memory/full-collection.js';
import { buildDataset, latestCareDay, type Dataset, type IngestedData } from './model/dataset.js';
import { workerShare } from './indicators/parallel/indicator-costs.js';
import type { IndicatorOutcome, IndicatorThread } from './indicators/parallel/indicator-thread.js';
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
export function missingRequirement(ind: IndicatorDefinition, ds: Pick<IngestedData, 'files' | 'filled'>): NotRunReason | null {
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

/** Told as each indicator finishes: its signals, and whether the main thread or the indicator worker thread ran it. */
export type IndicatorDone = (id: string, signals: number, thread: 'main' | 'worker') => void;

/** Each indicator in registry order: the status it gets without running, or the params it runs with. */
type IndicatorPlan = Array<{ ind: IndicatorDefinition; notRun: IndicatorStatus } | { ind: IndicatorDefinition; params: unknown }>;

function planIndicators(data: Pick<IngestedData, 'files' | 'filled'>, config: RunConfig): IndicatorPlan {
  const settings = config.indicators as Record<string, IndicatorSettings>;
  return INDICATORS.map((ind) => {
    const s = settings[ind.id];
    const base = { id: ind.id, version: ind.version, entity: ind.entity, title: ind.title };
    if (!s.enabled) return { ind, notRun: { ...base, enabled: false, applicable: false, notRun: { kind: 'disabled' }, signals: 0, stats: null } };
    const notRun = missingRequirement(ind, data);
    if (notRun !== null) return { ind, notRun: { ...base, enabled: true, applicable: false, notRun, signals: 0, stats: null } };
    return { ind, params: s.params };
  });
}

/** The run in registry order from each indicator's outcome, whichever thread computed it. */
function assemble(plan: IndicatorPlan, outcomes: ReadonlyMap<string, IndicatorOutcome>): IndicatorRun {
  const signals: Signal[] = [];
  const statuses: IndicatorStatus[] = [];
  for (const step of plan) {
    if ('notRun' in step) {
      statuses.push(step.notRun);
      continue;
    }
    const { ind } = step;
    const out = outcomes.get(ind.id);
    if (out === undefined) throw new Error(`internal: indicator ${ind.id} has no outcome`);
    signals.push(...out.signals);
    statuses.push({ id: ind.id, version: ind.version, entity: ind.entity, title: ind.title, enabled: true, applicable: true, notRun: null, signals: out.signals.length, stats: out.stats });
  }
  return { signals, statuses };
}

/**
 * After an indicator: its derivations that no indicator in `toRun` reads are let go, and at 4 million rows
 * and more the garbage is collected once it has grown, and after the last indicator, before scoring (see
 * collectGarbageOf): the peak memory of a large scan is in the indicators and scoring.
 */
function letGo(ds: Dataset, toRun: ReadonlySet<string>): void {
  forgetDerivations(ds, toRun);
  if (toRun.size === 0) collectGarbageOf(ds.declarations.length);
  else collectGarbageIfGrown(ds.declarations.length);
}

export function runIndicators(ds: Dataset, config: RunConfig, onIndicator?: IndicatorDone): IndicatorRun {
  const plan = planIndicators(ds, config);
  const outcomes = new Map<string, IndicatorOutcome>();
  const toRun = new Set(plan.flatMap((step) => ('params' in step ? [step.ind.id] : [])));
  for (const step of plan) {
    if ('notRun' in step) continue;
    const result = runIndicator(step.ind, ds, step.params, { asOf: ds.asOf });
    outcomes.set(step.ind.id, { signals: result.signals, stats: result.stats ?? null });
    onIndicator?.(step.ind.id, result.signals.length, 'main');
    toRun.delete(step.ind.id);
    letGo(ds, toRun);
  }
  return assemble(plan, outcomes);
}

/**
 * As buildDataset and runIndicators, with a share of the indicators (workerShare) run by `thread`
 * meanwhile, on its own Dataset of the same data. The outcome is the same whichever thread ran
 * what; onIndicator hears each indicator as it finishes, on either thread. The thread is closed
 * before this returns or throws.
 */
export async function runIndicatorsInParallel(
  data: IngestedData,
  asOf: DayNumber,
  config: RunConfig,
  thread: IndicatorThread,
  onIndicator?: IndicatorDone,
): Promise<{ ds: Dataset; run: IndicatorRun }> {
  try {
    const plan = planIndicators(data, config);
    const runs = plan.flatMap((step) => ('params' in step ? [step] : []));
    const share = workerShare(runs.map((step) => step.ind.id));
    const outcomes = new Map<string, IndicatorOutcome>();
    const jobs = runs.filter((step) => share.has(step.ind.id)).map((step) => ({ id: step.ind.id, params: step.params }));
    const inWorker = thread.run(data, asOf, jobs, (id, outcome) => {
      outcomes.set(id, outcome);
      onIndicator?.(id, outcome.signals.length, 'worker');
    });
    // Answered when awaited below; an earlier failure here must not leave it unhandled.
    inWorker.catch(() => undefined);
    collectGarbageOf(data.declarations.length);
    const ds = buildDataset(data, asOf);
    const toRun = new Set(runs.flatMap((step) => (share.has(step.ind.id) ? [] : [step.ind.id])));
    for (const step of runs) {
      if (share.has(step.ind.id)) continue;
      const result = runIndicator(step.ind, ds, step.params, { asOf });
      outcomes.set(step.ind.id, { signals: result.signals, stats: result.stats ?? null });
      onIndicator?.(step.ind.id, result.signals.length, 'main');
      toRun.delete(step.ind.id);
      letGo(ds, toRun);
      // Lets the worker's results be logged as they come rather than after the main thread's share.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await inWorker;
    return { ds, run: assemble(plan, outcomes) };
  } finally {
    await thread.close();
  }
}

export interface AnalyseOptions {
  config: RunConfig;
  asOf: DayNumber | null;
  command: string[];
  onIndicator?: IndicatorDone;
  /** scan --previous: the earlier run (already checked) and the tool that makes this one. */
  previous?: { run: CheckedRun; tool: { name: string; version: string } };
  /** Analysts' decisions (--beoordelingen): set signals aside from the ranking until they re-open. */
  decisions?: DecisionsFile | null;
}

/** What the analysis reads of an ingest: all but the inputs' reports, which may still be hashed (ingestUnhashed). */
type IngestedRows = Omit<IngestResult, 'inputs'>;

/** A run but for its inputs' reports: made while the declarations file may still be hashed (scan). */
export type RunBeforeHash = Omit<RunResult, 'inputs'>;

/** The run with its inputs' reports, complete once hashed (UnhashedIngest.hashed). */
export function withInputs(run: RunBeforeHash, inputs: InputReport[]): RunResult {
  const { command, ...rest } = run;
  return { command, inputs, ...rest };
}

function referenceDate(ingested: IngestedRows, opts: AnalyseOptions): DayNumber {
  // Ingest derives the as-of date from the plausible rows; a hand-made ingest result may lack it.
  const asOf = opts.asOf ?? ingested.asOf ?? latestCareDay(ingested.data.declarations);
  if (asOf === null)
    throw new AppError('AS_OF_UNKNOWN', 'No accepted declaration carries a care date, so the reference date is unknown: give --as-of YYYY-MM-DD.');
  return asOf;
}

export function analyse(ingested: IngestResult, opts: AnalyseOptions): RunResult {
  return withInputs(analyseRows(ingested, opts), ingested.inputs);
}

/** As analyse, without the inputs' reports: the declarations may still be being hashed. */
export function analyseRows(ingested: IngestedRows, opts: AnalyseOptions): RunBeforeHash {
  const asOf = referenceDate(ingested, opts);
  // What the read of a large scan let go of (the merge's copies) is freed before the dataset adds to it.
  collectGarbageOf(ingested.data.declarations.length);
  const ds = buildDataset(ingested.data, asOf);
  return scoreRun(ingested, opts, ds, runIndicators(ds, opts.config, opts.onIndicator));
}

/** As analyseRows, with a share of the indicators run by `thread` (closed when this ends). */
export async function analyseInParallel(ingested: IngestedRows, opts: AnalyseOptions, thread: IndicatorThread): Promise<RunBeforeHash> {
  let asOf: DayNumber;
  try {
    asOf = referenceDate(ingested, opts);
  } catch (e) {
    await thread.close();
    throw e;
  }
  const { ds, run } = await runIndicatorsInParallel(ingested.data, asOf, opts.config, thread, opts.onIndicator);
  return scoreRun(ingested, opts, ds, run);
}

function scoreRun(ingested: IngestedRows, opts: AnalyseOptions, ds: Dataset, indicatorRun: IndicatorRun): RunBeforeHash {
  const { signals, statuses } = indicatorRun;
  const asOf = ds.asOf;
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
