import type { InputReport } from '../ingest/input-report.js';
// The one view model every human-facing output renders (report.md now; report.html, the spreadsheet and
// a dossier later): built once from the run result in one language, with every sentence already in that
// language, so a renderer only lays out and escapes for its own format.
import { fairnessView, type FairnessView } from '../fairness/fairness-view.js';
import type { DecisionCounts, IndicatorOutcome, SignalReview } from '../decisions/apply.js';
import type { Besluit } from '../decisions/decision.js';
import type { Evidence } from '../indicators/define.js';
import { INDICATORS } from '../indicators/index.js';
import type { Reject } from '../ingest/reject-log.js';
import { formatDay } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import type { ScoredSignal } from '../score/score.js';
import { CAVEAT, HOLDER_LABEL, renderSignal, TIER_LABEL, type Lang } from './messages.js';
import { WORDING } from './wording.js';
import { sincePreviousView, type SincePreviousView } from './since-previous-view.js';
import type { ChangeStatus } from '../history/compare.js';
import { reviewState, sindsVorige } from './ranking-csv.js';

/** Rejects kept as examples per file and code: enough to recognise the problem in the export. */
const REJECT_EXAMPLES = 3;

export type Tier = 'hoog' | 'midden' | 'laag';

export interface InputView {
  display: string;
  bytes: number;
  encoding: string;
  bom: boolean;
  delimiter: string;
  /** The delimiter came from Excel's `sep=` first line. */
  sepLine: boolean;
  decimal: 'comma' | 'point';
  dateFormats: string[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rows about budget holders outside this export: neither linked nor rejected. */
  rowsUnmatched: number;
  /** Header rows repeated inside the file: skipped, not read. */
  repeatedHeaders: InputReport['repeatedHeaders'];
  kind: InputReport['kind'];
  /** Config `columns` mappings naming a header the file does not have. */
  mappingWarnings: InputReport['mappingWarnings'];
  ignoredColumns: string[];
}

export interface RejectGroupView {
  file: string;
  code: string;
  count: number;
  /** The first rejects of this file and code among those kept in memory (the first 10,000 of a run). */
  examples: Pick<Reject, 'line' | 'column' | 'value' | 'message'>[];
}

export interface ReasonView {
  indicator: string;
  title: string;
  /** Points this signal adds; 0 when a stronger signal of the same indicator already counts. */
  contribution: number;
  message: string;
  observed: Record<string, number | string>;
  threshold: Record<string, number>;
  evidence: Evidence[];
  key: string;
  /** A decision that applied to this signal but no longer holds, and why (--beoordelingen); null when none. */
  reopened: ReopenedView | null;
}

/** One indicator's checklist for a visit, in the view's language. */
export interface IndicatorAdvice {
  indicator: string;
  items: string[];
}

export interface ProviderView {
  rank: number;
  id: string;
  naam: string;
  score: number;
  tier: Tier;
  tierLabel: string;
  indicators: string[];
  holders: number;
  amount: number;
  reasons: ReasonView[];
  /** Per indicator that fired, in the order of the reasons. */
  whatToCheck: IndicatorAdvice[];
  innocentExplanations: IndicatorAdvice[];
  /** Since the --previous run (providers.csv's sinds_vorige); null without --previous. */
  sinceStatus: Exclude<ChangeStatus, 'verdwenen'> | null;
  /** What decisions did to its signals (providers.csv's beoordeling); null when none applies. */
  review: 'deels-beoordeeld' | 'heropend' | null;
}

export interface HolderView {
  rank: number;
  id: string;
  indicators: string[];
  providers: string[];
  amount: number;
  reason: string;
}

export interface IndicatorStatusView {
  id: string;
  version: number;
  title: string;
  signals: number;
  status: 'ran' | 'disabled' | 'not-applicable';
  /** Why it did not run, in the view's language; null when it ran. */
  reason: string | null;
}

/** An analysts' decision as the report shows it; toelichting and beoordeeldDoor are input text. */
export interface DecisionView {
  besluit: Besluit;
  besluitLabel: string;
  beoordeeldOp: string;
  beoordeeldDoor: string;
  toelichting: string;
  geldigTot: string | null;
  niveauLabel: string;
  regel: number;
}

export interface ReopenedView {
  decision: DecisionView;
  /** Why the decision no longer holds, in the view's language. */
  reasons: string[];
}

export interface SetAsideSignalView {
  key: string;
  indicator: string;
  title: string;
  message: string;
  decision: DecisionView;
}

export interface SetAsideProviderView {
  id: string;
  naam: string;
  /** Score and tier had nobody decided anything. */
  scoreWithout: number;
  tierLabelWithout: string;
  /** Still in the ranking for its other signals. */
  ranked: boolean;
  signals: SetAsideSignalView[];
}

/** The section "Eerder beoordeeld": what the decisions file did to this run. */
export interface DecisionsView {
  file: string;
  rowsOpen: number;
  signalsSetAside: number;
  signalsReopened: number;
  counts: DecisionCounts;
  notInRunLines: number[];
  setAside: SetAsideProviderView[];
  /** Ranked providers with a signal whose decision no longer holds, in rank order. */
  reopened: { rank: number; id: string; naam: string; indicators: string[] }[];
  /** Per indicator, how past decisions ended. */
  outcomes: IndicatorOutcome[];
}

export interface ReportView {
  lang: Lang;
  toolVersion: string;
  asOf: string;
  caveat: string;
  holderLabel: string;
  counts: {
    providers: number;
    tiers: Record<Tier, number>;
    holders: number;
    signals: number;
    indicatorsFired: number;
    indicators: number;
    rejectedRows: number;
    rejects: number;
  };
  inputs: InputView[];
  rejects: RejectGroupView[];
  possibleDuplicateIds: RunResult['possibleDuplicateIds'];
  networks: RunResult['networks'];
  /** Every provider with a signal, ranked; a renderer shows as many as suits its format. */
  providers: ProviderView[];
  holders: HolderView[];
  indicators: IndicatorStatusView[];
  /** The indicators that did not run, also in `indicators`: a summary names them first. */
  notRun: IndicatorStatusView[];
  tiers: { hoog: number; midden: number };
  /** Who ends up on the lists per group (fairness.csv), with its sentences. */
  fairness: FairnessView;
  /** scan --previous: what changed since that run; null without it. */
  sincePrevious: SincePreviousView | null;
  /** Analysts' decisions (--beoordelingen); null without a decisions file. */
  decisions: DecisionsView | null;
}

const META = new Map(INDICATORS.map((i) => [i.id, i]));

function advice(signals: ScoredSignal[], lang: Lang, pick: 'whatToCheck' | 'innocentExplanations'): IndicatorAdvice[] {
  const seen = new Set<string>();
  const out: IndicatorAdvice[] = [];
  for (const s of signals) {
    if (seen.has(s.indicator)) continue;
    seen.add(s.indicator);
    const meta = META.get(s.indicator);
    if (meta !== undefined && meta[pick][lang].length > 0) out.push({ indicator: s.indicator, items: meta[pick][lang] });
  }
  return out;
}

function rejectGroups(run: RunResult): RejectGroupView[] {
  const groups = run.rejects.byCode().map((g) => ({ ...g, examples: [] as RejectGroupView['examples'] }));
  const byKey = new Map(groups.map((g) => [`${g.file}\u0000${g.code}`, g]));
  for (const r of run.rejects.first) {
    const g = byKey.get(`${r.file}\u0000${r.code}`);
    if (g !== undefined && g.examples.length < REJECT_EXAMPLES) g.examples.push({ line: r.line, column: r.column, value: r.value, message: r.message });
  }
  return groups;
}

function decisionView(r: SignalReview, lang: Lang): DecisionView {
  const w = WORDING[lang].decisions;
  return {
    besluit: r.besluit,
    besluitLabel: w.besluit[r.besluit],
    beoordeeldOp: r.beoordeeld_op,
    beoordeeldDoor: r.beoordeeld_door,
    toelichting: r.toelichting,
    geldigTot: r.geldig_tot,
    niveauLabel: w.niveau[r.niveau],
    regel: r.regel,
  };
}

function reopenedView(s: ScoredSignal, lang: Lang): ReopenedView | null {
  if (s.review?.status !== 'heropend') return null;
  return { decision: decisionView(s.review, lang), reasons: s.review.heropend_omdat.map((r) => WORDING[lang].decisions.reason(r)) };
}

function decisionsView(run: RunResult, lang: Lang, titles: Map<string, string>): DecisionsView | null {
  const d = run.decisions;
  if (d === null) return null;
  return {
    file: d.file.display,
    rowsOpen: d.file.rowsOpen,
    signalsSetAside: d.outcome.setAside.size,
    signalsReopened: [...d.outcome.reviews.values()].filter((r) => r.status === 'heropend').length,
    counts: d.outcome.counts,
    notInRunLines: d.outcome.notInRunLines,
    setAside: d.setAside.map((p) => ({
      id: p.providerId,
      naam: p.naam,
      scoreWithout: p.scoreWithout,
      tierLabelWithout: TIER_LABEL[p.tierWithout][lang],
      ranked: p.ranked,
      signals: p.signals.map((s) => ({
        key: s.key,
        indicator: s.indicator,
        title: titles.get(s.indicator) ?? s.indicator,
        message: renderSignal(s, lang),
        decision: decisionView(s.review!, lang),
      })),
    })),
    reopened: run.scored.providers
      .filter((p) => p.signals.some((s) => s.review?.status === 'heropend'))
      .map((p) => ({ rank: p.rank, id: p.providerId, naam: p.naam, indicators: [...new Set(p.signals.filter((s) => s.review?.status === 'heropend').map((s) => s.indicator))] })),
    outcomes: d.outcome.outcomes,
  };
}

export function buildReportView(run: RunResult, toolVersion: string, lang: Lang): ReportView {
  const w = WORDING[lang];
  const { providers, holders, signals } = run.scored;
  const tiers: Record<Tier, number> = { hoog: 0, midden: 0, laag: 0 };
  for (const p of providers) tiers[p.tier]++;
  const since = sindsVorige(run);
  const partly = new Set((run.decisions?.setAside ?? []).filter((p) => p.ranked).map((p) => p.providerId));
  const titles = new Map(run.indicators.map((i) => [i.id, i.title[lang]]));
  const indicators: IndicatorStatusView[] = run.indicators.map((i) => ({
    id: i.id,
    version: i.version,
    title: i.title[lang],
    signals: i.signals,
    status: !i.enabled ? 'disabled' : i.applicable ? 'ran' : 'not-applicable',
    reason: i.notRun === null ? null : w.notRun(i.notRun),
  }));
  return {
    lang,
    toolVersion,
    asOf: formatDay(run.asOf),
    caveat: CAVEAT[lang],
    holderLabel: HOLDER_LABEL[lang],
    counts: {
      providers: providers.length,
      tiers,
      holders: holders.length,
      signals: signals.length,
      indicatorsFired: run.indicators.filter((i) => i.signals > 0).length,
      indicators: run.indicators.length,
      rejectedRows: run.inputs.reduce((a, i) => a + i.rowsRejected, 0),
      rejects: run.rejects.count,
    },
    inputs: run.inputs.map((i) => ({
      display: i.display,
      bytes: i.bytes,
      encoding: i.dialect.encoding,
      bom: i.dialect.bom,
      delimiter: i.dialect.delimiter,
      sepLine: i.dialect.sepLine,
      decimal: i.dialect.decimal,
      dateFormats: i.dialect.dateFormats,
      rowsRead: i.rowsRead,
      rowsAccepted: i.rowsAccepted,
      rowsRejected: i.rowsRejected,
      rowsUnmatched: i.rowsUnmatched,
      repeatedHeaders: i.repeatedHeaders,
      kind: i.kind,
      mappingWarnings: i.mappingWarnings,
      ignoredColumns: i.ignoredColumns,
    })),
    rejects: rejectGroups(run),
    possibleDuplicateIds: run.possibleDuplicateIds,
    networks: run.networks,
    providers: providers.map((p) => ({
      rank: p.rank,
      id: p.providerId,
      naam: p.naam,
      score: p.score,
      tier: p.tier,
      tierLabel: TIER_LABEL[p.tier][lang],
      indicators: p.indicators,
      holders: p.holders.length,
      amount: p.amount,
      reasons: p.signals.map((s) => ({
        indicator: s.indicator,
        title: titles.get(s.indicator) ?? s.indicator,
        contribution: s.contribution,
        message: renderSignal(s, lang),
        observed: s.observed,
        threshold: s.threshold,
        evidence: s.evidence,
        key: s.key,
        reopened: reopenedView(s, lang),
      })),
      whatToCheck: advice(p.signals, lang, 'whatToCheck'),
      innocentExplanations: advice(p.signals, lang, 'innocentExplanations'),
      sinceStatus: run.sincePrevious === null ? null : ((since.get(p.providerId) ?? null) as ProviderView['sinceStatus']),
      review: (reviewState(p, partly) || null) as ProviderView['review'],
    })),
    holders: holders.map((h) => ({
      rank: h.rank,
      id: h.holderId,
      indicators: h.indicators,
      providers: h.providers,
      amount: h.amount,
      reason: renderSignal(h.top, lang),
    })),
    indicators,
    notRun: indicators.filter((i) => i.status !== 'ran'),
    tiers: { hoog: run.config.tiers.hoog, midden: run.config.tiers.midden },
    fairness: fairnessView(run.fairness, lang),
    sincePrevious: sincePreviousView(run.sincePrevious, lang, new Set((run.decisions?.setAside ?? []).filter((p) => !p.ranked).map((p) => p.providerId))),
    decisions: decisionsView(run, lang, titles),
  };
}
