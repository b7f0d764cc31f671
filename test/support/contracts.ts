// Adds care agreements (zorgovereenkomsten.csv rows) to a fixture dataset, for rules that date an intake by
// the agreement's start. Lines follow the list order (the header is line 1).
import { buildDataset, type Dataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import type { CareContract } from '../../src/model/types.js';

export interface ContractSpec {
  id: string;
  holder: string;
  provider: string;
  start: string | null;
}

export const C = 'zorgovereenkomsten.csv';

export function withContracts(ds: Dataset, specs: ContractSpec[]): Dataset {
  const contracts: CareContract[] = specs.map((c, i) => {
    const holder = ds.holderIndex.get(c.holder);
    const provider = ds.providerIndex.get(c.provider);
    if (holder === undefined || provider === undefined) throw new Error(`fixture: unknown holder/provider in ${c.id}`);
    return { id: c.id, line: i + 2, holder, provider, soort: null, tarief: null, urenPerWeek: null, start: c.start === null ? null : parseIsoDay(c.start), eind: null };
  });
  return buildDataset(
    {
      ...ds,
      contracts,
      files: { ...ds.files, zorgovereenkomsten: C },
      filled: { ...ds.filled, zorgovereenkomsten: new Set(['zorgovereenkomst_id', 'budgethouder_id', 'zorgverlener_id', 'start']) },
    },
    ds.asOf,
  );
}
