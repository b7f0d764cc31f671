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
 * ranges start on a record; see findSplitPoints, of which this is the case of two parts.
 */
export async function findSplitPoint(path: string, size: number, chunk = CHUNK): Promise<SplitPoint | null> {
  return (await findSplitPoints(path, size, 2, chunk))?.[0] ?? null;
}

/**
 * Where to cut the file into `parts` ranges: for each k of 1..parts-1, the first line end at or
 * after k/parts of the file that lies outside quoted fields, so every range starts on a record.
 * Quote parity from the start of the file tells: a quote opens or closes a quoted field, and a
 * doubled quote inside one flips twice. (A stray quote elsewhere is a CSV error in an earlier
 * range, which then fails as the whole file would.) CRLF, LF and CR each end a line, as they do for
 * the reader; a cut never falls between the CR and LF of a CRLF. A cut is left out when no such
 * line end comes within half a part past its mark (a quoted field spanning it); null when no cut
 * is found at all, and the file is read in one piece. `chunk` is the read size (tests make it
 * small, to meet its boundaries often).
 */
export async function findSplitPoints(path: string, size: number, parts: number, chunk = CHUNK): Promise<SplitPoint[] | null> {
  const marks: number[] = [];
  const windows: number[] = [];
  for (let k = 1; k < parts; k++) {
    marks.push(Math.floor((size * k) / parts));
    windows.push(Math.floor((size * (2 * k + 1)) / (2 * parts)));
  }
  const points: SplitPoint[] = [];
  let next = 0;
  const giveUp = windows[windows.length - 1] ?? 0;
  // Whether the line end from byte `begin` to `end` (a CRLF's LF) is taken as the next cut; true when all are found.
  const offer = (begin: number, end: number, lineEnds: number): boolean => {
    while (next < marks.length && begin >= windows[next]) next++;
    if (next < marks.length && end >= marks[next]) {
      points.push({ at: end + 1, lineBase: lineEnds });
      next++;
    }
    return next >= marks.length;
  };
  const handle = await open(path, 'r');
  try {
    // One byte more than a chunk, so a CR at the end of a chunk can see whether an LF follows.
    const buf = Buffer.allocUnsafe(chunk + 1);
    let lineEnds = 0;
    let quotes = 0;
    // The previous chunk ended in a CR whose line end was counted; an LF starting this one belongs to it.
    let afterCr = false;
    scan: for (let pos = 0; pos < giveUp; ) {
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
          if (pos + at >= marks[next] && (quotes & 1) === 0 && offer(pos + at, pos + at, lineEnds)) break scan;
        }
      } else {
        for (; i < n; i++) {
          const c = b[i];
          if (c === QUOTE) quotes++;
          else if (c === LF || c === CR) {
            lineEnds++;
            const begin = i;
            let end = i;
            if (c === CR) {
              const next = i + 1 < bytesRead ? buf[i + 1] : -1;
              if (next === LF) end = ++i;
              // A CR ending the chunk (and not the file) may be half of a CRLF: no cut there.
              else if (next === -1 && pos + i + 1 < size) {
                if (i + 1 === n) afterCr = true;
                continue;
              }
            }
            if (pos + end >= marks[next] && (quotes & 1) === 0 && offer(pos + begin, pos + end, lineEnds)) break scan;
            // The LF of this CRLF was the lookahead byte: the next chunk starts with it.
            if (end >= n) afterCr = true;
          }
        }
      }
      pos += n;
    }
    return points.length === 0 ? null : points;
  } finally {
    await handle.close();
  }
}
