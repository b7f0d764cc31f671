import type { Evidence } from '../indicators/define.js';
import { evidenceLines } from './evidence-lines.js';
import { mdText } from './markdown-text.js';
import { formatNumber } from './messages.js';
import type { IndicatorAdvice, ReasonView, ReportView } from './view.js';
import { WORDING, type Wording } from './wording.js';
import { mappingWarningLines } from './mapping-warnings.js';
import { networksSection } from './networks-section.js';
import { fairnessSection } from '../fairness/fairness-section.js';
import { sincePreviousSection } from './since-previous-section.js';
import { decisionsSection, reopenedLine } from './decisions-section.js';

/** Providers with their reasons in full; report.html details the same ones. */
export const TOP_PROVIDERS = 25;
export const TOP_HOLDERS = 25;
const DUPLICATE_GROUPS_SHOWN = 20;

const md = mdText;

/** "declaraties.csv r. 12, 15-18 (+40 meer)": enough to start checking; signals.ndjson has them all. */
export function evidenceSummary(evidence: Evidence[], w: Wording = WORDING.nl): string {
  return evidenceLines(evidence)
    .map(({ file, ranges, more }) => `${md(file)} ${w.line} ${ranges}${more > 0 ? ` (${w.more(more)})` : ''}`)
    .join('; ');
}

function reasonBullet(r: ReasonView, w: Wording, num: (x: number) => string, lang: ReportView['lang']): string {
  const pts = r.contribution > 0 ? w.points(num(r.contribution)) : w.noExtraPoints;
  const reopened = r.reopened === null ? '' : `\n  ${reopenedLine(r.reopened, lang)}`;
  return `- **${r.indicator}** (${pts}): ${md(r.message)}\n  ${w.evidence}: ${evidenceSummary(r.evidence, w)}${reopened}`;
}

/** Indicator texts are the tool's own (Markdown allowed); with one indicator its name would only repeat the reason above. */
function adviceList(heading: string, advice: IndicatorAdvice[]): string[] {
  if (advice.length === 0) return [];
  const out = [`${heading}:`, ''];
  if (advice.length === 1) for (const item of advice[0].items) out.push(`- ${item}`);
  else
    for (const a of advice) {
      out.push(`- **${a.indicator}**`);
      for (const item of a.items) out.push(`  - ${item}`);
    }
  out.push('');
  return out;
}

/** Ids that differ only in letter case; absent when there are none. */
function possibleDuplicatesSection(view: ReportView, w: Wording, num: (x: number) => string): string[] {
  const { total, groups } = view.possibleDuplicateIds;
  if (total === 0) return [];
  const out = [`## ${w.duplicatesHeading}`, ''];
  out.push(w.duplicatesIntro(total), '', `| ${w.duplicatesHeader.join(' | ')} |`, '|---|---|---|');
  for (const g of groups.slice(0, DUPLICATE_GROUPS_SHOWN))
    out.push(`| ${md(g.file)} | ${g.column} | ${g.ids.map((id, i) => `${md(id)} (${w.line} ${g.lines[i]})`).join(', ')} |`);
  if (total > DUPLICATE_GROUPS_SHOWN) out.push('', w.duplicatesMore(total - DUPLICATE_GROUPS_SHOWN, groups.length));
  out.push('');
  return out;
}

/** report.md: a pure function of the view; every text from the inputs goes through mdText. */
export function markdownReport(view: ReportView): string {
  const w = WORDING[view.lang];
  const num = (x: number) => formatNumber(x, view.lang);
  const c = view.counts;
  const out: string[] = [];
  out.push(`# ${w.reportTitle}`, '');
  out.push(w.asOf(view.asOf, view.toolVersion), '');
  out.push(`> **${w.caveatLead}** ${view.caveat}`, '');
  out.push(...sincePreviousSection(view.sincePrevious, w.sincePrevious));

  out.push(`## ${w.summaryHeading}`, '');
  out.push(
    `- ${w.providersSummary(c.providers, c.tiers.hoog, c.tiers.midden, c.tiers.laag)}`,
    `- ${w.holdersSummary(c.holders, view.holderLabel)}`,
    `- ${w.signalsSummary(c.signals, c.indicatorsFired, c.indicators)}`,
    `- ${c.rejects === 0 ? w.rejectsSummary(0) : w.rejectsSummary(c.rejectedRows)}`,
  );
  const d = view.decisions;
  if (d !== null) out.push(`- ${w.decisions.summary(d.signalsSetAside, d.setAside.length, d.setAside.filter((p) => !p.ranked).length, d.signalsReopened)}`);
  if (view.notRun.length > 0) {
    out.push(`- ${w.notRunSummary(view.notRun.length, c.indicators)}`);
    for (const i of view.notRun) out.push(`  - ${i.id}: ${md(i.reason ?? '')}`);
  }
  out.push('');

  out.push(`## ${w.inputsHeading}`, '');
  out.push(`| ${w.inputsHeader.join(' | ')} |`);
  out.push('|---|---:|---|---|---|---|---:|---:|---:|---|');
  for (const i of view.inputs) {
    const delim = (i.delimiter === '\t' ? 'tab' : `\`${i.delimiter}\``) + (i.sepLine ? ' (sep=)' : '');
    out.push(
      `| ${md(i.display)} | ${num(i.bytes)} | ${i.encoding}${i.bom ? ' (BOM)' : ''} | ${delim} | ${w.decimal[i.decimal]} | ${i.dateFormats.join(', ') || '-'} | ${num(i.rowsRead)} | ${num(i.rowsAccepted)} | ${num(i.rowsRejected)} | ${md(i.ignoredColumns.join(', ')) || '-'} |`,
    );
  }
  out.push('');
  // Rows about people outside this export (a register extract covers more than one municipality).
  for (const i of view.inputs.filter((i) => i.rowsUnmatched > 0)) out.push(w.unmatchedRows(md(i.display), num(i.rowsUnmatched)), '');
  // Two exports pasted together: their second header is no row of bad values.
  for (const i of view.inputs.filter((i) => i.repeatedHeaders.count > 0))
    out.push(w.repeatedHeaders(md(i.display), num(i.repeatedHeaders.count), i.repeatedHeaders.lines.join(', ') + (i.repeatedHeaders.count > i.repeatedHeaders.lines.length ? ', ...' : '')), '');
  out.push(w.inputsHashNote, '');
  out.push(...mappingWarningLines(view.inputs, view.lang));

  out.push(`## ${w.rejectsHeading}`, '');
  if (c.rejects === 0) out.push(w.noRejects, '');
  else {
    out.push(`| ${w.rejectsHeader.join(' | ')} |`, '|---|---|---:|');
    for (const { file, code, count } of view.rejects) out.push(`| ${md(file)} | ${code} | ${num(count)} |`);
    out.push('', w.rejectsNote, '');
  }

  out.push(...possibleDuplicatesSection(view, w, num));

  out.push(`## ${w.providersHeading}`, '');
  if (view.providers.length === 0) out.push(w.noSignals, '');
  for (const p of view.providers.slice(0, TOP_PROVIDERS)) {
    out.push(`### ${w.providerHeading(p.rank, md(p.naam || p.id), md(p.id), num(p.score), p.tierLabel)}`, '');
    out.push(w.providerLead(p.holders, w.money(p.amount)), '');
    for (const r of p.reasons) out.push(reasonBullet(r, w, num, view.lang));
    out.push('');
    out.push(...adviceList(w.whatToCheck, p.whatToCheck), ...adviceList(w.innocentExplanations, p.innocentExplanations));
  }
  if (view.providers.length > TOP_PROVIDERS) out.push(w.providersRest(view.providers.length - TOP_PROVIDERS), '');

  out.push(...decisionsSection(view));

  out.push(`## ${w.holdersHeading(view.holderLabel)}`, '');
  out.push(w.holdersIntro, '');
  if (view.holders.length > 0) {
    out.push(`| ${w.holdersHeader.join(' | ')} |`, '|---:|---|---|---|---:|---|');
    for (const h of view.holders.slice(0, TOP_HOLDERS))
      out.push(`| ${h.rank} | ${md(h.id)} | ${h.indicators.join(', ')} | ${md(h.providers.join(', '))} | ${w.money(h.amount)} | ${md(h.reason)} |`);
    if (view.holders.length > TOP_HOLDERS) out.push('', w.holdersRest(view.holders.length - TOP_HOLDERS));
    out.push('');
  }

  out.push(...networksSection(view.networks, view.lang));
  out.push(...fairnessSection(view.fairness, view.lang));

  out.push(`## ${w.indicatorsHeading}`, '');
  out.push(`| ${w.indicatorsHeader.join(' | ')} |`, '|---|---:|---|---:|---|');
  for (const i of view.indicators) {
    const status = i.status === 'disabled' ? w.statusDisabled : i.status === 'ran' ? w.statusRan : `${w.statusNotApplicable}: ${md(i.reason ?? '')}`;
    out.push(`| ${i.id} | ${i.version} | ${md(i.title)} | ${i.signals} | ${status} |`);
  }
  out.push('');
  out.push(`## ${w.scoringHeading}`, '');
  out.push(w.scoring(num(view.tiers.hoog), num(view.tiers.midden)), '');
  return out.join('\n');
}
