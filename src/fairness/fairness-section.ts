import { mdText as md } from '../report/markdown-text.js';
import { formatNumber, type Lang } from '../report/messages.js';
import { groupLabel, type FairnessDimensionView, type FairnessView } from './fairness-view.js';

/** Past this many groups (gemeenten in a national export) a table shows only the marked ones; fairness.csv has all. */
const GROUPS_SHOWN = 30;

const MORE = {
  nl: (n: number) => `De overige ${n} groep(en), geen ervan gemarkeerd, staan in fairness.csv.`,
  en: (n: number) => `The other ${n} group(s), none of them marked, are in fairness.csv.`,
};

const percent = (x: number, lang: Lang) => `${formatNumber(Math.round(x * 1000) / 10, lang)}%`;
const ratio = (x: number | null, lang: Lang) => (x === null ? '-' : formatNumber(Math.round(x * 100) / 100, lang));

/** One line of a dimension's table, numbers formatted; `label` is input text (a gemeente code, a voorziening) to escape. */
export interface FairnessRow {
  label: string;
  members: string;
  listed: string;
  share: string;
  ratio: string;
  review: boolean;
}

/** A dimension's table as report.md and report.html show it: everyone first, then the groups shown, and what was left out. */
export function fairnessRows(view: FairnessView, d: FairnessDimensionView, lang: Lang): { rows: FairnessRow[]; more: string | null } {
  const num = (x: number) => formatNumber(x, lang);
  const overall = { label: view.overallLabel, members: num(d.members), listed: num(d.listed), share: percent(d.share, lang), ratio: d.listed === 0 ? '-' : ratio(1, lang), review: false };
  const shown = d.groups.length > GROUPS_SHOWN ? d.groups.filter((g) => g.review) : d.groups;
  const rows = shown.map((g) => ({ label: groupLabel(view, g.group), members: num(g.members), listed: num(g.listed), share: percent(g.share, lang), ratio: ratio(g.ratio, lang), review: g.review }));
  return { rows: [overall, ...rows], more: shown.length < d.groups.length ? MORE[lang](d.groups.length - shown.length) : null };
}

/** report.md's fairness section: one table per dimension, or why it is not available. */
export function fairnessSection(view: FairnessView, lang: Lang): string[] {
  const out = [`## ${view.heading}`, '', view.intro, '', view.protectedGrounds, ''];
  for (const d of view.dimensions) {
    out.push(`### ${d.title}`, '');
    if (d.notAvailable !== null) {
      out.push(d.notAvailable, '');
      continue;
    }
    out.push(`| ${view.header.join(' | ')} |`, '|---|---:|---:|---:|---:|---|');
    const { rows, more } = fairnessRows(view, d, lang);
    const [overall, ...groups] = rows;
    out.push(`| ${overall.label} | ${overall.members} | ${overall.listed} | ${overall.share} | ${overall.ratio} |  |`);
    for (const g of groups) out.push(`| ${md(g.label)} | ${g.members} | ${g.listed} | ${g.share} | ${g.ratio} | ${g.review ? `**${view.reviewLabel}**` : ''} |`);
    if (more !== null) out.push('', more);
    out.push('');
  }
  return out;
}
