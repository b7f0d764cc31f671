// A page printed to PDF by the system's headless Chromium (Debian's /usr/bin/chromium, or
// CHROMIUM_PATH), started as a plain process: no runtime dependency, and the same browser that tests
// report.html. The page's @page rule sets A4 and its margins.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.js';

/** A national dossier prints in seconds; a Chromium that hangs (no display, a lock) must not hold a nightly job. */
const TIMEOUT_MS = 120_000;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Prints htmlFile to pdfFile; CHROMIUM_MISSING when there is no browser, PDF_FAILED when it does not print. */
export async function printPdf(htmlFile: string, pdfFile: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const chromium = chromiumPath(env);
  if (!existsSync(chromium))
    throw new AppError(
      'CHROMIUM_MISSING',
      `--pdf: no Chromium at ${chromium}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; the HTML dossier can be printed from any browser.`,
      { chromium },
    );
  // Its own profile, so it neither touches a user's nor waits for the lock of another Chromium.
  const profile = await mkdtemp(join(tmpdir(), 'pgb-chromium-'));
  const target = resolve(pdfFile);
  const args = [
    '--headless',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-extensions',
    '--disable-background-networking',
    '--no-first-run',
    '--no-default-browser-check',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${target}`,
    // Chromium refuses to run as root with its sandbox; the page runs no script and loads nothing.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    pathToFileURL(resolve(htmlFile)).href,
  ];
  try {
    await rm(target, { force: true });
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 4000) err += d.toString('utf8');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('error', (e) => {
        clearTimeout(timer);
        fail(e);
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        done({ code: c, stderr: err });
      });
    }).catch((e: Error) => {
      throw new AppError('PDF_FAILED', `--pdf: ${chromium} could not be started: ${e.message}.`, { chromium });
    });
    const pdf = await readFile(target).catch(() => null);
    if (code !== 0 || pdf === null || !pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
      const last = stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300);
      throw new AppError('PDF_FAILED', `--pdf: ${chromium} did not print ${pdfFile} (exit ${code ?? 'killed'})${last === '' ? '' : `: ${last}`}.`, { chromium, file: pdfFile });
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
