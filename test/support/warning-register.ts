// Adds a waarschuwingsregister.csv to a fixture dataset, for rules that read the warning register. Kept apart
// from fixture.ts, as contracts.ts is, so the fixture's spec stays as it is for the other rules.
import { REGISTER_KEY_KINDS, type RegisterKeyKind, type WarningEntry } from '../../src/inputs/waarschuwingsregister.js';
import { buildDataset, type Dataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import type { FileKind } from '../../src/model/types.js';

export const W = 'waarschuwingsregister.csv';

export interface WarningSpec {
  soort: RegisterKeyKind;
  sleutel: string;
  geregistreerdOp: string;
  vervaltOp?: string | null;
  grond?: string | null;
}

function day(text: string): number {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`register fixture: bad date ${text}`);
  return d;
}

/** `ds` with these register entries, on lines 2, 3, ... of waarschuwingsregister.csv, padded as ingest pads them. */
export function withWarningRegister(ds: Dataset, specs: WarningSpec[]): Dataset {
  const entries: WarningEntry[] = specs.map((w, i) => {
    if (!REGISTER_KEY_KINDS.includes(w.soort)) throw new Error(`register fixture: bad kind ${w.soort}`);
    const digits = w.soort === 'kvk_nummer' || w.soort === 'agb_code';
    return {
      line: i + 2,
      kind: w.soort,
      key: digits ? w.sleutel.padStart(8, '0') : w.sleutel,
      registeredOn: day(w.geregistreerdOp),
      expiresOn: w.vervaltOp == null ? null : day(w.vervaltOp),
      ground: w.grond ?? null,
    };
  });
  const filled = new Set(['sleutel_soort', 'sleutel', 'geregistreerd_op']);
  if (specs.some((w) => w.vervaltOp)) filled.add('vervalt_op');
  if (specs.some((w) => w.grond)) filled.add('grond');
  const filledAll: Record<FileKind, ReadonlySet<string>> = { ...ds.filled, waarschuwingsregister: filled };
  return buildDataset({ ...ds, warningRegister: entries, files: { ...ds.files, waarschuwingsregister: W }, filled: filledAll }, ds.asOf);
}
