import type { ScoredSignal } from '../score/score.js';
import { renderSignal } from './messages.js';

export function signalRecord(s: ScoredSignal): Record<string, unknown> {
  return {
    indicator: s.indicator,
    version: s.version,
    key: s.key,
    messageId: s.messageId,
    entity: s.entity,
    provider: s.provider,
    holders: s.holders,
    weight: s.weight,
    strength: s.strength,
    contribution: s.contribution,
    amount: s.amount,
    message: { nl: renderSignal(s, 'nl'), en: renderSignal(s, 'en') },
    observed: s.observed,
    threshold: s.threshold,
    evidence: s.evidence,
  };
}

/** signals.ndjson, line by line; JSON keeps input text as it is (escaping is for the reader's format). */
export function* signalsNdjson(signals: ScoredSignal[]): Generator<string> {
  for (const s of signals) yield JSON.stringify(signalRecord(s)) + '\n';
}
