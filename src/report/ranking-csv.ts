import type { HolderConcern, ProviderRanking } from '../score/score.js';
import { csvHeader, csvLine, type CsvDialect } from './csv-format.js';
import { HOLDER_LABEL, renderSignal } from './messages.js';

/** providers.csv's columns in file order, with what each holds (the README's output table). */
export const PROVIDER_COLUMN_DOCS = {
  rank: '1 = highest score; ties ordered by zorgverlener_id',
  zorgverlener_id: 'the provider',
  naam: 'its name from zorgverleners.csv',
  score: '0 to 100 (see "Hoe de score tot stand komt" in report.md)',
  tier: '`hoog`, `midden` or `laag`',
  indicators: 'the indicators that fired, `|`-separated',
  holders: 'number of budget holders involved',
  amount: 'euros in the supporting declarations',
  top_reason: 'the strongest reason, one Dutch sentence with its numbers',
  netwerk: 'the id of the provider\'s network (networks.csv: its smallest member id), empty when none',
};
/** budgethouders.csv's columns in file order: holders of concern, never suspects. */
export const HOLDER_COLUMN_DOCS = {
  rank: '1 = most concern',
  budgethouder_id: 'the budget holder',
  label: 'always `zorgwekkend` (of concern)',
  indicators: 'the indicators involving the holder, `|`-separated',
  zorgverleners: 'the providers involved, `|`-separated',
  amount: 'euros in the supporting declarations',
  top_reason: 'the strongest reason, one Dutch sentence',
};
const PROVIDER_COLUMNS = Object.keys(PROVIDER_COLUMN_DOCS);
const HOLDER_COLUMNS = Object.keys(HOLDER_COLUMN_DOCS);

/** providers.csv, line by line; `netwerk` is the id of the provider's network (networks.csv), empty when none. */
export function* providersCsv(providers: ProviderRanking[], networkOf: ReadonlyMap<string, string> = new Map(), dialect: CsvDialect = 'rfc4180'): Generator<string> {
  yield csvHeader(PROVIDER_COLUMNS, dialect);
  for (const p of providers)
    yield csvLine([p.rank, p.providerId, p.naam, p.score, p.tier, p.indicators.join('|'), p.holders.length, p.amount, renderSignal(p.top, 'nl'), networkOf.get(p.providerId) ?? ''], dialect);
}

/** budgethouders.csv, line by line. */
export function* holdersCsv(holders: HolderConcern[], dialect: CsvDialect = 'rfc4180'): Generator<string> {
  yield csvHeader(HOLDER_COLUMNS, dialect);
  for (const h of holders)
    yield csvLine([h.rank, h.holderId, HOLDER_LABEL.nl, h.indicators.join('|'), h.providers.join('|'), h.amount, renderSignal(h.top, 'nl')], dialect);
}
