// report.html's fairness section: the tables of report.md's, a group from the inputs (a gemeente code, a
// voorziening) escaped, a marked group in bold.
import { fairnessRows } from '../../fairness/fairness-section.js';
import type { FairnessView } from '../../fairness/fairness-view.js';
import type { Lang } from '../messages.js';
import { htmlText as h } from './html-text.js';
import { table } from './html-table.js';

export function fairnessHtml(view: FairnessView, lang: Lang): string {
  const out = [`<p>${h(view.intro)}</p>`, `<p>${h(view.protectedGrounds)}</p>`];
  for (const d of view.dimensions) {
    out.push(`<h3>${h(d.title)}</h3>`);
    if (d.notAvailable !== null) {
      out.push(`<p>${h(d.notAvailable)}</p>`);
      continue;
    }
    const { rows, more } = fairnessRows(view, d, lang);
    const cells = rows.map((r) => [h(r.label), r.members, r.listed, r.share, r.ratio, r.review ? `<strong>${h(view.reviewLabel)}</strong>` : '']);
    out.push(table('cards fairness', view.header, cells, [1, 2, 3, 4]));
    if (more !== null) out.push(`<p>${h(more)}</p>`);
  }
  return out.join('\n');
}
