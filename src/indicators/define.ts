import type { z } from 'zod';
import type { Dataset } from '../model/dataset.js';
import type { DayNumber } from '../model/dates.js';
import type { FileKind } from '../model/types.js';

export type EntityKind = 'provider' | 'budgethouder';

export interface Bilingual {
  nl: string;
  en: string;
}

/** One input row that supports a signal. `id` is the row's own id (declaratie_id, budgethouder_id, ...). */
export interface Evidence {
  file: string;
  line: number;
  id: string;
}

/** What a rule reports: one finding about one entity. The runner turns it into a Signal. */
export interface Finding<M extends string = string> {
  /** Key into the rule's own `messages`; TypeScript refuses one the rule does not declare. */
  messageId: M;
  /** What the signal is about. Budget-holder signals are concerns for the holder, never suspicions. */
  entity: { kind: EntityKind; id: string };
  /** The rest of what identifies this finding from one night to the next, besides the entity and the
   *  message: named parts such as the shared account or address. Never a day, a count or an amount
   *  (they move as data arrives) and never a line number. Empty when the entity says it all. */
  subject: Record<string, string>;
  /** The provider whose ranking this signal feeds (zorgverlener_id), or null. */
  provider: string | null;
  /** budgethouder_ids involved, ascending. */
  holders: string[];
  /** Euros declared in the evidence rows (0 when the evidence holds no declarations). */
  amount: number;
  /** In (0, 1]: how strongly this signal counts toward the indicator's weight (1 = fully; softer variants less). */
  strength: number;
  /** Observed values that made it fire; every number the message quotes lives here or in threshold. */
  observed: Record<string, number | string>;
  /** The thresholds in force, as the effective parameters gave them. */
  threshold: Record<string, number>;
  /** Sorted by file, then line. */
  evidence: Evidence[];
}

/** A finding as the runner hands it on: stamped with its indicator, version and stable key. */
export interface Signal extends Omit<Finding, 'subject'> {
  /** Indicator id; equal to its file name. */
  indicator: string;
  version: number;
  /** Stable across nights and input order; see signalKey in run.ts for the format. */
  key: string;
}

export interface IndicatorContext {
  asOf: DayNumber;
}

export interface IndicatorResult<M extends string = string> {
  signals: Finding<M>[];
  /** Derived population numbers (quartiles, group sizes) that let a reader recompute the flags. */
  stats?: Record<string, unknown>;
}

export interface Requirement {
  file: FileKind;
  /** Canonical column names that must carry data. */
  columns: string[];
}

/** One message of an indicator, Dutch and English. Placeholders {name} are filled from the signal's
 *  observed and threshold values; `example` gives a value for each, so a test can render every message. */
export interface MessageTemplate {
  nl: string;
  en: string;
  example: Record<string, number | string>;
}

interface BilingualList {
  nl: string[];
  en: string[];
}

export interface IndicatorDefinition<S extends z.ZodObject = z.ZodObject, M extends string = string> {
  id: string;
  /** Bumped whenever the logic changes; recorded in the manifest. */
  version: number;
  entity: EntityKind;
  title: Bilingual;
  condition: Bilingual;
  rationale: Bilingual;
  /** What to look at on a visit or in the file ("wat te controleren"). */
  whatToCheck: BilingualList;
  /** Innocent explanations to rule out before concluding anything ("mogelijke onschuldige verklaring"). */
  innocentExplanations: BilingualList;
  /** The report, case or audit the indicator rests on. */
  source: string;
  /** Every requirement must hold; otherwise the indicator is reported as not applicable. */
  requires: Requirement[];
  /** Strict zod object; every field has a default and a description. */
  params: S;
  /** Default weight in [0, 1]; see score/score.ts for how weights combine. */
  defaultWeight: number;
  /** Whether the holders in its signals are put on the holder list (zorgwekkend): true where the pattern
   *  can harm them (their housing, representative, budget or care); false where it concerns the provider only. */
  holderConcern: boolean;
  /** Every sentence the indicator can say; its findings name one by messageId. */
  messages: Record<M, MessageTemplate>;
  /** Findings in any order: the runner adds id, version and key, and sorts them. */
  compute(ds: Dataset, params: z.output<S>, ctx: IndicatorContext): IndicatorResult<NoInfer<M>>;
}

/** Message ids are inferred from `messages` alone (NoInfer above), so compute cannot emit another. */
export function defineIndicator<S extends z.ZodObject, M extends string>(def: IndicatorDefinition<S, M>): IndicatorDefinition<S, M> {
  return def;
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

type Sortable = Pick<Finding, 'entity' | 'messageId' | 'evidence' | 'provider'>;

/** The order of an indicator's signals in the outputs: entity, message, first evidence row, provider. */
export function compareSignals(a: Sortable, b: Sortable): number {
  if (a.entity.id !== b.entity.id) return a.entity.id < b.entity.id ? -1 : 1;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  const e = compareEvidence(a.evidence[0], b.evidence[0]);
  if (e !== 0) return e;
  // One holder row can lead the signals of several providers.
  const pa = a.provider ?? '';
  const pb = b.provider ?? '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** Evidence for a set of declaration rows, sorted, with their summed amount. */
export function declarationEvidence(ds: Dataset, rows: Iterable<number>): { evidence: Evidence[]; amount: number } {
  const t = ds.declarations;
  const file = ds.files.declaraties ?? 'declaraties.csv';
  const evidence: Evidence[] = [];
  let amount = 0;
  for (const r of rows) {
    evidence.push({ file, line: t.line[r], id: t.id.get(r) });
    amount += t.amount[r];
  }
  evidence.sort(compareEvidence);
  return { evidence, amount: roundCents(amount) };
}

/** Declaration rows of provider index p, limited to the given holder indices (all rows when null). */
export function providerRows(ds: Dataset, p: number, holders: ReadonlySet<number> | null): number[] {
  const t = ds.declarations;
  const out: number[] = [];
  for (const r of ds.byProvider[p]) if (holders === null || holders.has(t.holder[r])) out.push(r);
  return out;
}

export function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}
