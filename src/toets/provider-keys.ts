// sleutels.csv: per provider of a scan its keys, its end and its place in the ranking, so that
// `pgb-scan toets` can check a prospective provider against a scanned export without reading the export
// again. Keys only as the export has them: KvK and AGB numbers and the pseudonymous account and address keys.
import type { Dataset } from '../model/dataset.js';
import { formatDay, monthIndex, NO_DAY } from '../model/dates.js';
import type { NetworkResult } from '../networks/networks.js';
import { csvLine } from '../report/csv-format.js';
import type { ScoreResult } from '../score/score.js';

export interface ProviderKeys {
  id: string;
  kvk: string | null;
  agb: string | null;
  iban: string | null;
  adres: string | null;
  einddatum: string | null;
  lastCare: string | null;
  /** When the provider stopped, as phoenix-provider reads it: its einddatum, else its last care day before the as-of month. */
  stopped: string | null;
  score: number | null;
  tier: string | null;
  indicators: string[];
  netwerk: string | null;
  /** Analysts' decisions on its signals in this run (besluit, date, and `heropend` when it no longer holds), sorted. */
  decisions: string[];
}

/** sleutels.csv's columns in file order, with what each holds (the README's output table). */
export const PROVIDER_KEY_COLUMN_DOCS = {
  zorgverlener_id: 'every provider of zorgverleners.csv, in id order',
  kvk_nummer: 'as in zorgverleners.csv (8 digits), empty when not given',
  agb_code: 'as in zorgverleners.csv, empty when not given',
  iban_sleutel: 'the pseudonymous account key, empty when not given',
  adres_sleutel: 'the pseudonymous address key, empty when not given',
  einddatum: 'the date the provider stopped, from zorgverleners.csv',
  laatste_zorgdag: 'its last day of care in the declarations, empty when none',
  gestopt_op: 'when it stopped as phoenix-provider reads it: einddatum, else the last day of care when that lies before the as-of month; empty = still declaring',
  score: 'its score in providers.csv, empty without a signal',
  tier: '`hoog`, `midden` or `laag`, empty without a signal',
  indicators: 'the indicators that fired, `|`-separated',
  netwerk: 'its network in networks.csv, empty when none',
  besluiten: 'with `--beoordelingen`: the decisions on its signals, `|`-separated, each `besluit beoordeeld_op` and ` heropend` when it no longer holds (no names, no toelichting); a provider with decisions and no tier was set aside wholly',
};
export const PROVIDER_KEY_COLUMNS = Object.keys(PROVIDER_KEY_COLUMN_DOCS);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const day = (d: number | null) => (d === null || d === NO_DAY ? null : formatDay(d));

export function providerKeys(ds: Dataset, scored: ScoreResult, networks: NetworkResult): ProviderKeys[] {
  const t = ds.declarations;
  const lastCare = new Int32Array(ds.providers.length).fill(NO_DAY);
  for (let r = 0; r < t.length; r++) if (t.periodEnd[r] > lastCare[t.provider[r]]) lastCare[t.provider[r]] = t.periodEnd[r];
  const asOfMonth = monthIndex(ds.asOf);
  const ranked = new Map(scored.providers.map((p) => [p.providerId, p]));
  const decided = new Map<string, Set<string>>();
  for (const sig of scored.signals) {
    if (sig.review === undefined || sig.provider === null) continue;
    const d = `${sig.review.besluit} ${sig.review.beoordeeld_op}${sig.review.status === 'heropend' ? ' heropend' : ''}`;
    const set = decided.get(sig.provider) ?? new Set<string>();
    decided.set(sig.provider, set.add(d));
  }
  return ds.providers
    .map((p, i): ProviderKeys => {
      const r = ranked.get(p.id);
      const last = lastCare[i];
      const stopped = p.einddatum ?? (last === NO_DAY || monthIndex(last) >= asOfMonth ? null : last);
      return {
        id: p.id,
        kvk: p.kvkNummer,
        agb: p.agbCode,
        iban: p.ibanSleutel,
        adres: p.adresSleutel,
        einddatum: day(p.einddatum),
        lastCare: day(last),
        stopped: day(stopped),
        score: r?.score ?? null,
        tier: r?.tier ?? null,
        indicators: r?.indicators ?? [],
        netwerk: networks.networkOf.get(p.id) ?? null,
        decisions: [...(decided.get(p.id) ?? [])].sort(cmp),
      };
    })
    .sort((a, b) => cmp(a.id, b.id));
}

export function* providerKeysCsv(rows: ProviderKeys[]): Generator<string> {
  yield csvLine(PROVIDER_KEY_COLUMNS);
  for (const k of rows)
    yield csvLine([k.id, k.kvk ?? '', k.agb ?? '', k.iban ?? '', k.adres ?? '', k.einddatum ?? '', k.lastCare ?? '', k.stopped ?? '', k.score ?? '', k.tier ?? '', k.indicators.join('|'), k.netwerk ?? '', k.decisions.join('|')]);
}
