import { open } from 'node:fs/promises';

export interface SplitPoint {
  /** Byte offset where the second range starts, just after a line end. */
  at: number;
  /** Line ends (CRLF, LF or CR) before `at`: the second range counts its lines on from here. */
  lineBase: number;
}

const CHUNK = 4 << 20;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * The first line end at or after the middle of the file that lies outside quoted fields, so both
 * ranges start on a record. Quote parity from the start of the file tells: a quote opens or closes
 * a quoted field, and a doubled quote inside one flips twice. (A stray quote elsewhere is a CSV error
 * in the first range, which then fails as the whole file would.) CRLF, LF and CR each end a line,
 * as they do for the reader; the split never falls between the CR and LF of a CRLF. Null, so the
 * file is read in one piece, when no such line end comes before three quarters of the file.
 * `chunk` is the read size (tests make it small, to meet its boundaries often).
 */
export async function findSplitPoint(path: string, size: number, chunk = CHUNK): Promise<SplitPoint | null> {
  const middle = Math.floor(size / 2);
  const giveUp = Math.floor((size * 3) / 4);
  const handle = await open(path, 'r');
  try {
    // One byte more than a chunk, so a CR at the end of a chunk can see whether an LF follows.
    const buf = Buffer.allocUnsafe(chunk + 1);
    let lineEnds = 0;
    let quotes = 0;
    // The previous chunk ended in a CR whose line end was counted; an LF starting this one belongs to it.
    let afterCr = false;
    for (let pos = 0; pos < giveUp; ) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(chunk + 1, size - pos), pos);
      if (bytesRead === 0) break;
      // The lookahead byte is read again as the start of the next chunk.
      const n = Math.min(bytesRead, chunk, giveUp - pos);
      const b = buf.subarray(0, n);
      let i = 0;
      if (afterCr && b[0] === LF) i = 1;
      afterCr = false;
      if (b.indexOf(QUOTE, i) === -1 && b.indexOf(CR, i) === -1) {
        // The usual chunk: no quotes, no CR; count line ends at memchr speed.
        for (let at = b.indexOf(LF, i); at !== -1; at = b.indexOf(LF, at + 1)) {
          lineEnds++;
          if (pos + at >= middle && (quotes & 1) === 0) return { at: pos + at + 1, lineBase: lineEnds };
        }
      } else {
        for (; i < n; i++) {
          const c = b[i];
          if (c === QUOTE) quotes++;
          else if (c === LF || c === CR) {
            lineEnds++;
            let end = i;
            if (c === CR) {
              const next = i + 1 < bytesRead ? buf[i + 1] : -1;
              if (next === LF) end = ++i;
              // A CR ending the chunk (and not the file) may be half of a CRLF: no split there.
              else if (next === -1 && pos + i + 1 < size) {
                if (i + 1 === n) afterCr = true;
                continue;
              }
            }
            if (pos + end >= middle && (quotes & 1) === 0) return { at: pos + end + 1, lineBase: lineEnds };
            // The LF of this CRLF was the lookahead byte: the next chunk starts with it.
            if (end >= n) afterCr = true;
          }
        }
      }
      pos += n;
    }
    return null;
  } finally {
    await handle.close();
  }
}
