// The transparency report as CSV (one long table) and as one self-contained Dutch web page, both from the
// same rows. The small-count rule is applied here, once for both: a count below 5 is "< 5", a share or
// median resting on fewer than 5 is "n < 5".
import { createHash } from 'node:crypto';
import { csvLine, formatCsvNumber } from '../report/csv-format.js';
import { htmlText as h } from '../report/html/html-text.js';
import { pageHead } from '../report/html/page-head.js';
import { STYLE } from '../report/html/style.js';
import { formatNumber } from '../report/messages.js';
import { ALL, SECTIONS, SMALL, WHOLE_PROVIDER, type Figure, type Row, type Section } from './measures.js';

export const SUPPRESSED_COUNT = '< 5';
export const SUPPRESSED_BASIS = 'n < 5';

/** The figure as shown; `num` writes a number (point for the CSV, Dutch comma for the page). */
function shown(f: Figure, num: (x: number) => string): string {
  switch (f.kind) {
    case 'count':
      return f.n < SMALL ? SUPPRESSED_COUNT : num(f.n);
    case 'median-count':
      if (f.basis < SMALL) return SUPPRESSED_BASIS;
      return f.x < SMALL ? SUPPRESSED_COUNT : num(f.x);
    case 'percent':
      return f.basis < SMALL ? SUPPRESSED_BASIS : num(Math.round(f.x * 10) / 10);
    case 'days':
      return f.basis < SMALL ? SUPPRESSED_BASIS : num(f.x);
    case 'text':
      return f.s;
  }
}

const CSV_HEADER = ['sectie', 'maat', 'groep', 'waarde'];

/** verantwoording.csv: sectie, maat, groep, waarde; numbers with a decimal point. */
export function verantwoordingCsv(rows: Row[]): string {
  return csvLine(CSV_HEADER) + rows.map((r) => csvLine([r.section, r.measure, r.group, shown(r.figure, formatCsvNumber)])).join('');
}

const TITLES: Record<Section, { title: string; intro: string }> = {
  scans: { title: 'Scans', intro: 'De scans met een peildatum in de periode. Een kopie van dezelfde scan telt één keer.' },
  invoer: {
    title: 'Invoer en afgewezen regels',
    intro: 'Per invoerbestand: de regels die de scans lazen en het aandeel dat zij afwezen omdat een waarde niet klopte (mediaan over de scans, en de scan met het hoogste aandeel).',
  },
  signalen: {
    title: 'Signalen per indicator',
    intro: 'Een signaal is een reden om te kijken, geen bevinding. Per scan telt elk signaal; over de periode telt elk signaal (zijn vaste sleutel) één keer, hoe vaak het ook terugkwam.',
  },
  zorgverleners: {
    title: 'Zorgverleners per tier',
    intro: 'Zorgverleners met een signaal, en per tier: hoeveel verschillende zorgverleners die tier in de periode als hoogste hadden, en hoeveel er per scan in stonden. Een zorgverlener wiens signalen alle opzij zijn gezet na een beoordeling heeft geen tier.',
  },
  beoordelingen: {
    title: 'Beoordelingen per indicator',
    intro: `Besluiten van analisten met een datum (beoordeeld_op) in de periode, per indicator. Een besluit over een hele zorgverlener telt bij de indicatoren die het vastlegde (indicatoren_bij_besluit), anders bij "${WHOLE_PROVIDER}"; in "${ALL}" telt elk besluit één keer. Het aandeel gemeld tegenover geen-aanleiding is de trefkans in de praktijk.`,
  },
  doorlooptijd: {
    title: 'Doorlooptijd van signaal tot besluit',
    intro: 'Dagen van het eerste signaal tot het besluit. Het eerste signaal is de vroegste peildatum van een scan (in of vóór de periode) met een signaal van die zorgverlener en die indicator (bij een besluit over de hele zorgverlener: een signaal van welke indicator ook).',
  },
  heropend: {
    title: 'Heropende signalen',
    intro: 'Signalen waarvan het besluit niet meer gold (signals.ndjson: beoordeling.status heropend), omdat het verlopen was, de zorgverlener een nieuwe indicator kreeg of een hogere tier.',
  },
  indicatoren: {
    title: 'Gewijzigde indicatoren',
    intro: 'De versies van elke indicator in de scans van de periode, en elke wijziging van versie of instelling (aan, gewicht, parameters) van de ene scan op de volgende.',
  },
};

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
/** Nothing may load and nothing runs: the inline style is allowed by its hash. */
const CSP = ["default-src 'none'", `style-src ${cspHash(STYLE)}`, "base-uri 'none'", "form-action 'none'"].join('; ');

const numNl = (x: number) => formatNumber(x, 'nl');

function sectionHtml(section: Section, rows: Row[]): string {
  const { title, intro } = TITLES[section];
  const body = rows
    .map((r) => {
      const value = shown(r.figure, numNl);
      // Values line up on the right like numbers; a long text (a changed setting) may wrap instead.
      const cls = r.figure.kind === 'text' && r.figure.s.length > 24 ? 'text' : 'num';
      return `<tr><td class="text" data-label="maat">${h(r.measure)}</td><td class="text" data-label="groep">${h(r.group)}</td><td class="${cls}" data-label="waarde">${h(value)}</td></tr>`;
    })
    .join('\n');
  const table =
    rows.length === 0
      ? '<p>Niets in deze periode.</p>'
      : `<table class="cards"><thead><tr><th>maat</th><th>groep</th><th class="num">waarde</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
  return `<section id="${section}">\n<h2>${h(title)}</h2>\n<p>${h(intro)}</p>\n${table}\n</section>`;
}

/** verantwoording.html: one Dutch page, nothing loaded, every text escaped. */
export function verantwoordingHtml(rows: Row[], periodLabel: string, toolVersion: string): string {
  const title = `Verantwoording pgb-risicoscan, ${periodLabel}`;
  return [
    ...pageHead({ lang: 'nl', csp: CSP, title, style: STYLE }),
    '<body>',
    '<main>',
    '<header>',
    `<h1>${h(title)}</h1>`,
    `<p class="meta">${h(`Gemaakt met pgb-scan ${toolVersion} uit de scans en de beoordelingen van de periode.`)}</p>`,
    `<p class="caveat"><strong>Een signaal is een reden om te kijken, geen bevinding en geen besluit.</strong> ${h(
      'Dit overzicht is voor de gemeenteraad en het algoritmeregister. Het bevat geen persoonsgegevens: geen ids en geen namen. Elk aantal onder 5 staat er als "< 5"; een aandeel of mediaan die op minder dan 5 scans, regels of besluiten berust als "n < 5", zodat niemand herkenbaar is. Dezelfde cijfers staan in verantwoording.csv.',
    )}</p>`,
    '</header>',
    `<nav aria-label="Inhoud"><strong>Inhoud</strong><ol>${SECTIONS.map((s) => `<li><a href="#${s}">${h(TITLES[s].title)}</a></li>`).join('')}</ol></nav>`,
    ...SECTIONS.map((s) => sectionHtml(s, rows.filter((r) => r.section === s))),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
