// report.md's section "Eerder beoordeeld": what analysts' decisions set aside, what came back, and how
// past decisions ended per indicator. Every text from the decisions file goes through mdText.
import { mdText as md } from './markdown-text.js';
import { formatNumber } from './messages.js';
import type { IndicatorOutcome } from '../decisions/apply.js';
import type { DecisionView, ReopenedView, ReportView } from './view.js';
import { WORDING } from './wording.js';

/** Line numbers listed before "..."; manifest.json has them all. */
const LINES_SHOWN = 20;

export function decisionText(d: DecisionView, lang: ReportView['lang']): string {
  return WORDING[lang].decisions.decision(d.besluitLabel, d.beoordeeldOp, md(d.beoordeeldDoor), d.geldigTot, md(d.toelichting), d.niveauLabel, d.regel);
}

/** The line under a reason in the ranking whose decision no longer holds. */
export function reopenedLine(r: ReopenedView, lang: ReportView['lang']): string {
  return WORDING[lang].decisions.reopenedNote(decisionText(r.decision, lang), r.reasons.join('; '));
}

/** Gemeld out of gemeld + geen-aanleiding, as a percentage; '-' before any such decision. */
export function hitShare(c: IndicatorOutcome['counts'], lang: ReportView['lang']): string {
  const judged = c.gemeld + c['geen-aanleiding'];
  return judged === 0 ? '-' : `${formatNumber(Math.round((1000 * c.gemeld) / judged) / 10, lang)}%`;
}

export function decisionsSection(view: ReportView): string[] {
  const d = view.decisions;
  if (d === null) return [];
  const w = WORDING[view.lang].decisions;
  const num = (x: number) => formatNumber(x, view.lang);
  const out = [`## ${w.heading}`, '', w.intro(md(d.file), d.counts.decisions, d.rowsOpen), '', w.counts(d.counts), ''];
  if (d.notInRunLines.length > 0) {
    const lines = d.notInRunLines.slice(0, LINES_SHOWN).join(', ') + (d.notInRunLines.length > LINES_SHOWN ? ', ...' : '');
    out.push(w.notInRun(d.counts.notInRun, lines), '');
  }
  if (d.setAside.length === 0) out.push(w.noneSetAside, '');
  else {
    out.push(w.setAsideIntro, '');
    for (const p of d.setAside) {
      out.push(`### ${w.provider(md(p.naam || p.id), md(p.id), num(p.scoreWithout), p.tierLabelWithout, p.ranked)}`, '');
      for (const s of p.signals) out.push(`- **${s.indicator}**: ${md(s.message)}`, `  ${decisionText(s.decision, view.lang)}`);
      out.push('');
    }
  }
  if (d.reopened.length > 0) {
    out.push(`### ${w.reopenedHeading}`, '', w.reopenedIntro, '');
    for (const p of d.reopened) out.push(`- ${w.reopenedProvider(p.rank, md(p.naam || p.id), md(p.id), p.indicators.join(', '))}`);
    out.push('');
  }
  if (d.outcomes.length > 0) {
    out.push(`### ${w.outcomesHeading}`, '', w.outcomesIntro, '', `| ${w.outcomesHeader.join(' | ')} |`, '|---|---:|---:|---:|---:|---:|');
    for (const o of d.outcomes) {
      const c = o.counts;
      out.push(`| ${o.indicator} | ${c['geen-aanleiding']} | ${c['in-onderzoek']} | ${c.gemeld} | ${c.afgehandeld} | ${hitShare(c, view.lang)} |`);
    }
    out.push('');
  }
  return out;
}
