// overzicht.xlsx zipped in a worker thread. Loading exceljs and zipping cost the main thread ~0.15 s
// of every scan, at the end where nothing else runs beside it; in a thread they overlap the indicators
// (the loading) and the other outputs (the zipping), on the core that is idle then. The rows are still
// made in the main thread, from the run, and sent in batches the thread asks for; the bytes come back
// to be written (and hashed) by the run folder like every other output's.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { CellValue, SheetColumn, SheetSpec } from './xlsx-writer.js';

export type ToXlsxThread =
  | { type: 'start'; sheets: { name: string; columns: SheetColumn[] }[]; maxRows: number | undefined; maxUnacked: number }
  | { type: 'rows'; rows: CellValue[][]; last: boolean }
  | { type: 'ack'; count: number };

export type FromXlsxThread =
  | { type: 'want'; sheet: number }
  | { type: 'bytes'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'failed'; message: string; stack?: string };

/** Rows per message: few messages, and a sheet of millions of rows never sits in the thread whole. */
const ROWS_PER_BATCH = 2_000;
/** Chunks of bytes (~16 KiB each) the thread may send ahead of the disk. */
const MAX_UNACKED = 64;

/**
 * Starting a thread costs ~0.1 s of CPU, and loading exceljs in it as much again: a gain only where the
 * indicators it runs beside take longer, and there is a second core. About 130,000 declaration rows are
 * the 16 MiB from which the declarations are read in threads too.
 */
const THREAD_MIN_DECLARATIONS = 100_000;
/**
 * Above this, the thread's memory (about 35 MiB, held from before the indicators) sits on the scan's peak,
 * which a national export of 10 million rows brings near 1.5 GB, while zipping here is lost in the noise of
 * such a scan's 30 s of CPU.
 */
const THREAD_MAX_DECLARATIONS = 6_000_000;

/** Whether a scan of this many declaration rows zips its workbook in a thread (PGB_SCAN_XLSX_THREAD_MIN_ROWS changes the lower threshold). */
export function xlsxThreadPays(declarations: number): boolean {
  const set = process.env.PGB_SCAN_XLSX_THREAD_MIN_ROWS;
  const min = set === undefined || set.trim() === '' ? THREAD_MIN_DECLARATIONS : Number(set);
  if (!Number.isInteger(min) || min < 0) throw new AppError('USAGE', `PGB_SCAN_XLSX_THREAD_MIN_ROWS must be a whole number of rows, got '${set}'.`, { value: set });
  return declarations >= min && declarations <= THREAD_MAX_DECLARATIONS && (set !== undefined || availableParallelism() >= 2);
}

/** dist/'s worker file; tests run src/ through vitest, but a worker thread loads plain JavaScript. */
function workerFile(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./xlsx-thread-worker.js', import.meta.url);
  const built = new URL(import.meta.url.replace(/\/src\/report\/xlsx-thread\.ts$/, '/dist/report/xlsx-thread-worker.js'));
  if (!existsSync(built)) throw new Error(`internal: ${fileURLToPath(built)} is missing; run npm run build`);
  return built;
}

/**
 * A thread that writes one workbook. Started early (it loads exceljs at once) and unreferenced until
 * the workbook is asked for, so a run that stops before its outputs does not wait for it; close() ends it.
 */
export class XlsxThread {
  private readonly worker: Worker;
  private used = false;
  private finished = false;
  private failure: Error | null = null;
  private readonly messages: FromXlsxThread[] = [];
  private wake: (() => void) | null = null;
  private rows: Iterator<CellValue[]>[] = [];

  constructor() {
    this.worker = new Worker(workerFile());
    this.worker.unref();
    this.worker.on('message', (m: FromXlsxThread) => this.receive(m));
    this.worker.on('error', (e: Error) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.finished) this.fail(new Error(`internal: the xlsx thread stopped before the workbook was written (exit code ${code})`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake?.();
  }

  private receive(m: FromXlsxThread): void {
    if (m.type !== 'want') {
      this.messages.push(m);
      this.wake?.();
      return;
    }
    try {
      const it = this.rows[m.sheet];
      const rows: CellValue[][] = [];
      let last = false;
      while (rows.length < ROWS_PER_BATCH) {
        const next = it.next();
        if (next.done === true) {
          last = true;
          break;
        }
        rows.push(next.value);
      }
      this.worker.postMessage({ type: 'rows', rows, last } satisfies ToXlsxThread);
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** As xlsxBytes(sheets, options), zipped in the thread; rows must be synchronous iterables here. */
  async *bytes(sheets: SheetSpec[], options: { maxRows?: number } = {}): AsyncGenerator<Uint8Array> {
    if (this.used) throw new Error('internal: an xlsx thread writes one workbook');
    this.used = true;
    this.worker.ref();
    try {
      this.rows = sheets.map((s) => (s.rows as Iterable<CellValue[]>)[Symbol.iterator]());
      const start: ToXlsxThread = { type: 'start', sheets: sheets.map(({ name, columns }) => ({ name, columns })), maxRows: options.maxRows, maxUnacked: MAX_UNACKED };
      this.worker.postMessage(start);
      for (;;) {
        while (this.messages.length === 0 && this.failure === null) await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        if (this.failure !== null) throw this.failure;
        const m = this.messages.shift()!;
        if (m.type === 'bytes') {
          yield m.bytes;
          this.worker.postMessage({ type: 'ack', count: 1 } satisfies ToXlsxThread);
        } else if (m.type === 'end') {
          this.finished = true;
          return;
        } else if (m.type === 'failed') {
          const e = new Error(m.message);
          if (m.stack !== undefined) e.stack = m.stack;
          throw e;
        }
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the thread; a workbook still being written fails (its writer sees the thread stop). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
