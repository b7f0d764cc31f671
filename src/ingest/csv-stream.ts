import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { parse, type Parser } from 'csv-parse';
import { AppError } from '../errors.js';
import { detectDelimiter, detectEncoding, HeaderEnd, sepLineDelimiter, type Delimiter } from './dialect.js';
import { ChunkDecoder, type Encoding } from './encoding.js';
import { openErrorReason } from './open-errors.js';
import { ByteCsvTokenizer, CsvSyntaxError, inputReader, type ByteRecord } from './readers/byte-csv.js';

/**
 * The same csv-parse from its CommonJS build: a second copy of its code. Inputs other than the
 * declarations use it, so the copy that reads millions of declarations has JIT feedback from that
 * file alone; after the small files had gone through it, its hot loop ran about 15% slower.
 */
const parseOtherInputs = (createRequire(import.meta.url)('csv-parse') as { parse: typeof parse }).parse;

/** Bytes read before the encoding and delimiter are decided (more when the header is longer). */
const SAMPLE_BYTES = 64 * 1024;
/** CRLF before CR, so that a CRLF is one line end and not a record followed by an empty line. */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];
/** A record this long is an unclosed quote swallowing the file, or no CSV, not data. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** A header may be longer (exports with thousands of columns), within reason. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

export interface ByteDialect {
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
  /** The file starts with Excel's `sep=` line, which named the delimiter (unless --delimiter did) and is skipped. */
  sepLine: boolean;
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
   * Records as bytes (the byte tokenizer) when the sink takes them, for any input; the declarations
   * (`bulk`) always. PGB_SCAN_READER=csv-parse reads every input with csv-parse, the reference.
   */
  bytes?: boolean;
  /**
   * A byte range of a file whose dialect is known: nothing is detected. lineBase: the line ends
   * before the range.
   */
  preset?: { dialect: ByteDialect; lineBase: number; guessed: boolean };
  /** With a preset: parse only the first `limit` bytes of the source (a range that ends on a line end). */
  limit?: number;
  /** False to skip the sha256 (a byte range; the whole file is hashed apart). */
  hash?: boolean;
  /** Told the decoder once it exists, to ask how far the encoding is decided (see ChunkDecoder). */
  onDecoder?: (decoder: ChunkDecoder) => void;
}

export interface RecordSink {
  /** Called once the encoding and delimiter are decided, before the first record. */
  start(dialect: ByteDialect): void;
  /**
   * Each record with the physical line it starts on (1 = the first line of the file). `badBytes`:
   * the record holds bytes that are not UTF-8, written as \xHH in its fields.
   */
  record(fields: string[], line: number, badBytes: boolean): void;
  /**
   * The byte tokenizer hands records over as bytes (see byte-csv.ts), when the sink takes them; the
   * record is valid during the call only.
   */
  recordBytes?(rec: ByteRecord, badBytes: boolean): void;
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
  const headerEnd = new HeaderEnd();
  let dialect: ByteDialect | null = null;
  let decoder: ChunkDecoder | null = null;
  let parser: Parser | null = null;
  let tokenizer: ByteCsvTokenizer | null = null;
  let failure: unknown = null;
  let delivered = 0;
  let lastEnd = 0;
  let overcounted = 0;
  let emptyAtLast = 0;
  // Until the header has passed, records may be as long as a header may be; a range after the
  // start of the file holds data rows only.
  let recordLimit = lineBase > 0 ? MAX_RECORD_BYTES : MAX_HEADER_BYTES;
  let pendingLimit = false;

  const open = (d: ByteDialect) => {
    dialect = d;
    sink.start(d);
    if ((options.bulk || options.bytes) && sink.recordBytes !== undefined && inputReader() === 'bytes') {
      const take = sink.recordBytes.bind(sink);
      tokenizer = new ByteCsvTokenizer(d.delimiter.charCodeAt(0), lineBase, recordLimit, (rec) => {
        let badBytes = false;
        const badLines = decoder!.badLines;
        if (badLines.size > 0) for (let l = rec.line; l <= rec.lastLine; l++) if (badLines.delete(l)) badBytes = true;
        // Line 1 of the file is Excel's `sep=` hint, read in detect: no record, and line numbers stay physical.
        if (rec.line === 1 && d.sepLine && lineBase === 0) return;
        if (recordLimit !== MAX_RECORD_BYTES && !(rec.blank(true) ?? isBlank(rec.strings()))) {
          recordLimit = MAX_RECORD_BYTES;
          pendingLimit = true;
        }
        take(rec, badBytes);
      });
      return;
    }
    parser = (options.bulk ? parse : parseOtherInputs)({
      delimiter: d.delimiter,
      bom: false,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: recordLimit,
      // Every line ending ends a record: left to itself, csv-parse fixes one from the first line,
      // and a file that switches (two exports concatenated) would merge all later rows into one.
      record_delimiter: RECORD_DELIMITERS,
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
      let badBytes = false;
      const badLines = decoder!.badLines;
      if (badLines.size > 0) for (let l = line, last = lineBase + end - overcounted; l <= last; l++) if (badLines.delete(l)) badBytes = true;
      if (recordLimit !== MAX_RECORD_BYTES && !isBlank(fields)) {
        // csv-parse reads its options at each chunk: the rows after the header get the data limit.
        recordLimit = MAX_RECORD_BYTES;
        parser!.options.max_record_size = recordLimit;
      }
      // Line 1 of the file is Excel's `sep=` hint, read in detect: no record, and line numbers stay physical.
      if (line === 1 && d.sepLine && lineBase === 0) return;
      try {
        sink.record(fields, line, badBytes);
      } catch (e) {
        failure = e;
      }
    });
    parser.on('error', (e) => {
      // The broken record starts after the last good one and any empty lines skipped since.
      const line = lineBase + lastEnd + 1 + (parser!.info.empty_lines - emptyAtLast) - overcounted;
      const quoting = (parser as unknown as { state: { quoting: boolean } }).state.quoting === true;
      failure ??= csvFailure(e, file, line, { quoting, limit: recordLimit, header: recordLimit === MAX_HEADER_BYTES });
    });
  };

  const detect = (head: Buffer, complete: boolean): Buffer => {
    const detected = detectEncoding(head, file);
    const encoding = overrides.encoding ?? detected.encoding;
    if (detected.bom && encoding !== 'utf-8')
      throw new AppError('INPUT_ENCODING', `${file} line 1: the file starts with a UTF-8 byte order mark, but encoding ${encoding} was set.`, { file, line: 1 });
    const body = detected.bom ? head.subarray(3) : head;
    decoder = new ChunkDecoder(encoding, file, 0, overrides.encoding === undefined && !detected.bom);
    options.onDecoder?.(decoder);
    // Delimiters, quotes and line ends are the same bytes in both encodings, and the decoder may
    // hold the text back until it knows the encoding: the raw bytes tell the delimiter.
    const text = body.toString('latin1');
    const hinted = sepLineDelimiter(text, file);
    const delimiter = overrides.delimiter ?? hinted ?? detectDelimiter(text, complete);
    open({ encoding, bom: detected.bom, delimiter, sepLine: hinted !== null });
    return decoder.decode(body);
  };

  const feed = async (decoded: Buffer) => {
    if (tokenizer !== null) return tokenize(decoded);
    const p = parser!;
    if (!p.write(decoded) && failure === null && p.writableNeedDrain) await once(p, 'drain').catch(() => undefined);
    if (failure !== null) throw failure;
  };

  try {
    if (preset !== undefined) {
      decoder = new ChunkDecoder(preset.dialect.encoding, file, lineBase, preset.guessed);
      options.onDecoder?.(decoder);
      open(preset.dialect);
      await started(null);
    } else if (options.limit !== undefined) {
      throw new Error('internal: a byte limit needs a preset dialect');
    }
    for await (const raw of source) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      if (bytes + chunk.length > limit) {
        // The rest of the chunk lies past the range. A read of the whole file checks the encoding
        // of a chunk before parsing any of it, so an undefined windows-1252 byte there must be
        // found here first too; a guessed encoding decides on the range alone (see read-parallel).
        const kept = limit - bytes;
        hash?.update(chunk.subarray(0, kept));
        const inRange = decoder!.decode(skipBom(chunk.subarray(0, kept), bytes));
        if (decoder!.encoding === 'windows-1252' && decoder!.verdict === 'given') decoder!.decode(chunk.subarray(kept));
        bytes = limit;
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
      const headerEnded = headerEnd.found || headerEnd.scan(chunk);
      if (sampled < SAMPLE_BYTES || (!headerEnded && sampled < MAX_HEADER_BYTES)) continue;
      const head = Buffer.concat(sample);
      sample = null;
      await feed(await started(detect(head, false)));
    }
    if (sample !== null) await feed(await started(detect(Buffer.concat(sample), true)));
    const held = decoder!.end();
    if (held.length > 0) await feed(held);
    if (tokenizer !== null) tokenize(null);
    const p = parser as Parser | null;
    if (p === null) return { bytes, sha256: hash?.digest('hex') ?? '', dialect: { ...dialect!, encoding: decoder!.encoding } };
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

  /**
   * The next chunk through the byte tokenizer, null for the end. As csv-parse reads its options at
   * each chunk, a limit changed by a record takes effect from the next chunk.
   */
  function tokenize(decoded: Buffer | null): void {
    const t = tokenizer!;
    if (pendingLimit) {
      t.limit = recordLimit;
      pendingLimit = false;
    }
    try {
      if (decoded === null) t.end();
      else t.push(decoded);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      throw csvFailure(e, file, e.line, { quoting: e.quoting, limit: recordLimit, header: recordLimit === MAX_HEADER_BYTES });
    }
  }

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

/** A record of spreadsheet padding only (';;;'), which the readers pass over. */
function isBlank(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

/** Where csv-parse stopped: in a quoted field or not, under which record limit, in the header or not. */
interface FailureState {
  quoting: boolean;
  limit: number;
  header: boolean;
}

/**
 * csv-parse's errors in our words: its messages count fields from 0 and echo whole values, so they
 * are never passed through; fields are named 1-based.
 */
function csvFailure(e: unknown, file: string, line: number, at: FailureState): AppError {
  // Either copy's CsvError, told apart by its code (Node's own stream errors have ERR_ codes).
  const code = (e as { code?: unknown }).code;
  const column = (e as { column?: unknown }).column;
  const field = typeof column === 'number' ? `, field ${column + 1}` : '';
  const unclosed = (why: string) =>
    new AppError('INPUT_UNCLOSED_QUOTE', `${file} line ${line}: a quote opened in the record starting on this line is never closed (${why}).`, { file, line });
  if (code === 'CSV_QUOTE_NOT_CLOSED') return unclosed('the file ends inside a quoted field');
  if (code === 'CSV_MAX_RECORD_SIZE') {
    if (at.quoting) return unclosed(`the quoted field runs past ${at.limit} bytes`);
    const what = at.header ? 'the header' : `the record starting on this line`;
    return new AppError(
      'FIELD_TOO_LARGE',
      `${file} line ${line}${field}: ${what} runs past ${at.limit} bytes (${formatBytes(at.limit)}) without a line end, the most ${at.header ? 'a header' : 'a row'} may hold; ` +
        'is this a CSV export with line ends?',
      { file, line, limit: at.limit },
    );
  }
  if (typeof code === 'string' && !code.startsWith('ERR_')) {
    const why =
      code === 'INVALID_OPENING_QUOTE'
        ? 'a quote inside a value that does not start with one; inside a quoted value, write a quote twice'
        : code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quoted value is followed by more text instead of a delimiter or line end; inside a quoted value, write a quote twice'
          : `csv-parse error ${code}`;
    return new AppError('INPUT_CSV', `${file} line ${line}${field}: the CSV cannot be read: ${why}.`, { file, line, csvCode: code });
  }
  return new AppError('INPUT_UNREADABLE', `${file}: cannot be read: ${(e as Error).message}`, { file });
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}
