// One line of signals.ndjson: the schema the writer is typed by and every reader of a run folder
// (evaluate, diff, verify) validates with, so the file cannot drift from what its readers expect.
import { z } from 'zod';
import type { ScoredSignal } from '../score/score.js';
import { renderSignal } from '../report/messages.js';

const Evidence = z.object({
  file: z.string().min(1),
  line: z.number().int().positive(),
  id: z.string(),
});

const Review = z.object({
  status: z.enum(['beoordeeld', 'heropend']),
  besluit: z.enum(['geen-aanleiding', 'in-onderzoek', 'gemeld', 'afgehandeld']),
  beoordeeld_op: z.string(),
  beoordeeld_door: z.string(),
  toelichting: z.string(),
  geldig_tot: z.string().nullable(),
  niveau: z.enum(['signaal', 'indicator', 'zorgverlener']),
  regel: z.number().int().positive(),
  heropend_omdat: z.array(
    z.union([
      z.object({ reden: z.literal('verlopen'), geldig_tot: z.string() }),
      z.object({ reden: z.literal('nieuwe-indicator'), indicatoren: z.array(z.string()) }),
      z.object({ reden: z.literal('hogere-tier'), tier: z.enum(['hoog', 'midden', 'laag']), tier_bij_besluit: z.enum(['hoog', 'midden', 'laag']) }),
    ]),
  ),
});

export const SignalRecordSchema = z.object({
  indicator: z.string().min(1).describe('indicator id'),
  version: z.number().int().positive().describe("the indicator's version (bumped when its logic changes)"),
  key: z.string().min(1).describe('stable from one night to the next: `indicator:messageId:entityKind=entityId[:name=value]...` (see Indicators)'),
  messageId: z.string().min(1).describe("which of the indicator's messages"),
  entity: z
    .object({ kind: z.enum(['provider', 'budgethouder']), id: z.string().min(1) })
    .describe('`{kind, id}`: what the signal is about (provider or budgethouder)'),
  provider: z.string().nullable().describe('the zorgverlener_id whose ranking it feeds, or null'),
  holders: z.array(z.string()).describe('budgethouder_ids involved, ascending'),
  weight: z.number().describe("the indicator's weight in this run"),
  strength: z.number().describe('in (0, 1]: how fully the signal counts'),
  contribution: z.number().describe("points toward the provider's score (0 when a stronger signal of the same indicator counts)"),
  amount: z.number().describe('euros in the supporting declarations'),
  message: z.object({ nl: z.string(), en: z.string() }).describe('`{nl, en}`: the sentence with its numbers'),
  observed: z.record(z.string(), z.union([z.number(), z.string()])).describe('the observed values that made it fire'),
  threshold: z.record(z.string(), z.number()).describe('the thresholds in force'),
  evidence: z.array(Evidence).describe('`[{file, line, id}]`: every supporting input row'),
  beoordeling: Review.nullable()
    .optional()
    .describe(
      "the analysts' decision that applies (--beoordelingen), null when none: status (`beoordeeld`: set aside, contribution 0; `heropend`: back in the ranking), besluit, beoordeeld_op, beoordeeld_door, toelichting, geldig_tot, niveau (signaal, indicator, zorgverlener), regel (its line in the decisions file), heropend_omdat (`verlopen`, `nieuwe-indicator`, `hogere-tier` with the values); absent before version 4",
    ),
});

export type SignalRecord = z.infer<typeof SignalRecordSchema>;

/** The record of one signal; field order is the file's (JSON.stringify keeps it). */
export function signalRecord(s: ScoredSignal): SignalRecord {
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
    beoordeling: s.review ?? null,
  };
}

/** signals.ndjson, line by line; JSON keeps input text as it is (escaping is for the reader's format). */
export function* signalsNdjson(signals: ScoredSignal[]): Generator<string> {
  for (const s of signals) yield JSON.stringify(signalRecord(s)) + '\n';
}
