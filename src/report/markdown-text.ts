/**
 * Text from the inputs (names, ids, file names, and messages that quote them) made inert in Markdown
 * and in the HTML a viewer renders from it: no tags, no links or images, no emphasis, no table breaks.
 * - line breaks and other control characters become a space (a table row or heading is one line);
 * - `&`, `<`, `>` become entities, so `<script>`, `<img onerror=...>` and autolinks `<http://...>` show
 *   as text;
 * - `\`, backtick, `*`, `[`, `]`, `|`, `~` are backslash-escaped, so `[x](javascript:...)` and
 *   `![](http://...)` are no link or image, and `|` does not end a table cell;
 * - `_` is escaped only where it could open or close emphasis (not inside a word: budget_start stays).
 * A bare URL stays readable text; a viewer that links it shows the address it links to.
 */
export function mdText(text: string): string {
  return text
    .replace(/\r\n|[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}
