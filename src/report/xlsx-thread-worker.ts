// The xlsx thread (see xlsx-thread.ts): loads exceljs at once, then zips the workbook from rows it
// asks the main thread for, and sends the bytes back as they come.
import { parentPort } from 'node:worker_threads';
import type { CellValue } from './xlsx-writer.js';
import { loadXlsxWriter, xlsxBytes } from './xlsx-writer.js';
import type { FromXlsxThread, ToXlsxThread } from './xlsx-thread.js';

if (parentPort === null) throw new Error('internal: xlsx-thread-worker runs as a worker thread only');
const port = parentPort;
const post = (m: FromXlsxThread, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// Loaded while the main thread still runs the indicators; a failure shows when the workbook is asked for.
loadXlsxWriter().catch(() => undefined);

/** Answers to 'rows' and 'ack' messages, in the order they were asked for. */
let rowsWaiting: ((m: Extract<ToXlsxThread, { type: 'rows' }>) => void) | null = null;
let ackWaiting: (() => void) | null = null;
let unacked = 0;

async function* rowsOf(sheet: number): AsyncGenerator<CellValue[]> {
  for (;;) {
    const batch = await new Promise<Extract<ToXlsxThread, { type: 'rows' }>>((resolve) => {
      rowsWaiting = resolve;
      post({ type: 'want', sheet });
    });
    yield* batch.rows;
    if (batch.last) return;
  }
}

async function write(m: Extract<ToXlsxThread, { type: 'start' }>): Promise<void> {
  const sheets = m.sheets.map((s, i) => ({ ...s, rows: rowsOf(i) }));
  for await (const chunk of xlsxBytes(sheets, { maxRows: m.maxRows })) {
    // A copy: the chunk may share its memory with other buffers of this thread, which a transfer would take away.
    const bytes = new Uint8Array(chunk);
    post({ type: 'bytes', bytes }, [bytes.buffer as ArrayBuffer]);
    // The main thread writes to disk as fast as this zips; the limit only keeps a stalled disk from
    // filling memory.
    if (++unacked >= m.maxUnacked) await new Promise<void>((resolve) => (ackWaiting = resolve));
  }
  post({ type: 'end' });
}

port.on('message', (m: ToXlsxThread) => {
  if (m.type === 'start') {
    write(m).catch((e: unknown) => post({ type: 'failed', message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack }));
  } else if (m.type === 'rows') {
    const resolve = rowsWaiting;
    rowsWaiting = null;
    resolve?.(m);
  } else {
    unacked -= m.count;
    const resolve = ackWaiting;
    ackWaiting = null;
    resolve?.();
  }
});
