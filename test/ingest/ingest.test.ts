import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { REJECT_CODES } from '../../src/ingest/reject-codes.js';
import { FILE_KINDS } from '../../src/inputs/index.js';
import { NO_DAY, parseIsoDay } from '../../src/model/dates.js';
import { AppError } from '../../src/errors.js';
import { DECLARATIONS, HOLDERS, PROVIDERS, declarations, expectAccounting, ingestError, ingestTexts, rejectsOf } from './helpers.js';

const day = (iso: string) => parseIsoDay(iso)!;
const cp1252 = (s: string) => Buffer.from([...s].map((c) => ({ é: 0xe9, ë: 0xeb, '€': 0x80 })[c] ?? c.charCodeAt(0)));

describe('ingest: accepted data', () => {
  it('reads the three required files into holders, providers and the declaration table', async () => {
    const r = await ingestTexts({
      budgethouders:
        'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start;budget_eind;indicatie_uren_per_week;geboortejaar;adres_sleutel;vertegenwoordiger_id;ingeschreven_sinds;overlijdensdatum\n' +
        'BH1;gm0363;Wmo;Beschermd wonen;1.234,56;01-01-2024;31-12-2024;12,5;1958;A1;V1;2020-05-01;\n' +
        'BH2;GM0599;jeugdwet;begeleiding;800;2024-01-01;;;;;;;15-06-2024\n',
      zorgverleners:
        'zorgverlener_id;naam;soort;kvk_nummer;agb_code;kvk_startdatum;einddatum;adres_sleutel;iban_sleutel;wooninitiatief\n' +
        'ZV1;Zorg BV;instelling;01234567;00112233;01-02-2015;;A1;I1;ja\n' +
        'ZV2;;zzp;;;;;;;N\n',
      declaraties:
        'declaratie_id;budgethouder_id;zorgverlener_id;zorgovereenkomst_id;overeenkomst_soort;zorgdatum;periode_start;periode_eind;begintijd;eindtijd;uren;tarief;bedrag;ingediend_op\n' +
        'D1;BH1;ZV1;ZO1;opdracht;04-03-2024;;;22:00;06:00;;50,00;400,00;05-03-2024 10:00\n' +
        'D2;BH2;ZV2;;;;01-03-2024;31-03-2024;;;;;-25,50;\n',
    });
    expect(r.data.holders).toEqual([
      {
        id: 'BH1', line: 2, gemeenteCode: 'GM0363', wet: 'wmo', voorziening: 'beschermd_wonen', budgetBedrag: 1234.56,
        budgetStart: day('2024-01-01'), budgetEind: day('2024-12-31'), indicatieUrenPerWeek: 12.5, geboortejaar: 1958,
        adresSleutel: 'A1', vertegenwoordigerId: 'V1', ingeschrevenSinds: day('2020-05-01'), overlijdensdatum: null,
      },
      {
        id: 'BH2', line: 3, gemeenteCode: 'GM0599', wet: 'jeugdwet', voorziening: 'begeleiding', budgetBedrag: 800,
        budgetStart: day('2024-01-01'), budgetEind: null, indicatieUrenPerWeek: null, geboortejaar: null,
        adresSleutel: null, vertegenwoordigerId: null, ingeschrevenSinds: null, overlijdensdatum: day('2024-06-15'),
      },
    ]);
    expect(r.data.providers).toEqual([
      { id: 'ZV1', line: 2, naam: 'Zorg BV', soort: 'instelling', kvkNummer: '01234567', agbCode: '00112233', kvkStartdatum: day('2015-02-01'), einddatum: null, adresSleutel: 'A1', ibanSleutel: 'I1', wooninitiatief: true },
      { id: 'ZV2', line: 3, naam: null, soort: 'zzp', kvkNummer: null, agbCode: null, kvkStartdatum: null, einddatum: null, adresSleutel: null, ibanSleutel: null, wooninitiatief: false },
    ]);
    const t = r.data.declarations;
    expect(t.length).toBe(2);
    expect([...t.id]).toEqual(['D1', 'D2']);
    expect([...t.line]).toEqual([2, 3]);
    expect([...t.holder]).toEqual([0, 1]);
    expect([...t.provider]).toEqual([0, 1]);
    expect([...t.contractId]).toEqual(['ZO1', '']);
    expect([...t.agreementKind]).toEqual([2, 0]);
    expect([...t.day]).toEqual([day('2024-03-04'), NO_DAY]);
    expect([...t.periodStart]).toEqual([day('2024-03-04'), day('2024-03-01')]);
    expect([...t.periodEnd]).toEqual([day('2024-03-04'), day('2024-03-31')]);
    expect([...t.beginMinute]).toEqual([22 * 60, -1]);
    expect([...t.endMinute]).toEqual([6 * 60, -1]);
    // 22:00 to 06:00 crosses midnight: 8 hours, derived because uren is empty.
    expect(t.hours[0]).toBe(8);
    expect(t.hours[1]).toBeNaN();
    expect(t.tariff[0]).toBe(50);
    expect(t.tariff[1]).toBeNaN();
    expect([...t.amount]).toEqual([400, -25.5]);
    expect([...t.submittedDay]).toEqual([day('2024-03-05'), NO_DAY]);
    expect([...t.submittedMinute]).toEqual([10 * 60, -1]);
    expect(r.data.contracts).toBeNull();
    expect(r.data.files).toEqual({
      ...Object.fromEntries(FILE_KINDS.map((k) => [k, null])),
      budgethouders: 'budgethouders.csv',
      zorgverleners: 'zorgverleners.csv',
      declaraties: 'declaraties.csv',
    });
    expect([...r.data.filled.declaraties].sort()).toEqual(
      ['bedrag', 'begintijd', 'budgethouder_id', 'declaratie_id', 'eindtijd', 'ingediend_op', 'ingediend_op_tijd', 'overeenkomst_soort', 'periode_eind', 'periode_start', 'tarief', 'uren', 'zorgdatum', 'zorgovereenkomst_id', 'zorgverlener_id'],
    );
    // uren has no value in any row, but D1's hours follow from its times; overlijdensdatum is only in BH2.
    expect(r.data.filled.budgethouders.has('overlijdensdatum')).toBe(true);
    expect(r.data.filled.zorgovereenkomsten.size).toBe(0);
    expect([...r.rejects]).toEqual([]);
  });

  it('keeps given hours, and derives none from a single time', async () => {
    const r = await ingestTexts({
      declaraties: declarations(
        'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;begintijd;eindtijd;uren;bedrag',
        'D1;BH1;ZV1;01-03-2024;08:00;12:00;3,5;10',
        'D2;BH1;ZV1;01-03-2024;08:00;;;10',
        'D3;BH1;ZV1;01-03-2024;00:00;24:00;;10',
        'D4;BH1;ZV1;01-03-2024;09:00;09:00;;10',
      ),
    });
    expect([...r.data.declarations.hours]).toEqual([3.5, Number.NaN, 24, 0]);
  });

  it('counts uren as filled only when some row has hours, given or derived', async () => {
    const header = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;begintijd;eindtijd;uren;bedrag';
    const oneTime = await ingestTexts({ declaraties: declarations(header, 'D1;BH1;ZV1;01-03-2024;08:00;;;10') });
    expect(oneTime.data.filled.declaraties.has('uren')).toBe(false);
    const derived = await ingestTexts({ declaraties: declarations(header, 'D1;BH1;ZV1;01-03-2024;08:00;;;10', 'D2;BH1;ZV1;01-03-2024;08:00;10:00;;10') });
    expect(derived.data.filled.declaraties.has('uren')).toBe(true);
  });

  it('fills data.filled only from accepted rows', async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;tarief;bedrag', 'D1;BH1;ZV1;01-03-2024;;10', 'D2;BH1;ZV1;31-02-2024;50;10'),
    });
    expect(r.data.filled.declaraties.has('tarief')).toBe(false);
    expect(r.data.filled.declaraties.has('zorgdatum')).toBe(true);
  });

  it('reads an optional contracts file with foreign keys; a holder outside the export is unmatched, not rejected', async () => {
    const r = await ingestTexts({
      budgethouders: HOLDERS + 'BH3;GM0363;wmo;begeleid_wonen;-1;01-01-2024\n',
      zorgovereenkomsten:
        'zorgovereenkomst_id;budgethouder_id;zorgverlener_id;soort;tarief;uren_per_week;start;eind\n' +
        'ZO1;BH2;ZV1;arbeidsovereenkomst;45,00;12;01-01-2024;\n' +
        'ZO2;BH9;ZV9;opdracht;;;;\n' +
        'ZO3;BH3;ZV1;opdracht;;;;\n' +
        'ZO4;BH9;ZV1;opdracht;;;31-02-2024;\n',
    });
    expect(r.data.contracts).toEqual([
      { id: 'ZO1', line: 2, holder: 1, provider: 0, soort: 'arbeidsovereenkomst', tarief: 45, urenPerWeek: 12, start: day('2024-01-01'), eind: null },
    ]);
    // BH9 is in no row of budgethouders.csv: another municipality's person, whatever its provider.
    // BH3's row was rejected: that is a problem of this export. A bad value is rejected all the same.
    expect(rejectsOf(r, 'zorgovereenkomsten.csv')).toEqual([
      [4, 'budgethouder_id', 'UNKNOWN_HOLDER'],
      [5, 'start', 'INVALID_DATE'],
    ]);
    const input = r.inputs.find((i) => i.kind === 'zorgovereenkomsten')!;
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected, input.rowsUnmatched]).toEqual([4, 1, 2, 1]);
    expect(r.inputs.map((i) => i.kind)).toEqual(['budgethouders', 'zorgverleners', 'declaraties', 'zorgovereenkomsten']);
  });

  it('rejects contract rows like declarations: period order, duplicates, unknown provider', async () => {
    const r = await ingestTexts({
      zorgovereenkomsten:
        'zorgovereenkomst_id;budgethouder_id;zorgverlener_id;soort;start;eind\n' +
        'ZO1;BH1;ZV1;familie;01-01-2024;31-12-2024\n' +
        'ZO1;BH1;ZV1;familie;01-01-2024;\n' +
        'ZO3;BH1;ZV1;;01-06-2024;01-01-2024\n' +
        'ZO4;BH1;ZV7;oppas;;\n',
    });
    expect(rejectsOf(r, 'zorgovereenkomsten.csv')).toEqual([
      [3, 'zorgovereenkomst_id', 'DUPLICATE_ID'],
      [4, 'eind', 'PERIOD_ORDER'],
      [5, 'soort', 'INVALID_ENUM'],
      [5, 'zorgverlener_id', 'UNKNOWN_PROVIDER'],
    ]);
    expect(r.data.contracts!.map((c) => c.id)).toEqual(['ZO1']);
  });

  it('blames the missing periode column when a period file has no zorgdatum column', async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;periode_start;periode_eind;bedrag', 'D1;BH1;ZV1;01-03-2024;31-03-2024;10', 'D2;BH1;ZV1;01-03-2024;;10'),
    });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[3, 'periode_eind', 'MISSING_CARE_DATE']]);
    expect([...r.data.declarations.periodEnd]).toEqual([day('2024-03-31')]);
  });

  it('skips rows of empty cells that spreadsheets leave behind, and empty lines', async () => {
    const r = await ingestTexts({ zorgverleners: 'zorgverlener_id;soort\n\nZV1;zzp\n;\n  ; \nZV2;instelling\n;\n' });
    expect(r.data.providers.map((p) => [p.id, p.line])).toEqual([['ZV1', 3], ['ZV2', 6]]);
    expect(r.inputs[1].rowsRead).toBe(2);
  });
});

describe('ingest: dialects', () => {
  it('reports the detected dialect of a Dutch Excel export', async () => {
    const r = await ingestTexts({});
    expect(r.inputs[0].dialect).toEqual({ encoding: 'utf-8', bom: false, delimiter: ';', sepLine: false, decimal: 'comma', dateFormats: ['DD-MM-YYYY'], detected: true });
    expect(r.data.holders.map((h) => h.budgetBedrag)).toEqual([20000, 35500.5]);
  });

  it('reads comma-delimited UTF-8 with BOM, decimal point and ISO dates', async () => {
    const r = await ingestTexts({
      budgethouders: '\ufeffbudgethouder_id,gemeente_code,wet,voorziening,budget_bedrag,budget_start\nBH1,GM0363,wmo,begeleid_wonen,20000.50,2024-01-01\n',
      declaraties: 'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,uren,bedrag\nD1,BH1,ZV1,2024-03-01,1.5,"1234.56"\n',
    });
    expect(r.inputs[0].dialect).toEqual({ encoding: 'utf-8', bom: true, delimiter: ',', sepLine: false, decimal: 'point', dateFormats: ['YYYY-MM-DD'], detected: true });
    expect(r.data.holders[0].id).toBe('BH1');
    expect(r.data.holders[0].budgetBedrag).toBe(20000.5);
    expect(r.data.declarations.amount[0]).toBe(1234.56);
    expect(r.data.declarations.hours[0]).toBe(1.5);
  });

  it('reads tab-delimited files', async () => {
    const r = await ingestTexts({ zorgverleners: 'zorgverlener_id\tnaam\tsoort\nZV1\tZorg, en zo\tzzp\nZV2\t\tinstelling\n' });
    expect(r.inputs[1].dialect.delimiter).toBe('\t');
    expect(r.data.providers[0].naam).toBe('Zorg, en zo');
  });

  it('reads Windows-1252 with é and ë and CRLF line ends', async () => {
    const r = await ingestTexts({ zorgverleners: cp1252('zorgverlener_id;naam;soort\r\nZV1;Café Zoë;zzp\r\nZV2;€ Zorg;instelling\r\n') });
    expect(r.inputs[1].dialect.encoding).toBe('windows-1252');
    expect(r.data.providers.map((p) => [p.naam, p.line])).toEqual([['Café Zoë', 2], ['€ Zorg', 3]]);
  });

  it('lists every date form seen, and reads date-times', async () => {
    const r = await ingestTexts({
      declaraties: declarations(
        'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;ingediend_op',
        'D1;BH1;ZV1;2024-03-01;10;2024-03-02T08:15:00',
        'D2;BH1;ZV1;1-3-2024;10;02-03-2024 08:15',
        'D3;BH1;ZV1;01-03-2024;10;',
      ),
    });
    expect(r.inputs[2].dialect.dateFormats).toEqual(['D-M-YYYY', 'DD-MM-YYYY', 'DD-MM-YYYY HH:MM', 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SS']);
    expect([...r.data.declarations.day]).toEqual([day('2024-03-01'), day('2024-03-01'), day('2024-03-01')]);
    expect([...r.data.declarations.submittedDay]).toEqual([day('2024-03-02'), day('2024-03-02'), NO_DAY]);
    // Seconds are dropped: submissions compare to the minute.
    expect([...r.data.declarations.submittedMinute]).toEqual([8 * 60 + 15, 8 * 60 + 15, -1]);
    expect(r.data.filled.declaraties.has('ingediend_op_tijd')).toBe(true);
  });

  it('counts ingediend_op with dates alone as filled, but not its time', async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;ingediend_op', 'D1;BH1;ZV1;2024-03-01;10;02-03-2024', 'D2;BH1;ZV1;2024-03-01;10;'),
    });
    expect([...r.data.declarations.submittedMinute]).toEqual([-1, -1]);
    expect(r.data.filled.declaraties.has('ingediend_op')).toBe(true);
    expect(r.data.filled.declaraties.has('ingediend_op_tijd')).toBe(false);
  });

  it('honours overrides and reports detected: false when all are given', async () => {
    const r = await ingestTexts(
      { declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;01-03-2024;1.234') },
      { dialect: { delimiter: ';', encoding: 'utf-8', decimal: 'comma' } },
    );
    expect(r.inputs[2].dialect.detected).toBe(false);
    // The decimal mark was given, so '1.234' is 1234, not ambiguous.
    expect(r.data.declarations.amount[0]).toBe(1234);
  });

  it("rejects '9,99' in point mode rather than reading 999", async () => {
    const r = await ingestTexts({
      declaraties: 'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,bedrag\nD1,BH1,ZV1,2024-03-01,12.50\nD2,BH1,ZV1,2024-03-01,"9,99"\n',
    });
    expect(r.inputs[2].dialect.decimal).toBe('point');
    expect([...r.rejects]).toEqual([
      { file: 'declaraties.csv', line: 3, column: 'bedrag', value: '9,99', code: 'INVALID_NUMBER', message: "bedrag: expected an amount with decimal point like 1234.56, got '9,99'" },
    ]);
  });

  it("rejects '1.234' as ambiguous while the decimal mark is only guessed", async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;01-03-2024;1.234', 'D2;BH1;ZV1;01-03-2024;100'),
    });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[2, 'bedrag', 'AMBIGUOUS_NUMBER']]);
    expect([...r.rejects][0].message).toMatch(/^bedrag: expected an amount with decimal comma like 1\.234,56, got '1\.234' \(1234 with a thousands dot, or 1\.234 with a decimal point\?/);
  });

  it("reads '1.234' as 1234 once real decimal commas settle the mark", async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;01-03-2024;1.234', 'D2;BH1;ZV1;01-03-2024;12,50'),
    });
    expect([...r.data.declarations.amount]).toEqual([1234, 12.5]);
  });
});

describe('ingest: rejects', () => {
  const decl = (...rows: string[]) =>
    declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;periode_start;periode_eind;begintijd;eindtijd;uren;tarief;bedrag;overeenkomst_soort;ingediend_op', ...rows);

  it('gives each problem its code, line and column, and counts each rejected row once', async () => {
    const r = await ingestTexts({
      declaraties: decl(
        'D1;BH1;ZV1;01-03-2024;;;;;;;10,00;;', // accepted
        'D2;BH1;ZV1;01-03-2024;;;;;;;;;', // REQUIRED_MISSING bedrag
        'D3;BH1;ZV1;01-03-2024;;;;;;;abc;;', // INVALID_NUMBER
        'D4;BH1;ZV1;01-03-2024;;;;;-1;;10;;', // NEGATIVE_VALUE uren
        'D5;BH1;ZV1;31-02-2024;;;;;;;10;;', // INVALID_DATE
        'D6;BH1;ZV1;01-03-2024;;;;;;;10;;2024-03-01 25:00', // INVALID_DATETIME
        'D7;BH1;ZV1;01-03-2024;;;25:00;;;;10;;', // INVALID_TIME
        'D8;BH1;ZV1;01-03-2024;;;;;;;10;vriendendienst;', // INVALID_ENUM
        'D9;BH1;ZV1;;;;;;;;10;;', // MISSING_CARE_DATE
        'D10;BH1;ZV1;;31-03-2024;01-03-2024;;;;;10;;', // PERIOD_ORDER
        'D11;BH1;ZV1;;01-03-2024;31-03-2024;08:00;;;;10;;', // TIME_WITHOUT_CARE_DATE
        'D12;BH9;ZV1;01-03-2024;;;;;;;10;;', // UNKNOWN_HOLDER
        'D13;BH1;ZV9;01-03-2024;;;;;;;10;;', // UNKNOWN_PROVIDER
        'D1;BH1;ZV1;02-03-2024;;;;;;;10;;', // DUPLICATE_ID
        'D15;BH1;ZV1;01-03-2024', // FIELD_COUNT
        'D16;BH9;ZV1;31-02-2024;;;;;-2;;;;', // several problems, one row
      ),
    });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([
      [3, 'bedrag', 'REQUIRED_MISSING'],
      [4, 'bedrag', 'INVALID_NUMBER'],
      [5, 'uren', 'NEGATIVE_VALUE'],
      [6, 'zorgdatum', 'INVALID_DATE'],
      [7, 'ingediend_op', 'INVALID_DATETIME'],
      [8, 'begintijd', 'INVALID_TIME'],
      [9, 'overeenkomst_soort', 'INVALID_ENUM'],
      [10, 'zorgdatum', 'MISSING_CARE_DATE'],
      [11, 'periode_eind', 'PERIOD_ORDER'],
      [12, 'begintijd', 'TIME_WITHOUT_CARE_DATE'],
      [13, 'budgethouder_id', 'UNKNOWN_HOLDER'],
      [14, 'zorgverlener_id', 'UNKNOWN_PROVIDER'],
      [15, 'declaratie_id', 'DUPLICATE_ID'],
      [16, '', 'FIELD_COUNT'],
      [17, 'bedrag', 'REQUIRED_MISSING'],
      [17, 'budgethouder_id', 'UNKNOWN_HOLDER'],
      [17, 'uren', 'NEGATIVE_VALUE'],
      [17, 'zorgdatum', 'INVALID_DATE'],
    ]);
    const input = r.inputs[2];
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected]).toEqual([16, 1, 15]);
    expect([...r.data.declarations.id]).toEqual(['D1']);
  });

  it('writes messages that name the column, the raw value and what was expected', async () => {
    const r = await ingestTexts({
      declaraties: decl(
        'D1;BH1;ZV1;31-02-2024;;;;;;;9.99;;',
        'D1;BH1;ZV1;01-03-2024;;;;;;;12,50;;',
        'D1;BH1;ZV1;01-03-2024;;;;;;;10;;',
        'D4;BH1;ZV1;01-03-2024;;;',
        'D5;BH1;ZV1;;20-03-2024;10-03-2024;;;;;1;;',
      ),
    });
    const messages = [...r.rejects].map((x) => [x.line, x.value, x.message]);
    expect(messages).toEqual([
      [2, '9.99', "bedrag: expected an amount with decimal comma like 1.234,56, got '9.99'"],
      [2, '31-02-2024', "zorgdatum: expected a date like 2024-03-31 or 31-03-2024, got '31-02-2024' (no such calendar day)"],
      [4, 'D1', "declaratie_id: 'D1' already occurs on line 3 of declaraties.csv, which is kept"],
      [5, '', 'the row has 7 fields, the header has 13'],
      [6, '10-03-2024', 'periode_eind: 2024-03-10 is before periode_start 2024-03-20; a period cannot end before it starts'],
    ]);
  });

  it('rejects holder and provider values with their own codes', async () => {
    const r = await ingestTexts({
      budgethouders:
        'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start;budget_eind;geboortejaar\n' +
        'BH1;GM0363;wmo;begeleid_wonen;20.000,00;01-01-2024;;1960\n' +
        'BH2;GM363;wmo;begeleid_wonen;20.000,00;01-01-2024;;\n' +
        'BH3;GM0363;awbz;begeleid_wonen;20.000,00;01-01-2024;;\n' +
        'BH4;GM0363;wmo;begeleid_wonen;-5,00;01-01-2024;;\n' +
        'BH5;GM0363;wmo;begeleid_wonen;100;01-01-2024;31-12-2023;\n' +
        'BH6;GM0363;wmo;begeleid_wonen;100;01-01-2024;;75\n' +
        'BH1;GM0363;wmo;begeleid_wonen;100;01-01-2024;;\n' +
        ';GM0363;wmo;begeleid_wonen;100;01-01-2024;;\n',
      zorgverleners:
        'zorgverlener_id;soort;kvk_nummer;agb_code;wooninitiatief\n' +
        'ZV1;zzp;01234567;;\n' +
        'ZV2;zzp;1234567;;\n' +
        'ZV3;zzp;;12AB5678;\n' +
        'ZV4;zzp;;;misschien\n' +
        'ZV5;verzekeraar;;;\n',
    });
    expect(rejectsOf(r, 'budgethouders.csv')).toEqual([
      [3, 'gemeente_code', 'INVALID_CODE'],
      [4, 'wet', 'INVALID_ENUM'],
      [5, 'budget_bedrag', 'NEGATIVE_VALUE'],
      [6, 'budget_eind', 'PERIOD_ORDER'],
      [7, 'geboortejaar', 'INVALID_YEAR'],
      [8, 'budgethouder_id', 'DUPLICATE_ID'],
      [9, 'budgethouder_id', 'REQUIRED_MISSING'],
    ]);
    expect([...r.rejects][0].message).toBe("gemeente_code: expected 'GM' and 4 digits like GM0363, got 'GM363' (leading zeros lost?)");
    expect(rejectsOf(r, 'zorgverleners.csv')).toEqual([
      [3, 'kvk_nummer', 'INVALID_CODE'],
      [4, 'agb_code', 'INVALID_CODE'],
      [5, 'wooninitiatief', 'INVALID_BOOLEAN'],
      [6, 'soort', 'INVALID_ENUM'],
    ]);
    expect([...r.rejects].find((x) => x.column === 'kvk_nummer')!.message).toBe("kvk_nummer: expected 8 digits, got '1234567' (7 digits: leading zeros lost?)");
    expect([...r.rejects].find((x) => x.column === 'soort')!.message).toBe("soort: expected one of instelling, zzp, informeel, got 'verzekeraar'");
  });

  it('says why a holder is unknown when its own row was rejected', async () => {
    const r = await ingestTexts({
      budgethouders: HOLDERS + 'BH3;GM0363;wmo;begeleid_wonen;veel;01-01-2024\n',
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH3;ZV1;01-03-2024;10'),
    });
    expect([...r.rejects].map((x) => x.message)).toEqual([
      "budget_bedrag: expected an amount with decimal comma like 1.234,56, got 'veel'",
      "budgethouder_id: 'BH3' is not among the accepted budgethouders (its row on line 4 of budgethouders.csv was rejected)",
    ]);
  });

  it('sorts rejects by input, then line, then column', async () => {
    const r = await ingestTexts({
      declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;x;y'),
      zorgverleners: PROVIDERS + 'ZV3;nope\n',
      budgethouders: HOLDERS + 'BH3;x;wmo;begeleid_wonen;1;01-01-2024\n',
    });
    expect([...r.rejects].map((x) => [x.file, x.line, x.column])).toEqual([
      ['budgethouders.csv', 4, 'gemeente_code'],
      ['zorgverleners.csv', 4, 'soort'],
      ['declaraties.csv', 2, 'bedrag'],
      ['declaraties.csv', 2, 'zorgdatum'],
    ]);
  });

  it('describes every reject code', () => {
    for (const [code, text] of Object.entries(REJECT_CODES)) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});

describe('ingest: physical line numbers', () => {
  it('keeps the line where a multi-line quoted record starts, with LF and CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['zorgverlener_id;naam;soort', 'ZV1;"De Linde', 'Zorg";zzp', '', 'ZV2;"A', '', 'B', 'C";nope', 'ZV3;x;alsoNope'].join(eol) + eol;
      const r = await ingestTexts({ zorgverleners: text });
      expect(r.data.providers.map((p) => [p.id, p.line, p.naam])).toEqual([['ZV1', 2, `De Linde${eol}Zorg`]]);
      expect(rejectsOf(r, 'zorgverleners.csv')).toEqual([[5, 'soort', 'INVALID_ENUM'], [9, 'soort', 'INVALID_ENUM']]);
    }
  });

  it('counts lines the same however stdin chunks the bytes', async () => {
    const text = 'zorgverlener_id;naam;soort\r\nZV1;"a\r\nb";zzp\r\n\r\nZV2;x;bad\r\nZV3;"c""\nd";zzp\r\nZV4;y;bad';
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const dir = mkdtempSync(join(tmpdir(), 'pgb-ingest-'));
      for (const [k, t] of [['budgethouders', HOLDERS], ['declaraties', DECLARATIONS]]) writeFileSync(join(dir, `${k}.csv`), t);
      const r = await ingest(
        [{ kind: 'budgethouders', path: join(dir, 'budgethouders.csv') }, { kind: 'zorgverleners', path: '-' }, { kind: 'declaraties', path: join(dir, 'declaraties.csv') }],
        { stdin: Readable.from(chunks) },
      );
      expectAccounting(r);
      expect(r.data.providers.map((p) => [p.id, p.line]), `chunks of ${size}`).toEqual([['ZV1', 2], ['ZV3', 6]]);
      expect(rejectsOf(r, 'zorgverleners.csv'), `chunks of ${size}`).toEqual([[5, 'soort', 'INVALID_ENUM'], [8, 'soort', 'INVALID_ENUM']]);
    }
  });

  it('numbers lines of a large file correctly past the sample and chunk boundaries', async () => {
    const rows = ['zorgverlener_id;naam;soort'];
    for (let i = 1; i <= 20_000; i++) rows.push(i % 1000 === 0 ? `ZV${i};"twee\nregels";fout` : `ZV${i};naam ${i};zzp`);
    const r = await ingestTexts({ zorgverleners: rows.join('\n') + '\n' });
    // Row i starts on line i + 1 plus one extra line for every multi-line row before it.
    expect(rejectsOf(r, 'zorgverleners.csv').slice(0, 3)).toEqual([[1001, 'soort', 'INVALID_ENUM'], [2002, 'soort', 'INVALID_ENUM'], [3003, 'soort', 'INVALID_ENUM']]);
    // ZV19999 is the last accepted row; 19 multi-line rows precede it.
    expect(r.data.providers.at(-1)!.line).toBe(20_000 + 19);
  });
});

describe('ingest: stdin, headers and progress', () => {
  it("reads one input from stdin and names it '<kind>.csv'", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-ingest-'));
    writeFileSync(join(dir, 'h.csv'), HOLDERS);
    writeFileSync(join(dir, 'z.csv'), PROVIDERS);
    const r = await ingest(
      [{ kind: 'declaraties', path: '-' }, { kind: 'budgethouders', path: join(dir, 'h.csv') }, { kind: 'zorgverleners', path: join(dir, 'z.csv') }],
      { stdin: Readable.from([Buffer.from(DECLARATIONS.replace('100,00', 'x'))]) },
    );
    expect(r.data.files).toMatchObject({ declaraties: 'declaraties.csv', budgethouders: 'h.csv', zorgverleners: 'z.csv' });
    expect(r.inputs.map((i) => [i.name, i.display])).toEqual([[join(dir, 'h.csv'), 'h.csv'], [join(dir, 'z.csv'), 'z.csv'], ['-', 'declaraties.csv']]);
    expect([...r.rejects][0].file).toBe('declaraties.csv');
    expect(r.inputs[2].bytes).toBe(Buffer.byteLength(DECLARATIONS.replace('100,00', 'x')));
  });

  it('reports bytes and sha256 of the raw input', async () => {
    const r = await ingestTexts({});
    const { createHash } = await import('node:crypto');
    expect(r.inputs[0].bytes).toBe(Buffer.byteLength(HOLDERS));
    expect(r.inputs[0].sha256).toBe(createHash('sha256').update(HOLDERS).digest('hex'));
  });

  it('maps headers, lists ignored columns and never keeps them', async () => {
    const r = await ingestTexts(
      { zorgverleners: 'Leverancier nr;Opmerking;Type;BSN\nZV1;let op;zzp;123456789\nZV2;;instelling;\n' },
      { columns: { zorgverleners: { 'leverancier_nr': 'zorgverlener_id', type: 'soort' } } },
    );
    expect(r.inputs[1].columns).toEqual(['zorgverlener_id', 'soort']);
    expect(r.inputs[1].ignoredColumns).toEqual(['Opmerking', 'BSN']);
    expect(r.data.providers[0]).toEqual({ id: 'ZV1', line: 2, naam: null, soort: 'zzp', kvkNummer: null, agbCode: null, kvkStartdatum: null, einddatum: null, adresSleutel: null, ibanSleutel: null, wooninitiatief: null });
    expect(JSON.stringify(r)).not.toContain('123456789');
  });

  it('reports progress every 100k rows', async () => {
    const rows = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag'];
    for (let i = 0; i < 200_001; i++) rows.push(`D${i};BH1;ZV1;01-03-2024;1`);
    const calls: Array<[string, number]> = [];
    const r = await ingestTexts({ declaraties: rows.join('\n') }, { onProgress: (kind, n) => calls.push([kind, n]) });
    expect(calls).toEqual([['declaraties', 100_000], ['declaraties', 200_000]]);
    expect(r.data.declarations.length).toBe(200_001);
  });
});

describe('ingest: fatal errors', () => {
  it('INPUT_MISSING_FILE and INPUT_UNREADABLE before any reading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-ingest-'));
    const missing = await ingest([{ kind: 'budgethouders', path: join(dir, 'nope.csv') }, { kind: 'zorgverleners', path: dir }, { kind: 'declaraties', path: dir }]).catch((e) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect([missing.code, missing.message]).toEqual(['INPUT_MISSING_FILE', `budgethouders: cannot open ${join(dir, 'nope.csv')}: not found (ENOENT).`]);
    writeFileSync(join(dir, 'b.csv'), HOLDERS);
    const unreadable = await ingest([{ kind: 'budgethouders', path: join(dir, 'b.csv') }, { kind: 'zorgverleners', path: dir }, { kind: 'declaraties', path: dir }]).catch((e) => e);
    expect([unreadable.code, unreadable.message]).toEqual(['INPUT_UNREADABLE', `zorgverleners: cannot open ${dir}: is a folder, not a file (EISDIR).`]);
  });

  it('USAGE when a required input is missing or one is given twice', async () => {
    const missing = await ingest([{ kind: 'budgethouders', path: 'a' }, { kind: 'zorgverleners', path: 'b' }]).catch((x) => x);
    expect([missing.code, missing.message]).toEqual(['USAGE', 'Missing input declaraties.csv.']);
    const twice = await ingest([{ kind: 'budgethouders', path: 'a' }, { kind: 'budgethouders', path: 'b' }]).catch((x) => x);
    expect(twice.code).toBe('USAGE');
  });

  it('INPUT_STDIN_TWICE', async () => {
    const e = await ingest([{ kind: 'budgethouders', path: '-' }, { kind: 'zorgverleners', path: '-' }, { kind: 'declaraties', path: 'x' }]).catch((x) => x);
    expect(e.code).toBe('INPUT_STDIN_TWICE');
  });

  it('INPUT_EMPTY for no header or no data rows in a required file', async () => {
    const none = await ingestError({ zorgverleners: '' });
    expect([none.code, none.message]).toEqual(['INPUT_EMPTY', 'zorgverleners.csv line 1: the file is empty; expected a header line naming the columns.']);
    const headerOnly = await ingestError({ declaraties: 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag\n\n;;;;\n' });
    expect([headerOnly.code, headerOnly.message]).toEqual(['INPUT_EMPTY', 'declaraties.csv: the file has a header but no data rows.']);
    // The optional contracts file may be empty.
    const r = await ingestTexts({ zorgovereenkomsten: 'zorgovereenkomst_id;budgethouder_id;zorgverlener_id\n' });
    expect(r.data.contracts).toEqual([]);
  });

  it('INPUT_MISSING_COLUMN names the column and the headers found', async () => {
    const e = await ingestError({ declaraties: 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum\nD1;BH1;ZV1;01-03-2024\n' });
    expect([e.code, e.message]).toEqual(['INPUT_MISSING_COLUMN', "declaraties.csv line 1: required column bedrag missing; the header has 'declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'zorgdatum'."]);
  });

  it('INPUT_DUPLICATE_COLUMN', async () => {
    const e = await ingestError({ zorgverleners: 'zorgverlener_id;soort;Soort\nZV1;zzp;zzp\n' });
    expect([e.code, e.message]).toEqual(['INPUT_DUPLICATE_COLUMN', "zorgverleners.csv line 1: headers 'soort' (field 2) and 'Soort' (field 3) both map to column soort."]);
  });

  it('INVALID_ENCODING for a row with a byte that breaks UTF-8 after the sample; the file stays UTF-8', async () => {
    const rows = ['zorgverlener_id;naam;soort', 'ZV0;Zorgcoöperatie;zzp'];
    for (let i = 1; i < 5000; i++) rows.push(`ZV${i};naam ${i};zzp`);
    const text = Buffer.concat([Buffer.from(rows.join('\n') + '\nZVX9;Caf'), Buffer.from([0xe9]), Buffer.from(';zzp\nZVX10;Zoë;zzp\n')]);
    const r = await ingestTexts({ zorgverleners: text });
    const input = r.inputs.find((i) => i.kind === 'zorgverleners')!;
    expect([input.dialect.encoding, input.rowsRead, input.rowsAccepted, input.rowsRejected]).toEqual(['utf-8', 5002, 5001, 1]);
    expect([...r.rejects].map((x) => [x.file, x.line, x.column, x.value, x.code, x.message])).toEqual([
      ['zorgverleners.csv', 5002, 'naam', 'Caf\\xE9', 'INVALID_ENCODING', "naam: 'Caf\\xE9' holds bytes that are not valid UTF-8 (shown as \\xHH) in a UTF-8 file; the row cannot be read"],
    ]);
    expect(r.data.providers.map((p) => p.naam)).toContain('Zoë');
  });

  it('one windows-1252 byte before the UTF-8 names does not make the file windows-1252', async () => {
    const text = Buffer.concat([Buffer.from('zorgverlener_id;naam;soort\nZV1;Caf'), Buffer.from([0xe9]), Buffer.from(';zzp\nZV2;Zoë;zzp\nZV3;Zorgcoöperatie;zzp\n')]);
    const r = await ingestTexts({ zorgverleners: text });
    expect(r.inputs.find((i) => i.kind === 'zorgverleners')!.dialect.encoding).toBe('utf-8');
    expect(r.data.providers.map((p) => p.naam)).toEqual(['Zoë', 'Zorgcoöperatie']);
    expect([...r.rejects].filter((x) => x.file === 'zorgverleners.csv').map((x) => [x.line, x.column, x.value, x.code])).toEqual([[2, 'naam', 'Caf\\xE9', 'INVALID_ENCODING']]);
  });

  it('INPUT_ENCODING for a header with a byte that is not UTF-8 in a UTF-8 file', async () => {
    const text = Buffer.concat([Buffer.from('zorgverlener_id;na'), Buffer.from([0xff]), Buffer.from('am;soort\nZV1;Zoë;zzp\n')]);
    const e = await ingestError({ zorgverleners: text });
    expect([e.code, e.message]).toEqual(['INPUT_ENCODING', 'zorgverleners.csv line 1: the header holds bytes that are not valid UTF-8 (shown as \\xHH): na\\xFFam.']);
  });

  it('INPUT_ENCODING for an undefined windows-1252 byte, and for a BOM that contradicts the encoding', async () => {
    const bad = await ingestError({ zorgverleners: Buffer.concat([cp1252('zorgverlener_id;naam;soort\nZV1;Café;zzp\nZV2;'), Buffer.from([0x8d]), Buffer.from(';zzp\n')]) });
    expect([bad.code, bad.message]).toEqual(['INPUT_ENCODING', expect.stringMatching(/^zorgverleners\.csv line 3: byte 0x8D is undefined in windows-1252/)]);
    const bom = await ingestError({ zorgverleners: '\ufeff' + PROVIDERS }, { dialect: { encoding: 'windows-1252' } });
    expect(bom.code).toBe('INPUT_ENCODING');
  });

  it('INPUT_UNCLOSED_QUOTE names the line where the quote opened', async () => {
    const e = await ingestError({ zorgverleners: 'zorgverlener_id;naam;soort\nZV1;a;zzp\n\nZV2;"open;zzp\nZV3;b;zzp\n' });
    expect([e.code, e.message]).toEqual(['INPUT_UNCLOSED_QUOTE', 'zorgverleners.csv line 4: a quote opened in the record starting on this line is never closed (the file ends inside a quoted field).']);
  });

  it('INPUT_CSV for other malformed CSV, with the line', async () => {
    const e = await ingestError({ zorgverleners: 'zorgverlener_id;naam;soort\nZV1;a;zzp\nZV2;"b"c;zzp\n' });
    expect(e.code).toBe('INPUT_CSV');
    expect(e.message).toBe(
      'zorgverleners.csv line 3, field 2: the CSV cannot be read: a quoted value is followed by more text instead of a delimiter or line end; inside a quoted value, write a quote twice.',
    );
  });

  it('INPUT_PROTECTED_ATTRIBUTE, but not for totaal columns', async () => {
    const e = await ingestError({ budgethouders: HOLDERS.replace('budget_start', 'budget_start;Nationaliteit').replace(/2024\n/g, '2024;NL\n') });
    expect(e.code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect(e.message).toMatch(/^budgethouders\.csv line 1: column 'Nationaliteit' holds nationality\. .*may not steer a risk selection \(toeslagenaffaire, AP 2021\)/);
    const r = await ingestTexts({ declaraties: declarations('declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;totaal_bedrag', 'D1;BH1;ZV1;01-03-2024;10;10') });
    expect(r.inputs[2].ignoredColumns).toEqual(['totaal_bedrag']);
  });
});
