import { isUtf8 } from 'node:buffer';

/**
 * An independent count of the data records in a CSV file, written apart from the scan's parser so
 * that a parser change that merges or splits rows cannot go unnoticed (issue 6, item 1).
 *
 * Provisional copy (helper E); the lead keeps one at merge. Rules: a quote opens a quoted field only
 * at the start of a field, `""` inside it is a quote; CR, LF and CRLF all end a record outside
 * quotes; a record whose fields are all blank after trimming (an empty line, Excel's `;;;;`) is not
 * a record; the first record is the header and is not counted.
 */
export function countRecords(bytes: Buffer, delimiter: string): number {
  const delim = delimiter === 'tab' ? '\t' : delimiter;
  // Decoded only to tell blank fields apart: JavaScript's trim, which the scan uses, knows NBSP and BOM.
  let text = isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const blankChar = /\s/;

  let records = 0;
  let inQuotes = false;
  let atFieldStart = true;
  let blank = true;
  let pending = false;
  const endRecord = () => {
    if (pending && !blank) records++;
    blank = true;
    pending = false;
    atFieldStart = true;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    pending = true;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          blank = false;
          i++;
        } else inQuotes = false;
      } else if (blank && !blankChar.test(c)) blank = false;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (c === delim) {
      atFieldStart = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      atFieldStart = false;
      if (blank && !blankChar.test(c)) blank = false;
    }
  }
  endRecord();
  return Math.max(0, records - 1);
}
