// The comparison a scan with --previous carries in its run result: the previous run's record (for the
// manifest), why the two runs may not be comparable one to one (warnings), and what changed.
import { canonicalJson, sha256 } from '../manifest/canonical-json.js';
import type { ScoreResult } from '../score/score.js';
import type { CheckedRun, PreviousRunRecord } from './checked-run.js';
import { compareRuns, type Comparison, type RunSnapshot } from './compare.js';

/** A reason to read the comparison with care: the runs were made with another config or tool version. */
export type ComparisonWarning = { kind: 'config'; before: string; after: string } | { kind: 'tool'; before: string; after: string };

export interface SincePrevious {
  previous: PreviousRunRecord;
  warnings: ComparisonWarning[];
  comparison: Comparison;
}

/** What a run is compared by besides its outputs. */
export interface RunIdentity {
  configSha256: string;
  /** The config without the settings that cannot change a signal or a score (signalRulesHash). */
  rulesSha256: string;
  tool: { name: string; version: string };
}

// Settings that decide the exit code, the stop on rejects or the CSV dialect: a nightly job that adds
// --fail-on or --csv-dialect is still comparable one to one, so they raise no warning.
const NOT_IN_SIGNALS = new Set(['failOn', 'maxRejectRate', 'csvDialect']);

/** sha256 of the config's parts that can change a signal or a score. */
export function signalRulesHash(config: Readonly<Record<string, unknown>>): string {
  return sha256(canonicalJson(Object.fromEntries(Object.entries(config).filter(([k]) => !NOT_IN_SIGNALS.has(k)))));
}

export function comparisonWarnings(previous: RunIdentity, current: RunIdentity): ComparisonWarning[] {
  const warnings: ComparisonWarning[] = [];
  if (previous.rulesSha256 !== current.rulesSha256) warnings.push({ kind: 'config', before: previous.configSha256, after: current.configSha256 });
  const tool = (t: RunIdentity['tool']) => `${t.name} ${t.version}`;
  if (tool(previous.tool) !== tool(current.tool)) warnings.push({ kind: 'tool', before: tool(previous.tool), after: tool(current.tool) });
  return warnings;
}

/** This run's signals and ranking as the comparison reads them (the same fields its outputs hold). */
export function snapshotOfScore(scored: ScoreResult): RunSnapshot {
  return {
    signals: scored.signals.map((s) => ({ key: s.key, indicator: s.indicator, provider: s.provider, contribution: s.contribution, strength: s.strength })),
    providers: scored.providers.map((p) => ({ rank: p.rank, id: p.providerId, naam: p.naam, score: p.score, tier: p.tier, indicators: p.indicators })),
  };
}

export function sincePrevious(previous: CheckedRun, scored: ScoreResult, current: RunIdentity): SincePrevious {
  return { previous: previous.record, warnings: comparisonWarnings(previous.identity, current), comparison: compareRuns(previous.snapshot, snapshotOfScore(scored)) };
}
