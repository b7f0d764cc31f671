// String.prototype.trim minus the vertical tab and form feed: those are control characters no export pads
// a cell with, so they stay in the value, where an id check rejects them instead of a trim hiding them.
const EDGE_BLANKS = /^[ \t\r\n\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[ \t\r\n\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;

/** The value without surrounding blanks; spreadsheet exports pad cells, and a padded id is the same id. */
export function clean(s: string): string {
  const n = s.length;
  if (n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32)) return s;
  return trimBlanks(s);
}

/** White space off both ends, as trim() but keeping the vertical tab and form feed (see EDGE_BLANKS). */
export function trimBlanks(s: string): string {
  return s.replace(EDGE_BLANKS, '');
}

/** Lower case with blanks and hyphens as underscores: 'Beschermd wonen' reads as 'beschermd_wonen'. */
export function enumKey(s: string): string {
  return s.toLowerCase().replace(/[\s-]+/g, '_');
}

/** Index of an allowed value (matched case-, blank- and hyphen-insensitively), or -1. */
export function enumMatcher(values: readonly string[]): (s: string) => number {
  const byKey = new Map<string, number>();
  values.forEach((v, i) => byKey.set(enumKey(v), i));
  // Comparing a handful of constants beats hashing a fresh string on every row.
  return (s) => {
    for (let i = 0; i < values.length; i++) if (values[i] === s) return i;
    return byKey.get(enumKey(s)) ?? -1;
  };
}

const BOOLEANS = new Map<string, boolean>([
  ['ja', true], ['j', true], ['true', true], ['1', true],
  ['nee', false], ['n', false], ['false', false], ['0', false],
]);

/** ja/nee, j/n, true/false, 1/0 in any case; null when none of these. */
export function parseBoolean(s: string): boolean | null {
  return BOOLEANS.get(s) ?? BOOLEANS.get(s.toLowerCase()) ?? null;
}

/** 'GM' and four digits, upper-cased; null otherwise. */
export function parseGemeenteCode(s: string): string | null {
  return /^gm\d{4}$/i.test(s) ? s.toUpperCase() : null;
}

export function isEightDigits(s: string): boolean {
  return /^\d{8}$/.test(s);
}

/** A spreadsheet that stored a code as a number drops its leading zeros: 1-7 digits left. */
export function lostLeadingZeros(s: string, width: number): boolean {
  return s.length < width && /^\d+$/.test(s);
}

export const MIN_BIRTH_YEAR = 1890;
export const MAX_BIRTH_YEAR = 2100;

export function parseYear(s: string): number | null {
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= MIN_BIRTH_YEAR && y <= MAX_BIRTH_YEAR ? y : null;
}
