// The decisions in the run: scores the signals as if nobody had decided anything, applies the
// decisions to that, and scores again without the signals they set aside. Pure, like score().
import type { Tier } from '../config/schema.js';
import type { Dataset } from '../model/dataset.js';
import { score, type ScoreInput, type ScoreResult, type ScoredSignal } from '../score/score.js';
import { applyDecisions, type DecisionsOutcome } from './apply.js';
import type { DecisionsFile, DecisionsFileReport } from './decision.js';

/** A provider with signals set aside by a decision. */
export interface ProviderSetAside {
  providerId: string;
  naam: string;
  /** Score and tier with every signal, as before the decisions. */
  scoreWithout: number;
  tierWithout: Tier;
  indicatorsWithout: string[];
  /** Holders involved and euros in the supporting declarations, over every signal. */
  holders: number;
  amountWithout: number;
  signals: ScoredSignal[];
  /** Still ranked for its other signals (its score without those set aside). */
  ranked: boolean;
}

/** What the decisions did to a run; null on RunResult when no --beoordelingen was given. */
export interface RunDecisions {
  file: DecisionsFileReport;
  outcome: DecisionsOutcome;
  /** By the score they had before the decisions, highest first, ties by id. */
  setAside: ProviderSetAside[];
}

export function scoreWithDecisions(ds: Dataset, input: ScoreInput, file: DecisionsFile | null): { scored: ScoreResult; decisions: RunDecisions | null } {
  const full = score(ds, input);
  if (file === null) return { scored: full, decisions: null };
  const outcome = applyDecisions(full, file.decisions, ds.asOf);
  const reduced = outcome.setAside.size === 0 ? full : score(ds, { ...input, signals: input.signals.filter((s) => !outcome.setAside.has(s.key)) });
  const review = (s: ScoredSignal): ScoredSignal => {
    const r = outcome.reviews.get(s.key);
    return r === undefined ? s : Object.assign(s, { review: r });
  };
  reduced.signals.forEach(review);
  // Set aside: kept in the record with their decision, no points.
  const asideSignals = full.signals.filter((s) => outcome.setAside.has(s.key)).map((s) => review({ ...s, contribution: 0 }));
  const ranked = new Set(reduced.providers.map((p) => p.providerId));
  const setAside: ProviderSetAside[] = full.providers
    .filter((p) => p.signals.some((s) => outcome.setAside.has(s.key)))
    .map((p) => ({
      providerId: p.providerId,
      naam: p.naam,
      scoreWithout: p.score,
      tierWithout: p.tier,
      indicatorsWithout: p.indicators,
      holders: p.holders.length,
      amountWithout: p.amount,
      signals: asideSignals.filter((s) => s.provider === p.providerId),
      ranked: ranked.has(p.providerId),
    }));
  return {
    // A decision about a provider does not clear a concern about a holder: the holder list stays whole.
    scored: { providers: reduced.providers, holders: full.holders, signals: [...reduced.signals, ...asideSignals] },
    decisions: { file: file.report, outcome, setAside },
  };
}
