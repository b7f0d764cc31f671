// report.html in a real browser: Debian's chromium (never a downloaded one), driven by puppeteer-core,
// one launch for the whole file. CHROMIUM_PATH names another executable; without one the file fails
// with a message saying so (PGB_SKIP_BROWSER=1 skips it on purpose, reported as skipped).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openFile, SKIP_BROWSER } from '../support/browser.js';
import { runCli, tempDir } from '../support/cli.js';
import { HTML_HOSTILE_ID, HTML_HOSTILE_NAME, htmlHostileExport } from '../support/hostile-html.js';
import { nightWithHistory } from '../support/history-run.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'fixtures', 'screenshots');
/** Screenshots of this run, for a person (or CI's artifacts) to look at; not compared pixel by pixel. */
const ACTUAL = join(SCREENSHOTS, 'actual');
const LAYOUT_BASELINE = join(SCREENSHOTS, 'layout.json');
/** A4 is 210 mm wide; less the 12 mm margins of @page, 186 mm is 703 CSS pixels to print on. */
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);

let browser: Browser;
let sample: string;
let hostile: string;
/** A run with --previous and --beoordelingen (test/support/history-run.ts): P-NEW nieuw and heropend, P-UP gewijzigd and deels-beoordeeld. */
let history: string;

async function scanTo(dir: string): Promise<string> {
  const out = join(tempDir(), 'out');
  const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1']);
  expect(r.code, r.stderr).toBe(0);
  return join(out, 'report.html');
}

/** Opens a report in the file's browser; every console error or warning, page error and request but the page itself is a problem. */
const open = (file: string, width = 1280, height = 900) => openFile(browser, file, width, height);

/** Visible rows of the provider table, as [rank, id, score, tier] from their cells' sort values. */
const rows = (page: Page) =>
  page.$$eval('#zv-tabel tbody tr', (trs) =>
    trs.filter((tr) => !tr.hidden).map((tr) => ({ rank: Number(tr.dataset.rank), id: tr.cells[2].textContent!, score: Number(tr.cells[3].dataset.v), tier: tr.dataset.tier! })),
  );

/** The providers a run lists in providers.csv (id and name), in rank order. */
const providerRows = (reportHtml: string) =>
  (parse(readFileSync(join(reportHtml, '..', 'providers.csv')), { columns: true }) as { zorgverlener_id: string; naam: string }[]).map((r) => ({ id: r.zorgverlener_id, naam: r.naam }));

/** Elements whose right edge passes the viewport (a horizontal scroll bar), and the document's scroll width. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > width + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}: right ${Math.round(e.getBoundingClientRect().right)}`);
    return { width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  });

/** What the page looks like in numbers that fonts do not change: where each section and picture sits and how wide it is. */
const layout = (page: Page) =>
  page.evaluate(() => ({
    sections: [...document.querySelectorAll('main > section')].map((s) => ({ id: s.id, left: Math.round(s.getBoundingClientRect().left), width: Math.round(s.getBoundingClientRect().width) })),
    pictures: [...document.querySelectorAll('figure svg')].map((s) => Math.round(s.getBoundingClientRect().width)),
    tableRows: getComputedStyle(document.querySelector('#zv-tabel tbody tr')!).display,
    tableHeader: getComputedStyle(document.querySelector('#zv-tabel thead')!).display,
  }));

describe.skipIf(SKIP_BROWSER)('report.html in Chromium', () => {
  beforeAll(async () => {
    const launching = launchChromium();
    [sample, hostile, history] = await Promise.all([
      scanTo(join(import.meta.dirname, '..', '..', 'samples', 'gemeente-klein')),
      scanTo(htmlHostileExport(tempDir())),
      nightWithHistory().then((out) => join(out, 'report.html')),
    ]);
    browser = await launching;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no request but the page itself', async () => {
    const { page, problems } = await open(sample);
    expect(await page.$$eval('#zv-tabel tbody tr', (r) => r.length)).toBe(providerRows(sample).length);
    expect(await page.$$eval('figure svg', (s) => s.length)).toBeGreaterThan(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts when a column header is clicked, and back the other way on a second click', async () => {
    const { page, problems } = await open(sample);
    const before = await rows(page);
    expect(before.map((r) => r.rank)).toEqual(before.map((_, i) => i + 1));
    await page.click('#zv-tabel thead th:nth-child(4) button'); // score
    const up = await rows(page);
    expect(up.map((r) => r.score)).toEqual([...before.map((r) => r.score)].sort((a, b) => a - b));
    expect(await page.$eval('#zv-tabel thead th:nth-child(4)', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    await page.click('#zv-tabel thead th:nth-child(4) button');
    expect((await rows(page)).map((r) => r.score)).toEqual([...before.map((r) => r.score)].sort((a, b) => b - a));
    await page.click('#zv-tabel thead th:nth-child(3) button'); // id
    expect((await rows(page)).map((r) => r.id)).toEqual(before.map((r) => r.id).sort((a, b) => a.localeCompare(b, 'nl')));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by name or id, by tier and by indicator, and says how many it shows', async () => {
    const { page, problems } = await open(sample);
    const all = await rows(page);
    // A word of the third provider's name that no other listed provider's name or id holds.
    const listed = providerRows(sample);
    const word = listed[2].naam.split(/\s+/).find((w) => w.length > 3 && listed.filter((p) => `${p.naam} ${p.id}`.toLowerCase().includes(w.toLowerCase())).length === 1)!;
    await page.type('#zv-zoek', word);
    expect((await rows(page)).map((r) => r.id)).toEqual([listed[2].id]);
    expect(await page.$eval('#zv-aantal', (p) => p.textContent)).toBe(`1 van ${all.length} getoond`);
    await page.$eval('#zv-zoek', (i) => ((i as HTMLInputElement).value = ''));
    await page.select('#zv-niveau', 'laag');
    const low = await rows(page);
    expect(low.map((r) => r.id)).toEqual(all.filter((r) => r.tier === 'laag').map((r) => r.id));
    expect(low.length).toBeGreaterThan(0);
    await page.select('#zv-niveau', '');
    await page.select('#zv-indicator', 'shared-iban');
    const providers = readFileSync(join(sample, '..', 'providers.csv'), 'utf8').split('\n').filter((l) => l.includes('shared-iban'));
    expect((await rows(page)).length).toBe(providers.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a provider named <script> or =HYPERLINK(...) as text, and runs none of it', async () => {
    const { page, problems } = await open(hostile);
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      images: document.images.length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      name: document.querySelector('#zv-tabel tbody tr td:nth-child(2)')!.textContent,
      id: document.querySelector('#zv-tabel tbody tr td:nth-child(3)')!.textContent,
      heading: document.querySelector('#details h3')!.textContent,
    }));
    expect(found).toMatchObject({ scripts: 1, images: 0, pwned: null, name: HTML_HOSTILE_NAME, id: HTML_HOSTILE_ID });
    expect(found.heading).toContain(HTML_HOSTILE_NAME);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with --previous and --beoordelingen: loads cleanly, filters by sinds vorige and beoordeling, and sorts by the change', async () => {
    const { page, problems } = await open(history);
    const ids = async () => (await rows(page)).map((r) => r.id);
    expect(await ids()).toEqual(['P-NEW', 'P-UP']);
    expect(await page.$$eval('#sinds-vorige, #beoordeeld, #gelijke-behandeling', (s) => s.map((x) => x.id))).toEqual(['sinds-vorige', 'beoordeeld', 'gelijke-behandeling']);
    await page.select('#zv-sinds', 'gewijzigd');
    expect(await ids()).toEqual(['P-UP']);
    expect(await page.$eval('#zv-aantal', (p) => p.textContent)).toBe('1 van 2 getoond');
    await page.select('#zv-sinds', 'blijvend');
    expect(await ids()).toEqual([]);
    await page.select('#zv-sinds', 'nieuw');
    expect(await ids()).toEqual(['P-NEW']);
    // Filters combine: new and partly reviewed is nobody here.
    await page.select('#zv-beoordeling', 'deels-beoordeeld');
    expect(await ids()).toEqual([]);
    await page.select('#zv-sinds', '');
    expect(await ids()).toEqual(['P-UP']);
    await page.select('#zv-beoordeling', 'heropend');
    expect(await ids()).toEqual(['P-NEW']);
    await page.select('#zv-beoordeling', '');
    expect(await ids()).toEqual(['P-NEW', 'P-UP']);
    // Sorted by the change: gewijzigd before nieuw ascending, nieuw first descending.
    const sinceColumn = '#zv-tabel thead th:nth-child(10)';
    expect(await page.$eval(sinceColumn, (th) => th.textContent)).toBe('sinds vorige');
    await page.click(`${sinceColumn} button`);
    expect(await ids()).toEqual(['P-UP', 'P-NEW']);
    await page.click(`${sinceColumn} button`);
    expect(await ids()).toEqual(['P-NEW', 'P-UP']);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    // Two columns more: cards on a screen narrower than a desktop, still a table on A4 paper.
    await page.setViewport({ width: 1000, height: 800 });
    expect(await page.$eval('#zv-tabel tbody tr', (tr) => getComputedStyle(tr).display)).toBe('block');
    await page.setViewport({ width: A4_CONTENT_PX, height: 1000 });
    await page.emulateMediaType('print');
    expect(await page.$eval('#zv-tabel tbody tr', (tr) => getComputedStyle(tr).display)).toBe('table-row');
    const o = await overflow(page);
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(A4_CONTENT_PX);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('prints on A4: nothing wider than the page, and the PDF pages are A4', async () => {
    const { page, problems } = await open(sample, A4_CONTENT_PX, 1000);
    await page.emulateMediaType('print');
    const o = await overflow(page);
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(A4_CONTENT_PX);
    expect(await page.$eval('.controls', (c) => getComputedStyle(c).display)).toBe('none');
    // On paper the provider table stays a table (a card per provider would take a page per six).
    expect(await page.$eval('#zv-tabel tbody tr', (tr) => getComputedStyle(tr).display)).toBe('table-row');
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(1);
    // A4 in points is 595.28 x 841.89; Chromium rounds to whole CSS pixels.
    for (const [w, h] of boxes) expect([Math.abs(w - 595.28) < 1.5, Math.abs(h - 841.89) < 1.5], `MediaBox ${w} x ${h}`).toEqual([true, true]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits every screen width from a small phone to a desktop, long unbroken names included', async () => {
    for (const file of [sample, hostile, history]) {
      const { page, problems } = await open(file, 320, 800);
      // Just above each breakpoint a table is a table again: where it is likeliest not to fit.
      for (const width of [320, 600, 901, 1101]) {
        await page.setViewport({ width, height: 800 });
        const o = await overflow(page);
        expect(o.wide, `${file} at ${width}px`).toEqual([]);
        expect(o.scrollWidth, `${file} at ${width}px`).toBe(width);
      }
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('lays out at desktop (1280) and phone (390) width as the stored baseline, with nothing wider than the screen', async () => {
    mkdirSync(ACTUAL, { recursive: true });
    const measured: Record<string, unknown> = {};
    for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]] as const) {
      const { page, problems } = await open(sample, width, height);
      const o = await overflow(page);
      expect(o.wide, `${name}: elements wider than the screen`).toEqual([]);
      expect(o.scrollWidth).toBe(width);
      measured[name] = await layout(page);
      await page.screenshot({ path: join(ACTUAL, `${name}-${width}.png`) as `${string}.png` });
      expect(problems).toEqual([]);
      await page.close();
    }
    // The phone shows the provider table as cards; the desktop as a table.
    expect(measured).toMatchObject({ desktop: { tableRows: 'table-row' }, phone: { tableRows: 'block', tableHeader: 'none' } });
    // UPDATE_SCREENSHOTS=1 takes this run as the new baseline: the layout numbers and the screenshots beside them.
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      writeFileSync(LAYOUT_BASELINE, JSON.stringify(measured, null, 2) + '\n');
      for (const f of ['desktop-1280.png', 'phone-390.png']) copyFileSync(join(ACTUAL, f), join(SCREENSHOTS, f));
    }
    expect(existsSync(LAYOUT_BASELINE), `no baseline ${LAYOUT_BASELINE}: run once with UPDATE_SCREENSHOTS=1 and commit it`).toBe(true);
    expect(measured).toEqual(JSON.parse(readFileSync(LAYOUT_BASELINE, 'utf8')));
  });
});
