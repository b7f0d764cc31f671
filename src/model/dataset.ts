import { NO_DAY, type DayNumber } from './dates.js';
import type { DeclarationTable } from './declaration-table.js';
import type { InputTables } from '../inputs/index.js';
import type { Absence, FileKind, RegisterKeyKind, WarningEntry } from './types.js';

/**
 * What ingest hands on: the accepted rows of each input in its table (holders, providers,
 * declarations, contracts, absences, warningRegister: see src/inputs/), plus which columns carried data.
 */
export interface IngestedData extends InputTables {
  /** Display name of each input as evidence cites it (e.g. "declaraties.csv"), null when not given. */
  files: Record<FileKind, string | null>;
  /** Canonical column names with at least one non-empty accepted value, per file. */
  filled: Record<FileKind, ReadonlySet<string>>;
}

/** The indexed, read-only dataset every indicator computes from. */
export interface Dataset extends IngestedData {
  holderIndex: ReadonlyMap<string, number>;
  providerIndex: ReadonlyMap<string, number>;
  /** Declaration row numbers per provider index, in input order. */
  byProvider: readonly Int32Array[];
  /** Declaration row numbers per holder index, in input order. */
  byHolder: readonly Int32Array[];
  /** Holder indices that declared with each provider, ascending. */
  holdersOfProvider: readonly Int32Array[];
  /** Absences per holder index, by van, then tot (open last), then line; empty without afwezigheden.csv. */
  absencesByHolder: readonly (readonly Absence[])[];
  /** Register entries by key kind and normalised key (registerKey); empty without waarschuwingsregister.csv. */
  warningRegisterByKey: ReadonlyMap<RegisterKeyKind, ReadonlyMap<string, readonly WarningEntry[]>>;
  /** The reference date of the scan. */
  asOf: DayNumber;
}

/**
 * A key as the warning register is matched: KvK and AGB as 8 digits with leading zeros, other keys
 * trimmed and lower-cased. Apply it to a provider's key before looking it up.
 */
export function registerKey(kind: RegisterKeyKind, key: string): string {
  const k = key.trim();
  return kind === 'kvk_nummer' || kind === 'agb_code' ? k.padStart(8, '0') : k.toLowerCase();
}

function absencesByHolder(absences: readonly Absence[] | null, holders: number): Absence[][] {
  const out = Array.from({ length: holders }, (): Absence[] => []);
  for (const a of absences ?? []) out[a.holder].push(a);
  const end = (a: Absence) => a.tot ?? Number.POSITIVE_INFINITY;
  for (const list of out) list.sort((a, b) => a.van - b.van || end(a) - end(b) || a.line - b.line);
  return out;
}

function warningRegisterByKey(entries: readonly WarningEntry[] | null): Map<RegisterKeyKind, Map<string, WarningEntry[]>> {
  const out = new Map<RegisterKeyKind, Map<string, WarningEntry[]>>();
  for (const e of entries ?? []) {
    let byKey = out.get(e.kind);
    if (byKey === undefined) out.set(e.kind, (byKey = new Map()));
    const key = registerKey(e.kind, e.key);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [e]);
    else list.push(e);
  }
  return out;
}

/** Latest day of care in the declarations, or null when there are none. */
export function latestCareDay(table: DeclarationTable): DayNumber | null {
  let max = NO_DAY;
  for (let i = 0; i < table.length; i++) {
    const d = table.periodEnd[i] !== NO_DAY ? table.periodEnd[i] : table.day[i];
    if (d > max) max = d;
  }
  return max === NO_DAY ? null : max;
}

/**
 * The rows of each group, in input order, as views on one array: an array of its own per group
 * costs hundreds of bytes each beside its rows, and a national export has hundreds of thousands.
 */
function groupRows(keys: Int32Array, groups: number): Int32Array[] {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const rows = new Int32Array(keys.length);
  const fill = start.slice(0, groups);
  for (let i = 0; i < keys.length; i++) rows[fill[keys[i]]++] = i;
  return Array.from({ length: groups }, (_, g) => rows.subarray(start[g], start[g + 1]));
}

export function buildDataset(data: IngestedData, asOf: DayNumber): Dataset {
  const holderIndex = new Map<string, number>();
  data.holders.forEach((h, i) => holderIndex.set(h.id, i));
  const providerIndex = new Map<string, number>();
  data.providers.forEach((p, i) => providerIndex.set(p.id, i));
  const t = data.declarations;
  const byProvider = groupRows(t.provider, data.providers.length);
  const byHolder = groupRows(t.holder, data.holders.length);
  // A holder is taken once per provider: seen[h] holds the last provider that took it. Each provider's
  // holders are a view on one array, as the rows are (groupRows): tens of thousands of providers.
  const seen = new Int32Array(data.holders.length).fill(-1);
  const taken = new Int32Array(t.length);
  const from = new Int32Array(data.providers.length + 1);
  let n = 0;
  byProvider.forEach((rows, p) => {
    for (let i = 0; i < rows.length; i++) {
      const h = t.holder[rows[i]];
      if (seen[h] !== p) {
        seen[h] = p;
        taken[n++] = h;
      }
    }
    from[p + 1] = n;
  });
  const pairs = taken.slice(0, n);
  const holdersOfProvider = byProvider.map((_, p) => pairs.subarray(from[p], from[p + 1]).sort());
  const ds: Dataset = {
    ...data,
    holderIndex,
    providerIndex,
    byProvider,
    byHolder,
    holdersOfProvider,
    absencesByHolder: absencesByHolder(data.absences, data.holders.length),
    warningRegisterByKey: warningRegisterByKey(data.warningRegister),
    asOf,
  };
  return Object.freeze(ds);
}
