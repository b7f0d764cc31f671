// Adds a zorgovereenkomsten.csv to a fixture dataset, for rules that read care agreements. Kept apart from
// fixture.ts so that the fixture's own spec stays as it is for the rules that do not need agreements.
import { buildDataset, type Dataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import type { CareContract, FileKind, OvereenkomstSoort } from '../../src/model/types.js';

export const C = 'zorgovereenkomsten.csv';

export interface ContractSpec {
  id: string;
  holder: string;
  provider: string;
  soort?: OvereenkomstSoort;
  tarief?: number;
  urenPerWeek?: number;
  /** null: an agreement without a start (dates nothing). */
  start?: string | null;
  eind?: string | null;
}

const CONTRACT_KEYS: Record<string, string> = { soort: 'soort', tarief: 'tarief', urenPerWeek: 'uren_per_week', start: 'start', eind: 'eind' };

function day(text: string | null | undefined): number | null {
  if (text === undefined || text === null) return null;
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`contracts fixture: bad date ${text}`);
  return d;
}

/** `ds` with these agreements, on lines 2, 3, ... of zorgovereenkomsten.csv, and their filled columns. */
export function withContracts(ds: Dataset, specs: ContractSpec[]): Dataset {
  const contracts: CareContract[] = specs.map((c, i) => {
    const holder = ds.holderIndex.get(c.holder);
    const provider = ds.providerIndex.get(c.provider);
    if (holder === undefined || provider === undefined) throw new Error(`contracts fixture: unknown holder/provider in ${c.id}`);
    return {
      id: c.id,
      line: i + 2,
      holder,
      provider,
      soort: c.soort ?? null,
      tarief: c.tarief ?? null,
      urenPerWeek: c.urenPerWeek ?? null,
      start: day(c.start),
      eind: day(c.eind),
    };
  });
  const filled = new Set(['zorgovereenkomst_id', 'budgethouder_id', 'zorgverlener_id']);
  for (const c of specs) for (const [k, v] of Object.entries(c)) if (v !== undefined && CONTRACT_KEYS[k]) filled.add(CONTRACT_KEYS[k]);
  const filledAll: Record<FileKind, ReadonlySet<string>> = { ...ds.filled, zorgovereenkomsten: filled };
  return buildDataset(
    {
      holders: ds.holders,
      providers: ds.providers,
      declarations: ds.declarations,
      contracts,
      files: { ...ds.files, zorgovereenkomsten: C },
      filled: filledAll,
    },
    ds.asOf,
  );
}
