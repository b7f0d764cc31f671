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

/**
 * Checks and decodes a file chunk by chunk. UTF-8 passes through as bytes (csv-parse decodes each
 * field); windows-1252 is transcoded to UTF-8 unless a chunk is plain ASCII, which both share.
 * Counts lines only so that an undecodable byte can be reported with its line.
 */
export class ChunkDecoder {
  private carry: Buffer = Buffer.alloc(0);
  private asciiSoFar = true;
  private afterCr = false;

  /**
   * @param lines line ends before the first chunk (a byte range that starts after the start of the file).
   * @param guessed the encoding was detected from a sample, not set nor marked by a BOM: a UTF-8
   *   guess from an all-ASCII start may turn into windows-1252 at the first byte that is not UTF-8.
   */
  constructor(
    public encoding: Encoding,
    private readonly file: string,
    private lines = 0,
    private readonly guessed = false,
  ) {}

  decode(chunk: Buffer): Buffer {
    const out = this.encoding === 'utf-8' ? this.checkUtf8(chunk) : this.transcode(chunk);
    this.lines += countLineEnds(chunk, chunk.length, this.afterCr);
    if (chunk.length > 0) this.afterCr = chunk[chunk.length - 1] === 13;
    return out;
  }

  /** A file may not end inside a multi-byte character. Returns the bytes still held back by settle. */
  end(): Buffer {
    if (this.carry.length > 0 && this.asciiSoFar && this.guessed) {
      this.encoding = 'windows-1252';
      return this.transcode(this.carry);
    }
    if (this.carry.length > 0) this.fail(this.carry, 0, 'the file ends inside a multi-byte character');
    return Buffer.alloc(0);
  }

  private checkUtf8(chunk: Buffer): Buffer {
    if (this.asciiSoFar) {
      if (this.carry.length === 0 && isAscii(chunk)) return chunk;
      if (this.guessed) return this.settle(chunk);
    }
    this.asciiSoFar = false;
    let start = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]) - this.carry.length;
      const joined = Buffer.concat([this.carry, chunk.subarray(0, need)]);
      if (joined.length < this.carry.length + need) {
        this.carry = joined;
        return chunk;
      }
      if (!isUtf8(joined)) this.fail(chunk, 0, 'not valid UTF-8');
      start = need;
      this.carry = Buffer.alloc(0);
    }
    const end = chunk.length - incompleteTail(chunk);
    const body = start === 0 && end === chunk.length ? chunk : chunk.subarray(start, end);
    if (!isUtf8(body)) this.fail(chunk, firstInvalidUtf8(chunk, start, end), 'not valid UTF-8');
    if (end < chunk.length) this.carry = Buffer.from(chunk.subarray(end));
    return chunk;
  }

  /**
   * The first bytes beyond ASCII of a file guessed as UTF-8. An Excel export can be plain ASCII for
   * longer than the sample; up to here both encodings read the same text, so a first byte that is
   * not UTF-8 after only ASCII settles the file as windows-1252. A multi-byte start at the end of the
   * chunk is held back until the next chunk tells.
   */
  private settle(chunk: Buffer): Buffer {
    const b = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    const end = b.length - incompleteTail(b);
    const bad = firstInvalidUtf8(b, 0, end);
    if (bad < end && isAscii(b.subarray(0, bad))) {
      this.encoding = 'windows-1252';
      return this.transcode(b);
    }
    if (bad < end || !isAscii(b.subarray(0, end))) {
      this.asciiSoFar = false;
      if (bad < end) this.fail(b, bad, 'not valid UTF-8');
      if (end < b.length) this.carry = Buffer.from(b.subarray(end));
      return b;
    }
    this.carry = Buffer.from(b.subarray(end));
    return b.subarray(0, end);
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
    const byte = at < chunk.length ? `0x${chunk[at].toString(16).toUpperCase().padStart(2, '0')}` : 'end of file';
    const hint =
      this.encoding === 'utf-8'
        ? 'the start of the file read as UTF-8; if it is an Excel export, set encoding windows-1252'
        : 'if the file is UTF-8, set encoding utf-8';
    throw new AppError(
      'INPUT_ENCODING',
      `${this.file} line ${line}: byte ${byte} is ${why} (encoding ${this.encoding}); ${hint}.`,
      { file: this.file, line, encoding: this.encoding },
    );
  }
}
