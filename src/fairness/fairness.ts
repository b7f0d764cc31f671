// Who ends up on the lists, by group: a check on the indicators, not on the people. A group listed far
// more often than the whole may mean an indicator reads a circumstance of that group as a risk (a
// region's tariffs, a wet's billing habits), so it is a reason to review the indicators, never a finding.
import type { Dataset } from '../model/dataset.js';
import { PROVIDER_SOORTEN, VOORZIENINGEN, WETTEN, type BudgetHolder } from '../model/types.js';
import type { ScoreResult } from '../score/score.js';

/** A group is marked for review when its share is more than this many times the overall share... */
export const REVIEW_RATIO = 2;
/** ...and it has at least this many members: a share of a handful says nothing. */
export const REVIEW_MIN_MEMBERS = 20;

export const AGE_BANDS = ['0-17', '18-26', '27-44', '45-64', '65+'] as const;
/** The group of holders without a geboortejaar in an export that has the column. */
export const UNKNOWN_GROUP = 'onbekend';

export type FairnessDimensionId = 'gemeente_code' | 'wet' | 'voorziening' | 'leeftijd' | 'soort';

export interface FairnessGroup {
  group: string;
  members: number;
  listed: number;
  /** listed / members. */
  share: number;
  /** share / the dimension's overall share; null when nobody is listed at all. */
  ratio: number | null;
  /** Share above REVIEW_RATIO x overall with at least REVIEW_MIN_MEMBERS members. */
  review: boolean;
}

export interface FairnessDimension {
  id: FairnessDimensionId;
  /** Holders are listed as zorgwekkend; providers when they have a signal. */
  entity: 'budgethouder' | 'zorgverlener';
  /** The input column the groups come from. */
  column: string;
  /** False when the export lacks the column or it is empty everywhere: no groups then. */
  available: boolean;
  members: number;
  listed: number;
  share: number;
  groups: FairnessGroup[];
}

export interface FairnessResult {
  dimensions: FairnessDimension[];
}

/** Age in whole years at the as-of year (birthdays within the year are not known: the year is all there is). */
export function ageBand(geboortejaar: number, asOfYear: number): (typeof AGE_BANDS)[number] {
  const age = asOfYear - geboortejaar;
  if (age <= 17) return '0-17';
  if (age <= 26) return '18-26';
  if (age <= 44) return '27-44';
  if (age <= 64) return '45-64';
  return '65+';
}

function dimension<T>(
  id: FairnessDimensionId,
  entity: FairnessDimension['entity'],
  column: string,
  available: boolean,
  entities: readonly T[],
  groupOf: (e: T) => string,
  listed: Uint8Array,
  order: readonly string[] | null,
): FairnessDimension {
  if (!available) return { id, entity, column, available, members: 0, listed: 0, share: 0, groups: [] };
  // The group of each entity as it is counted: an array of them per dimension was garbage of a few MiB each at 10M.
  const counts = new Map<string, { members: number; listed: number }>();
  let total = 0;
  for (let i = 0; i < entities.length; i++) {
    const group = groupOf(entities[i]);
    const c = counts.get(group) ?? { members: 0, listed: 0 };
    c.members++;
    if (listed[i] === 1) {
      c.listed++;
      total++;
    }
    counts.set(group, c);
  }
  const members = entities.length;
  const share = members === 0 ? 0 : total / members;
  // A fixed order where the values have one (the contract's enum order, age bands), else by code; only groups with members.
  const names = order === null ? [...counts.keys()].sort() : [...order, UNKNOWN_GROUP].filter((g) => counts.has(g));
  const groups = names.map((group) => {
    const c = counts.get(group)!;
    const s = c.listed / c.members;
    return {
      group,
      members: c.members,
      listed: c.listed,
      share: s,
      // From the counts, not the rounded shares: 3 of 40 against 12 of 60 is 0.375 exactly.
      ratio: total === 0 ? null : (c.listed * members) / (c.members * total),
      review: c.members >= REVIEW_MIN_MEMBERS && share > 0 && s > REVIEW_RATIO * share,
    };
  });
  return { id, entity, column, available, members, listed: total, share, groups };
}

/** Per dimension, per group: members, listed and the ratio of the group's share to the overall share. */
export function fairness(ds: Dataset, scored: ScoreResult): FairnessResult {
  const holderCols = ds.filled.budgethouders;
  const providerCols = ds.filled.zorgverleners;
  const listedHolders = new Set(scored.holders.map((h) => h.holderId));
  const flaggedProviders = new Set(scored.providers.map((p) => p.providerId));
  const holderListed = Uint8Array.from(ds.holders, (h) => (listedHolders.has(h.id) ? 1 : 0));
  const providerListed = Uint8Array.from(ds.providers, (p) => (flaggedProviders.has(p.id) ? 1 : 0));
  const asOfYear = new Date(ds.asOf * 86_400_000).getUTCFullYear();
  const age = (h: BudgetHolder) => (h.geboortejaar === null ? UNKNOWN_GROUP : ageBand(h.geboortejaar, asOfYear));
  const holders = ds.holders;
  return {
    dimensions: [
      dimension('gemeente_code', 'budgethouder', 'gemeente_code', holderCols.has('gemeente_code'), holders, (h) => h.gemeenteCode, holderListed, null),
      dimension('wet', 'budgethouder', 'wet', holderCols.has('wet'), holders, (h) => h.wet, holderListed, WETTEN),
      dimension('voorziening', 'budgethouder', 'voorziening', holderCols.has('voorziening'), holders, (h) => h.voorziening, holderListed, VOORZIENINGEN),
      dimension('leeftijd', 'budgethouder', 'geboortejaar', holderCols.has('geboortejaar'), holders, age, holderListed, AGE_BANDS),
      dimension('soort', 'zorgverlener', 'soort', providerCols.has('soort'), ds.providers, (p) => p.soort, providerListed, PROVIDER_SOORTEN),
    ],
  };
}
