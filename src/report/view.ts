import type { InputReport } from '../ingest/input-report.js';
// The one view model every human-facing output renders (report.md now; report.html, the spreadsheet and
// a dossier later): built once from the run result in one language, with every sentence already in that
// language, so a renderer only lays out and escapes for its own format.
import type { Evidence } from '../indicators/define.js';
import { INDICATORS } from '../indicators/index.js';
import type { Reject } from '../ingest/reject-log.js';
import { formatDay } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import type { ScoredSignal } from '../score/score.js';
import { CAVEAT, HOLDER_LABEL, renderSignal, TIER_LABEL, type Lang } from './messages.js';
import { WORDING } from './wording.js';

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

export function buildReportView(run: RunResult, toolVersion: string, lang: Lang): ReportView {
  const w = WORDING[lang];
  const { providers, holders, signals } = run.scored;
  const tiers: Record<Tier, number> = { hoog: 0, midden: 0, laag: 0 };
  for (const p of providers) tiers[p.tier]++;
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
      })),
      whatToCheck: advice(p.signals, lang, 'whatToCheck'),
      innocentExplanations: advice(p.signals, lang, 'innocentExplanations'),
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
  };
}
