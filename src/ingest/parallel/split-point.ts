import { open } from 'node:fs/promises';

export interface SplitPoint {
  /** Byte offset where the second range starts, just after a line end. */
  at: number;
  /** Line ends before `at`: the second range counts its lines on from here. */
  lineBase: number;
  /** The line ending of the file up to `at`, which csv-parse will have settled on. */
  recordDelimiter: '\n' | '\r\n';
}

const CHUNK = 4 << 20;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * The first line end at or after the middle of the file that lies outside quoted fields, so both
 * ranges start on a record. Quote parity from the start of the file tells: a quote opens or closes
 * a quoted field, and a doubled quote inside one flips twice. (A stray quote elsewhere is a CSV error
 * in the first range, which then fails as the whole file would.) Null, so the file is read in one
 * piece, when no such line end comes before three quarters of the file, or when the line ends up to
 * the split are not all LF or all CRLF: with a mix, csv-parse's line count is not the count of line
 * ends, and the second range could not number its lines.
 */
export async function findSplitPoint(path: string, size: number): Promise<SplitPoint | null> {
  const middle = Math.floor(size / 2);
  const giveUp = Math.floor((size * 3) / 4);
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let lf = 0;
    let cr = 0;
    let crlf = 0;
    let quotes = 0;
    let prev = -1;
    for (let pos = 0; pos < giveUp; ) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, giveUp - pos), pos);
      if (bytesRead === 0) break;
      const b = buf.subarray(0, bytesRead);
      let split = -1;
      if (b.indexOf(QUOTE) === -1 && b.indexOf(CR) === -1) {
        // The usual chunk: no quotes, no CR; count line ends at memchr speed.
        if (prev === CR && b[0] === LF) crlf++;
        for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) {
          lf++;
          if (split < 0 && pos + i >= middle && (quotes & 1) === 0) {
            split = i;
            break;
          }
        }
      } else {
        for (let i = 0; i < bytesRead; i++) {
          const c = b[i];
          if (c === LF) {
            lf++;
            if ((i > 0 ? b[i - 1] : prev) === CR) crlf++;
            if (pos + i >= middle && (quotes & 1) === 0) {
              split = i;
              break;
            }
          } else if (c === CR) cr++;
          else if (c === QUOTE) quotes++;
        }
      }
      if (split >= 0) {
        if (cr === 0) return { at: pos + split + 1, lineBase: lf, recordDelimiter: '\n' };
        if (cr === lf && crlf === lf) return { at: pos + split + 1, lineBase: lf, recordDelimiter: '\r\n' };
        return null;
      }
      prev = b[bytesRead - 1];
      pos += bytesRead;
    }
    return null;
  } finally {
    await handle.close();
  }
}
