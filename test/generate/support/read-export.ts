// Reads a generated export back with the dialect it claims, independent of src/ingest,
// so the generator's tests do not lean on the code they feed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dayFromParts } from '../../../src/model/dates.js';

export type Dialect = 'nl' | 'plain';

export interface HolderRow {
  id: string;
  line: number;
  gemeente: string;
  wet: string;
  voorziening: string;
  budget: number;
  start: number;
  eind: number | null;
  address: string;
  rep: string;
  death: number | null;
}

export interface ProviderRow {
  id: string;
  naam: string;
  soort: string;
  kvk: string;
  agb: string;
  kvkStart: number | null;
  address: string;
  iban: string;
  wooninitiatief: boolean;
}

export interface DeclarationRow {
  id: string;
  holder: string;
  provider: string;
  contract: string;
  day: number | null;
  periodStart: number;
  periodEnd: number;
  begin: string;
  end: string;
  hours: number;
  tarief: number;
  amount: number;
}

export interface ExportData {
  holders: HolderRow[];
  providers: ProviderRow[];
  declarations: DeclarationRow[];
  raw: Record<string, string[][]>;
}

export function decode(bytes: Buffer, dialect: Dialect): string {
  return dialect === 'nl' ? new TextDecoder('windows-1252').decode(bytes) : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function readCsv(path: string, dialect: Dialect): string[][] {
  const text = decode(readFileSync(path), dialect);
  return parse(text, { delimiter: dialect === 'nl' ? ';' : ',', relax_column_count: false }) as string[][];
}

export function number(text: string, dialect: Dialect): number {
  const ok = dialect === 'nl' ? /^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/ : /^-?\d+(\.\d{1,2})?$/;
  if (!ok.test(text)) throw new Error(`not a ${dialect} number: '${text}'`);
  return Number(dialect === 'nl' ? text.replaceAll('.', '').replace(',', '.') : text);
}

export function day(text: string, dialect: Dialect): number | null {
  if (text === '') return null;
  const m = dialect === 'nl' ? /^(\d{2})-(\d{2})-(\d{4})$/.exec(text) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a ${dialect} date: '${text}'`);
  const [y, mo, d] = dialect === 'nl' ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const out = dayFromParts(Number(y), Number(mo), Number(d));
  if (out === null) throw new Error(`impossible date '${text}'`);
  return out;
}

function rows(table: string[][]): Record<string, string>[] {
  const [header, ...body] = table;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export function readExport(dir: string, dialect: Dialect): ExportData {
  const raw = {
    budgethouders: readCsv(join(dir, 'budgethouders.csv'), dialect),
    zorgverleners: readCsv(join(dir, 'zorgverleners.csv'), dialect),
    declaraties: readCsv(join(dir, 'declaraties.csv'), dialect),
  };
  const yes = dialect === 'nl' ? 'ja' : 'true';
  const holders = rows(raw.budgethouders).map((r, i) => ({
    id: r.budgethouder_id,
    line: i + 2,
    gemeente: r.gemeente_code,
    wet: r.wet,
    voorziening: r.voorziening,
    budget: number(r.budget_bedrag, dialect),
    start: day(r.budget_start, dialect)!,
    eind: day(r.budget_eind, dialect),
    address: r.adres_sleutel,
    rep: r.vertegenwoordiger_id,
    death: day(r.overlijdensdatum, dialect),
  }));
  const providers = rows(raw.zorgverleners).map((r) => ({
    id: r.zorgverlener_id,
    naam: r.naam,
    soort: r.soort,
    kvk: r.kvk_nummer,
    agb: r.agb_code,
    kvkStart: day(r.kvk_startdatum, dialect),
    address: r.adres_sleutel,
    iban: r.iban_sleutel,
    wooninitiatief: r.wooninitiatief === yes,
  }));
  const declarations = rows(raw.declaraties).map((r) => {
    const d = day(r.zorgdatum, dialect);
    return {
      id: r.declaratie_id,
      holder: r.budgethouder_id,
      provider: r.zorgverlener_id,
      contract: r.zorgovereenkomst_id,
      day: d,
      periodStart: d ?? day(r.periode_start, dialect)!,
      periodEnd: d ?? day(r.periode_eind, dialect)!,
      begin: r.begintijd,
      end: r.eindtijd,
      hours: number(r.uren, dialect),
      tarief: number(r.tarief, dialect),
      amount: number(r.bedrag, dialect),
    };
  });
  return { holders, providers, declarations, raw };
}
