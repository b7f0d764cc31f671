import { trimBlanks } from './text.js';
// Ids are compared as a person reads them: an id followed by a no-break space, a zero-width space
// or a BOM, or written with full-width digits, is the same id, so it can neither count twice nor
// miss its holder.

// Invisible characters that are not Unicode white space, so String.prototype.trim keeps them.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// C0 controls, DEL and C1 controls (after NFKC; tabs and line breaks at the ends are trimmed first).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Whether every character is printable ASCII other than a space: the usual id, left as it is. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

/**
 * The id as compared: NFKC (full-width digits and letters as ASCII, no-break space as space), zero-width
 * characters and BOMs removed wherever they are, white space trimmed at both ends. Control
 * characters are kept, for hasControlCharacter to refuse. Plain ASCII ids return at once: this runs
 * on every row.
 */
export function normalizeId(raw: string): string {
  if (isPlainAscii(raw)) return raw;
  return trimBlanks(raw.normalize('NFKC').replace(ZERO_WIDTH, ''));
}

export function hasControlCharacter(id: string): boolean {
  return CONTROL.test(id);
}

/** The first control character as U+XXXX, for messages. */
export function controlCharacterName(id: string): string {
  const c = CONTROL.exec(id);
  return c === null ? '' : `U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** For the declarations fast path: the normalised id, or null when it holds a control character (the schema then says which). */
export function usableId(raw: string): string | null {
  if (isPlainAscii(raw)) return raw;
  const id = normalizeId(raw);
  return hasControlCharacter(id) ? null : id;
}
