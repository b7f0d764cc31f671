// pgb-scan dossier without a browser: what it shows with and without --inputs, what it refuses, and
// that input text is escaped. The rendering in Chromium and the PDF are in dossier-browser.test.ts.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureRecord, runCli, smallExport, tempDir } from '../support/cli.js';
import { HTML_HOSTILE_ID, HTML_HOSTILE_NAME, htmlHostileExport } from '../support/hostile-html.js';

/** A surname a municipality left in its holder export: not in the contract, so the scan ignores it. */
const HOLDER_NAME = 'Achternaam-Jansen-Testpersoon';

async function scan(dir: string, ...extra: string[]): Promise<string> {
  const out = join(tempDir(), 'run');
  const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

/** The small export with a holder surname column added to budgethouders.csv, and BH1 cared for by ZV-OK too. */
function exportWithHolderNames(): string {
  const dir = smallExport(tempDir());
  const file = join(dir, 'budgethouders.csv');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, lines.map((l, i) => `${l},${i === 0 ? 'achternaam' : `${HOLDER_NAME}${i}`}`).join('\n') + '\n');
  writeFileSync(join(dir, 'declaraties.csv'), `${readFileSync(join(dir, 'declaraties.csv'), 'utf8')}D6,BH1,ZV-OK,2025-03-10,09:00,11:00,2,38.00,76.00\n`);
  return dir;
}

let small: string;
let smallRun: string;

describe('pgb-scan dossier', () => {
  beforeAll(async () => {
    small = exportWithHolderNames();
    smallRun = await scan(small);
  });

  it('shows the cited rows themselves with --inputs, and no column outside the contract (no holder names)', async () => {
    const r = await runCli(['dossier', smallRun, 'ZV-BUSY', '--inputs', small]);
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    // impossible-day-hours cites D1 and D2, care-after-death D3 and the holder's own row (BH2, line 3).
    for (const id of ['D1', 'D2', 'D3']) expect(html).toContain(`<b>declaratie_id</b> ${id}</span>`);
    expect(html).toMatch(/<code>budgethouders\.csv<\/code>[\s\S]*<td class="num">3<\/td><td class="text cells"><span><b>budgethouder_id<\/b> BH2<\/span>/);
    expect(html).not.toContain(HOLDER_NAME);
    expect(html).not.toContain('achternaam');
    // Per holder a month: BH1 14 hours here and 2 with ZV-OK, BH2 15 (12 + 3) here only.
    expect(html).toContain('Budgethouder BH1 (in een signaal)');
    const month = (hours: number, all: number, amount: string, allAmount: string) =>
      `<td class="text" data-label="maand">2025-03</td><td class="num" data-label="uren deze zv">${hours}</td><td class="num" data-label="uren alle zv">${all}</td><td class="num" data-label="indicatie-uren">-</td><td class="num" data-label="bedrag deze zv">${amount}</td><td class="num" data-label="bedrag alle zv">${allAmount}</td>`;
    expect(html).toContain(month(14, 16, '560,00', '636,00'));
    expect(html).toContain(month(15, 15, '600,00', '600,00'));
    expect(html).not.toContain('Alleen bestand en regel');
    expect((await runCli(['dossier', smallRun, 'ZV-BUSY', '--inputs', small])).stdout).toBe(html);
  });

  it('renders from the run folder alone without --inputs: file and line only, the same bytes twice', async () => {
    const a = await runCli(['dossier', smallRun, 'ZV-BUSY']);
    const b = await runCli(['dossier', smallRun, 'ZV-BUSY']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('Alleen bestand en regel');
    expect(a.stdout).toContain('<code>declaraties.csv</code> regel 2-3');
    expect(a.stdout).not.toContain('<b>declaratie_id</b>');
    expect(a.stdout).toContain('Geef --inputs MAP met de bestanden van deze scan voor de uren');
    // Every signal of the provider, each with its sentence.
    const signals = readFileSync(join(smallRun, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { provider: string; message: { nl: string } });
    const mine = signals.filter((s) => s.provider === 'ZV-BUSY');
    expect(mine.length).toBeGreaterThan(1);
    expect(a.stdout.match(/<article class="signal">/g)?.length).toBe(mine.length);
    const en = await runCli(['dossier', smallRun, 'ZV-BUSY', '--taal', 'en']);
    expect(en.stdout).toContain('<html lang="en">');
    expect(en.stdout).toContain('What to check');
  });

  it('names the closest ids for a provider not in the run (exit 2)', async () => {
    const r = await runCli(['dossier', smallRun, 'ZV-BUSI']);
    expect(r.code).toBe(2);
    const f = failureRecord(r.stderr);
    expect(f.code).toBe('USAGE');
    expect(f.msg).toContain("'ZV-BUSI' is not in the run");
    expect(f.closest).toEqual(['ZV-BUSY', 'ZV-OK']);
    expect(r.stdout).toBe('');
  });

  it('refuses inputs other than the run read, and an --out inside the run folder', async () => {
    const changed = tempDir();
    for (const f of readdirSync(small)) copyFileSync(join(small, f), join(changed, f));
    writeFileSync(join(changed, 'declaraties.csv'), readFileSync(join(small, 'declaraties.csv'), 'utf8').replace('560.00', '561.00'));
    const r = await runCli(['dossier', smallRun, 'ZV-BUSY', '--inputs', changed]);
    expect([r.code, failureRecord(r.stderr).code, failureRecord(r.stderr).file]).toEqual([2, 'INPUT_CHANGED', 'declaraties.csv']);
    const inside = await runCli(['dossier', smallRun, 'ZV-BUSY', '--out', join(smallRun, 'dossier.html')]);
    expect([inside.code, failureRecord(inside.stderr).code]).toEqual([2, 'OUTPUT_NOT_ALLOWED']);
    expect(existsSync(join(smallRun, 'dossier.html'))).toBe(false);
  });

  it('writes the HTML and stops with CHROMIUM_MISSING (exit 2) when --pdf has no browser', async () => {
    const dir = tempDir();
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dir, 'no-chromium');
    try {
      const r = await runCli(['dossier', smallRun, 'ZV-BUSY', '--out', join(dir, 'd.html'), '--pdf', join(dir, 'd.pdf')]);
      expect([r.code, failureRecord(r.stderr).code]).toEqual([2, 'CHROMIUM_MISSING']);
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
    expect(readFileSync(join(dir, 'd.html'), 'utf8')).toContain('<h1>Dossier zorgverlener ZV-BUSY</h1>');
    expect(existsSync(join(dir, 'd.pdf'))).toBe(false);
  });

  it('escapes a provider named <script> or =HYPERLINK(...): no markup of its own, nothing to run', async () => {
    const dir = htmlHostileExport(tempDir());
    const run = await scan(dir);
    const r = await runCli(['dossier', run, HTML_HOSTILE_ID, '--inputs', dir]);
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    expect(html).not.toMatch(/<script|<img|<svg onload/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=&#39;window.__pwned=3&#39;&gt;');
    // The only elements are the renderer's own: no attribute handler, no link out of the page.
    // Escaped text holds no raw '<', so every '<...>' is a tag of the renderer's.
    const tags = [...html.replace(/<style>[\s\S]*<\/style>/, '').matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
    expect(tags.filter((t) => /\s(on\w+|src|style)=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /href="(?!#)/.test(t))).toEqual([]);
    expect(html).toContain(`<strong>${HTML_HOSTILE_NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</strong>`);
  });

  it("shows the decisions of the run's file, found in --inputs or given by --beoordelingen, and each signal's decision", async () => {
    const inputs = smallExport(tempDir());
    const header = 'zorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit\n';
    const decided = `${header}ZV-BUSY;impossible-day-hours;;in-onderzoek;Roosters opgevraagd;11-03-2025;MB;;;\n`;
    writeFileSync(join(inputs, 'besluiten.csv'), decided);
    const run = await scan(inputs, '--beoordelingen', join(inputs, 'besluiten.csv'));
    const found = await runCli(['dossier', run, 'ZV-BUSY', '--inputs', inputs]);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain('Uit besluiten.csv (het bestand van deze scan).');
    expect(found.stdout).toMatch(/<td class="text" data-label="besluit">in onderzoek<\/td><td class="text" data-label="over"><code>impossible-day-hours<\/code>/);
    // The decision that held in the run, with its signal.
    expect(found.stdout).toContain('<p class="decided">Beoordeeld: in onderzoek op 2025-03-11 door MB: Roosters opgevraagd</p>');
    // A later version of the file, given by option: its decisions newest first, said to be another version.
    const later = join(tempDir(), 'later.csv');
    writeFileSync(later, `${decided}ZV-BUSY;;;afgehandeld;Roosters verklaard;12-03-2025;JdV;;;\nZV-OK;;;geen-aanleiding;Niet deze;12-03-2025;JdV;;;\n`);
    const given = await runCli(['dossier', run, 'ZV-BUSY', '--beoordelingen', later]);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toContain('een andere versie dan die van deze scan');
    const past = given.stdout.slice(given.stdout.indexOf('<section id="beoordelingen">'));
    expect(past.indexOf('Roosters verklaard')).toBeGreaterThan(0);
    expect(past.indexOf('Roosters verklaard')).toBeLessThan(past.indexOf('Roosters opgevraagd'));
    expect(past).not.toContain('Niet deze');
    const none = await runCli(['dossier', smallRun, 'ZV-BUSY']);
    expect(none.stdout).toContain('Geen beoordelingenbestand');
  });
});
