import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { processRuns } from '../output/process-runs.js';

export interface Reject {
  file: string;
  line: number;
  column: string;
  value: string;
  code: string;
  message: string;
}

/** Where readers put their rejects: an array in a worker thread, a RejectLog in the main thread. */
export interface RejectSink {
  push(reject: Reject): unknown;
}

/** Enough for the report and for tests; a national export can reject tens of millions of rows. */
export const REJECTS_KEPT = 10_000;
const SPILL_BATCH = 1 << 20;
const SPILL_PREFIX = 'pgb-rejects-';
const READ_CHUNK = 1 << 20;

/**
 * A RejectLog passed between threads (a worker's rejects, to the main thread): the first rejects, and
 * the spill file holding the rest, which the receiver owns and removes (RejectLog.adopt, close).
 */
export interface RejectHandOver {
  first: Reject[];
  count: number;
  spill: { dir: string | null; path: string } | null;
}

export interface RejectLogOptions {
  /** Rejects held in memory; the rest go to a spill file. */
  keep?: number;
  /** Folder for the spill file (a run's staging folder, cleaned with it); default a new folder in os.tmpdir(). */
  spillDir?: string;
}

/**
 * The rejects of a run in the order the readers found them, in bounded memory: the first ones in
 * memory, the rest spilled to a file as one JSON object a line, read back in the same order.
 */
export class RejectLog implements RejectSink, Iterable<Reject>, AsyncIterable<Reject> {
  readonly first: Reject[] = [];
  private readonly keep: number;
  private readonly spillDir: string | undefined;
  private total = 0;
  private counts = new Map<string, Map<string, number>>();
  private spill: { dir: string | null; path: string; fd: number } | null = null;
  private pending = '';

  constructor(options: RejectLogOptions = {}) {
    this.keep = options.keep ?? REJECTS_KEPT;
    this.spillDir = options.spillDir;
  }

  push(reject: Reject): void {
    this.total++;
    let byCode = this.counts.get(reject.file);
    if (byCode === undefined) this.counts.set(reject.file, (byCode = new Map()));
    byCode.set(reject.code, (byCode.get(reject.code) ?? 0) + 1);
    if (this.first.length < this.keep) {
      this.first.push(reject);
      return;
    }
    this.pending += JSON.stringify(reject) + '\n';
    if (this.pending.length >= SPILL_BATCH) this.flush();
  }

  get count(): number {
    return this.total;
  }

  /** Rejects per file and code, sorted by file then code. */
  byCode(): Array<{ file: string; code: string; count: number }> {
    const out: Array<{ file: string; code: string; count: number }> = [];
    for (const [file, byCode] of this.counts) for (const [code, count] of byCode) out.push({ file, code, count });
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** True when some rejects live in the spill file. */
  get spilled(): boolean {
    return this.total > this.first.length;
  }

  *[Symbol.iterator](): Iterator<Reject> {
    yield* this.first;
    this.flush();
    if (this.spill === null) return;
    const buf = Buffer.alloc(READ_CHUNK);
    let pos = 0;
    let rest = '';
    for (;;) {
      const n = readSync(this.spill.fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      pos += n;
      // Spilled JSON escapes every control character, so a newline only ends a record; a multi-byte
      // character cut by the chunk end is completed by keeping the undecoded tail.
      const { text, tail } = decodeUtf8(buf.subarray(0, n));
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield JSON.parse(line) as Reject;
      pos -= tail;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Reject> {
    for (const r of this) yield r;
  }

  /**
   * Replaces the content by what fill pushes while it reads the old content (a pass that places
   * rejects found later among the earlier ones), in bounded memory like the first pass.
   */
  rebuild(fill: (old: Iterable<Reject>, out: RejectSink) => void): void {
    const next = new RejectLog({ keep: this.keep, spillDir: this.spillDir });
    try {
      fill(this, next);
    } catch (e) {
      next.close();
      throw e;
    }
    this.close();
    this.first.splice(0, this.first.length, ...next.first);
    this.total = next.total;
    this.counts = next.counts;
    this.spill = next.spill;
    this.pending = next.pending;
  }

  /** A new empty log, bounded and spilled as this one is: for rejects found early but told after this log's. */
  sibling(): RejectLog {
    return new RejectLog({ keep: this.keep, spillDir: this.spillDir });
  }

  /** Ends writing and gives the rejects away; this log is empty afterwards. */
  handOver(): RejectHandOver {
    this.flush();
    const spill = this.spill === null ? null : { dir: this.spill.dir, path: this.spill.path };
    if (this.spill !== null) closeSync(this.spill.fd);
    const out = { first: this.first.splice(0), count: this.total, spill };
    this.spill = null;
    this.total = 0;
    this.counts.clear();
    return out;
  }

  /** A log to read what another thread handed over: iteration and close() only, no counts by code. */
  static adopt(h: RejectHandOver): RejectLog {
    const log = new RejectLog({ keep: h.first.length });
    log.first.push(...h.first);
    log.total = h.count;
    if (h.spill !== null) log.spill = { ...h.spill, fd: openSync(h.spill.path, 'r+') };
    return log;
  }

  /** Removes the spill file; the log keeps its counts but no longer lists the spilled rejects. */
  close(): void {
    if (this.spill === null) return;
    closeSync(this.spill.fd);
    rmSync(this.spill.dir ?? this.spill.path, { recursive: true, force: true });
    this.spill = null;
  }

  private flush(): void {
    if (this.pending === '') return;
    try {
      if (this.spill === null) {
        const dir = this.spillDir === undefined ? mkdtempSync(join(tmpdir(), `${SPILL_PREFIX}${process.pid}-`)) : null;
        // Named apart: a log rebuilt in place writes its new spill while reading the old one.
        const path = join(dir ?? this.spillDir!, `.rejects-${randomBytes(4).toString('hex')}.spill`);
        this.spill = { dir, path, fd: openSync(path, 'w+') };
      }
      const data = Buffer.from(this.pending);
      let off = 0;
      while (off < data.length) off += writeSync(this.spill.fd, data, off);
      this.pending = '';
    } catch (e) {
      throw new AppError('OUTPUT_UNWRITABLE', `Cannot keep the rejects on disk (${this.spill?.path ?? this.spillDir ?? tmpdir()}): ${(e as Error).message}`);
    }
  }
}

/**
 * Removes spill folders in the temp dir left by runs that were killed (their process is gone). A
 * folder of this process is kept: it may be a worker thread's. Asynchronous, so a scan need not wait
 * for a listing of a crowded temp dir (50,000 entries take 60 ms) before it reads its inputs.
 */
export async function removeStaleSpills(dir: string = tmpdir()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(SPILL_PREFIX)) continue;
    const pid = Number(/^\D+(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processRuns(pid)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** The text of the complete UTF-8 characters in buf, and how many trailing bytes start an incomplete one. */
function decodeUtf8(buf: Buffer): { text: string; tail: number } {
  let end = buf.length;
  // Step back over continuation bytes to the lead byte of the last character.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && (buf[i] & 0xc0) === 0x80) i--;
  if (i >= 0) {
    const lead = buf[i];
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (end - i < need) end = i;
  }
  return { text: buf.toString('utf8', 0, end), tail: buf.length - end };
}
