// Who ends up on the lists, by group: a check on the indicators, not on the people. A group listed far
// more often than the whole may mean an indicator reads a circumstance of that group as a risk (a
// region's tariffs, a wet's billing habits), so it is a reason to review the indicators, never a finding.
import type { Dataset } from '../model/dataset.js';
import { PROVIDER_SOORTEN, VOORZIENINGEN, WETTEN } from '../model/types.js';
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

function dimension(
  id: FairnessDimensionId,
  entity: FairnessDimension['entity'],
  column: string,
  available: boolean,
  groupOf: readonly string[],
  listed: readonly boolean[],
  order: readonly string[] | null,
): FairnessDimension {
  if (!available) return { id, entity, column, available, members: 0, listed: 0, share: 0, groups: [] };
  const counts = new Map<string, { members: number; listed: number }>();
  let total = 0;
  for (let i = 0; i < groupOf.length; i++) {
    const c = counts.get(groupOf[i]) ?? { members: 0, listed: 0 };
    c.members++;
    if (listed[i]) {
      c.listed++;
      total++;
    }
    counts.set(groupOf[i], c);
  }
  const members = groupOf.length;
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
  const holderListed = ds.holders.map((h) => listedHolders.has(h.id));
  const providerListed = ds.providers.map((p) => flaggedProviders.has(p.id));
  const asOfYear = new Date(ds.asOf * 86_400_000).getUTCFullYear();
  const age = ds.holders.map((h) => (h.geboortejaar === null ? UNKNOWN_GROUP : ageBand(h.geboortejaar, asOfYear)));
  return {
    dimensions: [
      dimension('gemeente_code', 'budgethouder', 'gemeente_code', holderCols.has('gemeente_code'), ds.holders.map((h) => h.gemeenteCode), holderListed, null),
      dimension('wet', 'budgethouder', 'wet', holderCols.has('wet'), ds.holders.map((h) => h.wet), holderListed, WETTEN),
      dimension('voorziening', 'budgethouder', 'voorziening', holderCols.has('voorziening'), ds.holders.map((h) => h.voorziening), holderListed, VOORZIENINGEN),
      dimension('leeftijd', 'budgethouder', 'geboortejaar', holderCols.has('geboortejaar'), age, holderListed, AGE_BANDS),
      dimension('soort', 'zorgverlener', 'soort', providerCols.has('soort'), ds.providers.map((p) => p.soort), providerListed, PROVIDER_SOORTEN),
    ],
  };
}
