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
