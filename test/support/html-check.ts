// Invariants of report.html that need no browser: the only markup is the renderer's own. Input text is
// escaped (no raw `<`, `>`, `"` or `'`), so tags and double-quoted attributes parse exactly with a regex.
import { SCRIPT } from '../../src/report/html/script.js';
import { STYLE } from '../../src/report/html/style.js';

const TAGS = new Set(
  (
    'html head meta title style body main header nav ol ul li a strong section h1 h2 h3 h4 p table thead tbody tr th td ' +
    'button div label input select option code span article figure figcaption svg defs marker path line text circle rect g script'
  ).split(' '),
);
const ATTRIBUTE = /\s+([^\s="'/>]+)(?:="([^"]*)")?/g;

export function htmlViolations(html: string): string[] {
  const out: string[] = [];
  const parts = html.split(/<style>|<\/style>|<script>|<\/script>/);
  if (parts.length !== 5) return [`expected one <style> and one <script> element, found ${(parts.length - 1) / 2} in all`];
  if (parts[1] !== STYLE) out.push('the <style> element is not the renderer\'s stylesheet');
  if (parts[3] !== SCRIPT) out.push('the <script> element is not the renderer\'s script');
  const markup = parts[0] + parts[2] + parts[4];
  for (const m of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const [whole, closing, name, rest] = m;
    if (!TAGS.has(name.toLowerCase())) out.push(`unexpected element <${name}>: ${whole.slice(0, 120)}`);
    if (closing !== '') continue;
    const leftover = rest.replace(ATTRIBUTE, '').trim();
    if (leftover !== '' && leftover !== '/') out.push(`unparsable attributes in ${whole.slice(0, 160)}`);
    for (const [, attr, value] of rest.matchAll(ATTRIBUTE)) {
      if (/^on/i.test(attr) || attr === 'style' || attr === 'src') out.push(`attribute ${attr} in ${whole.slice(0, 120)}`);
      if (attr === 'href' && !value?.startsWith('#')) out.push(`link out of the page: ${whole.slice(0, 120)}`);
    }
  }
  // Text between tags: an input's `<`, `>` or quote would have been escaped.
  const text = markup.replace(/<[^>]*>/g, '');
  if (/[<>]/.test(text)) out.push(`a raw < or > outside a tag: ${JSON.stringify(text.match(/.{0,40}[<>].{0,40}/)?.[0])}`);
  return out;
}
