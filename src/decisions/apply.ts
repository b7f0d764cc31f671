// Which signals analysts' decisions set aside, and which come back. Pure: it reads the scored run
// (every signal, as if nobody had decided anything) and the decisions, and says per signal what holds;
// the pipeline then scores again without the signals set aside. No clock: "valid" is against the as-of date.
import { TIERS, type Tier } from '../config/schema.js';
import { formatDay, type DayNumber } from '../model/dates.js';
import type { ScoreResult, ScoredSignal } from '../score/score.js';
import { BESLUITEN, levelOf, type Besluit, type Decision, type DecisionLevel } from './decision.js';

/** Why a decided signal is back in the ranking. */
export type ReopenReason =
  | { reden: 'verlopen'; geldig_tot: string }
  | { reden: 'nieuwe-indicator'; indicatoren: string[] }
  | { reden: 'hogere-tier'; tier: Tier; tier_bij_besluit: Tier };

/** A signal's decision as signals.ndjson records it (`beoordeling`). */
export interface SignalReview {
  /** beoordeeld: set aside, its points do not count; heropend: back in the ranking (heropend_omdat says why). */
  status: 'beoordeeld' | 'heropend';
  besluit: Besluit;
  beoordeeld_op: string;
  beoordeeld_door: string;
  toelichting: string;
  geldig_tot: string | null;
  niveau: DecisionLevel;
  /** The decision's line in the decisions file. */
  regel: number;
  heropend_omdat: ReopenReason[];
}

export interface DecisionCounts {
  /** Rows holding a decision. */
  decisions: number;
  /** Decisions that set aside at least one signal of this run. */
  holding: number;
  /** Decisions that would apply but no longer hold for any of their signals (expired, new indicator, higher tier). */
  reopened: number;
  /** Decisions about a provider, indicator or signal this run has no signal for. */
  notInRun: number;
  /** Decisions dated after the as-of date: not taken yet on that date. */
  notYetTaken: number;
  /** Decisions outranked for every signal they cover by a narrower or later one. */
  superseded: number;
}

/** How past decisions about an indicator ended: the hit rate in practice. */
export interface IndicatorOutcome {
  indicator: string;
  counts: Record<Besluit, number>;
}

export interface DecisionsOutcome {
  /** Per signal key, the decision that applies to it (held or re-opened). */
  reviews: Map<string, SignalReview>;
  /** Keys of the signals set aside: out of the scores, the ranking and --fail-on. */
  setAside: Set<string>;
  counts: DecisionCounts;
  /** Lines of the decisions that found no signal in this run, ascending. */
  notInRunLines: number[];
  outcomes: IndicatorOutcome[];
}

const LEVEL_RANK: Record<DecisionLevel, number> = { signaal: 0, indicator: 1, zorgverlener: 2 };
const tierRank = (t: Tier) => TIERS.indexOf(t);

/**
 * The decision that applies to a signal: the narrowest (signal, then indicator, then provider); among
 * equals the latest beoordeeld_op, then the later line of the file (the last one written down).
 */
function winner(candidates: Decision[]): Decision {
  return candidates.reduce((best, d) => {
    const byLevel = LEVEL_RANK[levelOf(d)] - LEVEL_RANK[levelOf(best)];
    if (byLevel !== 0) return byLevel < 0 ? d : best;
    if (d.beoordeeldOp !== best.beoordeeldOp) return d.beoordeeldOp > best.beoordeeldOp ? d : best;
    return d.line > best.line ? d : best;
  });
}

function covers(d: Decision, s: ScoredSignal): boolean {
  if (d.signalKey !== null) return d.signalKey === s.key;
  return d.indicator === null || d.indicator === s.indicator;
}

function reopenReasons(d: Decision, tier: Tier, indicators: string[], asOf: DayNumber): ReopenReason[] {
  const out: ReopenReason[] = [];
  if (d.geldigTot !== null && d.geldigTot < asOf) out.push({ reden: 'verlopen', geldig_tot: formatDay(d.geldigTot) });
  if (d.indicatorenBijBesluit !== null) {
    const known = new Set(d.indicatorenBijBesluit);
    const added = indicators.filter((i) => !known.has(i));
    if (added.length > 0) out.push({ reden: 'nieuwe-indicator', indicatoren: added });
  }
  if (d.tierBijBesluit !== null && tierRank(tier) < tierRank(d.tierBijBesluit)) out.push({ reden: 'hogere-tier', tier, tier_bij_besluit: d.tierBijBesluit });
  return out;
}

function indicatorOutcomes(decisions: Decision[]): IndicatorOutcome[] {
  const by = new Map<string, Record<Besluit, number>>();
  for (const d of decisions) {
    const indicators = d.indicator !== null ? [d.indicator] : (d.indicatorenBijBesluit ?? []);
    for (const i of indicators) {
      const counts = by.get(i) ?? (Object.fromEntries(BESLUITEN.map((b) => [b, 0])) as Record<Besluit, number>);
      counts[d.besluit]++;
      by.set(i, counts);
    }
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([indicator, counts]) => ({ indicator, counts }));
}

/**
 * Applies the decisions to a run scored without them. The provider's tier and indicators that a
 * decision is compared with are those of that unreduced scoring: what the analyst would see today had
 * nobody decided anything, as the template recorded it at the decision.
 */
export function applyDecisions(full: ScoreResult, decisions: Decision[], asOf: DayNumber): DecisionsOutcome {
  const taken = decisions.filter((d) => d.beoordeeldOp <= asOf);
  const byProvider = new Map<string, Decision[]>();
  for (const d of taken) byProvider.set(d.providerId, [...(byProvider.get(d.providerId) ?? []), d]);

  const reviews = new Map<string, SignalReview>();
  const setAside = new Set<string>();
  const matched = new Set<Decision>();
  const won = new Map<Decision, { held: number; reopened: number }>();
  for (const p of full.providers) {
    const candidates = byProvider.get(p.providerId);
    if (candidates === undefined) continue;
    for (const s of p.signals) {
      const applicable = candidates.filter((d) => covers(d, s));
      if (applicable.length === 0) continue;
      for (const d of applicable) matched.add(d);
      const d = winner(applicable);
      const reasons = reopenReasons(d, p.tier, p.indicators, asOf);
      const tally = won.get(d) ?? { held: 0, reopened: 0 };
      if (reasons.length === 0) {
        setAside.add(s.key);
        tally.held++;
      } else tally.reopened++;
      won.set(d, tally);
      reviews.set(s.key, {
        status: reasons.length === 0 ? 'beoordeeld' : 'heropend',
        besluit: d.besluit,
        beoordeeld_op: formatDay(d.beoordeeldOp),
        beoordeeld_door: d.beoordeeldDoor,
        toelichting: d.toelichting,
        geldig_tot: d.geldigTot === null ? null : formatDay(d.geldigTot),
        niveau: levelOf(d),
        regel: d.line,
        heropend_omdat: reasons,
      });
    }
  }

  const notInRun = taken.filter((d) => !matched.has(d));
  const counts: DecisionCounts = {
    decisions: decisions.length,
    holding: [...won.values()].filter((t) => t.held > 0).length,
    reopened: [...won.values()].filter((t) => t.held === 0 && t.reopened > 0).length,
    notInRun: notInRun.length,
    notYetTaken: decisions.length - taken.length,
    superseded: [...matched].filter((d) => !won.has(d)).length,
  };
  return { reviews, setAside, counts, notInRunLines: notInRun.map((d) => d.line).sort((a, b) => a - b), outcomes: indicatorOutcomes(taken) };
}
