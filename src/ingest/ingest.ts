import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { AppError } from '../errors.js';
import type { IngestedData } from '../model/dataset.js';
import type { DeclarationTable } from '../model/declaration-table.js';
import type { DayNumber } from '../model/dates.js';
import { FILE_KINDS, type FileKind } from '../model/types.js';
import { REQUIRED_KINDS } from './contract.js';
import { RejectLog } from './reject-log.js';
import type { HeaderLayout, MappingWarning } from './header.js';
import { inputOpenError, kindError } from './open-errors.js';
import { DeclarationWorkers, PARALLEL_MIN_BYTES, readDeclarationsInParallel } from './parallel/read-parallel.js';
import { checkPlausibility, DEFAULT_PLAUSIBILITY, type PlausibilityLimits } from './plausibility.js';
import { readInput, type ReadInputOptions } from './read-input.js';
import { DeclaratiesReader } from './readers/declaraties.js';
import { KeyedRowReader } from './readers/keyed-rows.js';
import type { AcceptedIds } from './readers/row-reader.js';
import { budgethoudersSchema, toBudgetHolder } from './schemas/budgethouders.js';
import type { FieldKit } from './schemas/fields.js';
import { toCareContract, zorgovereenkomstenSchema } from './schemas/zorgovereenkomsten.js';
import { toProvider, zorgverlenersSchema } from './schemas/zorgverleners.js';

export { REJECT_CODES, type RejectCode } from './reject-codes.js';

export interface InputSpec {
  kind: FileKind;
  /** '-' = stdin */
  path: string;
}

export interface DialectOverrides {
  delimiter?: ';' | ',' | '\t';
  encoding?: 'utf-8' | 'windows-1252';
  decimal?: 'comma' | 'point';
}

export interface IngestOptions {
  /** Flag/config overrides; otherwise detected. */
  dialect?: DialectOverrides;
  /** Source header -> canonical column name, per file. */
  columns?: Partial<Record<FileKind, Record<string, string>>>;
  /** Used for path '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Called every 100k rows. */
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  /**
   * A declarations file (not stdin) of at least this many bytes is read by two worker threads.
   * Default PARALLEL_MIN_BYTES on a machine with two cores or more, else never.
   */
  parallelMinBytes?: number;
  /** Told when the declarations were read in two ranges: where the second one started. */
  onSplit?: (split: { byte: number; line: number }) => void;
  /** Where the rejects go; given by the caller, it keeps the rejects read before an error. */
  rejects?: RejectLog;
  /** The reference date given (--as-of); otherwise derived from the plausible declarations. */
  asOf?: DayNumber | null;
  /** Limits of plausible declarations (default DEFAULT_PLAUSIBILITY). */
  plausibility?: PlausibilityLimits;
}

export type { Reject } from './reject-log.js';

export interface Dialect {
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  delimiter: ';' | ',' | '\t';
  decimal: 'comma' | 'point';
  /** Forms seen, e.g. ['DD-MM-YYYY'], sorted. */
  dateFormats: string[];
  /** False if fully overridden. */
  detected: boolean;
}

export interface InputReport {
  kind: FileKind;
  /** Path as given, '-' for stdin. */
  name: string;
  /** File name used in evidence and rejects: basename of the path, or '<kind>.csv' for stdin. */
  display: string;
  bytes: number;
  sha256: string;
  dialect: Dialect;
  /** Canonical columns found, in header order. */
  columns: string[];
  /** Raw header names not in the contract, in header order. */
  ignoredColumns: string[];
  /** Config `columns` mappings naming a header this file does not have. */
  mappingWarnings: MappingWarning[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface IngestResult {
  data: IngestedData;
  rejects: RejectLog;
  inputs: InputReport[];
  /** The as-of date given, or derived from the plausible declarations (see plausibility.ts); null without any. */
  asOf: DayNumber | null;
}

const holderReader = (file: string, layout: HeaderLayout, kit: FieldKit) =>
  new KeyedRowReader(file, 'budgethouders', 'budgethouder_id', layout, budgethoudersSchema(kit), toBudgetHolder);

const providerReader = (file: string, layout: HeaderLayout, kit: FieldKit) =>
  new KeyedRowReader(file, 'zorgverleners', 'zorgverlener_id', layout, zorgverlenersSchema(kit), toProvider);

const contractReader = (file: string, layout: HeaderLayout, kit: FieldKit, holders: AcceptedIds, providers: AcceptedIds) =>
  new KeyedRowReader(file, 'zorgovereenkomsten', 'zorgovereenkomst_id', layout, zorgovereenkomstenSchema(kit), toCareContract, (row, report) => ({
    holder: holders.resolve('budgethouder_id', row.budgethouder_id, 'UNKNOWN_HOLDER', report),
    provider: providers.resolve('zorgverlener_id', row.zorgverlener_id, 'UNKNOWN_PROVIDER', report),
  }));

function displayName(spec: InputSpec): string {
  return spec.path === '-' ? `${spec.kind}.csv` : basename(spec.path);
}

function checkSpecs(inputs: InputSpec[]): Map<FileKind, InputSpec> {
  const byKind = new Map<FileKind, InputSpec>();
  for (const spec of inputs) {
    if (byKind.has(spec.kind)) throw new AppError('USAGE', `Input ${spec.kind} is given twice (${byKind.get(spec.kind)!.path} and ${spec.path}).`, { kind: spec.kind });
    byKind.set(spec.kind, spec);
  }
  if (inputs.filter((s) => s.path === '-').length > 1)
    throw new AppError('INPUT_STDIN_TWICE', 'Only one input can be read from stdin (-).', { inputs: inputs.filter((s) => s.path === '-').map((s) => s.kind) });
  const missing = REQUIRED_KINDS.filter((k) => !byKind.has(k));
  if (missing.length > 0) throw new AppError('USAGE', `Missing input ${missing.map((k) => `${k}.csv`).join(', ')}.`, { missing });
  return byKind;
}

/**
 * Fails before any reading when a file is missing or cannot be opened, so a long scan does not die
 * at its third file. Opening (not only stat) finds a permission problem that stat does not.
 */
async function checkReadable(spec: InputSpec): Promise<void> {
  if (spec.path === '-') return;
  try {
    const s = await stat(spec.path);
    if (s.isDirectory()) throw kindError('EISDIR', spec.path);
    if (!s.isFile()) throw new AppError('INPUT_UNREADABLE', `${spec.kind}: ${spec.path} is not a regular file.`, { file: spec.path });
    await (await open(spec.path, 'r')).close();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw inputOpenError(e, spec.kind, spec.path);
  }
}

/**
 * Workers for a declarations file large enough to read in two ranges. Started before the smaller
 * inputs are read, they load (and hash the file) meanwhile.
 */
async function startWorkers(spec: InputSpec, options: IngestOptions): Promise<DeclarationWorkers | null> {
  if (spec.path === '-') return null;
  const min = options.parallelMinBytes ?? (availableParallelism() > 1 ? PARALLEL_MIN_BYTES : Number.POSITIVE_INFINITY);
  const { size } = await stat(spec.path);
  return size >= min ? new DeclarationWorkers(spec.path, displayName(spec), size) : null;
}

/**
 * Reads and validates the inputs in the order their foreign keys need: budgethouders and
 * zorgverleners, then declaraties, then zorgovereenkomsten. Rows with problems become rejects;
 * problems with a whole file are AppErrors.
 */
export async function ingest(inputs: InputSpec[], options: IngestOptions = {}): Promise<IngestResult> {
  const specs = checkSpecs(inputs);
  for (const spec of specs.values()) await checkReadable(spec);
  const rejects = options.rejects ?? new RejectLog();
  const reports: IngestResult['inputs'] = [];
  const files = Object.fromEntries(FILE_KINDS.map((k) => [k, specs.has(k) ? displayName(specs.get(k)!) : null])) as Record<FileKind, string | null>;
  const filled = Object.fromEntries(FILE_KINDS.map((k) => [k, new Set<string>()])) as Record<FileKind, Set<string>>;

  const read = async (kind: FileKind, reader: ReadInputOptions['reader']): Promise<boolean> => {
    const spec = specs.get(kind);
    if (spec === undefined) return false;
    const display = files[kind]!;
    const source = spec.path === '-' ? (options.stdin ?? process.stdin) : createReadStream(spec.path);
    const result = await readInput(
      {
        kind,
        name: spec.path,
        display,
        source: source as AsyncIterable<Buffer | string>,
        dialect: options.dialect ?? {},
        mapping: options.columns?.[kind],
        onProgress: options.onProgress,
        reader,
      },
      rejects,
    );
    reports.push(result.report);
    filled[kind] = result.filled;
    return true;
  };

  const workers = await startWorkers(specs.get('declaraties')!, options);
  let holders: ReturnType<typeof holderReader> | null = null;
  let providers: ReturnType<typeof providerReader> | null = null;
  let declarations: DeclaratiesReader | null = null;
  let contracts: ReturnType<typeof contractReader> | null = null;
  let table: DeclarationTable | null = null;
  try {
    await read('budgethouders', (layout, kit) => (holders = holderReader(files.budgethouders!, layout, kit)));
    await read('zorgverleners', (layout, kit) => (providers = providerReader(files.zorgverleners!, layout, kit)));
    const h = holders as ReturnType<typeof holderReader> | null;
    const p = providers as ReturnType<typeof providerReader> | null;
    // Required inputs either produced a reader or threw INPUT_EMPTY.
    if (h === null || p === null) throw new Error('internal: budgethouders or zorgverleners not read');
    if (workers !== null) {
      const spec = specs.get('declaraties')!;
      const parallel = await readDeclarationsInParallel(
        { path: spec.path, name: spec.path, display: files.declaraties!, dialect: options.dialect ?? {}, mapping: options.columns?.declaraties, onProgress: options.onProgress, holders: h.ids, providers: p.ids },
        workers,
        rejects,
      ).catch((e: unknown) => {
        // The ranges read with the encoding guessed from the start; one read of the whole file can
        // still settle an all-ASCII start as windows-1252 (see ChunkDecoder).
        if (e instanceof AppError && e.code === 'INPUT_ENCODING' && e.context.encoding === 'utf-8' && options.dialect?.encoding === undefined) return null;
        throw e;
      });
      if (parallel !== null) {
        reports.push(parallel.report);
        filled.declaraties = parallel.filled;
        table = parallel.table;
        options.onSplit?.({ byte: parallel.split.at, line: parallel.split.lineBase + 1 });
      }
    }
    if (table === null) await read('declaraties', (layout, kit) => (declarations = new DeclaratiesReader(files.declaraties!, layout, kit, h.ids, p.ids)));
  } finally {
    await workers?.close();
  }
  const h = holders as ReturnType<typeof holderReader> | null;
  const p = providers as ReturnType<typeof providerReader> | null;
  const d = declarations as DeclaratiesReader | null;
  if (h === null || p === null) throw new Error('internal: budgethouders or zorgverleners not read');
  if (table === null) {
    if (d === null) throw new Error('internal: declaraties not read');
    table = d.build();
  }
  const given = await read('zorgovereenkomsten', (layout, kit) => (contracts = contractReader(files.zorgovereenkomsten!, layout, kit, h.ids, p.ids)));
  const c = contracts as ReturnType<typeof contractReader> | null;

  // Hours derived from begintijd/eindtijd are hours all the same: indicators that need uren can run on them.
  if (!filled.declaraties.has('uren')) {
    for (let i = 0; i < table.length; i++)
      if (!Number.isNaN(table.hours[i])) {
        filled.declaraties.add('uren');
        break;
      }
  }
  const data: IngestedData = {
    holders: h.rows,
    providers: p.rows,
    declarations: table,
    // A contracts file with a header and no rows gives no reader, and no contracts.
    contracts: given ? (c?.rows ?? []) : null,
    files,
    filled,
  };
  return checkPlausibility({ data, rejects, inputs: reports }, options.plausibility ?? DEFAULT_PLAUSIBILITY, options.asOf ?? null);
}
