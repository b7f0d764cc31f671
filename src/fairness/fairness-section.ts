import { mdText as md } from '../report/markdown-text.js';
import { formatNumber, type Lang } from '../report/messages.js';
import { groupLabel, type FairnessView } from './fairness-view.js';

/** Past this many groups (gemeenten in a national export) a table shows only the marked ones; fairness.csv has all. */
const GROUPS_SHOWN = 30;

const MORE = {
  nl: (n: number) => `De overige ${n} groep(en), geen ervan gemarkeerd, staan in fairness.csv.`,
  en: (n: number) => `The other ${n} group(s), none of them marked, are in fairness.csv.`,
};

const percent = (x: number, lang: Lang) => `${formatNumber(Math.round(x * 1000) / 10, lang)}%`;
const ratio = (x: number | null, lang: Lang) => (x === null ? '-' : formatNumber(Math.round(x * 100) / 100, lang));

/** report.md's fairness section: one table per dimension, or why it is not available. */
export function fairnessSection(view: FairnessView, lang: Lang): string[] {
  const num = (x: number) => formatNumber(x, lang);
  const out = [`## ${view.heading}`, '', view.intro, '', view.protectedGrounds, ''];
  for (const d of view.dimensions) {
    out.push(`### ${d.title}`, '');
    if (d.notAvailable !== null) {
      out.push(d.notAvailable, '');
      continue;
    }
    out.push(`| ${view.header.join(' | ')} |`, '|---|---:|---:|---:|---:|---|');
    out.push(`| ${view.overallLabel} | ${num(d.members)} | ${num(d.listed)} | ${percent(d.share, lang)} | ${d.listed === 0 ? '-' : ratio(1, lang)} |  |`);
    const shown = d.groups.length > GROUPS_SHOWN ? d.groups.filter((g) => g.review) : d.groups;
    for (const g of shown)
      out.push(`| ${md(groupLabel(view, g.group))} | ${num(g.members)} | ${num(g.listed)} | ${percent(g.share, lang)} | ${ratio(g.ratio, lang)} | ${g.review ? `**${view.reviewLabel}**` : ''} |`);
    if (shown.length < d.groups.length) out.push('', MORE[lang](d.groups.length - shown.length));
    out.push('');
  }
  return out;
}
