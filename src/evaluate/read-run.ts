import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { TruthSchema, type Truth } from '../generate/truth.js';
import { isNotFound, kindError, openErrorReason } from '../ingest/open-errors.js';

/** One row of a scan's ranking (providers.csv or budgethouders.csv), in file order. */
export interface RankedRow {
  rank: number;
  id: string;
  indicators: string[];
}

/** Indicators that fired, per provider and per budget holder, as signals.ndjson lists them. */
export interface FiredIndex {
  /** By the signal's provider field, and by entity id for provider signals. */
  byProvider: Map<string, Set<string>>;
  /** By entity id for budget-holder signals. */
  byHolder: Map<string, Set<string>>;
  /** Budget-holder signals without a provider, per holder (attributed to a scheme through its holders). */
  holderOnly: Map<string, Set<string>>;
}

function invalid(message: string, context: Record<string, unknown>): AppError {
  return new AppError('RUN_DIR_INVALID', message, context);
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

/** Reads a ranking CSV (UTF-8, ',' delimited, header first) into rows sorted by rank, ties in file order. */
export function readRanking(runDir: string, name: string, idColumn: string): RankedRow[] {
  const path = requireFile(runDir, name);
  let records: string[][];
  try {
    records = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true }) as string[][];
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

const SignalLine = z.object({
  indicator: z.string().min(1),
  entity: z.object({ kind: z.enum(['provider', 'budgethouder']), id: z.string().min(1) }),
  provider: z.string().nullable(),
  holders: z.array(z.string()),
});

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Streams signals.ndjson: a national run can hold many signals, and only the indicator ids are kept. */
export async function readSignals(runDir: string): Promise<FiredIndex> {
  const path = requireFile(runDir, 'signals.ndjson');
  const index: FiredIndex = { byProvider: new Map(), byHolder: new Map(), holderOnly: new Map() };
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
    const parsed = SignalLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`${path}, line ${line}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: 'signals.ndjson', line });
    }
    const s = parsed.data;
    if (s.provider !== null) add(index.byProvider, s.provider, s.indicator);
    if (s.entity.kind === 'provider') add(index.byProvider, s.entity.id, s.indicator);
    else {
      add(index.byHolder, s.entity.id, s.indicator);
      if (s.provider === null) add(index.holderOnly, s.entity.id, s.indicator);
    }
  }
  return index;
}

export function readTruth(path: string): Truth {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw kindError('EISDIR', path);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('TRUTH_INVALID', `${path}: cannot read the truth file: ${openErrorReason(e)}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('TRUTH_INVALID', `${path}: not valid JSON (${(e as Error).message})`, { path });
  }
  const parsed = TruthSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${path}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new AppError('TRUTH_INVALID', lines.join('\n'), { path });
  }
  return parsed.data;
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

const ManifestInputs = z.object({
  inputs: z.array(z.object({ kind: z.string().min(1), sha256: z.string() })),
});

/** The inputs a scan read, by file name (`declaraties.csv`), with their sha256, from its manifest.json. */
export function readRunInputs(runDir: string): Map<string, string> {
  const path = requireFile(runDir, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(`${path}: not readable JSON (${openErrorReason(e)})`, { file: 'manifest.json' });
  }
  const parsed = ManifestInputs.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: 'manifest.json' });
  }
  return new Map(parsed.data.inputs.map((i) => [`${i.kind}.csv`, i.sha256]));
}
