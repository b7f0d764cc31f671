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

export interface Signal {
  /** Indicator id; equal to its file name. */
  indicator: string;
  /** Key into report/messages.ts for this indicator. */
  messageId: string;
  /** What the signal is about. Budget-holder signals are concerns for the holder, never suspicions. */
  entity: { kind: EntityKind; id: string };
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

export interface IndicatorContext {
  asOf: DayNumber;
}

export interface IndicatorResult {
  signals: Signal[];
  /** Derived population numbers (quartiles, group sizes) that let a reader recompute the flags. */
  stats?: Record<string, unknown>;
}

export interface Requirement {
  file: FileKind;
  /** Canonical column names that must carry data. */
  columns: string[];
}

export interface IndicatorDefinition<S extends z.ZodObject = z.ZodObject> {
  id: string;
  /** Bumped whenever the logic changes; recorded in the manifest. */
  version: number;
  entity: EntityKind;
  title: Bilingual;
  condition: Bilingual;
  rationale: Bilingual;
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
  compute(ds: Dataset, params: z.output<S>, ctx: IndicatorContext): IndicatorResult;
}

export function defineIndicator<S extends z.ZodObject>(def: IndicatorDefinition<S>): IndicatorDefinition<S> {
  return def;
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/** The order every indicator returns its signals in: entity, message, first evidence row, provider. */
export function compareSignals(a: Signal, b: Signal): number {
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
