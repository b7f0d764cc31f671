import type { HolderConcern, ProviderRanking } from '../score/score.js';
import { csvLine } from './csv-format.js';
import { HOLDER_LABEL, renderSignal } from './messages.js';

export const PROVIDER_COLUMNS = ['rank', 'zorgverlener_id', 'naam', 'score', 'tier', 'indicators', 'holders', 'amount', 'top_reason'];
export const HOLDER_COLUMNS = ['rank', 'budgethouder_id', 'label', 'indicators', 'zorgverleners', 'amount', 'top_reason'];

export function providersCsv(providers: ProviderRanking[]): string {
  let out = csvLine(PROVIDER_COLUMNS);
  for (const p of providers)
    out += csvLine([p.rank, p.providerId, p.naam, p.score, p.tier, p.indicators.join('|'), p.holders.length, p.amount, renderSignal(p.top, 'nl')]);
  return out;
}

export function holdersCsv(holders: HolderConcern[]): string {
  let out = csvLine(HOLDER_COLUMNS);
  for (const h of holders)
    out += csvLine([h.rank, h.holderId, HOLDER_LABEL.nl, h.indicators.join('|'), h.providers.join('|'), h.amount, renderSignal(h.top, 'nl')]);
  return out;
}
