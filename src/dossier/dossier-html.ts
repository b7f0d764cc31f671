// The dossier of one provider as one self-contained, printable page: report.html's stylesheet and
// escaping, no script at all, and a Content-Security-Policy that lets nothing load. A pure function of
// the gathered data, so the same run and inputs give the same bytes.
import { createHash } from 'node:crypto';
import { INDICATORS } from '../indicators/index.js';
import { evidenceLines } from '../report/evidence-lines.js';
import { htmlText as h } from '../report/html/html-text.js';
import { pageHead } from '../report/html/page-head.js';
import { networkFigure } from '../report/html/network-svg.js';
import { STYLE } from '../report/html/style.js';
import { CAVEAT, formatMoney, formatNumber, TIER_LABEL, type Lang } from '../report/messages.js';
import type { SignalRecord } from '../run/signal-record.js';
import { EVIDENCE_ROWS_SHOWN, type DossierData } from './dossier-data.js';
import { DOSSIER_WORDS, type DossierWords } from './dossier-words.js';
import type { HolderTimeline, MonthRow } from './timeline.js';

/** What the dossier adds to report.html's stylesheet: cited rows, the month bars, and no page break inside a signal. */
const DOSSIER_STYLE = `
.signal{border:1px solid var(--line);border-radius:6px;padding:.2em 1em .6em;margin:1em 0}
.signal h3{margin-top:.6em}
.decided{background:var(--soft);padding:.2em .5em;border-radius:4px}
table.rows td.cells{overflow-wrap:anywhere}
table.rows td.cells span{display:inline-block;margin-right:.9em}
table.rows td.cells b{font-weight:600;color:var(--muted)}
table.months td.bars{width:170px;min-width:170px}
table.months td:first-child{white-space:nowrap}
svg.bars{width:160px;height:24px}
svg.bars .mine{fill:#44617b}
svg.bars .other{fill:#b9c6d2}
svg.bars .limit{stroke:#b3261e;stroke-width:2}
.holder{break-inside:avoid-page}
/* On a narrow screen a wide table scrolls within itself rather than the page. */
@media screen and (max-width:900px){table.months,table.rows{display:block;overflow-x:auto}}
@media print{table.rows{font-size:.78em}table.months{font-size:.8em}.signal{break-inside:auto}}
`;

const STYLESHEET = STYLE + DOSSIER_STYLE;
const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Nothing may load and nothing may run: the dossier has no script, only its one inline stylesheet. */
export const DOSSIER_CSP = ["default-src 'none'", `style-src ${cspHash(STYLESHEET)}`, "script-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

const META = new Map(INDICATORS.map((i) => [i.id, i]));

interface Ctx {
  d: DossierData;
  w: DossierWords;
  lang: Lang;
  num: (x: number) => string;
  money: (x: number) => string;
}

function table(cls: string, header: string[], rows: string[][], numeric: readonly number[] = []): string {
  const th = header.map((x, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${h(x)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td class="${numeric.includes(i) ? 'num' : 'text'}" data-label="${h(header[i])}">${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function header(c: Ctx): string {
  const { d, w, lang } = c;
  const p = d.provider;
  const tier = p.tier === 'hoog' || p.tier === 'midden' || p.tier === 'laag' ? p.tier : null;
  const badge = tier === null ? '' : ` <span class="tier tier-${tier}">${h(TIER_LABEL[tier][lang])}</span>`;
  const rank = p.rank !== null && p.score !== null && tier !== null ? w.rankLine(p.rank, c.num(p.score), TIER_LABEL[tier][lang]) : w.notRanked;
  return [
    '<header>',
    `<h1>${h(w.title(p.id))}</h1>`,
    `<p class="lead"><strong>${h(p.naam || p.id)}</strong> <code>${h(p.id)}</code>${badge}</p>`,
    `<p class="meta">${h(w.meta(d.asOf, d.toolVersion))} ${h(rank)}</p>`,
    `<p class="caveat">${h(w.lead)} ${h(CAVEAT[lang])}</p>`,
    '</header>',
  ].join('\n');
}

function citedRows(s: SignalRecord, c: Ctx): string {
  const { d, w } = c;
  if (d.rows === null) {
    const lines = evidenceLines(s.evidence)
      .map((e) => `<code>${h(e.file)}</code> ${h(w.line)} ${h(e.ranges)}${e.more > 0 ? ` (${h(w.moreRows(e.more))})` : ''}`)
      .join('; ');
    return `<p class="evidence">${h(w.evidence)}: ${lines}</p>`;
  }
  // Grouped per file in citation order: the file is named once, each row by its line.
  const byFile = new Map<string, SignalRecord['evidence']>();
  for (const e of s.evidence.slice(0, EVIDENCE_ROWS_SHOWN)) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out = [`<h4>${h(w.evidence)}</h4>`];
  for (const [file, cited] of byFile) {
    const rows = cited.map((e) => {
      const row = d.rows!.get(e.file)?.get(e.line);
      const cells = row === undefined ? h(w.rowMissing) : row.filter(([, v]) => v.trim() !== '').map(([k, v]) => `<span><b>${h(k)}</b> ${h(v)}</span>`).join(' ');
      return `<tr><td class="num">${c.num(e.line)}</td><td class="text cells">${cells}</td></tr>`;
    });
    out.push(`<p><code>${h(file)}</code></p>`, `<table class="rows"><thead><tr><th class="num">${h(w.line)}</th><th></th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`);
  }
  const more = s.evidence.length - EVIDENCE_ROWS_SHOWN;
  if (more > 0) out.push(`<p class="evidence">${h(w.moreRows(more))}</p>`);
  return out.join('\n');
}

function decidedLine(s: SignalRecord, c: Ctx): string {
  const b = s.beoordeling;
  if (b === null || b === undefined) return '';
  const text = `${c.w.decisionInRun(c.w.besluit[b.besluit], b.beoordeeld_op, b.beoordeeld_door)}${b.status === 'heropend' ? ` (${c.w.reopened})` : ''}${b.toelichting === '' ? '' : `: ${b.toelichting}`}`;
  return `<p class="decided">${h(text)}</p>`;
}

function signals(c: Ctx): string {
  const { d, w, lang } = c;
  if (d.signals.length === 0) return `<p>${h(w.noSignals)}</p>`;
  const out: string[] = [];
  if (d.rows === null) out.push(`<p>${h(w.noInputs)}</p>`);
  for (const s of d.signals) {
    const title = META.get(s.indicator)?.title[lang] ?? s.indicator;
    const pts = s.contribution > 0 ? w.points(c.num(s.contribution)) : w.noExtraPoints;
    out.push('<article class="signal">');
    out.push(`<h3>${h(title)} <code>${h(s.indicator)}</code> (${h(pts)})</h3>`);
    out.push(`<p>${h(s.message[lang])}</p>`);
    out.push(decidedLine(s, c));
    out.push(citedRows(s, c));
    out.push('</article>');
  }
  return out.filter((x) => x !== '').join('\n');
}

function advice(c: Ctx, pick: 'whatToCheck' | 'innocentExplanations'): string {
  const indicators = [...new Set(c.d.signals.map((s) => s.indicator))];
  const items = indicators.flatMap((id) => {
    const list = META.get(id)?.[pick][c.lang] ?? [];
    return list.length === 0 ? [] : [`<li><code>${h(id)}</code><ul>${list.map((x) => `<li>${h(x)}</li>`).join('')}</ul></li>`];
  });
  return items.length === 0 ? '' : `<ul>${items.join('')}</ul>`;
}

const r1 = (x: number) => String(Math.round(x * 10) / 10);

/** Two bars for one month: amount against the budget, hours against the indication; each scaled to the holder's largest month. */
function bars(m: MonthRow, maxAmount: number, maxHours: number, w: DossierWords): string {
  const width = 160;
  const bar = (y: number, mine: number, all: number, limit: number | null, max: number) => {
    if (max <= 0) return '';
    const a = (Math.max(0, mine) / max) * width;
    const b = (Math.max(0, all - mine) / max) * width;
    const out = [`<rect class="mine" x="0" y="${y}" width="${r1(a)}" height="8"/>`, `<rect class="other" x="${r1(a)}" y="${y}" width="${r1(b)}" height="8"/>`];
    if (limit !== null) out.push(`<line class="limit" x1="${r1((limit / max) * width)}" y1="${y - 1}" x2="${r1((limit / max) * width)}" y2="${y + 9}"/>`);
    return out.join('');
  };
  return `<svg class="bars" viewBox="0 0 ${width} 24" role="img" xmlns="http://www.w3.org/2000/svg"><title>${h(w.barsTitle(m.month))}</title>${bar(2, m.amountProvider, m.amountAll, m.budget, maxAmount)}${bar(14, m.hoursProvider, m.hoursAll, m.indicationHours, maxHours)}</svg>`;
}

function holderTimeline(t: HolderTimeline, c: Ctx): string {
  const { w, num, money } = c;
  const maxAmount = Math.max(0, ...t.months.map((m) => Math.max(m.amountAll, m.budget ?? 0)));
  const maxHours = Math.max(0, ...t.months.map((m) => Math.max(m.hoursAll, m.indicationHours ?? 0)));
  const col = w.timelineColumns;
  const opt = (x: number | null, f: (v: number) => string) => (x === null ? '-' : h(f(x)));
  const rows = t.months.map((m) => [
    h(m.month),
    h(num(m.hoursProvider)),
    h(num(m.hoursAll)),
    opt(m.indicationHours, num),
    h(money(m.amountProvider)),
    h(money(m.amountAll)),
    opt(m.budget, money),
    bars(m, maxAmount, maxHours, w),
  ]);
  const hours = t.indicatieUrenPerWeek === null ? null : num(t.indicatieUrenPerWeek);
  return [
    '<div class="holder">',
    `<h3>${h(w.holderHead(t.id, t.inSignals))}</h3>`,
    `<p>${h(w.holderBudget(money(t.budgetBedrag), t.budgetStart, t.budgetEind, hours))}</p>`,
    table('months', [col.month, col.hoursProvider, col.hoursAll, col.indication, col.amountProvider, col.amountAll, col.budget, col.bars], rows, [1, 2, 3, 4, 5, 6]).replace(
      /<td class="text" data-label="[^"]*"><svg/g,
      (x) => x.replace('class="text"', 'class="text bars"'),
    ),
    '</div>',
  ].join('\n');
}

function timelines(c: Ctx): string {
  const { d, w } = c;
  if (d.timelines === null) return `<p>${h(w.timelineNoInputs)}</p>`;
  if (d.timelines.length === 0) return `<p>${h(w.timelineNone)}</p>`;
  const out = [`<p>${h(w.timelineIntro)}</p>`, ...d.timelines.map((t) => holderTimeline(t, c))];
  if (d.holdersNotShown > 0) out.push(`<p>${h(w.holdersNotShown(d.holdersNotShown))}</p>`);
  return out.join('\n');
}

function network(c: Ctx): string {
  const n = c.d.network;
  if (n === null) return `<p>${h(c.w.noNetwork)}</p>`;
  const links = n.links.map((l) => `<li>${h(l.kind)} <code>${h(l.key)}</code>: ${l.providers.map((p) => `<code>${h(p)}</code>`).join(', ')}</li>`).join('');
  return [`<p>${h(`${n.id}: ${n.members.join(', ')}; ${c.money(n.amount)}`)}</p>`, networkFigure(n, 1, c.lang), `<ul>${links}</ul>`].join('\n');
}

function decisions(c: Ctx): string {
  const { d, w } = c;
  if (d.decisions === null) return `<p>${h(w.decisionsNoFile)}</p>`;
  const head = `<p>${h(w.decisionsFile(d.decisions.file, d.decisions.sameAsRun))}</p>`;
  if (d.decisions.rows.length === 0) return `${head}\n<p>${h(w.decisionsNone)}</p>`;
  const col = w.decisionColumns;
  const rows = d.decisions.rows.map((r) => [
    h(r.beoordeeldOp),
    h(w.besluit[r.besluit]),
    r.signalKey !== null ? `<code>${h(r.signalKey)}</code>` : r.indicator !== null ? `<code>${h(r.indicator)}</code>` : h(w.wholeProvider),
    h(r.beoordeeldDoor),
    h(r.geldigTot ?? '-'),
    h(r.toelichting),
    c.num(r.line),
  ]);
  return `${head}\n${table('cards', [col.date, col.besluit, col.scope, col.by, col.until, col.note, col.line], rows, [6])}`;
}

/** The dossier page: every text from the run or the inputs goes through htmlText. */
export function dossierHtml(d: DossierData, lang: Lang): string {
  const w = DOSSIER_WORDS[lang];
  const c: Ctx = { d, w, lang, num: (x) => formatNumber(x, lang), money: (x) => formatMoney(x, lang) };
  const check = advice(c, 'whatToCheck');
  const innocent = advice(c, 'innocentExplanations');
  const sections: Array<[string, string, string]> = [
    ['signalen', w.signalsHeading, signals(c)],
    ...(check === '' ? [] : [['controleren', w.whatToCheck, check] as [string, string, string]]),
    ...(innocent === '' ? [] : [['verklaringen', w.innocentExplanations, innocent] as [string, string, string]]),
    ['budgethouders', w.timelineHeading, timelines(c)],
    ['netwerk', w.networkHeading, network(c)],
    ['beoordelingen', w.decisionsHeading, decisions(c)],
  ];
  return [
    ...pageHead({ lang, csp: DOSSIER_CSP, title: w.title(d.provider.id), style: STYLESHEET }),
    '<body>',
    '<main>',
    header(c),
    `<nav aria-label="${h(w.contents)}"><strong>${h(w.contents)}</strong><ol>${sections.map(([id, title]) => `<li><a href="#${id}">${h(title)}</a></li>`).join('')}</ol></nav>`,
    ...sections.map(([id, title, body]) => `<section id="${id}">\n<h2>${h(title)}</h2>\n${body}\n</section>`),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
