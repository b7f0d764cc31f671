// report.html without a browser: escaping, determinism, language, the cap on detail, the CSP, and the
// network picture. test/report/html-browser.test.ts loads it in Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/schema.js';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import type { ProviderNetwork } from '../../src/networks/networks.js';
import { analyse } from '../../src/pipeline.js';
import { CONTENT_SECURITY_POLICY, htmlReport } from '../../src/report/html/html-report.js';
import { htmlText } from '../../src/report/html/html-text.js';
import { MAX_MEMBERS_DRAWN, networkFigure } from '../../src/report/html/network-svg.js';
import { TOP_PROVIDERS } from '../../src/report/markdown-report.js';
import { buildReportView, type ReportView } from '../../src/report/view.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';
import { DOOR, GONE_NAME, nightWithHistory, NOTE } from '../support/history-run.js';
import { htmlViolations } from '../support/html-check.js';
import { HTML_HOSTILE_ID, HTML_HOSTILE_NAME, htmlHostileExport } from '../support/hostile-html.js';

async function scan(dir: string, extra: string[] = []): Promise<{ out: string; html: string }> {
  const out = join(tempDir(), 'out');
  const r = await runCli(['scan', dir, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { out, html: readFileSync(join(out, 'report.html'), 'utf8') };
}

describe('htmlText', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['&lt; al een entiteit', '&amp;lt; al een entiteit'],
    ['=HYPERLINK("http://x")', '=HYPERLINK(&quot;http://x&quot;)'],
    ['a\nb\u0000c\u2028d', 'a b c d'],
    ['Zorgcoöperatie', 'Zorgcoöperatie'],
  ])('%j -> %j', (input, expected) => expect(htmlText(input)).toBe(expected));
});

describe('report.html', () => {
  it('shows a provider named <script> or =HYPERLINK(...) as text: no markup but the renderer\'s own', async () => {
    const { html, out } = await scan(htmlHostileExport(tempDir()));
    expect(htmlViolations(html)).toEqual([]);
    expect(html).toContain(htmlText(HTML_HOSTILE_NAME));
    expect(html).toContain(htmlText(HTML_HOSTILE_ID));
    expect(html).not.toContain('window.__pwned=1</script>');
    expect(html).not.toMatch(/<img|<svg onload/i);
    // The manifest lists it like every other output.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { name: string }) => o.name)).toContain('report.html');
  });

  it('is the same bytes on a rerun, in Dutch by default and in English with --taal en', async () => {
    const dir = smallExport(tempDir());
    const a = await scan(dir);
    const b = await scan(dir);
    expect(b.html).toBe(a.html);
    expect(a.html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(a.html).toContain('<title>PGB-risicoscan: rapport</title>');
    expect(a.html).toContain('Zorgverleners om naar te kijken');
    const en = await scan(dir, ['--taal', 'en']);
    expect(en.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(en.html).toContain('Providers to look at');
    expect(en.html).not.toContain('Zorgverleners om naar te kijken');
    expect(htmlViolations(en.html)).toEqual([]);
  });

  it('forbids every load by its Content-Security-Policy, allowing only its own style and script by hash', async () => {
    const { html } = await scan(smallExport(tempDir()));
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    // Nothing that would load: no src, no external href, no @import or url() to elsewhere in the style.
    expect(html).not.toMatch(/\ssrc=|href="(?!#)|@import|url\((?!#)/);
  });
});

/** A view with n providers, copies of the small export's flagged one. */
async function viewWith(n: number): Promise<ReportView> {
  const dir = smallExport(tempDir());
  const specs: InputSpec[] = (['budgethouders', 'zorgverleners', 'declaraties'] as const).map((kind) => ({ kind, path: join(dir, `${kind}.csv`) }));
  const run = analyse(await ingest(specs), { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
  const view = buildReportView(run, '0', 'nl');
  const p = view.providers[0];
  return { ...view, providers: Array.from({ length: n }, (_, i) => ({ ...p, rank: i + 1, id: `ZV${String(i).padStart(3, '0')}` })) };
}

describe('report.html on a large export', () => {
  it(`lists every flagged provider in the table but details only the first ${TOP_PROVIDERS}, as report.md does`, async () => {
    const html = htmlReport(await viewWith(TOP_PROVIDERS + 7));
    expect(html.match(/<tr data-rank="/g)).toHaveLength(TOP_PROVIDERS + 7);
    expect(html.match(/<article class="provider"/g)).toHaveLength(TOP_PROVIDERS);
    expect(html).toContain(`De overige 7 zorgverleners staan in providers.csv.`);
    // The chart shows the detailed ones only.
    expect(html.match(/<g><title>/g)).toHaveLength(TOP_PROVIDERS);
  });
});

describe('network picture', () => {
  const network: ProviderNetwork = {
    id: 'ZV1',
    members: ['ZV1', 'ZV2', 'ZV3'],
    flagged: ['ZV3'],
    amount: 10,
    links: [
      { kind: 'iban_sleutel', key: 'IB1', providers: ['ZV1', 'ZV2'] },
      { kind: 'adres_sleutel', key: 'A<1>', providers: ['ZV1', 'ZV2'] },
      { kind: 'opvolging', key: 'ZV2', providers: ['ZV2', 'ZV3'] },
    ],
  };

  it('draws one line per pair labelled by all they share, an arrow from predecessor to successor, and the same bytes each time', () => {
    const svg = networkFigure(network, 1, 'nl');
    expect(svg).toBe(networkFigure({ ...network, links: [...network.links].reverse() }, 1, 'nl'));
    expect(svg.match(/<line x1/g)).toHaveLength(2 + 3); // two pairs, three legend lines
    expect(svg).toContain('>rekening, adres</text>');
    expect(svg).toContain('stroke-dasharray="6 3"');
    expect(svg).toMatch(/<line [^>]*marker-end="url\(#net-1-arrow\)"><title>ZV2 – ZV3: opvolging<\/title>/);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toMatch(/<circle [^>]*fill="#b3261e"><title>ZV3 \(met signaal\)<\/title>/);
    expect(svg).not.toContain('A<1>');
  });

  it(`draws at most ${MAX_MEMBERS_DRAWN} members, the flagged first, and says how many it left out`, () => {
    const members = Array.from({ length: MAX_MEMBERS_DRAWN + 6 }, (_, i) => `ZV${String(i).padStart(2, '0')}`);
    const big: ProviderNetwork = { id: 'ZV00', members, flagged: ['ZV29'], amount: 1, links: [{ kind: 'adres_sleutel', key: 'A', providers: members }] };
    const svg = networkFigure(big, 2, 'en');
    expect(svg.match(/<circle /g)).toHaveLength(MAX_MEMBERS_DRAWN);
    expect(svg).toContain('<title>ZV29 (with a signal)</title>');
    expect(svg).toContain('6 members more than drawn; networks.csv names them all.');
    // Many lines get no text of their own; the legend and their tooltips say what they share.
    expect(svg).not.toContain('class="edge-label"');
  });
});

/** report.html of the second night of test/history/fixture.ts with --previous and a decisions file. */
const historyHtml = async (lang: 'nl' | 'en' = 'nl') => readFileSync(join(await nightWithHistory(['--taal', lang]), 'report.html'), 'utf8');

/** The HTML of one section of the page. */
const section = (html: string, id: string) => {
  const from = html.indexOf(`<section id="${id}">`);
  expect(from, `section ${id}`).toBeGreaterThan(0);
  return html.slice(from, html.indexOf('</section>', from));
};
const row = (html: string, id: string) => html.match(new RegExp(`<tr data-rank="[^\n]*<code>${id}</code>[^\n]*</tr>`))?.[0] ?? '';

describe('report.html with --previous and --beoordelingen', () => {
  it('opens with "Sinds de vorige scan" after the summary: new and escalated first, then gone, names from the previous run escaped', async () => {
    const html = await historyHtml();
    expect(htmlViolations(html)).toEqual([]);
    const order = ['samenvatting', 'sinds-vorige', 'zorgverleners', 'details', 'beoordeeld', 'budgethouders', 'gelijke-behandeling'].map((id) => html.indexOf(`<section id="${id}">`));
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1])), String(order)).toBe(true);
    const since = section(html, 'sinds-vorige');
    expect(since).toContain('<li>Zorgverleners: 1 nieuw, 1 gewijzigd, 0 blijvend, 2 verdwenen.</li>');
    const escalated = since.slice(since.indexOf('<h3>Nieuw of ernstiger</h3>'), since.indexOf('<h3>Verdwenen</h3>'));
    expect(escalated).toContain('<span class="badge badge-nieuw">nieuw</span> <strong><a href="#zv-1">Zorg Nieuw</a></strong> <code>P-NEW</code>: nieuw: hoog, score 60; indicatoren: impossible-day-hours.');
    expect(escalated).toContain('<code>P-UP</code>: hoog, score 60 → 60; nieuwe indicator(en): care-after-death; niet meer: impossible-day-hours.');
    const gone = since.slice(since.indexOf('<h3>Verdwenen</h3>'));
    expect(gone).toContain(`<strong>${htmlText(GONE_NAME)}</strong> <code>P-GONE</code>: geen signaal meer; was hoog, score 60, met care-after-death.`);
    expect(html).not.toContain('<img');
    // The table: a column and a filter for each; the sort value puts new first when sorted descending.
    expect(row(html, 'P-NEW')).toMatch(/^<tr data-rank="1" [^>]*data-sinds="nieuw" data-beoordeling="heropend">/);
    expect(row(html, 'P-NEW')).toContain('<td class="text state" data-label="sinds vorige" data-v="3"><span class="badge badge-nieuw">nieuw</span></td><td class="text state" data-label="beoordeling">heropend</td></tr>');
    expect(row(html, 'P-UP')).toContain('data-sinds="gewijzigd" data-beoordeling="deels-beoordeeld"');
    expect(row(html, 'P-UP')).toContain('data-v="2"><span class="badge badge-gewijzigd">gewijzigd</span></td><td class="text state" data-label="beoordeling">deels beoordeeld</td>');
    expect(html).toContain('<select id="zv-sinds" data-attr="data-sinds"><option value="">alle</option><option value="nieuw">nieuw</option><option value="gewijzigd">gewijzigd</option><option value="blijvend">blijvend</option></select>');
    expect(html).toContain('<select id="zv-beoordeling" data-attr="data-beoordeling">');
  });

  it('shows the decisions: what they set aside with the escaped toelichting, who came back and why, and the outcomes per indicator', async () => {
    const html = await historyHtml();
    expect(section(html, 'samenvatting')).toContain('<a href="#beoordeeld">Eerder beoordeeld: 2 signaal/signalen van 2 zorgverlener(s) tellen niet mee (1 helemaal buiten de ranglijst); 1 signaal/signalen terug');
    const d = section(html, 'beoordeeld');
    expect(d).toContain('<h2>Eerder beoordeeld</h2>\n<p>Besluiten uit beoordelingen.csv: 3.</p>');
    // P-STAY is out of the ranking altogether, P-UP is in it with its other signal (and linked to its details).
    expect(d).toContain('<h3>Zorg Blijft (<code>P-STAY</code>): score zonder besluiten 60, hoog</h3>');
    expect(d).toContain('<h3><a href="#zv-2">Zorg Erger</a> (<code>P-UP</code>): score zonder besluiten 84, hoog; staat met zijn andere signalen in de ranglijst</h3>');
    expect(d).toContain(`<span class="decision">geen aanleiding, 2025-03-01, door ${htmlText(DOOR)}: ${htmlText(NOTE)} (hele zorgverlener, regel 2)</span>`);
    expect(d).toContain('<span class="decision">in onderzoek, 2025-03-01, door AB: uren opgevraagd (indicator, regel 3)</span>');
    expect(d).not.toContain('<script>');
    expect(d).not.toContain('<b>');
    expect(d).toContain('<h3>Terug in de ranglijst</h3>');
    expect(d).toContain('<li>1. <a href="#zv-1">Zorg Nieuw</a> (<code>P-NEW</code>): impossible-day-hours</li>');
    expect(d).toMatch(/<td class="text" data-label="indicator"><code>impossible-day-hours<\/code><\/td><td class="num" data-label="geen aanleiding">0<\/td><td class="num" data-label="in onderzoek">1<\/td><td class="num" data-label="gemeld">0<\/td>/);
    // The re-opened reason says in the details why it came back.
    const details = section(html, 'details');
    expect(details).toContain('<span class="reopened">Eerder beoordeeld (gemeld, 2025-03-01, door AB, geldig tot 2025-03-05: gemeld bij het RIEC (hele zorgverlener, regel 4)); terug omdat het besluit verliep na 2025-03-05.</span>');
    expect(details.match(/class="reopened"/g)).toHaveLength(1);
  });

  it('writes the three sections in English with --taal en', async () => {
    const html = await historyHtml('en');
    expect(htmlViolations(html)).toEqual([]);
    expect(section(html, 'sinds-vorige')).toContain('<h2>Since the previous scan</h2>');
    expect(section(html, 'sinds-vorige')).toContain('<span class="badge badge-nieuw">new</span>');
    expect(section(html, 'beoordeeld')).toContain('<h2>Previously reviewed</h2>');
    expect(section(html, 'beoordeeld')).toContain(`no grounds, 2025-03-01, by ${htmlText(DOOR)}: ${htmlText(NOTE)} (whole provider, line 2)`);
    expect(section(html, 'gelijke-behandeling')).toContain('<h2>Fairness: who ends up on the lists</h2>');
    expect(row(html, 'P-UP')).toContain('data-label="since previous" data-v="2"><span class="badge badge-gewijzigd">changed</span></td><td class="text state" data-label="review">partly reviewed</td>');
    expect(html).not.toContain('Sinds de vorige scan');
  });
});

describe('report.html sections from the view', () => {
  it('leaves out the sections of --previous and --beoordelingen without them, and always has the fairness tables', async () => {
    const view = await viewWith(1);
    const html = htmlReport(view);
    expect(html).not.toMatch(/id="sinds-vorige"|id="beoordeeld"|id="zv-sinds"|id="zv-beoordeling"|data-sinds|data-beoordeling/);
    const fair = section(html, 'gelijke-behandeling');
    expect(fair).toContain('<h3>Budgethouders per gemeente</h3>');
    expect(fair).toContain('<td class="text" data-label="groep">iedereen</td>');
    expect(fair).toContain('Beschermde gronden');
  });

  it('warns when the previous run used another config, escapes a group from the inputs, and marks a group to review', async () => {
    const view = await viewWith(1);
    const html = htmlReport({
      ...view,
      sincePrevious: {
        previousAsOf: '2025-03-01',
        previousManifestSha256: 'a'.repeat(64),
        warnings: ['De vorige scan gebruikte een andere configuratie (<x>).'],
        counts: { providers: { nieuw: 0, gewijzigd: 0, blijvend: 1, verdwenen: 0 }, signals: { nieuw: 0, gewijzigd: 0, blijvend: 2, verdwenen: 0 } },
        escalated: [],
        disappeared: [],
        otherChanges: [],
      },
      fairness: {
        ...view.fairness,
        dimensions: [
          {
            ...view.fairness.dimensions.find((d) => d.id === 'voorziening')!,
            members: 40,
            listed: 4,
            share: 0.1,
            groups: [{ group: '<b>pgb</b>', members: 20, listed: 4, share: 0.2, ratio: 2.5, review: true }],
          },
        ],
      },
    });
    expect(htmlViolations(html)).toEqual([]);
    const since = section(html, 'sinds-vorige');
    expect(since).toContain('<p class="caveat warning"><strong>Let op.</strong> De vorige scan gebruikte een andere configuratie (&lt;x&gt;).</p>');
    expect(since.match(/<p>Geen\.<\/p>/g)).toHaveLength(2);
    expect(section(html, 'gelijke-behandeling')).toContain(
      '<td class="text" data-label="groep">&lt;b&gt;pgb&lt;/b&gt;</td><td class="num" data-label="aantal">20</td><td class="num" data-label="op de lijst">4</td><td class="num" data-label="aandeel">20%</td><td class="num" data-label="verhouding">2,5</td><td class="text" data-label="herzien?"><strong>ja, indicatoren herzien</strong></td>',
    );
  });
});
