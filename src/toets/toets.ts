// A prospective provider checked before a contract: its keys against the warning register and against
// the providers of the latest scan. It lists points to look at ("aandachtspunten"), never a verdict.
import { registerKey } from '../model/dataset.js';
import { formatDay, type DayNumber } from '../model/dates.js';
import { REGISTER_KEY_KINDS, type RegisterKeyKind, type WarningEntry } from '../inputs/waarschuwingsregister.js';
import type { ProviderKeys } from './provider-keys.js';

/** The prospective provider's keys by kind, normalised with registerKey; absent kinds not given. */
export type ProspectKeys = Partial<Record<RegisterKeyKind, string>>;

export type EntryStatus = 'geldig' | 'verlopen' | 'nog-niet-geldig';

export interface RegisterMatch {
  sleutel_soort: RegisterKeyKind;
  sleutel: string;
  status: EntryStatus;
  geregistreerd_op: string;
  vervalt_op: string | null;
  grond: string | null;
  /** The line in the register file. */
  regel: number;
}

export interface SharedProvider {
  zorgverlener_id: string;
  /** The kinds of key it shares with the prospective provider, in REGISTER_KEY_KINDS order. */
  gedeelde_sleutels: RegisterKeyKind[];
  score: number | null;
  tier: string | null;
  indicatoren: string[];
  netwerk: string | null;
  /** When it stopped (einddatum, else its last care before the scan's last month); null = still declaring. */
  gestopt_op: string | null;
  /** A stopped provider sharing a key: the prospective one may be its restart under a new name (phoenix). */
  mogelijke_voorganger: boolean;
  /** Analysts' decisions on its signals in the scan (sleutels.csv `besluiten`). */
  besluiten: string[];
}

export interface ToetsResult {
  peildatum: string;
  sleutels: ProspectKeys;
  register: { bestand: string; vermeldingen: RegisterMatch[]; afgewezen_regels: number } | null;
  scan: { map: string; peildatum: string; zorgverleners: SharedProvider[] } | null;
  /** Register entries plus providers sharing a key: 0 = nothing found. */
  aandachtspunten: number;
}

const KEY_OF: Record<RegisterKeyKind, (k: ProviderKeys) => string | null> = {
  kvk_nummer: (k) => k.kvk,
  agb_code: (k) => k.agb,
  iban_sleutel: (k) => k.iban,
  adres_sleutel: (k) => k.adres,
};

function status(e: WarningEntry, day: DayNumber): EntryStatus {
  if (e.registeredOn > day) return 'nog-niet-geldig';
  return e.expiresOn !== null && e.expiresOn < day ? 'verlopen' : 'geldig';
}

export function registerMatches(prospect: ProspectKeys, entries: readonly WarningEntry[], day: DayNumber): RegisterMatch[] {
  return entries
    .filter((e) => prospect[e.kind] !== undefined && registerKey(e.kind, e.key) === prospect[e.kind])
    .map((e) => ({
      sleutel_soort: e.kind,
      sleutel: e.key,
      status: status(e, day),
      geregistreerd_op: formatDay(e.registeredOn),
      vervalt_op: e.expiresOn === null ? null : formatDay(e.expiresOn),
      grond: e.ground,
      regel: e.line,
    }))
    .sort((a, b) => a.regel - b.regel);
}

/** Providers of the scan sharing at least one key with the prospective provider, in id order (as sleutels.csv). */
export function sharedProviders(prospect: ProspectKeys, providers: readonly ProviderKeys[]): SharedProvider[] {
  const out: SharedProvider[] = [];
  for (const p of providers) {
    const shared = REGISTER_KEY_KINDS.filter((kind) => {
      const mine = prospect[kind];
      const theirs = KEY_OF[kind](p);
      return mine !== undefined && theirs !== null && registerKey(kind, theirs) === mine;
    });
    if (shared.length === 0) continue;
    out.push({
      zorgverlener_id: p.id,
      gedeelde_sleutels: shared,
      score: p.score,
      tier: p.tier,
      indicatoren: p.indicators,
      netwerk: p.netwerk,
      gestopt_op: p.stopped,
      mogelijke_voorganger: p.stopped !== null,
      besluiten: p.decisions,
    });
  }
  return out;
}

export function prospectKeys(given: Partial<Record<RegisterKeyKind, string | null | undefined>>): ProspectKeys {
  const out: ProspectKeys = {};
  for (const kind of REGISTER_KEY_KINDS) {
    const v = given[kind]?.trim();
    if (v !== undefined && v !== '') out[kind] = registerKey(kind, v);
  }
  return out;
}
