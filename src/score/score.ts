import type { Tier } from '../config/schema.js';
import type { Signal } from '../indicators/define.js';
import type { SignalReview } from '../decisions/apply.js';
import type { Dataset } from '../model/dataset.js';

export interface ScoredSignal extends Signal {
  version: number;
  weight: number;
  /** 100 x weight x strength: the points this signal stands for. Only the strongest signal of an
   *  indicator at a provider counts toward its score; the others carry 0. */
  contribution: number;
  /** The analysts' decision that applies to it (--beoordelingen), held or re-opened. */
  review?: SignalReview;
}

export interface ProviderRanking {
  rank: number;
  providerId: string;
  naam: string;
  score: number;
  tier: Tier;
  indicators: string[];
  holders: string[];
  amount: number;
  top: ScoredSignal;
  signals: ScoredSignal[];
}

export interface HolderConcern {
  rank: number;
  holderId: string;
  /** Combined like a provider score, over the concern signals that involve the holder; orders the list only. */
  points: number;
  indicators: string[];
  providers: string[];
  amount: number;
  top: ScoredSignal;
  signals: ScoredSignal[];
}

export interface ScoreInput {
  signals: Signal[];
  versions: Record<string, number>;
  weights: Record<string, number>;
  /** Indicators whose signals put the holders involved on the holder list. */
  holderConcern: Record<string, boolean>;
  tiers: { hoog: number; midden: number };
}

export interface ScoreResult {
  providers: ProviderRanking[];
  holders: HolderConcern[];
  signals: ScoredSignal[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

function firstLine(s: Signal): number {
  return s.evidence.length ? s.evidence[0].line : 0;
}

/** Strongest first; ties by indicator id, message id, entity id, first evidence line. */
function compareStrength(a: ScoredSignal, b: ScoredSignal): number {
  return (
    b.weight * b.strength - a.weight * a.strength ||
    cmp(a.indicator, b.indicator) ||
    cmp(a.messageId, b.messageId) ||
    cmp(a.entity.id, b.entity.id) ||
    firstLine(a) - firstLine(b)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Combined score: 100 x (1 - prod_i (1 - w_i x s_i)) over the indicators that fired for the provider,
 * with w_i the indicator's weight and s_i the strength of its strongest signal. Each further indicator
 * closes part of the remaining gap to 100, so independent reasons add up without passing 100.
 */
export function combine(points: number[]): number {
  let rest = 1;
  for (const p of points) rest *= 1 - Math.min(1, Math.max(0, p / 100));
  return round1(100 * (1 - rest));
}

export function tierOf(score: number, tiers: { hoog: number; midden: number }): Tier {
  return score >= tiers.hoog ? 'hoog' : score >= tiers.midden ? 'midden' : 'laag';
}

/** Row of the declaration on a given line; rows are stored in line order, so a binary search finds it. */
function rowOfLine(lines: Int32Array, line: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = lines[mid];
    if (v === line) return mid;
    if (v < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function declarationRows(ds: Dataset, signals: Signal[]): Set<number> {
  const file = ds.files.declaraties;
  const rows = new Set<number>();
  for (const s of signals)
    for (const e of s.evidence) {
      if (e.file !== file) continue;
      const r = rowOfLine(ds.declarations.line, e.line);
      if (r >= 0) rows.add(r);
    }
  return rows;
}

export function score(ds: Dataset, input: ScoreInput): ScoreResult {
  const scored: ScoredSignal[] = input.signals.map((s) => {
    const weight = input.weights[s.indicator] ?? 0;
    return { ...s, version: input.versions[s.indicator] ?? 1, weight, contribution: 0 };
  });

  const byProvider = new Map<string, ScoredSignal[]>();
  for (const s of scored) {
    if (s.provider === null) continue;
    const list = byProvider.get(s.provider) ?? [];
    list.push(s);
    byProvider.set(s.provider, list);
  }

  const t = ds.declarations;
  const providers: ProviderRanking[] = [];
  for (const [providerId, list] of byProvider) {
    list.sort(compareStrength);
    const counted = new Set<string>();
    const points: number[] = [];
    for (const s of list) {
      if (counted.has(s.indicator)) continue;
      counted.add(s.indicator);
      s.contribution = round2(100 * s.weight * s.strength);
      points.push(s.contribution);
    }
    const holders = new Set<string>();
    for (const s of list) for (const h of s.holders) holders.add(h);
    let amount = 0;
    for (const r of declarationRows(ds, list)) amount += t.amount[r];
    const p = ds.providerIndex.get(providerId);
    const scoreValue = combine(points);
    providers.push({
      rank: 0,
      providerId,
      naam: p === undefined ? '' : (ds.providers[p].naam ?? ''),
      score: scoreValue,
      tier: tierOf(scoreValue, input.tiers),
      indicators: [...counted].sort(),
      holders: [...holders].sort(),
      amount: round2(amount),
      top: list[0],
      signals: list,
    });
  }
  providers.sort((a, b) => b.score - a.score || cmp(a.providerId, b.providerId));
  providers.forEach((p, i) => (p.rank = i + 1));

  const byHolder = new Map<string, ScoredSignal[]>();
  for (const s of scored) {
    if (s.entity.kind !== 'budgethouder' && !input.holderConcern[s.indicator]) continue;
    const ids = new Set(s.holders);
    if (s.entity.kind === 'budgethouder') ids.add(s.entity.id);
    for (const h of ids) {
      const list = byHolder.get(h) ?? [];
      list.push(s);
      byHolder.set(h, list);
    }
  }
  const holders: HolderConcern[] = [];
  for (const [holderId, list] of byHolder) {
    // A concern about the holder's own budget (entity budgethouder) explains the listing best.
    list.sort((a, b) => Number(b.entity.kind === 'budgethouder') - Number(a.entity.kind === 'budgethouder') || compareStrength(a, b));
    const h = ds.holderIndex.get(holderId);
    let amount = 0;
    for (const r of declarationRows(ds, list)) if (t.holder[r] === h) amount += t.amount[r];
    const strongest = new Map<string, number>();
    for (const s of list) strongest.set(s.indicator, Math.max(strongest.get(s.indicator) ?? 0, 100 * s.weight * s.strength));
    holders.push({
      rank: 0,
      holderId,
      points: combine([...strongest.values()]),
      indicators: [...new Set(list.map((s) => s.indicator))].sort(),
      providers: [...new Set(list.map((s) => s.provider).filter((p): p is string => p !== null))].sort(),
      amount: round2(amount),
      top: list[0],
      signals: list,
    });
  }
  holders.sort((a, b) => b.points - a.points || b.amount - a.amount || cmp(a.holderId, b.holderId));
  holders.forEach((h, i) => (h.rank = i + 1));

  const rankOf = new Map(providers.map((p) => [p.providerId, p.rank]));
  const ordered = [...scored].sort(
    (a, b) =>
      (a.provider === null ? Infinity : rankOf.get(a.provider)!) - (b.provider === null ? Infinity : rankOf.get(b.provider)!) ||
      b.contribution - a.contribution ||
      compareStrength(a, b),
  );
  return { providers, holders, signals: ordered };
}
