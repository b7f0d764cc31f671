// overzicht.xlsx: the CSV outputs and the inputs' account as one workbook for Excel, with amounts as
// euros, dates as dates and every input text stored as text (a string cell, never a formula).
import type { Reject } from '../ingest/reject-log.js';
import type { DayNumber } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import type { HolderConcern, ProviderRanking, ScoredSignal } from '../score/score.js';
import type { InputReport } from '../ingest/input-report.js';
import { HOLDER_LABEL, renderSignal } from './messages.js';
import { providerRecords, sindsVorige } from './ranking-csv.js';
import type { XlsxThread } from './xlsx-thread.js';
import { xlsxBytes, type CellValue, type SheetColumn, type SheetSpec } from './xlsx-writer.js';

const text = (header: string, width: number): SheetColumn => ({ header, kind: 'text', width });
const integer = (header: string, width = 10): SheetColumn => ({ header, kind: 'integer', width });
const decimal = (header: string, width = 10): SheetColumn => ({ header, kind: 'number', width });
const euro = (header: string): SheetColumn => ({ header, kind: 'euro', width: 16 });
const date = (header: string): SheetColumn => ({ header, kind: 'date', width: 12 });


/** Same columns as budgethouders.csv: holders of concern, never suspects. */
function* holderRows(holders: HolderConcern[]): Generator<CellValue[]> {
  for (const h of holders) yield [h.rank, h.holderId, HOLDER_LABEL.nl, h.indicators.join('|'), h.providers.join('|'), h.amount, renderSignal(h.top, 'nl')];
}

/** One row per signal of signals.ndjson; evidence as `file:line` (the cell cuts a very long list, with a mark). */
function* signalRows(signals: ScoredSignal[]): Generator<CellValue[]> {
  for (const s of signals)
    yield [
      s.indicator,
      s.version,
      s.key,
      s.entity.kind,
      s.entity.id,
      s.provider ?? '',
      s.holders.join('|'),
      s.weight,
      s.strength,
      s.contribution,
      s.amount,
      renderSignal(s, 'nl'),
      s.evidence.map((e) => `${e.file}:${e.line}`).join(', '),
    ];
}

function* rejectRows(rejects: Iterable<Reject>): Generator<CellValue[]> {
  for (const r of rejects) yield [r.file, r.line, r.column, r.value, r.code, r.message];
}

function* inputRows(inputs: InputReport[], asOf: DayNumber): Generator<CellValue[]> {
  for (const i of inputs) {
    const d = i.dialect;
    yield [
      i.kind,
      i.display,
      i.bytes,
      i.sha256,
      (d.delimiter === '\t' ? 'tab' : d.delimiter) + (d.sepLine ? ' (sep=)' : ''),
      d.encoding + (d.bom ? ' (BOM)' : ''),
      d.decimal,
      d.dateFormats.join(', '),
      i.rowsRead,
      i.rowsAccepted,
      i.rowsRejected,
      i.rowsUnmatched,
      i.repeatedHeaders.count,
      i.ignoredColumns.join('|'),
      asOf,
    ];
  }
}

/** overzicht.xlsx's sheets in workbook order, with what each holds (the README's output table). */
export const XLSX_SHEET_DOCS = {
  Zorgverleners: 'sheet: the columns of providers.csv; amount in euros, numbers as numbers',
  'Budgethouders (zorgwekkend)': 'sheet: the columns of budgethouders.csv',
  Signalen: 'sheet: one row per signal of signals.ndjson (indicator, version, key, entity, entity_id, provider, holders, weight, strength, contribution, amount, message in Dutch, evidence as `file:line`)',
  Afgewezen: 'sheet: the columns of rejects.csv',
  Invoer: 'sheet: per input its kind, file, bytes, sha256, dialect, rows read, accepted, rejected and unmatched, repeated header rows skipped, ignored columns, and the as-of date (a date cell)',
};

/** The sheets in workbook order; each continues on `<name> 2`, ... past maxRows rows. */
export function overzichtSheets(run: RunResult): SheetSpec[] {
  return [
    {
      name: 'Zorgverleners',
      columns: [
        integer('rank', 7),
        text('zorgverlener_id', 16),
        text('naam', 30),
        decimal('score', 8),
        text('tier', 8),
        text('indicators', 40),
        integer('holders', 9),
        euro('amount'),
        text('top_reason', 80),
        text('netwerk', 16),
        text('sinds_vorige', 12),
        text('beoordeling', 16),
      ],
      // The records of providers.csv, so the sheet and the file never differ.
      rows: providerRecords(run.scored.providers, run.networks.networkOf, sindsVorige(run), run.decisions),
    },
    {
      name: 'Budgethouders (zorgwekkend)',
      columns: [integer('rank', 7), text('budgethouder_id', 16), text('label', 13), text('indicators', 40), text('zorgverleners', 30), euro('amount'), text('top_reason', 80)],
      rows: holderRows(run.scored.holders),
    },
    {
      name: 'Signalen',
      columns: [
        text('indicator', 28),
        integer('version', 8),
        text('key', 50),
        text('entity', 13),
        text('entity_id', 16),
        text('provider', 16),
        text('holders', 30),
        decimal('weight', 8),
        decimal('strength', 9),
        decimal('contribution', 12),
        euro('amount'),
        text('message', 80),
        text('evidence', 40),
      ],
      rows: signalRows(run.scored.signals),
    },
    {
      name: 'Afgewezen',
      columns: [text('file', 22), integer('line', 9), text('column', 22), text('value', 30), text('code', 22), text('message', 70)],
      rows: rejectRows(run.rejects),
    },
    {
      name: 'Invoer',
      columns: [
        text('invoer', 20),
        text('bestand', 26),
        integer('bytes', 12),
        text('sha256', 66),
        text('scheidingsteken', 15),
        text('codering', 20),
        text('decimaal', 9),
        text('datumvormen', 24),
        integer('rijen_gelezen', 14),
        integer('geaccepteerd', 13),
        integer('afgewezen', 11),
        integer('niet_gekoppeld', 14),
        integer('herhaalde_kopregels', 19),
        text('genegeerde_kolommen', 30),
        date('peildatum'),
      ],
      rows: inputRows(run.inputs, run.asOf),
    },
  ];
}

/**
 * overzicht.xlsx as bytes while it is zipped, in thread when given (the same bytes); maxRows (rows per
 * sheet, header included) is Excel's unless a test makes it small.
 */
export function overzichtXlsx(run: RunResult, options: { maxRows?: number; thread?: XlsxThread } = {}): AsyncGenerator<Uint8Array> {
  const { thread, ...rest } = options;
  return thread === undefined ? xlsxBytes(overzichtSheets(run), rest) : thread.bytes(overzichtSheets(run), rest);
}
