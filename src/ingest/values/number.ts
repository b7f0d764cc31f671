export type DecimalMark = 'comma' | 'point';

/**
 * How a file writes decimals. `certain` is false when the mark was only inferred from the
 * delimiter: then '1.234' could be 1234 or 1.234 and is refused rather than guessed.
 */
export interface DecimalMode {
  mark: DecimalMark;
  certain: boolean;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
// Up to 15 digits the integer and 10^scale are exact doubles, so one division is correctly
// rounded and equals Number() of the same text.
const EXACT_DIGITS = 15;

/** A decimal in the file's mode, or NaN when the text is not one (never a best guess). */
export function parseDecimal(s: string, mode: DecimalMode): number {
  return mode.mark === 'comma' ? parseCommaDecimal(s, mode.certain) : parsePointDecimal(s);
}

function parseCommaDecimal(s: string, certain: boolean): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  let lead = 0; // digits before the first thousands dot
  let group = 0; // digits in the current thousands group
  let dots = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      if (dots === 0) lead++;
      else group++;
    } else if (c === 46) {
      // A grouped number never starts with 0: '0.123' is no thousand.
      if (dots === 0 ? lead === 0 || lead > 3 || s.charCodeAt(negative ? 1 : 0) === 48 : group !== 3) return Number.NaN;
      dots++;
      group = 0;
    } else break;
  }
  if (lead === 0 || (dots > 0 && group !== 3)) return Number.NaN;
  let scale = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 44 || i === n - 1) return Number.NaN;
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      value = value * 10 + (c - 48);
      digits++;
      scale++;
    }
  }
  if (dots === 1 && scale === 0 && !certain) return Number.NaN;
  if (digits > EXACT_DIGITS) return Number(s.replace(/\./g, '').replace(',', '.'));
  const v = scale === 0 ? value : value / POW10[scale];
  return negative ? -v : v;
}

function parsePointDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  if (digits === 0) return Number.NaN;
  let scale = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i === n - 1) return Number.NaN;
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      value = value * 10 + (c - 48);
      digits++;
      scale++;
    }
  }
  if (digits > EXACT_DIGITS) return Number(s);
  const v = scale === 0 ? value : value / POW10[scale];
  return negative ? -v : v;
}

/** True for the one shape a comma-mode file cannot read without knowing its mark: '1.234'. */
export function isAmbiguousDecimal(s: string, mode: DecimalMode): boolean {
  return mode.mark === 'comma' && !mode.certain && /^-?[1-9]\d{0,2}\.\d{3}$/.test(s);
}

/** Votes of one sample value for a decimal mark; 0 when the value settles nothing. */
export function decimalVote(s: string): -1 | 0 | 1 {
  // comma: '12,5', '1.234,56', '1.234,567'; point: '12.5', '1,234.56'. Three digits after a
  // lone separator ('1.234', '1,234') read as thousands in the other mode, so they do not vote.
  if (/^-?\d+,(\d{1,2}|\d{4,})$/.test(s) || /^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) return 1;
  if (/^-?\d+\.(\d{1,2}|\d{4,})$/.test(s) || /^-?\d{1,3}(,\d{3})+\.\d+$/.test(s)) return -1;
  return 0;
}
