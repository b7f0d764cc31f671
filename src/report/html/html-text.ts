/**
 * Text from the inputs (names, ids, file names, messages that quote them) made inert in HTML, in element
 * content and in double- or single-quoted attribute values alike: `&`, `<`, `>`, `"` and `'` become
 * entities, so `<script>` or `" onmouseover=` shows as text; control characters, which have no place in
 * a name and would make an XML reader of the inline SVG fail, become a space.
 */
const SPECIAL = /[&<>"'\u0000-\u001f\u007f\u2028\u2029]/;

export function htmlText(text: string): string {
  // Most names and ids need nothing: a report lists tens of thousands of them.
  if (!SPECIAL.test(text)) return text;
  return text
    .replace(/\r\n|[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
