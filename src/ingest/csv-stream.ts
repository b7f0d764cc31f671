import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { parse, type Parser } from 'csv-parse';
import { AppError } from '../errors.js';
import { detectDelimiter, detectEncoding, type Delimiter } from './dialect.js';
import { ChunkDecoder, type Encoding } from './encoding.js';
import { openErrorReason } from './open-errors.js';

/**
 * The same csv-parse from its CommonJS build: a second copy of its code. Inputs other than the
 * declarations use it, so the copy that reads millions of declarations has JIT feedback from that
 * file alone; after the small files had gone through it, its hot loop ran about 15% slower.
 */
const parseOtherInputs = (createRequire(import.meta.url)('csv-parse') as { parse: typeof parse }).parse;

/** Bytes read before the encoding and delimiter are decided. */
const SAMPLE_BYTES = 64 * 1024;
/** A record this long is an unclosed quote swallowing the file, not data. */
const MAX_RECORD_BYTES = 1024 * 1024;

export interface ByteDialect {
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
}

export interface StreamedFile {
  bytes: number;
  sha256: string;
  dialect: ByteDialect;
}

export interface StreamOptions {
  /** The declarations: parsed by their own copy of csv-parse (see parseOtherInputs). */
  bulk?: boolean;
  /**
   * A byte range of a file whose dialect is known: nothing is detected. A range that starts after
   * the start of the file gives the line ending the start decided (null: csv-parse finds it), and
   * lineBase, the line ends before the range.
   */
  preset?: { dialect: ByteDialect; recordDelimiter: string | null; lineBase: number };
  /** With a preset: parse only the first `limit` bytes of the source (a range that ends on a line end). */
  limit?: number;
  /** False to skip the sha256 (a byte range; the whole file is hashed apart). */
  hash?: boolean;
}

export interface RecordSink {
  /** Called once the encoding and delimiter are decided, before the first record. */
  start(dialect: ByteDialect): void;
  /** Each record with the physical line it starts on (1 = the first line of the file). */
  record(fields: string[], line: number): void;
}

/**
 * csv-parse counts every CR and LF inside a quoted field as a line, so a quoted CRLF counts
 * twice; `lines` is its count for this record, `extra` how many of those are not physical lines.
 */
function breaksInside(fields: string[]): { lines: number; extra: number } {
  let lines = 0;
  let extra = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    for (let j = 0; j < f.length; j++) {
      const c = f.charCodeAt(j);
      if (c === 10) lines++;
      else if (c === 13) {
        lines++;
        if (f.charCodeAt(j + 1) === 10) extra++;
      }
    }
  }
  return { lines, extra };
}

/**
 * Streams one CSV input through csv-parse: hashes and counts the raw bytes, detects (or takes)
 * encoding and delimiter from the first 64 KiB, checks every byte against the encoding, and hands
 * each record to `sink` with its physical line.
 */
export async function streamCsv(
  source: AsyncIterable<Buffer | string>,
  file: string,
  overrides: { encoding?: Encoding; delimiter?: Delimiter },
  sink: RecordSink,
  options: StreamOptions = {},
): Promise<StreamedFile> {
  const hash = options.hash === false ? null : createHash('sha256');
  const preset = options.preset;
  const lineBase = preset?.lineBase ?? 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let bytes = 0;
  let sample: Buffer[] | null = preset === undefined ? [] : null;
  let sampled = 0;
  let dialect: ByteDialect | null = null;
  let decoder: ChunkDecoder | null = null;
  let parser: Parser | null = null;
  let failure: unknown = null;
  let delivered = 0;
  let lastEnd = 0;
  let overcounted = 0;
  let emptyAtLast = 0;

  const open = (d: ByteDialect, recordDelimiter: string | null) => {
    dialect = d;
    sink.start(d);
    parser = (options.bulk ? parse : parseOtherInputs)({
      delimiter: d.delimiter,
      bom: false,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      // A range after the start of the file takes the line ending the start decided.
      ...(recordDelimiter === null ? {} : { record_delimiter: recordDelimiter }),
    });
    const info = parser.info;
    parser.on('data', (fields: string[]) => {
      if (failure !== null) return;
      // Records arrive while csv-parse works on the chunk that completes them (see started), so
      // info.lines is the line this record ends on. One line past the previous record means a
      // one-line record; others are searched for quoted line breaks. Skipped empty lines are
      // counted by csv-parse, so they need no care here.
      if (info.records !== ++delivered) {
        failure = new Error(`internal: ${file}: csv-parse records arrived late; line numbers would be wrong`);
        return;
      }
      const end = info.lines;
      let line: number;
      if (end - lastEnd === 1) line = lineBase + end - overcounted;
      else {
        const breaks = breaksInside(fields);
        line = lineBase + end - breaks.lines - overcounted;
        overcounted += breaks.extra;
      }
      lastEnd = end;
      emptyAtLast = info.empty_lines;
      try {
        sink.record(fields, line);
      } catch (e) {
        failure = e;
      }
    });
    parser.on('error', (e) => {
      // The broken record starts after the last good one and any empty lines skipped since.
      failure ??= csvFailure(e, file, lineBase + lastEnd + 1 + (parser!.info.empty_lines - emptyAtLast) - overcounted);
    });
  };

  const detect = (head: Buffer, complete: boolean): Buffer => {
    const detected = detectEncoding(head, file);
    const encoding = overrides.encoding ?? detected.encoding;
    if (detected.bom && encoding !== 'utf-8')
      throw new AppError('INPUT_ENCODING', `${file} line 1: the file starts with a UTF-8 byte order mark, but encoding ${encoding} was set.`, { file, line: 1 });
    const body = detected.bom ? head.subarray(3) : head;
    decoder = new ChunkDecoder(encoding, file, 0, overrides.encoding === undefined && !detected.bom && encoding === 'utf-8');
    const decoded = decoder.decode(body);
    const delimiter = overrides.delimiter ?? detectDelimiter(decoded.toString('utf8'), complete);
    open({ encoding, bom: detected.bom, delimiter }, null);
    return decoded;
  };

  const feed = async (decoded: Buffer) => {
    const p = parser!;
    if (!p.write(decoded) && failure === null && p.writableNeedDrain) await once(p, 'drain').catch(() => undefined);
    if (failure !== null) throw failure;
  };

  let cut = false;
  try {
    if (preset !== undefined) {
      decoder = new ChunkDecoder(preset.dialect.encoding, file, lineBase);
      open(preset.dialect, preset.recordDelimiter);
      await started(null);
    } else if (options.limit !== undefined) {
      throw new Error('internal: a byte limit needs a preset dialect');
    }
    for await (const raw of source) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      if (bytes + chunk.length > limit) {
        // The rest of the chunk lies past the range. A read of the whole file checks the encoding
        // of a chunk before parsing any of it, so a bad byte there must be found here first too.
        const kept = limit - bytes;
        hash?.update(chunk.subarray(0, kept));
        const inRange = decoder!.decode(skipBom(chunk.subarray(0, kept), bytes));
        decoder!.decode(chunk.subarray(kept));
        bytes = limit;
        cut = true;
        await feed(inRange);
        break;
      }
      hash?.update(chunk);
      const at = bytes;
      bytes += chunk.length;
      if (sample === null) {
        await feed(decoder!.decode(skipBom(chunk, at)));
        continue;
      }
      sample.push(chunk);
      sampled += chunk.length;
      if (sampled < SAMPLE_BYTES) continue;
      const head = Buffer.concat(sample);
      sample = null;
      await feed(await started(detect(head, false)));
    }
    if (sample !== null) await feed(await started(detect(Buffer.concat(sample), true)));
    // A range cut after a line end ends on a whole character; the chunk it was cut from may not.
    if (!cut) {
      const held = decoder!.end();
      if (held.length > 0) await feed(held);
    }
    const p = parser!;
    p.end();
    await finished(p).catch(() => undefined);
    if (failure !== null) throw failure;
  } catch (e) {
    (parser as Parser | null)?.destroy();
    // Only the source's own I/O errors mean "unreadable"; anything else is ours and stays loud.
    if ((e as NodeJS.ErrnoException).syscall !== undefined)
      throw new AppError('INPUT_UNREADABLE', `${file}: cannot be read: ${openErrorReason(e)}.`, { file });
    throw e;
  }
  // The decoder may have settled a guessed UTF-8 as windows-1252 past the sample.
  return { bytes, sha256: hash?.digest('hex') ?? '', dialect: { ...dialect!, encoding: decoder!.encoding } };

  /** A preset range from the start of a file with a byte order mark leaves it out, as detect does. */
  function skipBom(chunk: Buffer, at: number): Buffer {
    return at === 0 && preset?.dialect.bom === true && lineBase === 0 ? chunk.subarray(3) : chunk;
  }
}

/**
 * A stream emits 'data' on a later tick until its first read; after one turn of the event loop
 * the parser flows, and each record reaches the sink during the write that completes it.
 */
async function started<T>(value: T): Promise<T> {
  await new Promise((resolve) => setImmediate(resolve));
  return value;
}

function csvFailure(e: unknown, file: string, line: number): AppError {
  // Either copy's CsvError, told apart by its code (Node's own stream errors have ERR_ codes).
  const code = (e as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE')
    return new AppError(
      'INPUT_UNCLOSED_QUOTE',
      `${file} line ${line}: a quote opened in the record starting on this line is never closed` +
        (code === 'CSV_QUOTE_NOT_CLOSED' ? ' (the file ends inside a quoted field).' : ` (the quoted field runs past ${MAX_RECORD_BYTES} bytes).`),
      { file, line },
    );
  if (typeof code === 'string' && !code.startsWith('ERR_'))
    return new AppError('INPUT_CSV', `${file} line ${line}: the CSV cannot be read (${code}: ${(e as Error).message}).`, { file, line, csvCode: code });
  return new AppError('INPUT_UNREADABLE', `${file}: cannot be read: ${(e as Error).message}`, { file });
}
