// An independent count of the data rows of a CSV file, written apart from csv-parse so that a change
// in how the readers split records cannot go unnoticed: rows read must equal this count.
import { isUtf8 } from 'node:buffer';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
// What trim() removes in ASCII; CR and LF reach here only inside quotes.
const ASCII_BLANK = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Whether the file reads as UTF-8: a byte order mark, or any valid multi-byte UTF-8 sequence (the README's rule). */
function readsAsUtf8(b: Buffer): boolean {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0xc2 || c > 0xf4) continue;
    const n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (i + n <= b.length && isUtf8(b.subarray(i, i + n))) return true;
  }
  return false;
}

/**
 * The data rows of a CSV file as the readers count them: records after the header, where CRLF, LF
 * and CR each end a record outside a quoted field, a quoted field runs to its closing quote ("" is a
 * quote inside it), a leading UTF-8 byte order mark is no content, and a record whose values are all
 * blank (an empty line, Excel's ';;;;', also with Unicode spaces) is skipped, before and after the
 * header; a record with bytes that are not UTF-8 in a UTF-8 file is never blank (it is rejected).
 * Meaningful only for a file the readers can parse (no unclosed or stray quotes).
 */
export function countRecords(bytes: Buffer, delimiter: string): number {
  const sep = delimiter.charCodeAt(0);
  const utf8 = readsAsUtf8(bytes);
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let records = 0;
  let quoted = false;
  // Non-blank ASCII seen in the record; else its bytes beyond ASCII, to tell whether they are blank.
  let content = false;
  let wide: number[] = [];
  const byte = (c: number) => {
    if (c >= 0x80) wide.push(c);
    else if (!ASCII_BLANK.has(c)) content = true;
  };
  const endRecord = () => {
    if (content || (wide.length > 0 && !blank(Buffer.from(wide), utf8))) records++;
    content = false;
    wide = [];
  };
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (quoted) {
      if (c !== QUOTE) byte(c);
      else if (bytes[i + 1] === QUOTE) {
        content = true;
        i++;
      } else quoted = false;
    } else if (c === QUOTE) quoted = true;
    else if (c === CR || c === LF) {
      if (c === CR && bytes[i + 1] === LF) i++;
      endRecord();
    } else if (c !== sep) byte(c);
  }
  endRecord();
  // The first non-blank record is the header.
  return Math.max(0, records - 1);
}

/** Bytes beyond ASCII of one record: blank when they are Unicode spaces in the file's encoding. */
function blank(wide: Buffer, utf8: boolean): boolean {
  if (!utf8) return wide.toString('latin1').trim() === '';
  return isUtf8(wide) && wide.toString('utf8').trim() === '';
}
