// The dossier of the sample's top provider in a real browser (Debian's chromium through puppeteer-core)
// and printed to PDF by the command itself (chromium --print-to-pdf): its evidence rows and holders are
// there, nothing is loaded or run, and the PDF has A4 pages, as many as Chromium's own print gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { launchChromium, openFile, pdfPageCount, pdfPages, SKIP_BROWSER } from '../support/browser.js';
import { HTML_HOSTILE_ID, HTML_HOSTILE_NAME, htmlHostileExport } from '../support/hostile-html.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'gemeente-klein');
/** A4 is 210 mm wide; less the 12 mm margins of @page, 186 mm is 703 CSS pixels to print on. */
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);

interface Signal {
  provider: string | null;
  holders: string[];
  evidence: { file: string; line: number; id: string }[];
}

let browser: Browser;
let dir: string;
let top: string;
let signals: Signal[];

describe.skipIf(SKIP_BROWSER)('the dossier in Chromium', () => {
  beforeAll(async () => {
    const launching = launchChromium();
    dir = tempDir();
    const run = join(dir, 'run');
    const scan = await runCli(['scan', SAMPLE, '--out', run]);
    expect(scan.code, scan.stderr).toBe(0);
    top = (parse(readFileSync(join(run, 'providers.csv')), { columns: true }) as { zorgverlener_id: string }[])[0].zorgverlener_id;
    signals = readFileSync(join(run, 'signals.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Signal)
      .filter((s) => s.provider === top);
    const r = await runCli(['dossier', run, top, '--inputs', SAMPLE, '--out', join(dir, 'dossier.html'), '--pdf', join(dir, 'dossier.pdf')]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launching;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the top provider's signals with their evidence rows, loading and running nothing", async () => {
    const { page, problems } = await openFile(browser, join(dir, 'dossier.html'));
    const shown = await page.$$eval('article.signal', (articles) =>
      articles.map((a) => ({ indicator: a.querySelector('h3 code')!.textContent, rows: [...a.querySelectorAll('table.rows tbody tr')].map((tr) => tr.textContent!) })),
    );
    expect(shown.length).toBe(signals.length);
    expect(signals.length).toBeGreaterThan(0);
    // Signals in the order of the dossier (contribution, then key) are not those of the file: match by evidence.
    for (const s of signals) {
      const cited = s.evidence.slice(0, 20);
      const match = shown.find((x) => x.rows.length === cited.length && cited.every((e, i) => x.rows[i].includes(e.id)));
      expect(match, `signal with evidence ${cited.map((e) => `${e.file}:${e.line}`).join(', ')}`).toBeDefined();
    }
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has a month table for each holder of the provider, by pseudonymous id', async () => {
    const { page, problems } = await openFile(browser, join(dir, 'dossier.html'));
    const declarations = parse(readFileSync(join(SAMPLE, 'declaraties.csv')), { columns: true, delimiter: ';' }) as { budgethouder_id: string; zorgverlener_id: string }[];
    const holders = [...new Set(declarations.filter((d) => d.zorgverlener_id === top).map((d) => d.budgethouder_id))].sort();
    const headings = await page.$$eval('#budgethouders h3', (hs) => hs.map((h) => h.textContent!));
    expect(headings.map((h) => /^Budgethouder (\S+)/.exec(h)![1]).sort()).toEqual(holders);
    expect(await page.$$eval('#budgethouders table.months svg.bars', (s) => s.length)).toBeGreaterThan(holders.length);
    expect(await page.$$eval('#netwerk figure svg', (s) => s.length)).toBe(1);
    // On a phone the month tables scroll within themselves: the page is no wider than the screen.
    await page.setViewport({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a provider named <script> or =HYPERLINK(...) as text, and runs none of it', async () => {
    const inputs = htmlHostileExport(tempDir());
    const run = join(tempDir(), 'run');
    expect((await runCli(['scan', inputs, '--out', run])).code).toBe(0);
    const file = join(tempDir(), 'hostile.html');
    const r = await runCli(['dossier', run, HTML_HOSTILE_ID, '--inputs', inputs, '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const { page, problems } = await openFile(browser, file);
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      images: document.images.length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      name: document.querySelector('header strong')!.textContent,
      id: document.querySelector('header code')!.textContent,
    }));
    expect(found).toEqual({ scripts: 0, images: 0, pwned: null, name: HTML_HOSTILE_NAME, id: HTML_HOSTILE_ID });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('prints on A4: nothing wider than the page, and the PDF has as many A4 pages as Chromium gives', async () => {
    const { page, problems } = await openFile(browser, join(dir, 'dossier.html'), A4_CONTENT_PX, 1000);
    await page.emulateMediaType('print');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(A4_CONTENT_PX);
    const pdf = readFileSync(join(dir, 'dossier.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdf);
    // A4 in points is 595.28 x 841.89; Chromium rounds to whole CSS pixels.
    for (const [w, h] of pages) expect([Math.abs(w - 595.28) < 1.5, Math.abs(h - 841.89) < 1.5], `MediaBox ${w} x ${h}`).toEqual([true, true]);
    const count = pdfPageCount(pdf);
    expect(pages.length).toBe(count);
    const own = Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    expect(count).toBe(pdfPageCount(own));
    // Four holders with twelve months each and the signals' rows: more than one page, far less than a report.
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(15);
    expect(problems).toEqual([]);
    await page.close();
  });
});
