import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../errors.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import type { FileKind } from '../../model/types.js';
import { streamCsv, type ByteDialect } from '../csv-stream.js';
import type { HeaderLayout } from '../header.js';
import type { InputReport } from '../input-report.js';
import type { RejectSink } from '../reject-log.js';
import { InputRecords, isOverridden, PROGRESS_EVERY, type ReadInputOptions } from '../read-input.js';
import type { AcceptedIds } from '../readers/row-reader.js';
import { DateReader } from '../values/date.js';
import type { DecimalMode } from '../values/number.js';
import type { ChunkDecoder, Encoding } from '../encoding.js';
import { mergeRanges } from './merge-ranges.js';
import type { FileHash, RangeJob, RangeResult, SerializedError, WorkerMessage, WorkerTask } from './protocol.js';
import type { SplitPoint } from './split-point.js';

/**
 * Declaration files from this size up are read by two worker threads, one per half: csv-parse is
 * most of a scan and uses one core. Below it, starting the threads costs about what they save
 * (measured on 2 cores with 28k budget holders: even at 15 MB, 25% faster at 40 MB).
 */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** Where the worker script is. Tests run this module from src/, where a worker cannot load TypeScript: they use the build. */
function workerFile(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./declaration-worker.js', import.meta.url);
  const built = new URL(import.meta.url.replace(/\/src\/ingest\/parallel\/read-parallel\.ts$/, '/dist/ingest/parallel/declaration-worker.js'));
  if (!existsSync(built)) throw new Error(`internal: ${fileURLToPath(built)} is missing; run npm run build`);
  return built;
}

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
 * Two workers for the declarations file, started before the smaller inputs are read: while those
 * are, one hashes the file and the other finds where to split it. Then each reads one range.
 */
export class DeclarationWorkers {
  private readonly workers: Worker[] = [];
  // The task each worker is on; a worker answers one task at a time.
  private readonly pending: Array<Pending | null> = [null, null];
  private readonly answered: Array<Promise<unknown>> = [Promise.resolve(), Promise.resolve()];
  // Why a worker can take no more tasks.
  private readonly gone: Array<Error | null> = [null, null];
  readonly hashed: Promise<FileHash>;
  readonly split: Promise<SplitPoint | null>;

  constructor(path: string, display: string, size: number) {
    for (let i = 0; i < 2; i++) {
      const w = new Worker(workerFile());
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
    this.hashed = this.task<FileHash>(0, { task: 'hash', path, display });
    this.split = this.task<SplitPoint | null>(1, { task: 'split', path, display, size });
    // Looked at later, or never when the file is read in one piece after all.
    this.hashed.catch(() => undefined);
    this.split.catch(() => undefined);
  }

  /** Reads the ranges; the first range's failure comes first, as the whole file's read would have met it first. */
  async read(jobs: [RangeJob, RangeJob], onRows: (rowsRead: number) => void): Promise<[RangeResult, RangeResult]> {
    const counts = [0, 0];
    const [first, second] = jobs.map((job, i) =>
      this.task<RangeResult>(i, { task: 'range', job }, (rows) => {
        counts[i] = rows;
        onRows(counts[0] + counts[1]);
      }),
    );
    second.catch(() => undefined);
    return [await first, await second];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
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

export interface ParallelInput {
  path: string;
  name: string;
  display: string;
  dialect: ReadInputOptions['dialect'];
  mapping?: Record<string, string>;
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  holders: AcceptedIds;
  providers: AcceptedIds;
}

export interface ParallelRead {
  report: InputReport;
  filled: Set<string>;
  table: DeclarationTable;
  split: SplitPoint;
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
    }, { onDecoder: (d) => (decoder = d) });
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
function rangesEncoding(a: RangeResult, b: RangeResult): Encoding | null {
  if (a.verdict === 'given' || a.verdict === 'ascii' || b.verdict === 'ascii' || a.encoding === b.encoding) return a.verdict === 'ascii' ? b.encoding : a.encoding;
  return null;
}

/**
 * Reads the declarations file in two byte ranges, one per worker, with the same result as one read
 * of the whole file: same rows in the same order, same rejects, counts and report. Null when the
 * file cannot be split safely (see findSplitPoint, readStart); the caller then reads it in one piece.
 */
export async function readDeclarationsInParallel(o: ParallelInput, workers: DeclarationWorkers, rejects: RejectSink): Promise<ParallelRead | null> {
  const start = await readStart(o);
  if (start === null) return null;
  const { size } = await stat(o.path);
  const split = await workers.split;
  if (split === null || split.lineBase + 1 < start.afterHeader) return null;

  // Room for every row behind the first range's rows, so the second range is appended in place.
  // Rows are estimated from the line ends of the first half; room never written costs no memory.
  const perLine = split.at / Math.max(1, split.lineBase);
  const rest = Math.ceil(((size - split.at) / perLine) * 1.1) + 1024;
  const common = { path: o.path, display: o.display, size, dialect: start.dialect, layout: start.layout, decimal: start.decimal, holders: o.holders.snapshot(), providers: o.providers.snapshot() };
  const jobs: [RangeJob, RangeJob] = [
    { ...common, start: 0, end: split.at, lineBase: 0, guessed: start.guessed, first: true, capacity: split.lineBase + rest },
    { ...common, start: split.at, end: size, lineBase: split.lineBase, guessed: start.guessed, first: false, capacity: rest },
  ];
  let shown = 0;
  const [a, b] = await workers.read(jobs, (rows) => {
    const step = Math.floor(rows / PROGRESS_EVERY) * PROGRESS_EVERY;
    if (step > shown) o.onProgress?.('declaraties', (shown = step));
  });
  const encoding = rangesEncoding(a, b);
  if (encoding === null) return null;
  const { bytes, sha256 } = await workers.hashed;
  // Their heaps go before the merge adds the second range to the first.
  await workers.close();
  const merged = mergeRanges(a, b, o.display, rejects);
  if (merged === null) return null;
  const dates = new DateReader();
  dates.addSeen(merged.dateForms);
  return {
    report: {
      kind: 'declaraties',
      name: o.name,
      display: o.display,
      bytes,
      sha256,
      dialect: { ...start.dialect, encoding, decimal: start.decimal.mark, dateFormats: dates.formats(), detected: !isOverridden(o.dialect) },
      columns: start.layout.columns,
      ignoredColumns: start.layout.ignored,
      mappingWarnings: start.layout.unusedMappings,
      rowsRead: merged.rowsRead,
      rowsAccepted: merged.rowsAccepted,
      rowsRejected: merged.rowsRejected,
      rowsUnmatched: 0,
      repeatedHeaders: merged.repeatedHeaders,
    },
    filled: merged.filled,
    table: merged.table,
    split,
  };
}
