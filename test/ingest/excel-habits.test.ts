// Exports made for Excel: a first line `sep=;` names the delimiter, and two monthly exports pasted
// together repeat the header inside the file. Both readers (csv-parse and the two-worker declarations
// read, which runs dist/) skip such lines, keep line numbers physical and count them apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestError, ingestTexts, rejectsOf } from './helpers.js';
import { DECL_HEADER, runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';

const DECL = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag';
const row = (i: number, holder = 'BH1') => `D${i};${holder};ZV1;0${1 + (i % 9)}-03-2024;${i},00`;

describe('a first line sep=', () => {
  it.each([
    ['sep=;', ';'],
    ['sep=,', ','],
    ['sep=\t', '\t'],
    ['"sep=;"', ';'],
    ['SEP=;  ', ';'],
  ])('%j sets the delimiter %j and is skipped; lines stay physical', async (first, delimiter) => {
    // Two columns that are no delimiter of their own say nothing; the hint decides.
    const text = [first, ...[DECL, row(1), row(2, 'BH9')].map((l) => l.replace(/;/g, delimiter))].join('\r\n') + '\r\n';
    const r = await ingestTexts({ declaraties: text.replace(/,00/g, delimiter === ',' ? '.00' : ',00') });
    const input = r.inputs.find((i) => i.kind === 'declaraties')!;
    expect(input.dialect.delimiter).toBe(delimiter);
    expect(input.dialect.sepLine).toBe(true);
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected]).toEqual([2, 1, 1]);
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[4, 'budgethouder_id', 'UNKNOWN_HOLDER']]);
  });

  it('leaves a file without it as before', async () => {
    const r = await ingestTexts({});
    expect(r.inputs.every((i) => i.dialect.sepLine === false)).toBe(true);
  });

  it('yields to --delimiter, and is still skipped', async () => {
    const r = await ingestTexts({ declaraties: ['sep=,', DECL, row(1)].join('\n') + '\n' }, { dialect: { delimiter: ';' } });
    const input = r.inputs.find((i) => i.kind === 'declaraties')!;
    expect([input.dialect.delimiter, input.dialect.sepLine, input.rowsRead, input.rowsAccepted]).toEqual([';', true, 1, 1]);
  });

  it('naming a delimiter the readers do not take stops the scan with INPUT_CSV', async () => {
    const e = await ingestError({ declaraties: ['sep=|', DECL.replace(/;/g, '|'), row(1).replace(/;/g, '|')].join('\n') + '\n' });
    expect(e.code).toBe('INPUT_CSV');
    expect(e.message).toContain("declaraties.csv line 1: the first line 'sep=|'");
  });
});

describe('a header repeated inside a file', () => {
  it('is skipped and counted, not read or rejected; a near miss is an ordinary reject', async () => {
    const text = [DECL, row(1), row(2), ' Declaratie ID ;BUDGETHOUDER_ID;zorgverlener-id;Zorgdatum;bedrag', row(3), DECL, row(4), `${DECL};x`, 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;amount'].join('\n') + '\n';
    const r = await ingestTexts({ declaraties: text });
    const input = r.inputs.find((i) => i.kind === 'declaraties')!;
    expect(input.repeatedHeaders).toEqual({ count: 2, lines: [4, 6] });
    // Line 8 has a field too many, line 9 names another column: rows of bad values.
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected]).toEqual([6, 4, 2]);
    expect(new Set(rejectsOf(r, 'declaraties.csv').map(([line]) => line))).toEqual(new Set([8, 9]));
    expect(rejectsOf(r, 'declaraties.csv')[0]).toEqual([8, '', 'FIELD_COUNT']);
    expect(r.data.declarations.line.slice(0, 4)).toEqual(Int32Array.from([2, 3, 5, 7]));
  });

  it('is found alike by the two-worker read of the declarations, in either range, after a sep= line', async () => {
    const lines = ['sep=;', DECL];
    for (let i = 1; i <= 4000; i++) {
      lines.push(row(i, i % 7 === 0 ? 'BH9' : 'BH1'));
      if (i % 1000 === 0) lines.push(DECL);
    }
    const text = lines.join('\n') + '\n';
    const single = await ingestTexts({ declaraties: text }, { parallelMinBytes: Number.POSITIVE_INFINITY });
    let split = false;
    const parallel = await ingestTexts({ declaraties: text }, { parallelMinBytes: 0, onSplit: () => (split = true) });
    expect(split, 'the two-worker read was used').toBe(true);
    const report = (r: typeof single) => r.inputs.find((i) => i.kind === 'declaraties')!;
    expect(report(single).repeatedHeaders).toEqual({ count: 4, lines: [1003, 2004, 3005, 4006] });
    expect({ ...report(parallel), name: '' }).toEqual({ ...report(single), name: '' });
    expect([report(single).rowsRead, report(single).rowsAccepted]).toEqual([4000, 4000 - 571]);
    expect([...parallel.rejects]).toEqual([...single.rejects]);
    expect(Array.from(parallel.data.declarations.line)).toEqual(Array.from(single.data.declarations.line));
  });
});

describe('a scan of an export made for Excel', () => {
  it('finds what the plain export gives, reports the skipped headers and keeps the evidence lines physical', async () => {
    const plain = smallExport(tempDir());
    const excel = tempDir();
    const read = (name: string) => readFileSync(join(plain, name), 'utf8');
    const decl = read('declaraties.csv').trim().split('\n');
    writeFiles(excel, {
      'budgethouders.csv': 'sep=,\r\n' + read('budgethouders.csv').replace(/\n/g, '\r\n'),
      'zorgverleners.csv': read('zorgverleners.csv'),
      // Two months pasted together: the second export's header after D2.
      'declaraties.csv': ['sep=,', ...decl.slice(0, 3), DECL_HEADER.trim(), ...decl.slice(3)].join('\n') + '\n',
    });
    const outPlain = join(tempDir(), 'out');
    const outExcel = join(tempDir(), 'out');
    expect((await runCli(['scan', plain, '--out', outPlain])).code).toBe(0);
    const r = await runCli(['scan', excel, '--out', outExcel]);
    expect(r.code, r.stderr).toBe(0);
    const file = (out: string, name: string) => readFileSync(join(out, name), 'utf8');
    expect(file(outExcel, 'providers.csv')).toBe(file(outPlain, 'providers.csv'));
    expect(file(outExcel, 'rejects.csv')).toBe(file(outPlain, 'rejects.csv'));
    const manifest = JSON.parse(file(outExcel, 'manifest.json'));
    const decls = manifest.inputs.find((i: { kind: string }) => i.kind === 'declaraties');
    expect(decls.repeatedHeaders).toEqual({ count: 1, lines: [5] });
    expect([decls.rowsRead, decls.dialect.sepLine]).toEqual([5, true]);
    expect(file(outExcel, 'report.md')).toContain('declaraties.csv: de kopregel komt 1 keer opnieuw voor in het bestand (regel 5)');
    // D3 is on line 4 of the plain file; the sep= line and the repeated header put it on line 6.
    const evidence = (out: string) =>
      file(out, 'signals.ndjson')
        .trim()
        .split('\n')
        .flatMap((l) => JSON.parse(l).evidence as { file: string; line: number; id: string }[]);
    const d3 = (out: string) => evidence(out).find((e) => e.id === 'D3')!.line;
    expect([d3(outPlain), d3(outExcel)]).toEqual([4, 6]);
    const bh2 = (out: string) => evidence(out).find((e) => e.id === 'BH2')!.line;
    expect([bh2(outPlain), bh2(outExcel)]).toEqual([3, 4]);
  });
});
