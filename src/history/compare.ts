// What changed between two scans: a pure function of two runs as their outputs record them (the
// signals by their stable key, the providers by id), so `scan --previous` and `pgb-scan diff` agree.

/** How a signal or a provider stands compared with the previous run. */
export type ChangeStatus = 'nieuw' | 'blijvend' | 'gewijzigd' | 'verdwenen';

const TIER_ORDER = ['laag', 'midden', 'hoog'];

/** A signal as both signals.ndjson and the in-memory run give it. */
export interface SignalSnapshot {
  key: string;
  indicator: string;
  provider: string | null;
  contribution: number;
  strength: number;
}

/** A ranked provider as both providers.csv and the in-memory run give it. */
export interface ProviderSnapshot {
  rank: number;
  id: string;
  naam: string;
  score: number;
  tier: string;
  indicators: string[];
}

export interface RunSnapshot {
  signals: SignalSnapshot[];
  providers: ProviderSnapshot[];
}

export interface SignalChange {
  key: string;
  indicator: string;
  provider: string | null;
  status: ChangeStatus;
  contributionBefore: number | null;
  contributionAfter: number | null;
}

export interface ProviderChange {
  id: string;
  naam: string;
  status: ChangeStatus;
  /** The provider in the previous run; null when new. */
  before: { rank: number; score: number; tier: string; indicators: string[] } | null;
  /** The provider in this run; null when gone. */
  after: { rank: number; score: number; tier: string; indicators: string[] } | null;
  indicatorsAdded: string[];
  indicatorsRemoved: string[];
  /** New, or a higher tier, or an indicator more than before: what an analyst looks at first. */
  escalated: boolean;
}

export interface Comparison {
  /** This run's providers in rank order, then the disappeared ones in their previous rank order. */
  providers: ProviderChange[];
  /** Sorted by key. */
  signals: SignalChange[];
  counts: { providers: Record<ChangeStatus, number>; signals: Record<ChangeStatus, number> };
}

const zeroCounts = (): Record<ChangeStatus, number> => ({ nieuw: 0, blijvend: 0, gewijzigd: 0, verdwenen: 0 });
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function signalStatus(before: SignalSnapshot | undefined, after: SignalSnapshot | undefined): ChangeStatus {
  if (before === undefined) return 'nieuw';
  if (after === undefined) return 'verdwenen';
  // Observed values (counts, amounts) move every night as data arrives; what the signal weighs does not.
  return before.contribution === after.contribution && before.strength === after.strength ? 'blijvend' : 'gewijzigd';
}

function providerChange(before: ProviderSnapshot | undefined, after: ProviderSnapshot | undefined): ProviderChange {
  const b = before === undefined ? null : { rank: before.rank, score: before.score, tier: before.tier, indicators: before.indicators };
  const a = after === undefined ? null : { rank: after.rank, score: after.score, tier: after.tier, indicators: after.indicators };
  const had = new Set(b?.indicators ?? []);
  const has = new Set(a?.indicators ?? []);
  const indicatorsAdded = [...has].filter((i) => !had.has(i)).sort(byCodeUnit);
  const indicatorsRemoved = [...had].filter((i) => !has.has(i)).sort(byCodeUnit);
  let status: ChangeStatus;
  if (b === null) status = 'nieuw';
  else if (a === null) status = 'verdwenen';
  else status = b.score === a.score && b.tier === a.tier && indicatorsAdded.length === 0 && indicatorsRemoved.length === 0 ? 'blijvend' : 'gewijzigd';
  const tierUp = a !== null && b !== null && TIER_ORDER.indexOf(a.tier) > TIER_ORDER.indexOf(b.tier);
  return {
    id: (after ?? before)!.id,
    naam: (after ?? before)!.naam,
    status,
    before: b,
    after: a,
    indicatorsAdded,
    indicatorsRemoved,
    escalated: status === 'nieuw' || (status === 'gewijzigd' && (tierUp || indicatorsAdded.length > 0)),
  };
}

/** Every signal and provider of either run, classed as nieuw, blijvend, gewijzigd or verdwenen. */
export function compareRuns(previous: RunSnapshot, current: RunSnapshot): Comparison {
  const counts = { providers: zeroCounts(), signals: zeroCounts() };

  const oldSignals = new Map(previous.signals.map((s) => [s.key, s]));
  const newSignals = new Map(current.signals.map((s) => [s.key, s]));
  const keys = [...new Set([...oldSignals.keys(), ...newSignals.keys()])].sort(byCodeUnit);
  const signals = keys.map((key): SignalChange => {
    const before = oldSignals.get(key);
    const after = newSignals.get(key);
    const s = (after ?? before)!;
    const status = signalStatus(before, after);
    counts.signals[status]++;
    return { key, indicator: s.indicator, provider: s.provider, status, contributionBefore: before?.contribution ?? null, contributionAfter: after?.contribution ?? null };
  });

  const oldProviders = new Map(previous.providers.map((p) => [p.id, p]));
  const newIds = new Set(current.providers.map((p) => p.id));
  const byRank = (a: ProviderSnapshot, b: ProviderSnapshot) => a.rank - b.rank || byCodeUnit(a.id, b.id);
  const providers = [
    ...[...current.providers].sort(byRank).map((p) => providerChange(oldProviders.get(p.id), p)),
    ...previous.providers
      .filter((p) => !newIds.has(p.id))
      .sort(byRank)
      .map((p) => providerChange(p, undefined)),
  ];
  for (const p of providers) counts.providers[p.status]++;
  return { providers, signals, counts };
}
