import { AppError } from '../errors.js';
import type { Truth, TruthDecoy, TruthScheme } from '../generate/truth.js';
import { readRanking, readRunInputs, requireRunDir, type RankedRow } from '../run/read-run.js';
import { firedIndex, type FiredIndex } from './fired-index.js';
import { readTruth } from './read-truth.js';
import { FILE_KINDS } from '../inputs/index.js';

export interface EvaluateOptions {
  runDir: string;
  truthPath: string;
}

/**
 * Precision and recall over the first k rows of a ranking, k = the number of planted
 * entities. precisionAtK = hits / min(k, listed): a scan lists only entities with a
 * signal, so a short list is judged on what it lists; recallAtK shows what it missed.
 * With nothing planted (k = 0) both are 1: there was nothing to find.
 */
export interface AtK {
  k: number;
  /** Rows in the ranking file. */
  listed: number;
  /** Planted entities among the first k rows. */
  hits: number;
  precisionAtK: number;
  recallAtK: number;
}

export interface TopRow {
  rank: number;
  id: string;
  /** 'scheme' (planted), 'decoy', or 'base' (neither). */
  truth: 'scheme' | 'decoy' | 'base';
  indicators: string[];
}

export interface ProviderOutcome {
  id: string;
  /** Rank in providers.csv, null when not listed. */
  rank: number | null;
  inTopK: boolean;
  /** Indicators that fired for this provider in signals.ndjson. */
  fired: string[];
}

export interface HolderOutcome {
  id: string;
  rank: number | null;
  inTopK: boolean;
}

export interface SchemeOutcome {
  kind: string;
  instance: number;
  holderConcern: boolean;
  providers: ProviderOutcome[];
  holders: HolderOutcome[];
  expectedIndicators: string[];
  firedIndicators: string[];
  missingIndicators: string[];
  /** At least one of its providers is in the top k. */
  found: boolean;
}

/** All instances of one scheme kind together: what a reader of a large scenario asks first. */
export interface SchemeKindOutcome {
  kind: string;
  instances: number;
  /** Instances with a provider in the top k. */
  found: number;
  /** The best rank any of its providers reached, null when none is listed. */
  bestRank: number | null;
  /** Expected indicators that did not fire for at least one instance. */
  missingIndicators: string[];
}

export interface DecoyOutcome {
  kind: string;
  instance: number;
  providers: ProviderOutcome[];
  inTopK: boolean;
  firedIndicators: string[];
  /** Fired but not among the indicators this decoy may legitimately trip. */
  unexpectedIndicators: string[];
}

export interface Evaluation {
  scenario: string;
  seed: number;
  scale: number;
  providers: AtK & { top: TopRow[] };
  holders: AtK;
  schemes: SchemeOutcome[];
  /** Per scheme kind, by kind. */
  schemeKinds: SchemeKindOutcome[];
  /** Decoys with a provider in the provider top k: the false alarms, with the indicators behind them. */
  decoysInTopK: DecoyOutcome[];
  decoys: DecoyOutcome[];
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function atK(ranking: RankedRow[], relevant: ReadonlySet<string>): AtK {
  const k = relevant.size;
  const top = ranking.slice(0, k);
  const hits = top.filter((r) => relevant.has(r.id)).length;
  const shown = Math.min(k, ranking.length);
  return {
    k,
    listed: ranking.length,
    hits,
    precisionAtK: k === 0 ? 1 : shown === 0 ? 0 : round4(hits / shown),
    recallAtK: k === 0 ? 1 : round4(hits / k),
  };
}

function byKind(schemes: SchemeOutcome[]): SchemeKindOutcome[] {
  const kinds = sorted(schemes.map((s) => s.kind));
  return kinds.map((kind) => {
    const of = schemes.filter((s) => s.kind === kind);
    const ranks = of.flatMap((s) => s.providers.map((p) => p.rank)).filter((r): r is number => r !== null);
    return {
      kind,
      instances: of.length,
      found: of.filter((s) => s.found).length,
      bestRank: ranks.length === 0 ? null : Math.min(...ranks),
      missingIndicators: sorted(of.flatMap((s) => s.missingIndicators)),
    };
  });
}

function rankIndex(ranking: RankedRow[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const r of ranking) if (!index.has(r.id)) index.set(r.id, r.rank);
  return index;
}

const short = (hash: string) => hash.slice(0, 12);

const SCANNED_FILES: ReadonlySet<string> = new Set(FILE_KINDS.map((k) => `${k}.csv`));

/**
 * A truth only measures the scan of the exact files it was generated with: another scenario's or
 * seed's truth would give precision numbers that mean nothing. generate records the sha256 of every
 * file it wrote; the run's manifest records those of the inputs it read.
 */
export function checkTruthBelongsToRun(truth: Truth, truthPath: string, run: Map<string, string>, runDir: string): void {
  const generated = truth.files;
  if (generated === undefined)
    throw new AppError(
      'TRUTH_INVALID',
      `${truthPath}: has no file hashes, so it cannot be matched to a run (it was written by an earlier pgb-scan generate). ` +
        `Generate the data again (pgb-scan generate --scenario <scenario ${truth.scenario}> --seed ${truth.seed} --scale ${truth.scale} --out DIR --force), then scan and evaluate.`,
      { path: truthPath },
    );
  const differ: string[] = [];
  for (const name of [...new Set([...Object.keys(generated), ...run.keys()])].sort()) {
    const want = generated[name];
    const got = run.get(name);
    if (want === got) continue;
    // A file this version of the scan does not read as an input (generate may write inputs ahead of it).
    if (got === undefined && !SCANNED_FILES.has(name)) continue;
    if (got === undefined) differ.push(`${name} (generated, but the run did not read it)`);
    else if (want === undefined) differ.push(`${name} (read by the run, but not generated with this truth)`);
    else differ.push(`${name} (the run read sha256 ${short(got)}..., the truth's file has ${short(want)}...)`);
  }
  if (differ.length > 0)
    throw new AppError(
      'TRUTH_INVALID',
      `${truthPath} (scenario ${truth.scenario}, seed ${truth.seed}, scale ${truth.scale}) does not belong to the run in ${runDir}: its inputs differ: ${differ.join('; ')}.`,
      { path: truthPath, runDir, files: differ.length },
    );
}

export async function evaluate(opts: EvaluateOptions): Promise<Evaluation> {
  const truth = readTruth(opts.truthPath);
  requireRunDir(opts.runDir);
  checkTruthBelongsToRun(truth, opts.truthPath, readRunInputs(opts.runDir), opts.runDir);
  const providers = readRanking(opts.runDir, 'providers.csv', 'zorgverlener_id');
  const holders = readRanking(opts.runDir, 'budgethouders.csv', 'budgethouder_id');
  const fired = await firedIndex(opts.runDir);

  const plantedProviders = new Set(truth.schemes.flatMap((s) => s.providers));
  const decoyProviders = new Set(truth.decoys.flatMap((d) => d.providers));
  const concernHolders = new Set(truth.schemes.filter((s) => s.holderConcern).flatMap((s) => s.holders));

  const providerAtK = atK(providers, plantedProviders);
  const holderAtK = atK(holders, concernHolders);
  const topProviders = new Set(providers.slice(0, providerAtK.k).map((r) => r.id));
  const topHolders = new Set(holders.slice(0, holderAtK.k).map((r) => r.id));
  const providerRank = rankIndex(providers);
  const holderRank = rankIndex(holders);

  const providerOutcome = (id: string): ProviderOutcome => ({
    id,
    rank: providerRank.get(id) ?? null,
    inTopK: topProviders.has(id),
    fired: sorted(fired.byProvider.get(id) ?? []),
  });
  const firedFor = (c: { providers: string[]; holders: string[] }, index: FiredIndex) =>
    sorted([...c.providers.flatMap((p) => [...(index.byProvider.get(p) ?? [])]), ...c.holders.flatMap((h) => [...(index.holderOnly.get(h) ?? [])])]);

  const schemes = truth.schemes.map((s: TruthScheme): SchemeOutcome => {
    const firedIndicators = firedFor(s, fired);
    const outcomes = s.providers.map(providerOutcome);
    return {
      kind: s.kind,
      instance: s.instance,
      holderConcern: s.holderConcern,
      providers: outcomes,
      holders: s.holders.map((id) => ({ id, rank: holderRank.get(id) ?? null, inTopK: topHolders.has(id) })),
      expectedIndicators: sorted(s.expectedIndicators),
      firedIndicators,
      missingIndicators: sorted(s.expectedIndicators.filter((i) => !firedIndicators.includes(i))),
      found: outcomes.some((p) => p.inTopK),
    };
  });

  const decoys = truth.decoys.map((d: TruthDecoy): DecoyOutcome => {
    const firedIndicators = firedFor(d, fired);
    const outcomes = d.providers.map(providerOutcome);
    return {
      kind: d.kind,
      instance: d.instance,
      providers: outcomes,
      inTopK: outcomes.some((p) => p.inTopK),
      firedIndicators,
      unexpectedIndicators: firedIndicators.filter((i) => !d.allowedIndicators.includes(i)),
    };
  });

  return {
    scenario: truth.scenario,
    seed: truth.seed,
    scale: truth.scale,
    providers: {
      ...providerAtK,
      top: providers.slice(0, providerAtK.k).map((r) => ({
        rank: r.rank,
        id: r.id,
        truth: plantedProviders.has(r.id) ? 'scheme' : decoyProviders.has(r.id) ? 'decoy' : 'base',
        indicators: r.indicators,
      })),
    },
    holders: holderAtK,
    schemes,
    schemeKinds: byKind(schemes),
    decoysInTopK: decoys.filter((d) => d.inTopK),
    decoys,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const list = (items: string[]) => (items.length === 0 ? '-' : items.join(', '));

function atKLine(label: string, a: AtK): string {
  return `${label} precision@${a.k} ${pct(a.precisionAtK)}, recall@${a.k} ${pct(a.recallAtK)} (${a.hits} of ${a.k} planted in the top ${a.k}; ${a.listed} listed)`;
}

/** A short English summary for the terminal; evaluation.json carries the details. */
export function renderEvaluation(e: Evaluation): string {
  const out = [
    `Evaluation of scenario ${e.scenario} (seed ${e.seed}, scale ${e.scale})`,
    atKLine('Providers:', e.providers),
    atKLine('Holders:  ', e.holders),
    '',
    'Planted schemes:',
  ];
  for (const s of e.schemes) {
    const where = s.providers.map((p) => `${p.id} ${p.rank === null ? 'not listed' : `rank ${p.rank}`}`).join(', ');
    out.push(
      `  ${s.found ? 'found ' : 'MISSED'} ${s.kind} #${s.instance}: ${where}; fired ${list(s.firedIndicators)}; missing ${list(s.missingIndicators)}`,
    );
  }
  out.push('', 'Per scheme:');
  for (const k of e.schemeKinds) {
    out.push(`  ${k.kind}: ${k.found} of ${k.instances} in the top k, best rank ${k.bestRank ?? 'not listed'}; missing ${list(k.missingIndicators)}`);
  }
  out.push('', e.decoysInTopK.length === 0 ? 'Decoys in the top k: none' : 'Decoys in the top k:');
  for (const d of e.decoysInTopK) {
    const where = d.providers.filter((p) => p.inTopK).map((p) => `${p.id} rank ${p.rank}`).join(', ');
    out.push(`  ${d.kind} #${d.instance}: ${where}; fired ${list(d.firedIndicators)}`);
  }
  return out.join('\n');
}
