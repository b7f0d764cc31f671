// Reading a run folder (the --out of a scan) back: manifest.json, signals.ndjson and the rankings,
// each validated against the schema its writer uses. Any content that does not fit is RUN_DIR_INVALID
// naming the file (and line), never a half-read run.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { csvTextRead } from '../report/csv-format.js';
import { isNotFound, kindError, openErrorReason } from '../ingest/open-errors.js';
import { LINK_KINDS, type LinkKind, type NetworkLink, type ProviderNetwork } from '../networks/networks.js';
import { ManifestSchema, type ManifestRecord } from './manifest-record.js';
import { SignalRecordSchema, type SignalRecord } from './signal-record.js';

/** One row of a scan's ranking (providers.csv or budgethouders.csv), in rank order. */
export interface RankedRow {
  rank: number;
  id: string;
  indicators: string[];
}

function invalid(message: string, context: Record<string, unknown>): AppError {
  return new AppError('RUN_DIR_INVALID', message, context);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}

export function requireRunDir(runDir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(runDir).isDirectory();
  } catch (e) {
    throw invalid(`${runDir}: cannot be opened: ${openErrorReason(e)}; expected the --out directory of a scan`, { runDir });
  }
  if (!isDir) throw invalid(`${runDir}: not a directory; expected the --out directory of a scan`, { runDir });
}

function requireFile(runDir: string, name: string): string {
  const path = join(runDir, name);
  try {
    if (statSync(path).isDirectory()) throw kindError('EISDIR', path);
  } catch (e) {
    if (isNotFound(e)) throw invalid(`${path}: missing; expected the --out directory of a scan`, { runDir, file: name });
    throw invalid(`${path}: cannot be opened: ${openErrorReason(e)}`, { runDir, file: name });
  }
  return path;
}

/**
 * The bytes of a manifest.json as the record its readers use (scan --previous, verify, dossier, toets, ...):
 * one schema for all of them. `json` is the parse as it stands, for verify's field-by-field comparison.
 */
export function parseManifest(bytes: Buffer, path: string, context: Record<string, unknown>): { manifest: ManifestRecord; json: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw invalid(`${path}: not JSON (${(e as Error).message}); not the manifest of a scan.`, { ...context, file: 'manifest.json' });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw invalid(`${path}: ${firstIssue(parsed.error)}; not the manifest of a scan.`, { ...context, file: 'manifest.json' });
  return { manifest: parsed.data, json };
}

/** manifest.json, validated; fields a newer tool adds are kept for the caller to ignore or use. */
export function readManifest(runDir: string): ManifestRecord {
  const path = requireFile(runDir, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw invalid(`${path}: cannot be read (${openErrorReason(e)})`, { file: 'manifest.json' });
  }
  return parseManifest(bytes, path, {}).manifest;
}

/** The inputs a scan read, by file name (`declaraties.csv`), with their sha256, from its manifest. */
export function readRunInputs(runDir: string): Map<string, string> {
  // The decisions file is the analysts', not an export a truth could have generated.
  return new Map(readManifest(runDir).inputs.filter((i) => i.kind !== 'beoordelingen').map((i) => [`${i.kind}.csv`, i.sha256]));
}

/** Streams signals.ndjson, one validated record at a time: a national run can hold many signals. */
export async function* readSignals(runDir: string): AsyncGenerator<SignalRecord> {
  const path = requireFile(runDir, 'signals.ndjson');
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw invalid(`${path}, line ${line}: not JSON (${(e as Error).message})`, { file: 'signals.ndjson', line });
    }
    const parsed = SignalRecordSchema.safeParse(json);
    if (!parsed.success) throw invalid(`${path}, line ${line}: ${firstIssue(parsed.error)}`, { file: 'signals.ndjson', line });
    yield parsed.data;
  }
}

/**
 * A ranking CSV's header and data records, with a lookup of a column's index that names what is missing.
 * Delimited by ',' or, from a run with --csv-dialect excel-nl, by ';' with decimal commas: the header says
 * which (`rank,` or `rank;`).
 */
function readCsvTable(runDir: string, name: string, idColumn: string): { path: string; records: string[][]; at: (column: string) => number; decimalComma: boolean } {
  const path = requireFile(runDir, name);
  let records: string[][];
  let delimiter = ',';
  try {
    const text = readFileSync(path, 'utf8');
    delimiter = /^\uFEFF?rank;/.test(text) ? ';' : ',';
    records = parse(text, { bom: true, skip_empty_lines: true, delimiter }) as string[][];
  } catch (e) {
    throw invalid(`${path}: not a readable CSV (${(e as Error).message})`, { file: name });
  }
  if (records.length === 0) throw invalid(`${path}: empty; expected a header with rank,${idColumn},...`, { file: name });
  const header = records[0];
  const at = (column: string) => {
    const i = header.indexOf(column);
    if (i < 0) throw invalid(`${path}: column '${column}' missing; found ${header.join(', ')}`, { file: name, column });
    return i;
  };
  return { path, records: records.slice(1), at, decimalComma: delimiter === ';' };
}

/** Reads a ranking CSV (UTF-8, header first) into rows sorted by rank, ties in file order. */
export function readRanking(runDir: string, name: string, idColumn: string): RankedRow[] {
  return readRankingWith(runDir, name, idColumn, () => () => ({})).map(({ rank, id, indicators }) => ({ rank, id, indicators }));
}

function readRankingWith<T extends object>(
  runDir: string,
  name: string,
  idColumn: string,
  extra: (at: (column: string) => number, decimalComma: boolean) => (record: string[], line: number, path: string) => T,
): (RankedRow & T)[] {
  const { path, records, at, decimalComma } = readCsvTable(runDir, name, idColumn);
  const rankAt = at('rank');
  const idAt = at(idColumn);
  const indicatorsAt = at('indicators');
  const more = extra(at, decimalComma);
  const rows = records.map((r, i) => {
    const line = i + 2;
    const rank = Number(r[rankAt]);
    if (!Number.isInteger(rank) || rank < 1) throw invalid(`${path}, line ${line}: rank must be a whole number >= 1, got '${r[rankAt]}'`, { file: name, line });
    const id = r[idAt] ?? '';
    if (id === '') throw invalid(`${path}, line ${line}: ${idColumn} is empty`, { file: name, line });
    const indicators = (r[indicatorsAt] ?? '').split('|').filter((s) => s !== '');
    return { ...more(r, line, path), rank, id, indicators, order: i };
  });
  rows.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return rows.map(({ order: _order, ...row }) => row as RankedRow & T);
}

/** A row of providers.csv with what a comparison of two runs needs: name, score and tier too. */
export interface ProviderRow extends RankedRow {
  naam: string;
  score: number;
  tier: string;
}

/**
 * providers.csv in rank order, without the providers an analysts' decision took wholly out of the ranking
 * (`beoordeling` beoordeeld, no tier); a score that is no number or an unknown tier is RUN_DIR_INVALID.
 */
export function readProviderRanking(runDir: string): ProviderRow[] {
  const name = 'providers.csv';
  const rows = readRankingWith(runDir, name, 'zorgverlener_id', (at, decimalComma) => {
    const naamAt = at('naam');
    const scoreAt = at('score');
    const tierAt = at('tier');
    // Runs of output schema 3 and older have no beoordeling column.
    let reviewAt = -1;
    try {
      reviewAt = at('beoordeling');
    } catch {
      reviewAt = -1;
    }
    return (r, line, path) => {
      const score = Number(decimalComma ? (r[scoreAt] ?? '').replace(',', '.') : r[scoreAt]);
      if (r[scoreAt] === '' || !Number.isFinite(score)) throw invalid(`${path}, line ${line}: score must be a number, got '${r[scoreAt]}'`, { file: name, line });
      const tier = r[tierAt] ?? '';
      const setAside = reviewAt >= 0 && r[reviewAt] === 'beoordeeld' && tier === '';
      if (!setAside && !['hoog', 'midden', 'laag'].includes(tier))
        throw invalid(`${path}, line ${line}: tier must be hoog, midden or laag, got '${tier}'`, { file: name, line });
      return { naam: csvTextRead(r[naamAt] ?? ''), score, tier, setAside };
    };
  });
  return rows.filter((r) => !r.setAside).map(({ setAside: _setAside, ...row }) => row);
}

/** zorgverlener_id -> naam from providers.csv, for a person reading a file made from the run. */
export function readProviderNames(runDir: string): Map<string, string> {
  const path = requireFile(runDir, 'providers.csv');
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (e) {
    throw invalid(`${path}: not a readable CSV (${(e as Error).message})`, { file: 'providers.csv' });
  }
  // The writer guards names against formulas with a leading apostrophe; a name is shown, not compared.
  return new Map(records.map((r) => [r.zorgverlener_id ?? '', r.naam ?? '']));
}

/**
 * networks.csv back into networks, as networks-csv.ts wrote them: members and flagged `|`-separated,
 * links `kind=key (providers)`. A line that does not fit is RUN_DIR_INVALID.
 */
export function readNetworks(runDir: string): ProviderNetwork[] {
  const name = 'networks.csv';
  const path = requireFile(runDir, name);
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (e) {
    throw invalid(`${path}: not a readable CSV (${(e as Error).message})`, { file: name });
  }
  // The writer guards a whole field against formulas, not its parts.
  const list = (s: string | undefined) => csvTextRead(s ?? '').split('|').filter((x) => x !== '');
  return records.map((r, i) => {
    const links = list(r.links).map((text): NetworkLink => {
      const m = /^([a-z_]+)=(.*) \(([^()]*)\)$/.exec(text);
      if (m === null || !(LINK_KINDS as readonly string[]).includes(m[1]))
        throw invalid(`${path}, line ${i + 2}: link '${text}' is not kind=key (providers)`, { file: name, line: i + 2 });
      return { kind: m[1] as LinkKind, key: m[2], providers: m[3].split(' ').filter((x) => x !== '') };
    });
    const amount = Number(r.amount);
    if (!Number.isFinite(amount)) throw invalid(`${path}, line ${i + 2}: amount must be a number, got '${r.amount}'`, { file: name, line: i + 2 });
    return { id: csvTextRead(r.netwerk ?? ''), members: list(r.members), flagged: list(r.flagged), links, amount };
  });
}
