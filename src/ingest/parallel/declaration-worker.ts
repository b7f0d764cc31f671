// A worker thread for the declarations file (see read-parallel.ts): hashes it, finds where to split it, reads a byte range of it.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { streamCsv } from '../csv-stream.js';
import type { ChunkDecoder } from '../encoding.js';
import { RejectLog } from '../reject-log.js';
import { InputRecords } from '../read-input.js';
import { DeclaratiesReader } from '../readers/declaraties.js';
import { buffersOf, tableParts, type FileHash, type RangeJob, type RangeResult, type SerializedError, type WorkerMessage, type WorkerTask } from './protocol.js';
import { findSplitPoints, type SplitPoint } from './split-point.js';

/** The chunk size of a file read stream: ranges read in the same chunks as the whole file would be. */
export const READ_CHUNK = 64 * 1024;

/**
 * Bytes [start, readEnd) in the chunks a read stream of the whole file would give, so that an
 * encoding problem is met at the same point (the decoder checks a chunk before it is parsed).
 */
async function* chunksOf(path: string, start: number, readEnd: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    for (let pos = start; pos < readEnd; ) {
      const to = Math.min(readEnd, (Math.floor(pos / READ_CHUNK) + 1) * READ_CHUNK);
      const chunk = Buffer.allocUnsafe(to - pos);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      yield bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead);
      pos += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

async function readRange(job: RangeJob, post: (m: WorkerMessage) => void): Promise<{ result: RangeResult; transfer: ArrayBuffer[] }> {
  // Spilled past its first rejects, so a range of millions of rejects keeps memory bounded.
  const rejects = new RejectLog();
  try {
    return await readRangeInto(job, post, rejects);
  } catch (e) {
    rejects.close();
    throw e;
  }
}

async function readRangeInto(job: RangeJob, post: (m: WorkerMessage) => void, rejects: RejectLog): Promise<{ result: RangeResult; transfer: ArrayBuffer[] }> {
  // The holders and providers are resolved by the merge, so the range is read while they are.
  let reader: DeclaratiesReader | null = null;
  const records = new InputRecords({
    kind: 'declaraties',
    display: job.display,
    reader: (layout, kit) => (reader = new DeclaratiesReader(job.display, layout, kit, null, null, job.capacity, job.first)),
    rejects,
    onProgress: (rowsRead) => post({ type: 'progress', rowsRead }),
    // Every range keeps a trail: a row the merge turns down may have been the first to fill a column.
    range: { layout: job.layout, decimal: job.decimal, headerFirst: job.first, trail: true },
  });
  // A range before the last also reads the rest of the chunk its end falls in, for the encoding check only.
  const readEnd = job.end % READ_CHUNK === 0 ? job.end : Math.min(job.size, (Math.floor(job.end / READ_CHUNK) + 1) * READ_CHUNK);
  let decoder: ChunkDecoder | null = null;
  await streamCsv(chunksOf(job.path, job.start, readEnd), job.display, {}, records, {
    bulk: true,
    preset: { dialect: job.dialect, lineBase: job.lineBase, guessed: job.guessed },
    onDecoder: (d) => (decoder = d),
    limit: job.end - job.start,
    hash: false,
  });
  records.finish();
  const r = reader as DeclaratiesReader | null;
  if (r === null) throw new Error('internal: no declaration reader in a range');
  const d = decoder as ChunkDecoder | null;
  if (d === null) throw new Error('internal: no decoder in a range');
  const result: RangeResult = {
    table: tableParts(r.build()),
    encoding: d.encoding,
    verdict: d.verdict,
    idsInOrder: r.idsInOrder,
    rowsRead: records.rowsRead,
    rowsAccepted: records.rowsAccepted,
    rowsRejected: records.rowsRejected,
    repeatedHeaders: records.repeatedHeaders,
    rejects: rejects.handOver(),
    filled: [...records.filled],
    dateForms: records.dates.seenForms,
    trail: records.trail,
    deferred: r.deferred(),
  };
  return { result, transfer: buffersOf(result.table) };
}

async function hashFile(path: string): Promise<FileHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  // One buffer read into again and again: the heap is full of the range just read, and fresh chunks would make it collect.
  const chunk = Buffer.allocUnsafe(1 << 20);
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, bytes);
      if (bytesRead === 0) break;
      hash.update(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { bytes, sha256: hash.digest('hex'), modifiedMs: (await handle.stat()).mtimeMs };
  } finally {
    await handle.close();
  }
}

async function perform(t: WorkerTask, post: (m: WorkerMessage) => void): Promise<{ result: RangeResult | FileHash | SplitPoint[] | null; transfer: ArrayBuffer[] }> {
  if (t.task === 'range') return readRange(t.job, post);
  try {
    return { result: t.task === 'hash' ? await hashFile(t.path) : await findSplitPoints(t.path, t.size, t.parts), transfer: [] };
  } catch (e) {
    // As streamCsv words a failing read.
    if ((e as NodeJS.ErrnoException).syscall !== undefined)
      throw new AppError('INPUT_UNREADABLE', `${t.display}: cannot be read: ${(e as Error).message}`, { file: t.display });
    throw e;
  }
}

function serialize(e: unknown): SerializedError {
  return e instanceof AppError
    ? { app: true, code: e.code, message: e.message, context: e.context }
    : { app: false, code: '', message: e instanceof Error ? e.message : String(e), context: {}, stack: e instanceof Error ? e.stack : undefined };
}

const port = parentPort;
if (port === null) throw new Error('internal: declaration-worker runs as a worker thread only');
// Tasks come one at a time: the main thread waits for each answer before it sends the next.
port.on('message', (t: WorkerTask) => {
  perform(t, (m) => port.postMessage(m)).then(
    ({ result, transfer }) => port.postMessage({ type: 'done', result } satisfies WorkerMessage, transfer),
    (e: unknown) => port.postMessage({ type: 'failed', error: serialize(e) } satisfies WorkerMessage),
  );
});
