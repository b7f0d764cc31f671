import type { HolderConcern, ProviderRanking } from '../score/score.js';
import { csvLine } from './csv-format.js';
import { HOLDER_LABEL, renderSignal } from './messages.js';

export const PROVIDER_COLUMNS = ['rank', 'zorgverlener_id', 'naam', 'score', 'tier', 'indicators', 'holders', 'amount', 'top_reason', 'netwerk'];
export const HOLDER_COLUMNS = ['rank', 'budgethouder_id', 'label', 'indicators', 'zorgverleners', 'amount', 'top_reason'];

/** providers.csv, line by line; `netwerk` is the id of the provider's network (networks.csv), empty when none. */
export function* providersCsv(providers: ProviderRanking[], networkOf: ReadonlyMap<string, string> = new Map()): Generator<string> {
  yield csvLine(PROVIDER_COLUMNS);
  for (const p of providers)
    yield csvLine([p.rank, p.providerId, p.naam, p.score, p.tier, p.indicators.join('|'), p.holders.length, p.amount, renderSignal(p.top, 'nl'), networkOf.get(p.providerId) ?? '']);
}

/** budgethouders.csv, line by line. */
export function* holdersCsv(holders: HolderConcern[]): Generator<string> {
  yield csvLine(HOLDER_COLUMNS);
  for (const h of holders)
    yield csvLine([h.rank, h.holderId, HOLDER_LABEL.nl, h.indicators.join('|'), h.providers.join('|'), h.amount, renderSignal(h.top, 'nl')]);
}
