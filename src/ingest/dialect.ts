import { AppError } from '../errors.js';
import { hasUtf16Bom, hasUtf8Bom, type Encoding } from './encoding.js';
import { decimalVote, type DecimalMark } from './values/number.js';

export type Delimiter = ';' | ',' | '\t';

const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];
/** Records of the sample that vote on the delimiter. */
const SNIFF_RECORDS = 50;

/**
 * What the start of a file says about its encoding: UTF-16 is refused, a BOM means UTF-8. Otherwise
 * the bytes decide as they are read (see ChunkDecoder); `encoding` is then the first guess.
 */
export function detectEncoding(sample: Buffer, file: string): { encoding: Encoding; bom: boolean } {
  if (hasUtf16Bom(sample))
    throw new AppError('INPUT_ENCODING', `${file} line 1: the file is UTF-16 (Excel "Unicode text"); save it as CSV (UTF-8 or Windows).`, { file, line: 1 });
  return { encoding: 'utf-8', bom: hasUtf8Bom(sample) };
}

/**
 * Whether the bytes seen so far hold the end of the first line that has content, outside quotes:
 * the delimiter is told from the header, so the sample must reach past it.
 */
export class HeaderEnd {
  found = false;
  private quoted = false;
  private content = false;

  scan(chunk: Buffer): boolean {
    for (let i = 0; i < chunk.length && !this.found; i++) {
      const c = chunk[i];
      if (c === 0x22) this.quoted = !this.quoted;
      if (this.quoted) continue;
      if (c === 0x0a || c === 0x0d) this.found = this.content;
      else this.content = true;
    }
    return this.found;
  }
}

/** Delimiters outside quotes per record, for the first records of the text. */
function fieldSeparatorsPerRecord(text: string, delimiter: string, complete: boolean): number[] {
  const counts: number[] = [];
  let quoted = false;
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < SNIFF_RECORDS; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === delimiter) count++;
    else if (c === '\n' || c === '\r') {
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      continue;
    }
    blank = false;
  }
  // A last record cut off by the end of the sample would miscount.
  if (complete && !blank && !quoted) counts.push(count);
  return counts;
}

/**
 * The delimiter that splits the header into the most fields while every sampled record has the
 * same count. Ties go to ';' (the Dutch Excel default), then tab, then ','.
 */
export function detectDelimiter(text: string, complete: boolean): Delimiter {
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = fieldSeparatorsPerRecord(text, d, complete);
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.every((c) => c === counts[0]);
    // Consistency outranks width: a ',' inside Dutch amounts must not beat a steady ';'.
    const score = (consistent ? 1_000_000 : 0) + counts[0];
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const SEP_LINE = /^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i;

/**
 * Excel's delimiter hint: a first line `sep=;` (`sep=,`, `sep=` and a tab) names the delimiter of
 * the lines after it and is no record. Null when the text does not start with one; a hint naming a
 * delimiter the readers do not know stops the read, rather than reading the file some other way.
 */
export function sepLineDelimiter(text: string, file: string): Delimiter | null {
  const m = SEP_LINE.exec(text);
  if (m === null) return null;
  const d = m[1];
  if (d === ';' || d === ',' || d === '\t') return d;
  throw new AppError('INPUT_CSV', `${file} line 1: the first line 'sep=${d}' names the delimiter '${d}'; the readers take ';', ',' or tab.`, { file, line: 1 });
}

/**
 * The decimal mark from sample values of the decimal columns. Without evidence either way, the
 * delimiter hints: ';' files come from Dutch Excel (comma), ',' files cannot use a bare comma.
 */
export function detectDecimal(values: Iterable<string>, delimiter: Delimiter): { mark: DecimalMark; certain: boolean } {
  let comma = 0;
  let point = 0;
  for (const v of values) {
    const vote = decimalVote(v);
    if (vote > 0) comma++;
    else if (vote < 0) point++;
  }
  const hint: DecimalMark = delimiter === ',' ? 'point' : 'comma';
  if (comma === point) return { mark: hint, certain: comma > 0 };
  return { mark: comma > point ? 'comma' : 'point', certain: true };
}
