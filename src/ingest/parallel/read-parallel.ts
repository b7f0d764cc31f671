import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../errors.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import type { FileKind } from '../../model/types.js';
import { streamCsv, type ByteDialect } from '../csv-stream.js';
import type { HeaderLayout } from '../header.js';
import type { UnhashedReport } from '../input-report.js';
import { RejectLog, type RejectSink } from '../reject-log.js';
import { InputRecords, isOverridden, PROGRESS_EVERY, type ReadInputOptions } from '../read-input.js';
import type { AcceptedIds } from '../readers/row-reader.js';
import { DateReader } from '../values/date.js';
import type { DecimalMode } from '../values/number.js';
import type { ChunkDecoder, Encoding } from '../encoding.js';
import { mergeRanges, type MergedRanges } from './merge-ranges.js';
import { resolveRange } from './resolve-range.js';
import { tableParts, type FileHash, type RangeJob, type RangeResult, type SerializedError, type WorkerMessage, type WorkerTask } from './protocol.js';
import type { SplitPoint } from './split-point.js';
import { takeWarmWorkers } from './warm-workers.js';
import { declarationWorkerFile } from './worker-plan.js';

function revive(e: SerializedError): Error {
  if (e.app) return new AppError(e.code as ErrorCode, e.message, e.context);
  const error = new Error(e.message);
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

interface Pending {
  resolve(result: unknown): void;
  reject(e: Error): void;
  onRows?: (rowsRead: number) => void;
}

/**
 * Workers for the declarations file (two or more), started before the smaller inputs are read:
 * while those are, one finds where to cut the file. Then each reads one range, and the first
 * hashes the whole file (hashLater) while the main thread merges and runs the indicators.
 */
export class DeclarationWorkers {
  private readonly workers: Worker[] = [];
  // The task each worker is on; a worker answers one task at a time.
  private readonly pending: Array<Pending | null>;
  private readonly answered: Array<Promise<unknown>>;
  // Why a worker can take no more tasks.
  private readonly gone: Array<Error | null>;
  // The worker hashing the file: left running by close(), see hashLater.
  private hashing: Worker | null = null;
  readonly split: Promise<SplitPoint[] | null>;
  /** Workers that were started as the CLI began the scan (warm-workers.ts), not by this. */
  readonly startedEarly: number;

  constructor(
    private readonly path: string,
    private readonly display: string,
    /** The file as the scan began: its size and modification time. */
    private readonly file: { size: number; mtimeMs: number },
    count = 2,
  ) {
    const size = file.size;
    if (count < 2) throw new Error('internal: fewer than two declaration workers');
    this.pending = new Array<Pending | null>(count).fill(null);
    this.answered = new Array<Promise<unknown>>(count).fill(Promise.resolve());
    this.gone = new Array<Error | null>(count).fill(null);
    // Started as the CLI began the scan, when it could tell the file (warm-workers.ts); else now.
    const warm = takeWarmWorkers(path, file, count);
    this.startedEarly = warm.workers.length;
    for (let i = 0; i < count; i++) {
      const w = warm.workers[i] ?? new Worker(declarationWorkerFile());
      w.on('message', (m: WorkerMessage) => {
        const p = this.pending[i];
        if (p === null) return;
        if (m.type === 'progress') return p.onRows?.(m.rowsRead);
        this.pending[i] = null;
        if (m.type === 'done') p.resolve(m.result);
        else p.reject(revive(m.error));
      });
      const fail = (e: Error) => {
        this.gone[i] ??= e;
        this.pending[i]?.reject(e);
        this.pending[i] = null;
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`internal: a declaration worker stopped (exit ${code})`)));
      this.workers.push(w);
    }
    if (warm.split === null) this.split = this.task<SplitPoint[] | null>(1, { task: 'split', path, display, size, parts: count });
    else {
      // Asked as the workers were started; the second worker's next task waits for this answer.
      this.split = warm.split.then((m) => (m.type === 'done' ? (m.result as SplitPoint[] | null) : Promise.reject(revive(m.error))));
      this.answered[1] = this.split;
    }
    // Looked at later, or never when the file is read in one piece after all.
    this.split.catch(() => undefined);
  }

  /**
   * The file's bytes and sha256, hashed by the first worker once its range is read: the hash is needed
   * only by the outputs, and off the reading it runs while the main thread merges and runs the
   * indicators, when the second core is free. The other workers are closed; this one ends once it
   * answers, and does not keep the process alive unless the hash is awaited (PendingHash.result).
   */
  hashLater(): PendingHash {
    if (this.hashing !== null) throw new Error('internal: the declarations are hashed once');
    const worker = this.workers[0];
    this.hashing = worker;
    const hashed = this.task<FileHash>(0, { task: 'hash', path: this.path, display: this.display }).then((h) => {
      // Hashed after the ranges were read: an export still being written (a nightly job started too
      // early), or written again meanwhile, would get a hash of bytes that were never scanned. A change
      // moves the modification time even when it keeps the size (an unchanged file touched counts too).
      const { size, mtimeMs } = this.file;
      if (h.bytes !== size || h.modifiedMs !== mtimeMs) {
        const how = h.bytes !== size ? `${size} bytes when read, ${h.bytes} when hashed` : `modified at ${new Date(h.modifiedMs).toISOString()}, after the scan began`;
        throw new AppError(
          'INPUT_CHANGED',
          `${this.display}: the file changed while it was scanned (${how}); scan it again once the export is complete.`,
          { file: this.display, bytesRead: size, bytesHashed: h.bytes },
        );
      }
      return h;
    });
    const ended = hashed.then(
      () => worker.terminate(),
      () => worker.terminate(),
    );
    worker.unref();
    return new PendingHash(hashed, worker, ended);
  }

  /** Reads the ranges, one per worker; an earlier range's failure comes first, as the whole file's read would have met it first. */
  async read(jobs: RangeJob[], onRows: (rowsRead: number) => void): Promise<RangeResult[]> {
    const counts = jobs.map(() => 0);
    const results = jobs.map((job, i) =>
      this.task<RangeResult>(i, { task: 'range', job }, (rows) => {
        counts[i] = rows;
        onRows(counts.reduce((a, b) => a + b, 0));
      }),
    );
    for (const r of results) r.catch(() => undefined);
    const out: RangeResult[] = [];
    for (const r of results) out.push(await r);
    // The answers stay reachable through the task chain otherwise: a range's table on shared memory
    // is freed only once nothing holds it, and the merge means to free each range as it goes.
    this.answered.fill(Promise.resolve());
    return out;
  }

  /** Ends the workers, but for one hashing the file (see hashLater). */
  async close(): Promise<void> {
    await Promise.all(this.workers.filter((w) => w !== this.hashing).map((w) => w.terminate()));
  }

  /** Sends `task` to worker i once its earlier task is answered. */
  private task<T>(i: number, task: WorkerTask, onRows?: (rowsRead: number) => void): Promise<T> {
    const answered = this.answered[i]
      .catch(() => undefined)
      .then(
        () =>
          new Promise<T>((resolve, reject) => {
            const gone = this.gone[i];
            if (gone !== null) return reject(gone);
            this.pending[i] = { resolve: resolve as (result: unknown) => void, reject, onRows };
            this.workers[i].postMessage(task);
          }),
      );
    this.answered[i] = answered;
    return answered;
  }
}

/** The declarations' hash, computed by a worker thread while the scan goes on. */
export class PendingHash {
  constructor(
    private readonly hashed: Promise<FileHash>,
    private readonly worker: Worker,
    private readonly ended: Promise<unknown>,
  ) {
    // Awaited when the outputs are made, or never when the scan fails before.
    hashed.catch(() => undefined);
  }

  /** The bytes and sha256 of the file; INPUT_UNREADABLE when it could not be read to its end. */
  async result(): Promise<FileHash> {
    // Awaited, the hash keeps the process alive.
    this.worker.ref();
    return this.hashed;
  }

  /** Stops the hashing (its result is not wanted); resolves once the worker has ended. */
  async stop(): Promise<void> {
    await this.worker.terminate();
    await this.ended;
  }
}

export interface ParallelInput {
  path: string;
  name: string;
  display: string;
  dialect: ReadInputOptions['dialect'];
  mapping?: Record<string, string>;
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  /** Told once the ranges are sent to the workers: the main thread's other reads may wait for it (see ingest.ts). */
  onRangesSent?: () => void;
  /** The accepted holders and providers, once read: the ranges are read meanwhile, and resolved by the merge. */
  ids: Promise<{ holders: AcceptedIds; providers: AcceptedIds }>;
}

export interface ParallelRead {
  /** Bytes as cut into ranges (the size when read); the sha256 and the bytes hashed come with hash. */
  report: UnhashedReport;
  hash: PendingHash;
  filled: Set<string>;
  table: DeclarationTable;
  /** Where the second range started. */
  split: SplitPoint;
  ranges: number;
}

/** Thrown by the start read once the sample has decided the decimal mark: the rest is for the workers. */
class SampleTaken extends Error {}

interface FileStart {
  dialect: ByteDialect;
  layout: HeaderLayout;
  decimal: DecimalMode;
  /** Line of the first record after the header. */
  afterHeader: number;
  /** The encoding was still open (all ASCII so far). */
  guessed: boolean;
}

/**
 * Reads the start of the file as the single read does, up to the decision on the decimal mark:
 * encoding, delimiter, header and decimal mark then hold for both ranges. Null when the file ends
 * before that; such a file is read in one piece.
 */
async function readStart(o: ParallelInput): Promise<FileStart | null> {
  let dialect: ByteDialect | null = null;
  let afterHeader = -1;
  let decoder: ChunkDecoder | null = null;
  const records = new InputRecords({
    kind: 'declaraties',
    display: o.display,
    mapping: o.mapping,
    decimal: o.dialect.decimal,
    rejects: [],
    reader: () => {
      throw new SampleTaken();
    },
  });
  try {
    await streamCsv(createReadStream(o.path), o.display, o.dialect, {
      start: (d) => {
        dialect = d;
        records.start(d);
      },
      record: (fields, line, badBytes) => {
        if (records.layout !== null && afterHeader < 0) afterHeader = line;
        records.record(fields, line, badBytes);
      },
      // The byte tokenizer, as the whole file's read would use: no csv-parse to load and run here.
      recordBytes: (rec, badBytes) => {
        if (records.layout !== null && afterHeader < 0) afterHeader = rec.line;
        records.recordBytes(rec, badBytes);
      },
    }, { onDecoder: (d) => (decoder = d), bytes: true });
    return null;
  } catch (e) {
    if (!(e instanceof SampleTaken)) throw e;
  }
  const d = decoder as ChunkDecoder | null;
  if (d === null) throw new Error('internal: no decoder at the start of the file');
  return { dialect: { ...dialect!, encoding: d.encoding }, layout: records.layout!, decimal: records.decimal!, afterHeader, guessed: d.verdict === 'ascii' };
}

/**
 * The encoding of the file from its ranges, when each range read it as one read of the whole file
 * would have; null when not, and the file is read in one piece. A range decides an open encoding on
 * its own bytes: when the first range found none beyond ASCII, the second decides as the whole
 * read would; when the first decided, the second must have been all ASCII or decided alike (a
 * second range that found no UTF-8 where the first found some, or the other way round, would
 * have been read differently).
 */
function rangesEncoding(a: EncodingOf, b: EncodingOf): EncodingOf | null {
  if (a.verdict === 'given' || a.verdict === 'ascii' || b.verdict === 'ascii' || a.encoding === b.encoding) return a.verdict === 'ascii' ? b : a;
  return null;
}

type EncodingOf = Pick<RangeResult, 'encoding' | 'verdict'>;

/**
 * Reads the declarations file in byte ranges, one per worker, with the same result as one read of
 * the whole file: same rows in the same order, same rejects, counts and report. Null when the
 * file cannot be split safely (see findSplitPoints, readStart); the caller then reads it in one piece.
 */
export async function readDeclarationsInParallel(o: ParallelInput, workers: DeclarationWorkers, rejects: RejectSink): Promise<ParallelRead | null> {
  const start = await readStart(o);
  if (start === null) return null;
  const { size } = await stat(o.path);
  const points = await workers.split;
  if (points === null || points[0].lineBase + 1 < start.afterHeader) return null;

  // Room for every row in the first range, so each later range is appended in place. Rows are
  // estimated from the line ends before the first cut; room never written costs no memory.
  const perLine = points[0].at / Math.max(1, points[0].lineBase);
  const rowsIn = (bytes: number) => Math.ceil((bytes / perLine) * 1.1) + 1024;
  const common = { path: o.path, display: o.display, size, dialect: start.dialect, layout: start.layout, decimal: start.decimal };
  const cuts = [{ at: 0, lineBase: 0 }, ...points];
  const jobs: RangeJob[] = cuts.map((c, k) => {
    const end = k + 1 < cuts.length ? cuts[k + 1].at : size;
    return { ...common, start: c.at, end, lineBase: c.lineBase, guessed: start.guessed, first: k === 0, capacity: k === 0 ? points[0].lineBase + rowsIn(size - points[0].at) : rowsIn(end - c.at) };
  });
  // Progress of the declarations is told once the inputs read before them are: their order on the log.
  let shown = 0;
  let rows = 0;
  let telling = false;
  const tell = () => {
    const step = Math.floor(rows / PROGRESS_EVERY) * PROGRESS_EVERY;
    if (telling && step > shown) o.onProgress?.('declaraties', (shown = step));
  };
  const ids = o.ids.then((known) => {
    telling = true;
    tell();
    return known;
  });
  ids.catch(() => undefined);
  const reading = workers.read(jobs, (rowsRead) => {
    rows = rowsRead;
    tell();
  });
  // Queued after the first range: it starts as soon as that is read, often while a later one still is.
  const hash = workers.hashLater();
  o.onRangesSent?.();
  try {
    const read = await reading;
    let encoding: EncodingOf | null = read[0];
    for (let k = 1; k < read.length && encoding !== null; k++) encoding = rangesEncoding(encoding, read[k]);
    if (encoding === null) {
      await hash.stop();
      return dropAll(read);
    }
    // Their heaps go before the merge adds each range to the first; the hashing one's with its answer.
    await workers.close();
    const merged = await mergeRead(o, read, ids, rejects);
    if (merged === null) {
      await hash.stop();
      return null;
    }
    const { table, rowsRead, rowsAccepted, rowsRejected, repeatedHeaders, filled, dateForms } = merged.merged;
    const dates = new DateReader();
    dates.addSeen(dateForms);
    return {
      report: {
        kind: 'declaraties',
        name: o.name,
        display: o.display,
        bytes: size,
        sha256: null,
        dialect: { ...start.dialect, encoding: encoding.encoding, decimal: start.decimal.mark, dateFormats: dates.formats(), detected: !isOverridden(o.dialect) },
        columns: start.layout.columns,
        ignoredColumns: start.layout.ignored,
        mappingWarnings: start.layout.unusedMappings,
        rowsRead,
        rowsAccepted,
        rowsRejected,
        rowsUnmatched: 0,
        repeatedHeaders,
      },
      hash,
      filled,
      table,
      split: points[0],
      ranges: merged.ranges,
    };
  } catch (e) {
    await hash.stop();
    throw e;
  }
}

/** Resolves the ranges read against the holders and providers and merges them; null when the file must be read in one piece. */
async function mergeRead(
  o: ParallelInput,
  read: RangeResult[],
  ids: Promise<{ holders: AcceptedIds; providers: AcceptedIds }>,
  rejects: RejectSink,
): Promise<{ merged: MergedRanges; ranges: number } | null> {
  const { holders, providers } = await ids.catch((e: unknown) => {
    dropAll(read);
    throw e;
  });
  const results: RangeResult[] = [];
  for (let k = 0; k < read.length; k++) {
    const resolved = resolveRange(read[k], holders, providers, o.display);
    if (resolved === null) return dropAll(read.slice(k + 1), results);
    results.push(resolved);
  }
  read.length = 0;
  // Ranges are merged one after another into the first; rejects of all but the last merge wait in a log.
  // Each range is let go once merged: its table lives on shared memory, freed only when nothing holds it
  // (at 10 million rows, half the table), and its rows are in the first range's room now.
  const ranges = results.length;
  const pending: Array<RangeResult | null> = results.splice(1);
  let acc = results[0];
  let merged: MergedRanges | null = null;
  for (let k = 0; k < pending.length; k++) {
    const last = k === pending.length - 1;
    const log = last ? null : new RejectLog();
    merged = await mergeRanges(acc, pending[k]!, o.display, log ?? rejects);
    pending[k] = null;
    if (merged === null) {
      log?.close();
      for (const r of pending.slice(k + 1)) RejectLog.adopt(r!.rejects).close();
      return null;
    }
    if (log !== null) acc = { ...acc, ...asRange(merged), rejects: log.handOver() };
  }
  if (merged === null) throw new Error('internal: fewer than two ranges');
  return { merged, ranges };
}

/** Gives up on ranges read: their spilled rejects are removed. */
function dropAll(...ranges: RangeResult[][]): null {
  for (const r of ranges.flat()) RejectLog.adopt(r.rejects).close();
  return null;
}

/** A merge of ranges as the first range of the next merge. */
function asRange(m: MergedRanges): Omit<RangeResult, 'rejects' | 'encoding' | 'verdict' | 'trail'> {
  return { table: tableParts(m.table), deferred: null, idsInOrder: m.idsInOrder, rowsRead: m.rowsRead, rowsAccepted: m.rowsAccepted, rowsRejected: m.rowsRejected, repeatedHeaders: m.repeatedHeaders, filled: [...m.filled], dateForms: m.dateForms };
}
