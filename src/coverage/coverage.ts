// What an export allows before a scan: which indicators can run, and how full each column is. Computed
// from the accepted rows, so it counts the values the indicators see.
import type { RunConfig, IndicatorSettings } from '../config/schema.js';
import type { MappingWarning } from '../ingest/header.js';
import type { IngestResult } from '../ingest/ingest.js';
import { INPUT_COLUMNS, REQUIRED_COLUMNS } from '../ingest/columns.js';
import { INDICATORS } from '../indicators/index.js';
import { buildDataset, type Dataset } from '../model/dataset.js';
import { NO_DAY } from '../model/dates.js';
import { FILE_KINDS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';
import { WORDING } from '../report/wording.js';
import { missingRequirement } from '../pipeline.js';

export interface IndicatorCoverage {
  id: string;
  enabled: boolean;
  /** Enabled and its files and columns carry data. */
  applicable: boolean;
  /** Why not (Dutch), null when applicable. */
  reason: string | null;
  requires: { file: FileKind; columns: string[] }[];
}

export interface ColumnCoverage {
  file: FileKind;
  column: string;
  required: boolean;
  /** The column is in the file's header (after the config's columns mapping). */
  present: boolean;
  /** Accepted rows with a usable value. */
  filled: number;
  accepted: number;
  /** filled / accepted, rounded to 4 decimals; 0 for a file without accepted rows. */
  fillRate: number;
}

export interface CoverageReport {
  inputs: { file: FileKind; display: string; rowsRead: number; rowsAccepted: number; rowsRejected: number; mappingWarnings: MappingWarning[] }[];
  indicators: IndicatorCoverage[];
  columns: ColumnCoverage[];
}

type Count = (ds: Dataset) => number;

const count = <T>(rows: readonly T[], has: (r: T) => boolean) => rows.reduce((n, r) => n + (has(r) ? 1 : 0), 0);
const holders = (has: (h: Dataset['holders'][number]) => boolean): Count => (ds) => count(ds.holders, has);
const providers = (has: (p: Dataset['providers'][number]) => boolean): Count => (ds) => count(ds.providers, has);
const contracts = (has: (c: NonNullable<Dataset['contracts']>[number]) => boolean): Count => (ds) => count(ds.contracts ?? [], has);
function declarations(has: (t: Dataset['declarations'], r: number) => boolean): Count {
  return (ds) => {
    let n = 0;
    for (let r = 0; r < ds.declarations.length; r++) if (has(ds.declarations, r)) n++;
    return n;
  };
}

/**
 * Non-empty values per optional column, as the accepted rows carry them. Required columns are full by
 * definition (an empty one is a reject). Hours derived from begintijd/eindtijd count for uren, and the
 * periode columns count on period declarations only (zorgdatum wins when both are given), as the indicators read them.
 */
const OPTIONAL_COUNTS: Record<FileKind, Record<string, Count>> = {
  budgethouders: {
    budget_eind: holders((h) => h.budgetEind !== null),
    indicatie_uren_per_week: holders((h) => h.indicatieUrenPerWeek !== null),
    geboortejaar: holders((h) => h.geboortejaar !== null),
    adres_sleutel: holders((h) => h.adresSleutel !== null),
    vertegenwoordiger_id: holders((h) => h.vertegenwoordigerId !== null),
    ingeschreven_sinds: holders((h) => h.ingeschrevenSinds !== null),
    overlijdensdatum: holders((h) => h.overlijdensdatum !== null),
  },
  zorgverleners: {
    naam: providers((p) => p.naam !== null && p.naam !== ''),
    kvk_nummer: providers((p) => p.kvkNummer !== null),
    agb_code: providers((p) => p.agbCode !== null),
    kvk_startdatum: providers((p) => p.kvkStartdatum !== null),
    einddatum: providers((p) => p.einddatum !== null),
    adres_sleutel: providers((p) => p.adresSleutel !== null),
    iban_sleutel: providers((p) => p.ibanSleutel !== null),
    wooninitiatief: providers((p) => p.wooninitiatief !== null),
  },
  declaraties: {
    zorgovereenkomst_id: declarations((t, r) => t.contractId.get(r) !== ''),
    overeenkomst_soort: declarations((t, r) => t.agreementKind[r] !== 0),
    zorgdatum: declarations((t, r) => t.day[r] !== NO_DAY),
    periode_start: declarations((t, r) => t.day[r] === NO_DAY),
    periode_eind: declarations((t, r) => t.day[r] === NO_DAY),
    begintijd: declarations((t, r) => t.beginMinute[r] >= 0),
    eindtijd: declarations((t, r) => t.endMinute[r] >= 0),
    uren: declarations((t, r) => !Number.isNaN(t.hours[r])),
    tarief: declarations((t, r) => !Number.isNaN(t.tariff[r])),
    ingediend_op: declarations((t, r) => t.submittedDay[r] !== NO_DAY),
  },
  afwezigheden: {
    tot: (ds) => count(ds.absences ?? [], (a) => a.tot !== null),
  },
  waarschuwingsregister: {
    vervalt_op: (ds) => count(ds.warningRegister ?? [], (e) => e.expiresOn !== null),
    grond: (ds) => count(ds.warningRegister ?? [], (e) => e.ground !== null && e.ground !== ''),
  },
  zorgovereenkomsten: {
    soort: contracts((c) => c.soort !== null),
    tarief: contracts((c) => c.tarief !== null),
    uren_per_week: contracts((c) => c.urenPerWeek !== null),
    start: contracts((c) => c.start !== null),
    eind: contracts((c) => c.eind !== null),
  },
};

function acceptedRows(ds: Dataset, file: FileKind): number {
  if (file === 'budgethouders') return ds.holders.length;
  if (file === 'zorgverleners') return ds.providers.length;
  if (file === 'declaraties') return ds.declarations.length;
  if (file === 'afwezigheden') return ds.absences?.length ?? 0;
  if (file === 'waarschuwingsregister') return ds.warningRegister?.length ?? 0;
  return ds.contracts?.length ?? 0;
}

export function coverage(ingested: IngestResult, config: RunConfig): CoverageReport {
  // The as-of date plays no part in applicability; a dataset needs one all the same.
  const ds = buildDataset(ingested.data, ingested.asOf ?? 0);
  const settings = config.indicators as Record<string, IndicatorSettings>;
  const indicators = INDICATORS.map((ind): IndicatorCoverage => {
    const enabled = settings[ind.id].enabled;
    const missing = missingRequirement(ind, ds);
    const reason = !enabled ? WORDING.nl.notRun({ kind: 'disabled' }) : missing === null ? null : WORDING.nl.notRun(missing);
    return { id: ind.id, enabled, applicable: reason === null, reason, requires: ind.requires.map((r) => ({ file: r.file, columns: [...r.columns] })) };
  });
  const columns: ColumnCoverage[] = [];
  for (const file of FILE_KINDS) {
    const input = ingested.inputs.find((i) => i.kind === file);
    if (input === undefined) continue;
    const accepted = acceptedRows(ds, file);
    for (const column of INPUT_COLUMNS[file]) {
      const required = REQUIRED_COLUMNS[file].includes(column);
      const counter = OPTIONAL_COUNTS[file][column];
      const filled = counter === undefined ? accepted : counter(ds);
      const present = input.columns.includes(column);
      columns.push({ file, column, required, present, filled, accepted, fillRate: accepted === 0 ? 0 : Math.round((filled / accepted) * 10000) / 10000 });
    }
  }
  const inputs = ingested.inputs.map((i) => ({ file: i.kind, display: i.display, rowsRead: i.rowsRead, rowsAccepted: i.rowsAccepted, rowsRejected: i.rowsRejected, mappingWarnings: i.mappingWarnings }));
  return { inputs, indicators, columns };
}
