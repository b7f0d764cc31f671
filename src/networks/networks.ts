// Provider networks: flagged providers tied to others by what they share. A pure function of the dataset
// and the signals; the ranking stays per provider, a network only says where to look further.
import type { Signal } from '../indicators/define.js';
import type { Dataset } from '../model/dataset.js';
import type { Provider } from '../model/types.js';

/** Shared provider attributes, then ties the signals show (a hub representative, a phoenix succession). */
export const LINK_KINDS = ['iban_sleutel', 'adres_sleutel', 'kvk_nummer', 'agb_code', 'vertegenwoordiger', 'opvolging'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface NetworkLink {
  kind: LinkKind;
  /** The shared value; for `opvolging` the predecessor's zorgverlener_id. */
  key: string;
  /** zorgverlener_ids it ties, ascending. */
  providers: string[];
}

export interface ProviderNetwork {
  /** Its smallest member id. */
  id: string;
  /** zorgverlener_ids, ascending. */
  members: string[];
  /** Members with at least one signal, ascending. */
  flagged: string[];
  /** Ordered by kind (LINK_KINDS order), then key. */
  links: NetworkLink[];
  /** Euros declared by all members together, over all their accepted declarations. */
  amount: number;
}

/** A value shared by so many providers that it says nothing about them (a large institution's address). */
export interface BroadKey {
  kind: LinkKind;
  key: string;
  providers: number;
}

export interface NetworkResult {
  /** Ordered by id. */
  networks: ProviderNetwork[];
  /** Ordered by kind, then key. */
  tooBroad: BroadKey[];
  /** zorgverlener_id -> network id, for members of a network only. */
  networkOf: ReadonlyMap<string, string>;
}

export interface NetworkOptions {
  /** A key shared by more providers than this joins no network. */
  maxSharedProviders: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

class DisjointSets {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface CandidateLink {
  kind: LinkKind;
  key: string;
  /** Provider indices, at least two. */
  members: ReadonlySet<number>;
}

const ATTRIBUTE_LINKS = [
  ['iban_sleutel', (p: Provider) => p.ibanSleutel],
  ['adres_sleutel', (p: Provider) => p.adresSleutel],
  ['kvk_nummer', (p: Provider) => p.kvkNummer],
  ['agb_code', (p: Provider) => p.agbCode],
] as const;

/**
 * The values of one attribute that two or more providers share, with their providers ascending. Almost
 * every value belongs to one provider only; those take a map entry each and nothing more, where a group
 * object with its own set per value cost tens of MiB of garbage at the end of a 10M scan (its peak).
 */
function sharedValues(ds: Dataset, kind: LinkKind, value: (p: Provider) => string | null): CandidateLink[] {
  const first = new Map<string, number>();
  const shared = new Map<string, Set<number>>();
  const providers = ds.providers;
  for (let i = 0; i < providers.length; i++) {
    const key = value(providers[i]);
    if (key === null || key === '') continue;
    const f = first.get(key);
    if (f === undefined) first.set(key, i);
    else {
      const members = shared.get(key);
      if (members === undefined) shared.set(key, new Set([f, i]));
      else members.add(i);
    }
  }
  return [...shared].map(([key, members]) => ({ kind, key, members }));
}

/** Provider indices per (kind, key) that at least two providers share, before the breadth limit. */
function candidateLinks(ds: Dataset, signals: readonly Signal[]): CandidateLink[] {
  const out = ATTRIBUTE_LINKS.flatMap(([kind, value]) => sharedValues(ds, kind, value));
  // Ties the signals show are few: a group per value as they come.
  const groups = new Map<string, { kind: LinkKind; key: string; members: Set<number> }>();
  const add = (kind: LinkKind, key: string | null, p: number | undefined) => {
    if (key === null || key === '' || p === undefined) return;
    const id = `${kind}\u0000${key}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { kind, key, members: new Set() }));
    g.members.add(p);
  };
  for (const s of signals) {
    if (s.provider === null) continue;
    const p = ds.providerIndex.get(s.provider);
    if (s.indicator === 'representative-hub') add('vertegenwoordiger', String(s.observed.vertegenwoordiger_id ?? ''), p);
    else if (s.indicator === 'phoenix-provider') {
      const pred = String(s.observed.voorganger ?? '');
      // The predecessor is a member of the link it names: the succession ties the two.
      add('opvolging', pred, p);
      add('opvolging', pred, ds.providerIndex.get(pred));
    }
  }
  for (const g of groups.values()) if (g.members.size >= 2) out.push(g);
  return out;
}

/**
 * Connected components of providers tied by a shared iban_sleutel, adres_sleutel, kvk_nummer or agb_code,
 * a representative who is a hub at each, or a phoenix succession; kept when they hold at least two
 * providers of which at least one has a signal. Holders moving between providers tie nothing.
 */
export function findNetworks(ds: Dataset, signals: readonly Signal[], opts: NetworkOptions): NetworkResult {
  const sets = new DisjointSets(ds.providers.length);
  const links: NetworkLink[] = [];
  const tooBroad: BroadKey[] = [];
  for (const g of candidateLinks(ds, signals)) {
    // A phoenix link always ties two providers; only shared values can be too broad to mean anything.
    if (g.kind !== 'opvolging' && g.members.size > opts.maxSharedProviders) {
      tooBroad.push({ kind: g.kind, key: g.key, providers: g.members.size });
      continue;
    }
    const members = [...g.members];
    for (const m of members) sets.union(members[0], m);
    links.push({ kind: g.kind, key: g.key, providers: members.map((i) => ds.providers[i].id).sort(cmp) });
  }
  const kindOrder = (k: LinkKind) => LINK_KINDS.indexOf(k);
  const byKindKey = (a: { kind: LinkKind; key: string }, b: { kind: LinkKind; key: string }) => kindOrder(a.kind) - kindOrder(b.kind) || cmp(a.key, b.key);
  tooBroad.sort(byKindKey);

  const flagged = new Set<string>();
  for (const s of signals) if (s.provider !== null) flagged.add(s.provider);

  const components = new Map<number, { members: Set<number>; links: NetworkLink[] }>();
  for (const l of links) {
    const idx = l.providers.map((id) => ds.providerIndex.get(id)!);
    const root = sets.find(idx[0]);
    let c = components.get(root);
    if (!c) components.set(root, (c = { members: new Set(), links: [] }));
    for (const i of idx) c.members.add(i);
    c.links.push(l);
  }

  const networks: ProviderNetwork[] = [];
  const networkOf = new Map<string, string>();
  for (const c of components.values()) {
    const members = [...c.members].map((i) => ds.providers[i].id).sort(cmp);
    const memberFlagged = members.filter((m) => flagged.has(m));
    if (members.length < 2 || memberFlagged.length === 0) continue;
    let amount = 0;
    // Summed member by member in id order, so the total does not depend on the order links were found in.
    for (const m of members) {
      const rows = ds.byProvider[ds.providerIndex.get(m)!];
      for (let r = 0; r < rows.length; r++) amount += ds.declarations.amount[rows[r]];
    }
    const id = members[0];
    for (const m of members) networkOf.set(m, id);
    networks.push({ id, members, flagged: memberFlagged, links: c.links.sort(byKindKey), amount: Math.round(amount * 100) / 100 });
  }
  networks.sort((a, b) => cmp(a.id, b.id));
  return { networks, tooBroad, networkOf };
}
