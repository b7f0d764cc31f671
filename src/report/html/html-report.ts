// report.html: one self-contained page (inline style, script and SVG; nothing loaded, which the
// Content-Security-Policy enforces), rendered from the same ReportView as report.md. One function per
// section, each returning its HTML, so a new section is one function and one line in SECTIONS.
import { createHash } from 'node:crypto';
import { evidenceLines } from '../evidence-lines.js';
import { mappingWarnings } from '../mapping-warnings.js';
import { TOP_HOLDERS, TOP_PROVIDERS } from '../markdown-report.js';
import { formatMoney, formatNumber, TIER_LABEL } from '../messages.js';
import type { IndicatorAdvice, ProviderView, ReasonView, ReportView, Tier } from '../view.js';
import { WORDING, type Wording } from '../wording.js';
import { htmlText as h } from './html-text.js';
import { pageHead } from './page-head.js';
import { table } from './html-table.js';
import { networkFigure } from './network-svg.js';
import { decisionsHtml, reopenedHtml } from './decisions-html.js';
import { fairnessHtml } from './fairness-html.js';
import { changeBadge, sincePreviousHtml, type NameLink } from './since-previous-html.js';
import { scoreChart } from './score-chart.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';
import { HTML_WORDS, type HtmlWords } from './words.js';

const DUPLICATE_GROUPS_SHOWN = 20;
const TIERS: readonly Tier[] = ['hoog', 'midden', 'laag'];
const TIER_ORDER: Record<Tier, number> = { hoog: 3, midden: 2, laag: 1 };

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Nothing may load: no script, style, font, image, frame or connection beyond the inline style and
 * script, which are allowed by their hashes (so an injected one would not run even if escaping failed).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

interface Ctx {
  view: ReportView;
  w: Wording;
  hw: HtmlWords;
  num: (x: number) => string;
  /** The providers shown in detail, in rank order. */
  detailed: ProviderView[];
  /** Network id -> its figure number, for the networks drawn. */
  drawn: Map<string, number>;
  /** A provider's name, linked to its details when it has them. */
  link: NameLink;
}

interface Section {
  id: string;
  title: (c: Ctx) => string;
  render: (c: Ctx) => string;
}

const tierBadge = (tier: Tier, label: string) => `<span class="tier tier-${tier}">${h(label)}</span>`;

function header(c: Ctx): string {
  const { view, w } = c;
  return [
    '<header>',
    `<h1>${h(w.reportTitle)}</h1>`,
    `<p class="meta">${h(w.asOf(view.asOf, view.toolVersion))}</p>`,
    `<p class="caveat"><strong>${h(w.caveatLead)}</strong> ${h(view.caveat)}</p>`,
    '</header>',
  ].join('\n');
}

function contents(c: Ctx, sections: Section[]): string {
  return `<nav aria-label="${h(c.hw.contents)}"><strong>${h(c.hw.contents)}</strong><ol>${sections.map((s) => `<li><a href="#${s.id}">${h(s.title(c))}</a></li>`).join('')}</ol></nav>`;
}

function summary(c: Ctx): string {
  const { view, w } = c;
  const n = view.counts;
  const items = [
    w.providersSummary(n.providers, n.tiers.hoog, n.tiers.midden, n.tiers.laag),
    w.holdersSummary(n.holders, view.holderLabel),
    w.signalsSummary(n.signals, n.indicatorsFired, n.indicators),
    w.rejectsSummary(n.rejects === 0 ? 0 : n.rejectedRows),
  ].map((x) => `<li>${h(x)}</li>`);
  const d = view.decisions;
  if (d !== null)
    items.push(`<li><a href="#beoordeeld">${h(w.decisions.summary(d.signalsSetAside, d.setAside.length, d.setAside.filter((p) => !p.ranked).length, d.signalsReopened))}</a></li>`);
  if (view.notRun.length > 0)
    items.push(`<li>${h(w.notRunSummary(view.notRun.length, n.indicators))}<ul>${view.notRun.map((i) => `<li><code>${h(i.id)}</code>: ${h(i.reason ?? '')}</li>`).join('')}</ul></li>`);
  return `<ul>${items.join('\n')}</ul>`;
}

/** The provider table's columns in every run; those of --previous and --beoordelingen follow. */
const BASE_COLUMNS = 9;
const SINCE_ORDER = { nieuw: 3, gewijzigd: 2, blijvend: 1 } as const;
const REVIEW_STATES = ['deels-beoordeeld', 'heropend', 'geen'] as const;

/** A filter of the provider table: a row shows when its `attr` equals the choice (the script reads data-attr). */
function select(id: string, label: string, attr: string, all: string, options: Array<[string, string]>): string {
  const opts = options.map(([v, text]) => `<option value="${h(v)}">${h(text)}</option>`).join('');
  return `<label for="${id}">${h(label)}<select id="${id}"${attr === '' ? '' : ` data-attr="${attr}"`}><option value="">${h(all)}</option>${opts}</select></label>`;
}

function providerTable(c: Ctx): string {
  const { view, hw, num, w } = c;
  if (view.providers.length === 0) return `<p>${h(w.noSignals)}</p>`;
  const col = hw.columns;
  const detailed = new Set(c.detailed.map((p) => p.id));
  const since = view.sincePrevious !== null;
  const reviewed = view.decisions !== null;
  const heads: Array<[string, 'num' | 'text', boolean]> = [
    [col.rank, 'num', true],
    [col.name, 'text', false],
    [col.id, 'text', false],
    [col.score, 'num', true],
    [col.tier, 'num', false],
    [col.indicators, 'text', false],
    [col.holders, 'num', true],
    [col.amount, 'num', true],
    [col.network, 'text', false],
  ];
  // Sorted by their meaning (new first when descending), as the tier is.
  if (since) heads.push([col.since, 'num', false]);
  if (reviewed) heads.push([col.review, 'text', false]);
  const sinceLabel = w.sincePrevious.status;
  const rows = view.providers.map((p) => {
    const name = p.naam || p.id;
    const network = view.networks.networkOf.get(p.id) ?? '';
    const cells = [
      [String(p.rank), String(p.rank)],
      ['', detailed.has(p.id) ? `<a href="#zv-${p.rank}">${h(name)}</a>` : h(name)],
      ['', `<code>${h(p.id)}</code>`],
      [String(p.score), num(p.score)],
      [String(TIER_ORDER[p.tier]), tierBadge(p.tier, p.tierLabel)],
      ['', h(p.indicators.join(', '))],
      [String(p.holders), num(p.holders)],
      [String(p.amount), h(w.money(p.amount))],
      ['', network === '' ? '' : c.drawn.has(network) ? `<a href="#netwerk-${c.drawn.get(network)}">${h(network)}</a>` : h(network)],
    ];
    if (since) cells.push(p.sinceStatus === null ? ['0', ''] : [String(SINCE_ORDER[p.sinceStatus]), changeBadge(p.sinceStatus, sinceLabel[p.sinceStatus])]);
    if (reviewed) cells.push(['', p.review === null ? '' : h(hw.reviewStates[p.review])]);
    const tds = cells
      // Text columns sort by their text; numbers (and tiers, by rank) by a sort value.
      .map(([v, html], i) => `<td class="${heads[i][2] ? 'num' : i === 1 ? 'text name' : i >= BASE_COLUMNS ? 'text state' : 'text'}" data-label="${h(heads[i][0])}"${heads[i][1] === 'num' ? ` data-v="${v}"` : ''}>${html}</td>`)
      .join('');
    const attrs = `${since ? ` data-sinds="${p.sinceStatus ?? ''}"` : ''}${reviewed ? ` data-beoordeling="${p.review ?? 'geen'}"` : ''}`;
    return `<tr data-rank="${p.rank}" data-tier="${p.tier}" data-ind="${h(p.indicators.join(' '))}"${attrs}>${tds}</tr>`;
  });
  const ths = heads
    .map(([label, type, numeric]) => `<th scope="col" data-type="${type}" aria-sort="none"${numeric ? ' class="num"' : ''}><button type="button">${h(label)}</button></th>`)
    .join('');
  const indicators = [...new Set(view.providers.flatMap((p) => p.indicators))].sort();
  const total = num(view.providers.length);
  return [
    `<p class="no-print">${h(hw.tableIntro)}</p>`,
    '<div class="controls">',
    `<label for="zv-zoek">${h(hw.search)}<input id="zv-zoek" type="search" placeholder="${h(hw.searchPlaceholder)}" autocomplete="off"></label>`,
    select('zv-niveau', hw.tierFilter, 'data-tier', hw.all, TIERS.map((t) => [t, TIER_LABEL[t][view.lang]])),
    select('zv-indicator', hw.indicatorFilter, '', hw.all, indicators.map((i) => [i, i])),
    since ? select('zv-sinds', hw.sinceFilter, 'data-sinds', hw.all, (['nieuw', 'gewijzigd', 'blijvend'] as const).map((s) => [s, sinceLabel[s]])) : '',
    reviewed ? select('zv-beoordeling', hw.reviewFilter, 'data-beoordeling', hw.all, REVIEW_STATES.map((s) => [s, hw.reviewStates[s]])) : '',
    '</div>',
    `<p id="zv-aantal" class="count" aria-live="polite" data-template="${h(hw.shown('{n}', '{t}'))}">${h(hw.shown(total, total))}</p>`,
    `<table id="zv-tabel" class="cards${heads.length > BASE_COLUMNS ? ' many' : ''}"><thead><tr>${ths}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table>',
    view.providers.length > c.detailed.length ? `<p>${h(hw.noDetails(c.detailed.length))}</p>` : '',
  ]
    .filter((x) => x !== '')
    .join('\n');
}

function chart(c: Ctx): string {
  return `<p>${h(c.hw.chartIntro)}</p>\n<figure>${scoreChart(c.detailed, c.view.lang)}</figure>`;
}

function reasonItem(r: ReasonView, c: Ctx): string {
  const { w, num } = c;
  const pts = r.contribution > 0 ? w.points(num(r.contribution)) : w.noExtraPoints;
  const evidence = evidenceLines(r.evidence)
    .map((e) => `<code>${h(e.file)}</code> ${h(w.line)} ${h(e.ranges)}${e.more > 0 ? ` (${h(w.more(e.more))})` : ''}`)
    .join('; ');
  const reopened = r.reopened === null ? '' : reopenedHtml(r.reopened, c.view.lang);
  return `<li><strong>${h(r.title)}</strong> <code>${h(r.indicator)}</code> (${h(pts)}): ${h(r.message)}<span class="evidence">${h(w.evidence)}: ${evidence}</span>${reopened}</li>`;
}

/** With one indicator, its name would only repeat the reason above (as in report.md). */
function adviceList(heading: string, advice: IndicatorAdvice[]): string {
  if (advice.length === 0) return '';
  const items = (a: IndicatorAdvice) => a.items.map((x) => `<li>${h(x)}</li>`).join('');
  const body =
    advice.length === 1 ? `<ul>${items(advice[0])}</ul>` : `<ul>${advice.map((a) => `<li><code>${h(a.indicator)}</code><ul>${items(a)}</ul></li>`).join('')}</ul>`;
  return `<h4>${h(heading)}</h4>\n${body}`;
}

function providerDetails(c: Ctx): string {
  const { view, w, hw, num } = c;
  if (c.detailed.length === 0) return `<p>${h(w.noSignals)}</p>`;
  const out: string[] = [];
  for (const p of c.detailed) {
    const network = view.networks.networkOf.get(p.id);
    out.push(`<article class="provider" id="zv-${p.rank}">`);
    out.push(`<h3>${h(`${p.rank}. ${p.naam || p.id}`)} <code>${h(p.id)}</code> ${tierBadge(p.tier, p.tierLabel)}</h3>`);
    out.push(`<p>score ${h(num(p.score))}. ${h(w.providerLead(p.holders, w.money(p.amount)))}</p>`);
    out.push(`<ul class="reasons">${p.reasons.map((r) => reasonItem(r, c)).join('\n')}</ul>`);
    out.push(adviceList(w.whatToCheck, p.whatToCheck), adviceList(w.innocentExplanations, p.innocentExplanations));
    if (network !== undefined)
      out.push(`<p>${c.drawn.has(network) ? `<a href="#netwerk-${c.drawn.get(network)}">${h(hw.networkOf(network))}</a>` : h(hw.networkOf(network))}</p>`);
    out.push('</article>');
  }
  if (view.providers.length > c.detailed.length) out.push(`<p>${h(w.providersRest(view.providers.length - c.detailed.length))}</p>`);
  return out.filter((x) => x !== '').join('\n');
}

function networks(c: Ctx): string {
  const { view, hw } = c;
  const nw = c.w.networks;
  const out = [`<p>${h(nw.intro)}</p>`];
  const all = view.networks.networks;
  if (all.length === 0) out.push(`<p>${h(nw.none)}</p>`);
  for (const n of all) {
    const index = c.drawn.get(n.id);
    if (index === undefined) continue;
    out.push(`<h3>${h(nw.network(n.id, n.members.length, formatMoney(n.amount, view.lang)))}</h3>`);
    out.push(networkFigure(n, index, view.lang));
  }
  const rest = all.length - c.drawn.size;
  if (rest > 0) out.push(`<p>${h(hw.networksRest(rest))}</p>`);
  if (view.networks.tooBroad.length > 0) {
    out.push(`<p>${h(nw.tooBroad)}</p>`);
    out.push(`<ul>${view.networks.tooBroad.map((b) => `<li>${h(b.kind)} <code>${h(b.key)}</code>: ${b.providers} ${h(nw.providers)}</li>`).join('')}</ul>`);
  }
  return out.join('\n');
}

function holders(c: Ctx): string {
  const { view, w, num } = c;
  const out = [`<p>${h(w.holdersIntro)}</p>`];
  if (view.holders.length === 0) return out.join('\n');
  const rows = view.holders
    .slice(0, TOP_HOLDERS)
    .map((x) => [num(x.rank), `<code>${h(x.id)}</code>`, h(x.indicators.join(', ')), h(x.providers.join(', ')), h(w.money(x.amount)), h(x.reason)]);
  out.push(table('cards', w.holdersHeader, rows, [0, 4]));
  if (view.holders.length > TOP_HOLDERS) out.push(`<p>${h(w.holdersRest(view.holders.length - TOP_HOLDERS))}</p>`);
  return out.join('\n');
}

function inputs(c: Ctx): string {
  const { view, w, num } = c;
  const rows = view.inputs.map((i) => [
    h(i.display),
    num(i.bytes),
    h(`${i.encoding}${i.bom ? ' (BOM)' : ''}`),
    i.delimiter === '\t' ? 'tab' : `<code>${h(i.delimiter)}</code>`,
    h(w.decimal[i.decimal]),
    h(i.dateFormats.join(', ') || '-'),
    num(i.rowsRead),
    num(i.rowsAccepted),
    num(i.rowsRejected),
    h(i.ignoredColumns.join(', ') || '-'),
  ]);
  // Ten columns: as cards on a phone, a tablet and paper alike.
  const out = [table('wide', w.inputsHeader, rows, [1, 6, 7, 8])];
  for (const i of view.inputs.filter((x) => x.rowsUnmatched > 0)) out.push(`<p>${w.unmatchedRows(h(i.display), h(num(i.rowsUnmatched)))}</p>`);
  out.push(`<p>${h(w.inputsHashNote)}</p>`);
  const warnings = mappingWarnings(view.inputs, view.lang, h);
  if (warnings.length > 0) out.push(`<ul>${warnings.map((x) => `<li><strong>${h(x.lead)}</strong> ${x.text}</li>`).join('')}</ul>`);
  return out.join('\n');
}

function rejects(c: Ctx): string {
  const { view, w, num } = c;
  if (view.counts.rejects === 0) return `<p>${h(w.noRejects)}</p>`;
  const rows = view.rejects.map((r) => [h(r.file), `<code>${h(r.code)}</code>`, num(r.count)]);
  return `${table('cards', w.rejectsHeader, rows, [2])}\n<p>${h(w.rejectsNote)}</p>`;
}

function duplicates(c: Ctx): string {
  const { view, w } = c;
  const { total, groups } = view.possibleDuplicateIds;
  const rows = groups
    .slice(0, DUPLICATE_GROUPS_SHOWN)
    .map((g) => [h(g.file), h(g.column), g.ids.map((id, i) => `<code>${h(id)}</code> (${h(w.line)} ${g.lines[i]})`).join(', ')]);
  const out = [`<p>${h(w.duplicatesIntro(total))}</p>`, table('cards', w.duplicatesHeader, rows)];
  if (total > DUPLICATE_GROUPS_SHOWN) out.push(`<p>${h(w.duplicatesMore(total - DUPLICATE_GROUPS_SHOWN, groups.length))}</p>`);
  return out.join('\n');
}

function indicators(c: Ctx): string {
  const { view, w } = c;
  const rows = view.indicators.map((i) => {
    const status = i.status === 'disabled' ? w.statusDisabled : i.status === 'ran' ? w.statusRan : `${w.statusNotApplicable}: ${i.reason ?? ''}`;
    return [`<code>${h(i.id)}</code>`, String(i.version), h(i.title), String(i.signals), h(status)];
  });
  return table('cards', w.indicatorsHeader, rows, [1, 3]);
}

function scoring(c: Ctx): string {
  return `<p>${h(c.w.scoring(c.num(c.view.tiers.hoog), c.num(c.view.tiers.midden)))}</p>`;
}

/** The sections after the header, in page order; a section without content for this run is left out. */
function sections(view: ReportView): Section[] {
  const list: Array<Section & { when?: boolean }> = [
    { id: 'samenvatting', title: (c) => c.w.summaryHeading, render: summary },
    { id: 'sinds-vorige', title: (c) => c.w.sincePrevious.heading, render: (c) => sincePreviousHtml(view.sincePrevious!, c.w.sincePrevious, c.link), when: view.sincePrevious !== null },
    { id: 'zorgverleners', title: (c) => c.hw.tableHeading, render: providerTable },
    { id: 'grafiek', title: (c) => c.hw.chartHeading, render: chart, when: view.providers.length > 0 },
    { id: 'details', title: (c) => c.w.providersHeading, render: providerDetails },
    { id: 'beoordeeld', title: (c) => c.w.decisions.heading, render: (c) => decisionsHtml(view.decisions!, view.lang, c.link), when: view.decisions !== null },
    { id: 'netwerken', title: (c) => c.w.networks.heading, render: networks },
    { id: 'budgethouders', title: (c) => c.w.holdersHeading(view.holderLabel), render: holders },
    { id: 'gelijke-behandeling', title: () => view.fairness.heading, render: () => fairnessHtml(view.fairness, view.lang) },
    { id: 'invoer', title: (c) => c.w.inputsHeading, render: inputs },
    { id: 'afgewezen', title: (c) => c.w.rejectsHeading, render: rejects },
    { id: 'dubbele-ids', title: (c) => c.w.duplicatesHeading, render: duplicates, when: view.possibleDuplicateIds.total > 0 },
    { id: 'indicatoren', title: (c) => c.w.indicatorsHeading, render: indicators },
    { id: 'score', title: (c) => c.w.scoringHeading, render: scoring },
  ];
  return list.filter((s) => s.when !== false);
}

/** report.html: a pure function of the view; every text from the inputs goes through htmlText. */
export function htmlReport(view: ReportView): string {
  const detailed = view.providers.slice(0, TOP_PROVIDERS);
  const detailedIds = new Set(detailed.map((p) => p.id));
  const drawn = new Map<string, number>();
  for (const n of view.networks.networks) if (n.members.some((m) => detailedIds.has(m))) drawn.set(n.id, drawn.size + 1);
  const rankOf = new Map(detailed.map((p) => [p.id, p.rank]));
  const link: NameLink = (id, name) => (rankOf.has(id) ? `<a href="#zv-${rankOf.get(id)}">${h(name)}</a>` : h(name));
  const c: Ctx = { view, w: WORDING[view.lang], hw: HTML_WORDS[view.lang], num: (x) => formatNumber(x, view.lang), detailed, drawn, link };
  const list = sections(view);
  return [
    ...pageHead({ lang: c.hw.htmlLang, csp: CONTENT_SECURITY_POLICY, title: c.w.reportTitle, style: STYLE }),
    '<body>',
    '<main>',
    header(c),
    contents(c, list),
    ...list.map((s) => `<section id="${s.id}">\n<h2>${h(s.title(c))}</h2>\n${s.render(c)}\n</section>`),
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
