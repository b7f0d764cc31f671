import { isAscii, isUtf8 } from 'node:buffer';
import { AppError } from '../errors.js';

export type Encoding = 'utf-8' | 'windows-1252';

// Bytes that windows-1252 leaves undefined.
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

// windows-1252 is latin1 except for 0x80-0x9F. Node 20's TextDecoder('windows-1252') decodes
// those as latin1 too (0x80 gives U+0080, not the euro sign), so the difference is mapped here.
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/** windows-1252 bytes as text. */
export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(C1, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2];
}

export function hasUtf16Bom(b: Buffer): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** Length of the sequence a UTF-8 lead byte starts; 0 for a continuation or invalid byte. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Bytes at the end of `b` that start a sequence the next chunk completes. */
export function incompleteTail(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const byte = b[b.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const need = sequenceLength(byte);
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte in b[from, to) that breaks UTF-8 (to when there is none). */
function firstInvalidUtf8(b: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const need = sequenceLength(b[i]);
    if (need === 0 || i + need > to || !isUtf8(b.subarray(i, i + need))) return i;
    i += need;
  }
  return to;
}

/**
 * Line ends in b[0, to): CRLF, LF and CR each end one line, as they end a record. `afterCr`: the
 * byte before b was a CR, so an LF at b[0] completes a line end counted already.
 */
export function countLineEnds(b: Buffer, to = b.length, afterCr = false): number {
  let n = 0;
  for (let p = b.indexOf(10); p !== -1 && p < to; p = b.indexOf(10, p + 1)) if (p === 0 ? !afterCr : b[p - 1] !== 13) n++;
  for (let p = b.indexOf(13); p !== -1 && p < to; p = b.indexOf(13, p + 1)) n++;
  return n;
}

/** Whether b holds a complete, valid UTF-8 sequence of two bytes or more. */
function hasMultibyteUtf8(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    const need = sequenceLength(b[i]);
    if (need >= 2 && i + need <= b.length && isUtf8(b.subarray(i, i + need))) return true;
  }
  return false;
}

/** Bytes read past the first byte beyond ASCII, at most, to find UTF-8 in a file whose encoding was not given. */
export const ENCODING_LOOKAHEAD = 16 * 1024 * 1024;

/** How the encoding was decided: given (flag, config, BOM), not yet (ASCII so far), by UTF-8 found, by none found. */
export type EncodingVerdict = 'given' | 'ascii' | 'utf-8' | 'no-utf-8';

const EMPTY = Buffer.alloc(0);

/**
 * Checks and decodes a file chunk by chunk. UTF-8 passes through as bytes (csv-parse decodes each
 * field); windows-1252 is transcoded to UTF-8 unless a chunk is plain ASCII, which both share.
 *
 * A file whose encoding was not given is UTF-8 when it holds any valid multi-byte UTF-8 sequence,
 * else windows-1252: up to its first byte beyond ASCII both read the same; from there, bytes are
 * held back until a UTF-8 sequence is found, or ENCODING_LOOKAHEAD bytes or the end of the file
 * pass without one. In a UTF-8 file, a byte that is not UTF-8 spoils its row, not the file: it
 * passes on written as the text \xHH, and its line goes into badLines, for the row to be rejected.
 */
export class ChunkDecoder {
  private carry: Buffer = EMPTY;
  private afterCr = false;
  private held: Buffer[] = [];
  private heldBytes = 0;
  // The last bytes of the held chunks, for a sequence that a chunk boundary splits.
  private tail: Buffer = EMPTY;
  verdict: EncodingVerdict;
  /** Lines holding bytes that are not UTF-8 (UTF-8 files only). */
  readonly badLines = new Set<number>();

  /**
   * @param lines line ends before the first chunk (a byte range that starts after the start of the file).
   * @param guessed the encoding was neither set nor marked by a BOM: the bytes decide, as above.
   */
  constructor(
    public encoding: Encoding,
    private readonly file: string,
    private lines = 0,
    guessed = false,
  ) {
    this.verdict = guessed ? 'ascii' : 'given';
  }

  decode(chunk: Buffer): Buffer {
    if (this.verdict === 'ascii') return this.guess(chunk);
    return this.process(chunk);
  }

  /** After the last chunk: what was still held back. A UTF-8 file may not end inside a character. */
  end(): Buffer {
    const out = this.verdict === 'ascii' && this.heldBytes > 0 ? this.settle('windows-1252', 'no-utf-8') : EMPTY;
    if (this.carry.length === 0) return out;
    const rest = this.escapeInvalid(this.carry);
    this.carry = EMPTY;
    return Buffer.concat([out, rest]);
  }

  private guess(chunk: Buffer): Buffer {
    if (this.heldBytes === 0 && isAscii(chunk)) return this.process(chunk);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    const seen = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    if (hasMultibyteUtf8(seen)) return this.settle('utf-8', 'utf-8');
    this.tail = Buffer.from(seen.subarray(Math.max(0, seen.length - 3)));
    if (this.heldBytes >= ENCODING_LOOKAHEAD) return this.settle('windows-1252', 'no-utf-8');
    return EMPTY;
  }

  private settle(encoding: Encoding, verdict: EncodingVerdict): Buffer {
    this.encoding = encoding;
    this.verdict = verdict;
    const held = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    return this.process(held);
  }

  private process(chunk: Buffer): Buffer {
    const out = this.encoding === 'utf-8' ? this.checkUtf8(chunk) : this.transcode(chunk);
    this.lines += countLineEnds(chunk, chunk.length, this.afterCr);
    if (chunk.length > 0) this.afterCr = chunk[chunk.length - 1] === 13;
    return out;
  }

  private checkUtf8(chunk: Buffer): Buffer {
    if (this.carry.length === 0 && isAscii(chunk)) return chunk;
    const b = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = b.length - incompleteTail(b);
    this.carry = end < b.length ? Buffer.from(b.subarray(end)) : EMPTY;
    const body = end === b.length ? b : b.subarray(0, end);
    return isUtf8(body) ? body : this.escapeInvalid(body);
  }

  /**
   * `body` with each byte that is not UTF-8 written as \xHH, its line noted. `body` starts where
   * the chunk being processed starts, less the carry (which holds no line end).
   */
  private escapeInvalid(body: Buffer): Buffer {
    const parts: Buffer[] = [];
    let from = 0;
    let line = this.lines + 1;
    let afterCr = this.afterCr;
    for (let at = firstInvalidUtf8(body, 0, body.length); at < body.length; at = firstInvalidUtf8(body, from, body.length)) {
      line += countLineEnds(body.subarray(from, at), at - from, afterCr);
      this.badLines.add(line);
      parts.push(body.subarray(from, at), Buffer.from(`\\x${body[at].toString(16).toUpperCase().padStart(2, '0')}`));
      from = at + 1;
      afterCr = false;
    }
    parts.push(body.subarray(from));
    return Buffer.concat(parts);
  }

  private transcode(chunk: Buffer): Buffer {
    if (isAscii(chunk)) return chunk;
    let bad = -1;
    for (const byte of UNDEFINED_1252) {
      const at = chunk.indexOf(byte);
      if (at !== -1 && (bad === -1 || at < bad)) bad = at;
    }
    if (bad !== -1) this.fail(chunk, bad, 'undefined in windows-1252');
    return Buffer.from(decodeWindows1252(chunk), 'utf8');
  }

  private fail(chunk: Buffer, at: number, why: string): never {
    const line = this.lines + countLineEnds(chunk, at, this.afterCr) + 1;
    const byte = `0x${chunk[at].toString(16).toUpperCase().padStart(2, '0')}`;
    throw new AppError(
      'INPUT_ENCODING',
      `${this.file} line ${line}: byte ${byte} is ${why} (encoding ${this.encoding}); if the file is UTF-8, set encoding utf-8.`,
      { file: this.file, line, encoding: this.encoding },
    );
  }
}
