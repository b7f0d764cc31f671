// Debian's chromium (never a downloaded one) driven by puppeteer-core, for tests of pages the tool
// writes. CHROMIUM_PATH names another executable; PGB_SKIP_BROWSER=1 skips such tests on purpose.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.PGB_SKIP_BROWSER === '1';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does), set CHROMIUM_PATH, or skip on purpose with PGB_SKIP_BROWSER=1.`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-extensions', '--no-first-run', '--font-render-hinting=none'],
  });
}

export interface LoadedPage {
  page: Page;
  /** Console errors and warnings, page errors, and every request but the page itself. */
  problems: string[];
}

/** Opens a local file; anything it tries to load is aborted and listed as a problem. */
export async function openFile(browser: Browser, file: string, width = 1280, height = 900): Promise<LoadedPage> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  await page.setViewport({ width, height });
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === url) return void req.continue();
    problems.push(`request ${req.url()}`);
    void req.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** The pages of a PDF as [width, height] in points, from its /MediaBox entries (one per page). */
export function pdfPages(pdf: Buffer): Array<[number, number]> {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The page objects of a PDF (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
