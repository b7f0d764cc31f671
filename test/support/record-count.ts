// An independent count of the data rows of a CSV file, written apart from csv-parse so that a change
// in how the readers split records cannot go unnoticed: rows read must equal this count.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** What the readers' trim removes around a value that can occur as a single byte (ASCII blanks, NBSP in windows-1252). */
const BLANK = new Set([0x20, 0x09, 0x0b, 0x0c, 0xa0]);

/**
 * The data rows of a CSV file as the readers count them: records after the header, where CRLF, LF
 * and CR each end a record outside a quoted field, a quoted field runs to its closing quote ("" is a
 * quote inside it), a leading UTF-8 byte order mark is no content, and a record whose values are all
 * blank (an empty line, Excel's ';;;;') is skipped, before and after the header. Meaningful only
 * for a file the readers can parse (no unclosed or stray quotes).
 */
export function countRecords(bytes: Buffer, delimiter: string): number {
  const sep = delimiter.charCodeAt(0);
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let records = 0;
  let quoted = false;
  let content = false;
  const endRecord = () => {
    if (content) records++;
    content = false;
  };
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (quoted) {
      if (c !== QUOTE) content ||= !BLANK.has(c);
      else if (bytes[i + 1] === QUOTE) {
        content = true;
        i++;
      } else quoted = false;
    } else if (c === QUOTE) quoted = true;
    else if (c === CR || c === LF) {
      if (c === CR && bytes[i + 1] === LF) i++;
      endRecord();
    } else if (c !== sep && !BLANK.has(c)) content = true;
  }
  endRecord();
  // The first non-blank record is the header.
  return Math.max(0, records - 1);
}
