import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvLine } from '../../src/report/csv-format.js';
import { readRanking } from '../../src/run/read-run.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

describe('csvLine by dialect', () => {
  it('rfc4180: comma, decimal point, LF, no BOM', () => {
    expect(csvHeader(['a', 'b'])).toBe('a,b\n');
    expect(csvLine([1234.5, -0.25, 'x;y', 'p,q', '=1+1'])).toBe(`1234.5,-0.25,x;y,"p,q",'=1+1\n`);
  });

  it('excel-nl: semicolon, decimal comma, CRLF, BOM before the header; quotes for ; not for ,', () => {
    expect(csvHeader(['a', 'b'], 'excel-nl')).toBe('\uFEFFa;b\r\n');
    expect(csvLine([1234.5, -0.25, 7, 'x;y', 'p,q', 'regel\neen', '=1+1'], 'excel-nl')).toBe(`1234,5;-0,25;7;"x;y";p,q;"regel\neen";'=1+1\r\n`);
  });
});

/** Parses an excel-nl CSV output; fails on anything but BOM, ';' and CRLF. */
function parseExcelNl(bytes: Buffer): string[][] {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const text = bytes.toString('utf8');
  expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
  return parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
}

describe('scan --csv-dialect excel-nl', () => {
  it('writes every CSV output for Dutch Excel with the same content, records it, and verify replays it', async () => {
    const dir = smallExport(tempDir());
    const plain = join(tempDir(), 'out');
    const excel = join(tempDir(), 'out');
    expect((await runCli(['scan', dir, '--out', plain])).code).toBe(0);
    const r = await runCli(['scan', dir, '--out', excel, '--csv-dialect', 'excel-nl', '--stdout', 'csv']);
    expect(r.code, r.stderr).toBe(0);

    for (const name of ['providers.csv', 'budgethouders.csv', 'rejects.csv', 'networks.csv']) {
      const rows = parseExcelNl(readFileSync(join(excel, name)));
      const expected = (parse(readFileSync(join(plain, name), 'utf8')) as string[][]).map((row) => row.map((v) => (/^-?\d+\.\d+$/.test(v) ? v.replace('.', ',') : v)));
      expect(rows, name).toEqual(expected);
    }
    const providers = readFileSync(join(excel, 'providers.csv'), 'utf8');
    expect(providers).toMatch(/;1160;/);
    expect(r.stdout).toBe(providers);
    // The other outputs do not depend on the dialect.
    for (const name of ['signals.ndjson', 'report.md', 'overzicht.xlsx']) expect(readFileSync(join(excel, name)).equals(readFileSync(join(plain, name))), name).toBe(true);

    const manifest = JSON.parse(readFileSync(join(excel, 'manifest.json'), 'utf8'));
    expect(manifest.config.csvDialect).toBe('excel-nl');
    expect(JSON.parse(readFileSync(join(plain, 'manifest.json'), 'utf8')).config.csvDialect).toBe('rfc4180');

    // evaluate and other readers of a run folder read either dialect.
    expect(readRanking(excel, 'providers.csv', 'zorgverlener_id')).toEqual(readRanking(plain, 'providers.csv', 'zorgverlener_id'));
    expect(readRanking(excel, 'budgethouders.csv', 'budgethouder_id')).toEqual(readRanking(plain, 'budgethouders.csv', 'budgethouder_id'));
    expect(readRanking(excel, 'providers.csv', 'zorgverlener_id').length).toBeGreaterThan(0);

    const v = await runCli(['verify', excel, '--inputs', dir, '--json']);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('writes the rejects of validate in the dialect, on stdout', async () => {
    const dir = smallExport(tempDir());
    const r = await runCli(['validate', dir, '--csv-dialect', 'excel-nl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('\uFEFFfile;line;column;value;code;message\r\n');
  });

  it('refuses an unknown dialect with USAGE', async () => {
    const r = await runCli(['scan', smallExport(tempDir()), '--stdout', 'csv', '--csv-dialect', 'excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--csv-dialect: expected one of rfc4180, excel-nl');
  });
});
