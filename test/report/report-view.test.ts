import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { INDICATORS } from '../../src/indicators/index.js';
import { markdownReport } from '../../src/report/markdown-report.js';
import { terminalSummary } from '../../src/report/terminal-summary.js';
import { buildReportView } from '../../src/report/view.js';
import { WORDING } from '../../src/report/wording.js';
import { buildConfigSchema } from '../../src/config/schema.js';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import { analyse } from '../../src/pipeline.js';
import type { RunResult } from '../../src/run-result.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

const meta = (id: string) => INDICATORS.find((i) => i.id === id)!;

async function analyseSmallExport(extraDeclaration = ''): Promise<RunResult> {
  const dir = smallExport(tempDir());
  if (extraDeclaration !== '') appendFileSync(join(dir, 'declaraties.csv'), extraDeclaration);
  const specs: InputSpec[] = (['budgethouders', 'zorgverleners', 'declaraties'] as const).map((kind) => ({ kind, path: join(dir, `${kind}.csv`) }));
  return analyse(await ingest(specs), { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
}

async function scanReport(extra: string[] = []): Promise<string> {
  const dir = smallExport(tempDir());
  const out = join(tempDir(), 'out');
  const r = await runCli(['scan', dir, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, 'report.md'), 'utf8');
}

/** The `## ...` and `### ...` headings and the table header rows of a report. */
function headings(report: string): string[] {
  const lines = report.split('\n');
  return lines.filter((l, i) => /^#{1,3} /.test(l) || (/^\| [a-z#]/.test(l) && lines[i + 1]?.startsWith('|---')));
}

describe('report.md, rendered from the report view', () => {
  it('names the indicators that did not run, and why, in the summary before the inputs', async () => {
    const report = await scanReport();
    const summary = report.slice(report.indexOf('## Samenvatting'), report.indexOf('## Invoer'));
    expect(summary).toMatch(new RegExp(`- \\d+ van de ${INDICATORS.length} indicatoren niet uitgevoerd:`));
    expect(summary).toMatch(/\n {2}- representative-hub: kolom vertegenwoordiger_id ontbreekt in budgethouders\.csv of is overal leeg\n/);
  });

  it("shows each provider's checks and innocent explanations from its indicators' metadata", async () => {
    const report = await scanReport();
    const section = report.slice(report.indexOf('### 1. Zorg Één'), report.indexOf('## Budgethouders'));
    // ZV-BUSY has two indicators: each one's items under its own name.
    expect(section).toMatch(/Wat te controleren:\n\n- \*\*(care-after-death|impossible-day-hours)\*\*\n/);
    expect(section.match(/^- \*\*impossible-day-hours\*\*$/gm)).toHaveLength(2);
    expect(section).toContain('Mogelijke onschuldige verklaring:\n\n');
    for (const id of ['impossible-day-hours', 'care-after-death']) {
      for (const item of meta(id).whatToCheck.nl) expect(section).toContain(`  - ${item}\n`);
      for (const item of meta(id).innocentExplanations.nl) expect(section).toContain(`  - ${item}\n`);
    }
    expect(section.indexOf('Wat te controleren')).toBeLessThan(section.indexOf('Mogelijke onschuldige verklaring'));
  });

  it('--taal en writes an English report with no Dutch heading, and the same numbers', async () => {
    const nl = await scanReport();
    const en = await scanReport(['--taal', 'en']);
    expect(en).toContain('# PGB risk scan: report');
    expect(en).toContain('## Summary');
    expect(en).toContain('What to check:');
    expect(en).toContain('declaraties.csv l. 2-3');
    for (const item of meta('care-after-death').innocentExplanations.en) expect(en).toContain(`  - ${item}\n`);
    expect(en).toMatch(/- representative-hub: column vertegenwoordiger_id is missing from budgethouders\.csv/);
    const dutch = headings(nl);
    expect(dutch.length).toBeGreaterThan(8);
    for (const h of headings(en)) expect(dutch.filter((d) => !/^### /.test(d)), h).not.toContain(h);
    for (const word of ['Samenvatting', 'Invoer', 'Afgewezen', 'Zorgverleners', 'Indicatoren', 'Wat te controleren', 'Bewijs', 'punten', 'Peildatum', 'zorgwekkend'])
      expect(en, word).not.toContain(word);
    // Same providers, scores and evidence: only the words differ.
    const ranks = (r: string) => r.split('\n').filter((l) => /^### \d+\. /.test(l)).map((l) => l.replace(/score [\d.,]+, \w+$/, ''));
    expect(ranks(en)).toEqual(ranks(nl));
  });

  it('refuses a language it has no wording for, with USAGE', async () => {
    const r = await runCli(['scan', smallExport(tempDir()), '--out', join(tempDir(), 'out'), '--taal', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/USAGE.*--taal: expected one of nl, en, got 'de'/);
  });

  it('--taal also sets the language of the summary on a terminal', async () => {
    const run = async (extra: string[]) => {
      const stderr = new PassThrough();
      let err = '';
      stderr.on('data', (d) => (err += d));
      const argv = ['scan', smallExport(tempDir()), '--out', join(tempDir(), 'out'), '--log-level', 'silent', ...extra];
      const code = await main(argv, { stdout: new PassThrough(), stderr, stdin: Readable.from([]), interactive: true });
      expect(code, err).toBe(0);
      return err;
    };
    const en = await run(['--taal', 'en']);
    expect(en).toMatch(/^pgb-scan done\.\n {2}budgethouders\.csv: 3 read, 3 accepted, 0 rejected\n/);
    expect(en).toContain('1 providers with a signal (1 high, 0 medium, 0 low); 2 budget holders of concern.');
    expect(en).not.toMatch(/gelezen|zorgwekkend|klaar/);
    expect(await run([])).toMatch(/^pgb-scan klaar\.\n {2}budgethouders\.csv: 3 gelezen, 3 geaccepteerd, 0 afgewezen\n/);
  });

  it('every wording entry exists in both languages', () => {
    expect(Object.keys(WORDING.en).sort()).toEqual(Object.keys(WORDING.nl).sort());
    expect(Object.keys(WORDING.en.terminal).sort()).toEqual(Object.keys(WORDING.nl.terminal).sort());
  });
});

describe('the report view', () => {
  it('is built once and rendered by pure functions: same view, same bytes', async () => {
    const run = await analyseSmallExport();
    const view = buildReportView(run, '9.9.9', 'nl');
    expect(markdownReport(view)).toBe(markdownReport(structuredClone(view)));
    expect(view.providers[0]).toMatchObject({ id: 'ZV-BUSY', tierLabel: 'hoog', indicators: ['care-after-death', 'impossible-day-hours'] });
    expect(view.providers[0].reasons.map((r) => r.message).join(' ')).not.toMatch(/\{[a-z_]+\}/);
    expect(view.notRun.every((i) => i.status !== 'ran' && i.reason !== null)).toBe(true);
    expect(terminalSummary(view, 'uit')).toMatch(/^pgb-scan klaar\.\n/);
    expect(terminalSummary(buildReportView(run, '9.9.9', 'en'), 'uit')).toMatch(/^pgb-scan done\.\n[\s\S]*1\. Zorg Één \(ZV-BUSY\) score 84 high: /);
  });

  it('carries example rows per reject code for the outputs that show them', async () => {
    const run = await analyseSmallExport('DX,BH1,ZV-BUSY,2025-02-31,,,,,10\n');
    const view = buildReportView(run, '0', 'nl');
    const bad = view.rejects.find((g) => g.file === 'declaraties.csv');
    expect(bad).toBeDefined();
    expect(bad!.examples[0]).toMatchObject({ value: '2025-02-31', column: 'zorgdatum', line: 7 });
    expect(bad!.examples.length).toBeLessThanOrEqual(3);
  });
});
