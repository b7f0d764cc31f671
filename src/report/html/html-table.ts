import { htmlText as h } from './html-text.js';

/** A plain table of report.html; cells are HTML already (escaped by the caller), headers are text. */
export function table(cls: string, header: string[], rows: string[][], numeric: readonly number[] = []): string {
  const th = header.map((x, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h(x)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => `<td class="${numeric.includes(i) ? 'num' : 'text'}" data-label="${h(header[i])}">${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
