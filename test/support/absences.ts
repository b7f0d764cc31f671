// Adds an afwezigheden.csv to a fixture dataset, for rules that read absences. Kept apart from fixture.ts,
// like contracts.ts, so that the fixture's own spec stays as it is for the rules that do not need them.
import { buildDataset, type Dataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import type { Absence, AbsenceKind, FileKind } from '../../src/model/types.js';

export const A = 'afwezigheden.csv';

export interface AbsenceSpec {
  holder: string;
  soort: AbsenceKind;
  van: string;
  tot?: string | null;
}

function day(text: string): number {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`absences fixture: bad date ${text}`);
  return d;
}

/** `ds` with these absences, on lines 2, 3, ... of afwezigheden.csv. */
export function withAbsences(ds: Dataset, specs: AbsenceSpec[]): Dataset {
  const absences: Absence[] = specs.map((a, i) => {
    const holder = ds.holderIndex.get(a.holder);
    if (holder === undefined) throw new Error(`absences fixture: unknown holder ${a.holder}`);
    return { line: i + 2, holder, soort: a.soort, van: day(a.van), tot: a.tot ? day(a.tot) : null };
  });
  const filled = new Set(['budgethouder_id', 'soort', 'van']);
  if (specs.some((a) => a.tot)) filled.add('tot');
  const filledAll: Record<FileKind, ReadonlySet<string>> = { ...ds.filled, afwezigheden: filled };
  return buildDataset(
    {
      holders: ds.holders,
      providers: ds.providers,
      declarations: ds.declarations,
      contracts: ds.contracts,
      absences,
      warningRegister: ds.warningRegister,
      files: { ...ds.files, afwezigheden: A },
      filled: filledAll,
    },
    ds.asOf,
  );
}
