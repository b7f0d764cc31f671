// report.html's "Eerder beoordeeld" (--beoordelingen): what the decisions set aside, with each decision;
// who came back into the ranking; and how past decisions ended per indicator. Toelichting and
// beoordeeld_door are an analyst's text: escaped like every input.
import { hitShare } from '../decisions-section.js';
import { formatNumber } from '../messages.js';
import type { DecisionsView, DecisionView, ReopenedView, ReportView } from '../view.js';
import { WORDING } from '../wording.js';
import { htmlText as h } from './html-text.js';
import { table } from './html-table.js';
import type { NameLink } from './since-previous-html.js';

/** Line numbers listed before "..."; manifest.json has them all (as report.md). */
const LINES_SHOWN = 20;

/** A decision as one sentence of HTML: every argument escaped, the sentence around them the tool's own. */
export function decisionHtml(d: DecisionView, lang: ReportView['lang']): string {
  const tot = d.geldigTot === null ? null : h(d.geldigTot);
  return WORDING[lang].decisions.decision(h(d.besluitLabel), h(d.beoordeeldOp), h(d.beoordeeldDoor), tot, h(d.toelichting), h(d.niveauLabel), d.regel);
}

/** Under a reason in the details: the decision that no longer holds, and why it came back. */
export function reopenedHtml(r: ReopenedView, lang: ReportView['lang']): string {
  return `<span class="reopened">${WORDING[lang].decisions.reopenedNote(decisionHtml(r.decision, lang), h(r.reasons.join('; ')))}</span>`;
}

export function decisionsHtml(d: DecisionsView, lang: ReportView['lang'], link: NameLink): string {
  const w = WORDING[lang].decisions;
  const num = (x: number) => formatNumber(x, lang);
  const out = [`<p>${w.intro(h(d.file), d.counts.decisions, d.rowsOpen)}</p>`, `<p>${h(w.counts(d.counts))}</p>`];
  if (d.notInRunLines.length > 0) {
    const lines = d.notInRunLines.slice(0, LINES_SHOWN).join(', ') + (d.notInRunLines.length > LINES_SHOWN ? ', ...' : '');
    out.push(`<p>${h(w.notInRun(d.counts.notInRun, lines))}</p>`);
  }
  if (d.setAside.length === 0) out.push(`<p>${h(w.noneSetAside)}</p>`);
  else {
    out.push(`<p>${h(w.setAsideIntro)}</p>`);
    for (const p of d.setAside) {
      out.push('<article class="provider reviewed">');
      out.push(`<h3>${w.provider(p.ranked ? link(p.id, p.naam || p.id) : h(p.naam || p.id), `<code>${h(p.id)}</code>`, h(num(p.scoreWithout)), h(p.tierLabelWithout), p.ranked)}</h3>`);
      const items = p.signals.map((s) => `<li><strong>${h(s.title)}</strong> <code>${h(s.indicator)}</code>: ${h(s.message)}<span class="decision">${decisionHtml(s.decision, lang)}</span></li>`);
      out.push(`<ul class="reasons">${items.join('\n')}</ul>`, '</article>');
    }
  }
  if (d.reopened.length > 0) {
    out.push(`<h3>${h(w.reopenedHeading)}</h3>`, `<p>${h(w.reopenedIntro)}</p>`);
    out.push(`<ul>${d.reopened.map((p) => `<li>${w.reopenedProvider(p.rank, link(p.id, p.naam || p.id), `<code>${h(p.id)}</code>`, h(p.indicators.join(', ')))}</li>`).join('\n')}</ul>`);
  }
  if (d.outcomes.length > 0) {
    out.push(`<h3>${h(w.outcomesHeading)}</h3>`, `<p>${h(w.outcomesIntro)}</p>`);
    const rows = d.outcomes.map((o) => {
      const c = o.counts;
      return [`<code>${h(o.indicator)}</code>`, num(c['geen-aanleiding']), num(c['in-onderzoek']), num(c.gemeld), num(c.afgehandeld), h(hitShare(c, lang))];
    });
    out.push(table('cards', w.outcomesHeader, rows, [1, 2, 3, 4, 5]));
  }
  return out.join('\n');
}
