/** Input text longer than this is cut short where a message quotes it. */
export const EXCERPT_CHARS = 200;

/**
 * Input text as a message quotes it: a header of hundreds of KB must not become a message of
 * hundreds of KB. Longer text is cut, and says how long it was.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A list of input texts, quoted, as a message names them: at most `max` characters in all. */
export function excerptList(items: readonly string[], max = EXCERPT_CHARS * 2): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const next = `${i > 0 ? ', ' : ''}'${excerpt(items[i])}'`;
    if (out.length + next.length > max && i > 0) return `${out}, … (${items.length} in all)`;
    out += next;
  }
  return out;
}
