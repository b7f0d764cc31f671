// Reading a run folder (the --out of a scan) back: manifest.json, signals.ndjson and the rankings,
// each validated against the schema its writer uses. Any content that does not fit is RUN_DIR_INVALID
// naming the file (and line), never a half-read run.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { isNotFound, kindError, openErrorReason } from '../ingest/open-errors.js';
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

/** manifest.json, validated; fields a newer tool adds are kept for the caller to ignore or use. */
export function readManifest(runDir: string): ManifestRecord {
  const path = requireFile(runDir, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(`${path}: not readable JSON (${openErrorReason(e)})`, { file: 'manifest.json' });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw invalid(`${path}: ${firstIssue(parsed.error)}`, { file: 'manifest.json' });
  return parsed.data;
}

/** The inputs a scan read, by file name (`declaraties.csv`), with their sha256, from its manifest. */
export function readRunInputs(runDir: string): Map<string, string> {
  return new Map(readManifest(runDir).inputs.map((i) => [`${i.kind}.csv`, i.sha256]));
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
 * Reads a ranking CSV (UTF-8, header first) into rows sorted by rank, ties in file order. Delimited by ','
 * or, from a run with --csv-dialect excel-nl, by ';': the header says which (`rank,` or `rank;`).
 */
export function readRanking(runDir: string, name: string, idColumn: string): RankedRow[] {
  const path = requireFile(runDir, name);
  let records: string[][];
  try {
    const text = readFileSync(path, 'utf8');
    const delimiter = /^\uFEFF?rank;/.test(text) ? ';' : ',';
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
  const rankAt = at('rank');
  const idAt = at(idColumn);
  const indicatorsAt = at('indicators');
  const rows = records.slice(1).map((r, i) => {
    const line = i + 2;
    const rank = Number(r[rankAt]);
    if (!Number.isInteger(rank) || rank < 1) throw invalid(`${path}, line ${line}: rank must be a whole number >= 1, got '${r[rankAt]}'`, { file: name, line });
    const id = r[idAt] ?? '';
    if (id === '') throw invalid(`${path}, line ${line}: ${idColumn} is empty`, { file: name, line });
    const indicators = (r[indicatorsAt] ?? '').split('|').filter((s) => s !== '');
    return { rank, id, indicators, order: i };
  });
  rows.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return rows.map(({ rank, id, indicators }) => ({ rank, id, indicators }));
}
