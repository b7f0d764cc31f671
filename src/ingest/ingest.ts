import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../errors.js';
import type { IngestedData } from '../model/dataset.js';
import type { DeclarationTable } from '../model/declaration-table.js';
import type { DayNumber } from '../model/dates.js';
import type { InputDefinition } from '../inputs/define.js';
import { SUBMISSION_TIME } from '../inputs/declaraties.js';
import { FILE_KINDS, INPUTS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';
import { REQUIRED_KINDS } from './columns.js';
import { ReadAhead, type Told } from './read-ahead.js';
import { RejectLog } from './reject-log.js';
import type { InputReport, UnhashedReport } from './input-report.js';
import { inputOpenError, kindError } from './open-errors.js';
import { DeclarationWorkers, readDeclarationsInParallel, type PendingHash } from './parallel/read-parallel.js';
import { parallelMinBytes, workerCount } from './parallel/worker-plan.js';
import { checkPlausibility, DEFAULT_PLAUSIBILITY, type PlausibilityLimits } from './plausibility.js';
import { readInput, type ReadInputOptions } from './read-input.js';
import { DeclaratiesReader } from './readers/declaraties.js';
import { KeyedRowReader } from './readers/keyed-rows.js';
import type { AcceptedIds } from './readers/row-reader.js';

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
   * A declarations file (not stdin) of at least this many bytes is read by worker threads.
   * Default PARALLEL_MIN_BYTES when there are two workers or more, else never.
   */
  parallelMinBytes?: number;
  /** Worker threads for a large declarations file (default workerCount(): PGB_SCAN_WORKERS, else one per core); 1 reads it on the main thread. */
  workers?: number;
  /** Told when the declarations were read in byte ranges: how many, and where the second one started. */
  onSplit?: (split: { byte: number; line: number; ranges: number; startedEarly: number }) => void;
  /** Where the rejects go; given by the caller, it keeps the rejects read before an error. */
  rejects?: RejectLog;
  /** The reference date given (--as-of); otherwise derived from the plausible declarations. */
  asOf?: DayNumber | null;
  /** Limits of plausible declarations (default DEFAULT_PLAUSIBILITY). */
  plausibility?: PlausibilityLimits;
  /** Told once the holders and providers are read while worker threads still read the declarations: the main thread waits meanwhile. */
  whileDeclarationsRead?: (tables: Pick<IngestedData, 'holders' | 'providers'>) => void;
}

export interface IngestResult {
  data: IngestedData;
  rejects: RejectLog;
  inputs: InputReport[];
  /** The as-of date given, or derived from the plausible declarations (see plausibility.ts); null without any. */
  asOf: DayNumber | null;
}

/**
 * An ingest result before the declarations file is hashed: a scan runs its indicators meanwhile and
 * awaits hashed() before it makes any output. Its reports are no InputReports (sha256 may be null),
 * so a missing await is a type error, not an empty hash.
 */
export interface UnhashedIngest extends Omit<IngestResult, 'inputs'> {
  inputs: UnhashedReport[];
  /** The result with every report complete; INPUT_UNREADABLE when the declarations could not be hashed. */
  hashed(): Promise<IngestResult>;
}

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
  // A threshold given asks for the parallel read (tests on a one-core machine): two workers at least.
  const count = options.workers ?? Math.max(workerCount(), options.parallelMinBytes === undefined ? 1 : 2);
  if (count < 2) return null;
  const min = options.parallelMinBytes ?? parallelMinBytes();
  const file = await stat(spec.path);
  return file.size >= min ? new DeclarationWorkers(spec.path, displayName(spec), file, count) : null;
}

/**
 * Reads and validates the inputs in the order of src/inputs/index.ts, which puts every input after
 * those its foreign keys reference. Rows with problems become rejects;
 * problems with a whole file are AppErrors.
 */
export async function ingest(inputs: InputSpec[], options: IngestOptions = {}): Promise<IngestResult> {
  return (await ingestUnhashed(inputs, options)).hashed();
}

/** As ingest, with a declarations file read by worker threads still being hashed: see UnhashedIngest. */
export async function ingestUnhashed(inputs: InputSpec[], options: IngestOptions = {}): Promise<UnhashedIngest> {
  const specs = checkSpecs(inputs);
  for (const spec of specs.values()) await checkReadable(spec);
  const rejects = options.rejects ?? new RejectLog();
  const reports: UnhashedReport[] = [];
  let hash: PendingHash | null = null;
  const files = Object.fromEntries(FILE_KINDS.map((k) => [k, specs.has(k) ? displayName(specs.get(k)!) : null])) as Record<FileKind, string | null>;
  const filled = Object.fromEntries(FILE_KINDS.map((k) => [k, new Set<string>()])) as Record<FileKind, Set<string>>;

  const direct: Told = { rejects, reports, onProgress: options.onProgress };
  const read = async (kind: FileKind, reader: ReadInputOptions['reader'], told = direct): Promise<boolean> => {
    const spec = specs.get(kind);
    if (spec === undefined) return false;
    const display = files[kind]!;
    const source = spec.path === '-' ? (options.stdin ?? process.stdin) : createReadStream(spec.path);
    if (spec.path !== '-') told.opened?.(source as ReturnType<typeof createReadStream>);
    const result = await readInput(
      {
        kind,
        name: spec.path,
        display,
        source: source as AsyncIterable<Buffer | string>,
        dialect: options.dialect ?? {},
        mapping: options.columns?.[kind],
        onProgress: told.onProgress,
        reader,
      },
      told.rejects,
    );
    told.reports.push(result.report);
    filled[kind] = result.filled;
    return true;
  };

  const workers = await startWorkers(specs.get('declaraties')!, options);
  // Accepted ids and rows of each input read so far, by input name.
  const ids = new Map<string, AcceptedIds>();
  const tables: Record<string, unknown> = {};
  const readKeyed = async (def: (typeof INPUTS)[number], told = direct): Promise<void> => {
    let reader: KeyedRowReader | null = null;
    const given = await read(def.name, (layout, kit) => (reader = new KeyedRowReader(files[def.name]!, def as InputDefinition, layout, kit, ids)), told);
    const r = reader as KeyedRowReader | null;
    // A file with a header and no rows gives no reader; a required one threw INPUT_EMPTY.
    if (r !== null) ids.set(def.name, r.ids);
    else if (def.required) throw new Error(`internal: ${def.name} not read`);
    tables[def.table] = given ? (r?.rows ?? []) : null;
  };
  // The workers read the declarations at once; the holders and providers they name are resolved
  // once those files are read (see resolveRange). Their rejects, report and failure wait till then.
  let known: (ids: { holders: AcceptedIds; providers: AcceptedIds }) => void = () => undefined;
  // When an input before the declarations fails, the ranges read are given up (their spilled rejects removed).
  let unknown: (why: Error) => void = () => undefined;
  const idsRead = new Promise<{ holders: AcceptedIds; providers: AcceptedIds }>((resolve, reject) => {
    known = resolve;
    unknown = reject;
  });
  // Looked at once the ranges are read, which may be after it is refused.
  idsRead.catch(() => undefined);
  const spec = specs.get('declaraties')!;
  let rangesSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (rangesSent = resolve));
  const inParallel =
    workers === null
      ? null
      : readDeclarationsInParallel(
          {
            path: spec.path,
            name: spec.path,
            display: files.declaraties!,
            dialect: options.dialect ?? {},
            mapping: options.columns?.declaraties,
            onProgress: options.onProgress,
            onRangesSent: () => rangesSent(),
            ids: idsRead,
          },
          workers,
          rejects,
        ).catch((e: unknown) => {
          // The ranges read with the encoding guessed from the start; one read of the whole file can
          // still settle an all-ASCII start as windows-1252 (see ChunkDecoder).
          if (e instanceof AppError && e.code === 'INPUT_ENCODING' && e.context.encoding === 'utf-8' && options.dialect?.encoding === undefined) return null;
          throw e;
        });
  // Awaited after the inputs before the declarations, whose failures come first.
  inParallel?.catch(() => undefined);
  // The workers' ranges are the scan's longest road: they are sent (after the main thread reads the start
  // of the file) before the main thread reads anything else, which would hold up that start.
  if (inParallel !== null) await Promise.race([sent, inParallel.then(() => undefined, () => undefined)]);
  // The inputs after the declarations reference only those before them: while worker threads read the
  // declarations, the main thread reads them (up to one from stdin, which a failed scan must not wait for).
  const after = INPUTS.slice(INPUTS.findIndex((d) => d.name === 'declaraties') + 1);
  const stdinAt = after.findIndex((d) => specs.get(d.name)?.path === '-');
  const ahead = stdinAt < 0 ? after : after.slice(0, stdinAt);
  let early: ReadAhead | null = null;
  const readDeclarations = async (): Promise<DeclarationTable> => {
    const holders = ids.get('budgethouders')!;
    const providers = ids.get('zorgverleners')!;
    let table: DeclarationTable | null = null;
    let declarations: DeclaratiesReader | null = null;
    try {
      if (inParallel !== null) {
        known({ holders, providers });
        options.whileDeclarationsRead?.({ holders: tables.holders as IngestedData['holders'], providers: tables.providers as IngestedData['providers'] });
        early = new ReadAhead(
          ahead.map((d) => d.name),
          rejects,
          (kind, told) => readKeyed(ahead.find((d) => d.name === kind)!, told),
        );
        const parallel = await inParallel;
        if (parallel !== null) {
          reports.push(parallel.report);
          hash = parallel.hash;
          filled.declaraties = parallel.filled;
          table = parallel.table;
          options.onSplit?.({ byte: parallel.split.at, line: parallel.split.lineBase + 1, ranges: parallel.ranges, startedEarly: workers!.startedEarly });
        }
      }
      if (table === null) await read('declaraties', (layout, kit) => (declarations = new DeclaratiesReader(files.declaraties!, layout, kit, holders, providers)));
    } finally {
      await workers?.close();
    }
    if (table !== null) return table;
    const d = declarations as DeclaratiesReader | null;
    if (d === null) throw new Error('internal: declaraties not read');
    return d.build();
  };
  try {
    for (const def of INPUTS) {
      if (def.name === 'declaraties') {
        tables[def.table] = await readDeclarations();
        await (early as ReadAhead | null)?.tell(direct);
      } else if (!(early as ReadAhead | null)?.kinds.includes(def.name)) await readKeyed(def);
    }
  } catch (e) {
    await (early as ReadAhead | null)?.drop();
    await (hash as PendingHash | null)?.stop();
    throw e;
  } finally {
    unknown(new Error('internal: the inputs before the declarations were not read'));
    await workers?.close();
  }
  const table = tables.declarations as DeclarationTable;

  // Hours derived from begintijd/eindtijd are hours all the same: indicators that need uren can run on them.
  if (!filled.declaraties.has('uren')) {
    for (let i = 0; i < table.length; i++)
      if (!Number.isNaN(table.hours[i])) {
        filled.declaraties.add('uren');
        break;
      }
  }
  if (filled.declaraties.has('ingediend_op') && anySubmissionTime(table)) filled.declaraties.add(SUBMISSION_TIME);
  const data = { ...tables, files, filled } as unknown as IngestedData;
  const plausible = checkPlausibility({ data, rejects, inputs: reports }, options.plausibility ?? DEFAULT_PLAUSIBILITY, options.asOf ?? null);
  return unhashed(plausible, hash as PendingHash | null);
}

/**
 * The result with its hashed() made outside ingestUnhashed: a closure there would keep all it captured
 * alive with the result (the id tables of the holders and providers, the promises of the read, about
 * 40 MiB at 10 million rows), through the indicators, which need none of it.
 */
function unhashed(plausible: Omit<UnhashedIngest, 'hashed'>, pending: PendingHash | null): UnhashedIngest {
  return { ...plausible, hashed: async () => ({ ...plausible, inputs: await withHash(plausible.inputs, pending) }) };
}

/** The reports with the declarations' bytes and sha256 from their hash. */
async function withHash(reports: UnhashedReport[], pending: PendingHash | null): Promise<InputReport[]> {
  const hashed = pending === null ? null : await pending.result();
  return reports.map((r) => {
    if (r.sha256 !== null) return { ...r, sha256: r.sha256 };
    if (hashed === null) throw new Error(`internal: ${r.display} has no sha256 and no hash under way`);
    return { ...r, bytes: hashed.bytes, sha256: hashed.sha256 };
  });
}

function anySubmissionTime(t: DeclarationTable): boolean {
  for (let i = 0; i < t.length; i++) if (t.submittedMinute[i] >= 0) return true;
  return false;
}
