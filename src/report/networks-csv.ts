import type { NetworkLink, ProviderNetwork } from '../networks/networks.js';
import { csvHeader, csvLine, type CsvDialect } from './csv-format.js';

export const NETWORK_COLUMNS = ['netwerk', 'members', 'flagged', 'links', 'amount'];

/** `kind=key (ZV1 ZV2)`: what is shared and by whom, one link per `|`-separated part. */
export function linkText(l: NetworkLink): string {
  return `${l.kind}=${l.key} (${l.providers.join(' ')})`;
}

/** networks.csv, line by line: one row per network, ordered by its id (its smallest member id). */
export function* networksCsv(networks: ProviderNetwork[], dialect: CsvDialect = 'rfc4180'): Generator<string> {
  yield csvHeader(NETWORK_COLUMNS, dialect);
  for (const n of networks) yield csvLine([n.id, n.members.join('|'), n.flagged.join('|'), n.links.map(linkText).join('|'), n.amount], dialect);
}
