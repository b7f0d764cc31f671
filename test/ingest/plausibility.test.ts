import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/schema.js';
import { plausibilityLimits } from '../../src/config/plausibility-limits.js';
import { DEFAULT_PLAUSIBILITY } from '../../src/ingest/plausibility.js';
import { formatDay, parseIsoDay } from '../../src/model/dates.js';
import { analyse } from '../../src/pipeline.js';
import { declarations, ingestTexts, rejectsOf } from './helpers.js';

const HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;uren;tarief;bedrag';
/** Daily rows D1..Dn in March 2024, 4 hours at 25 euros. */
const march = (n: number) => Array.from({ length: n }, (_, i) => `D${i + 1};BH1;ZV1;${String((i % 28) + 1).padStart(2, '0')}-03-2024;4;25,00;100,00`);

describe('plausibility of declarations', () => {
  it('rejects a zorgdatum of 31-12-9999 and keeps it out of the as-of date', async () => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, ...march(10), 'X1;BH1;ZV1;31-12-9999;4;25,00;100,00') });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[12, 'zorgdatum', 'DATE_IMPLAUSIBLE']]);
    expect([...r.rejects][0].value).toBe('9999-12-31');
    expect([...r.rejects][0].message).toBe('zorgdatum: 9999-12-31 is more than 366 days after the as-of date 2024-03-10 (plausibility.maxDaysAfterAsOf)');
    expect(formatDay(r.asOf!)).toBe('2024-03-10');
    expect(r.inputs[2]).toMatchObject({ rowsRead: 11, rowsAccepted: 10, rowsRejected: 1 });
    expect(r.data.declarations.length).toBe(10);
    const run = analyse(r, { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
    expect(formatDay(run.asOf)).toBe('2024-03-10');
  });

  it('rejects a date before 2000 (1899) and after the window of a given as-of date', async () => {
    const r = await ingestTexts(
      { declaraties: declarations(HEADER, ...march(3), 'X1;BH1;ZV1;01-01-1899;4;25,00;100,00', 'X2;BH1;ZV1;01-07-2025;4;25,00;100,00', 'X3;BH1;ZV1;30-06-2025;4;25,00;100,00') },
      { asOf: parseIsoDay('2024-06-29') },
    );
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([
      [5, 'zorgdatum', 'DATE_IMPLAUSIBLE'],
      [6, 'zorgdatum', 'DATE_IMPLAUSIBLE'],
    ]);
    expect([...r.rejects][0].message).toBe('zorgdatum: 1899-01-01 is before 2000-01-01, the earliest plausible care date (plausibility.minCareDate)');
    expect(formatDay(r.asOf!)).toBe('2024-06-29');
  });

  it('rejects a 23-digit bedrag, an hourly tariff and hours no declaration carries, each with its own code', async () => {
    const r = await ingestTexts({
      declaraties: declarations(HEADER, ...march(3), 'X1;BH1;ZV1;01-03-2024;4;25,00;12345678901234567890123', 'X2;BH1;ZV1;01-03-2024;800;25,00;100,00', 'X3;BH1;ZV1;01-03-2024;4;20000,00;-1000001,00'),
    });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([
      [5, 'bedrag', 'AMOUNT_IMPLAUSIBLE'],
      [6, 'uren', 'HOURS_IMPLAUSIBLE'],
      [7, 'bedrag', 'AMOUNT_IMPLAUSIBLE'],
      [7, 'tarief', 'AMOUNT_IMPLAUSIBLE'],
    ]);
    expect([...r.rejects][0].value).toBe('12345678901234568000000');
    expect([...r.rejects][0].value).not.toMatch(/e\+/);
    expect(r.inputs[2]).toMatchObject({ rowsRead: 6, rowsAccepted: 3, rowsRejected: 3 });
  });

  it('keeps evidence: 30 hours in a day, a large month, a correction and a period declaration within the limits', async () => {
    const r = await ingestTexts({
      declaraties: declarations(
        'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;periode_start;periode_eind;uren;tarief;bedrag',
        'D1;BH1;ZV1;01-03-2024;;;30;25,00;750,00',
        'D2;BH1;ZV1;;01-02-2024;29-02-2024;696;95,00;66.120,00',
        'D3;BH1;ZV1;02-03-2024;;;;;-999.999,00',
        'D4;BH1;ZV1;03-03-2024;;;744;1.000,00;744.000,00',
      ),
    });
    expect([...r.rejects]).toEqual([]);
  });

  it('no longer counts a column as filled when only implausible rows filled it', async () => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, 'D1;BH1;ZV1;01-03-2024;;;10,00', 'D2;BH1;ZV1;02-03-2024;800;20000,00;10,00', 'D3;BH1;ZV1;03-03-2024;;;10,00') });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[3, 'tarief', 'AMOUNT_IMPLAUSIBLE'], [3, 'uren', 'HOURS_IMPLAUSIBLE']]);
    expect([...r.data.filled.declaraties].sort()).toEqual(['bedrag', 'budgethouder_id', 'declaratie_id', 'zorgdatum', 'zorgverlener_id']);
  });

  it('checks period declarations by their start and end', async () => {
    const r = await ingestTexts({
      declaraties: declarations(
        'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;periode_start;periode_eind;bedrag',
        'D1;BH1;ZV1;01-03-2024;;;10,00',
        'D2;BH1;ZV1;;01-12-1999;31-12-1999;10,00',
        'D3;BH1;ZV1;;01-03-2024;31-12-2099;10,00',
      ),
    });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([
      [3, 'periode_start', 'DATE_IMPLAUSIBLE'],
      [4, 'periode_eind', 'DATE_IMPLAUSIBLE'],
    ]);
  });

  it('derives the as-of date robustly against a minority of far-future dates, and follows a dense run of later dates', async () => {
    // Most care in March 2024; a few rows typed as 2034; care continuing month by month into 2025.
    const far = ['F1;BH1;ZV1;05-03-2034;4;25,00;100,00', 'F2;BH1;ZV1;06-03-2034;4;25,00;100,00'];
    const r1 = await ingestTexts({ declaraties: declarations(HEADER, ...march(20), ...far) });
    expect(formatDay(r1.asOf!)).toBe('2024-03-20');
    expect(rejectsOf(r1, 'declaraties.csv').map((x) => x[2])).toEqual(['DATE_IMPLAUSIBLE', 'DATE_IMPLAUSIBLE']);
    const months = Array.from({ length: 12 }, (_, m) => `M${m};BH1;ZV1;15-${String(m + 1).padStart(2, '0')}-2025;4;25,00;100,00`);
    const r2 = await ingestTexts({ declaraties: declarations(HEADER, ...march(20), ...months) });
    expect(formatDay(r2.asOf!)).toBe('2025-12-15');
    expect([...r2.rejects]).toEqual([]);
  });

  it('puts the new rejects among the file\'s other rejects in line order, before those of the next file', async () => {
    const r = await ingestTexts({
      declaraties: declarations(HEADER, ...march(3), 'X1;BH1;ZV1;31-12-9999;4;25,00;100,00', 'X2;BH9;ZV1;01-03-2024;4;25,00;100,00', 'X3;BH1;ZV1;01-01-1980;4;25,00;100,00'),
      zorgovereenkomsten: 'zorgovereenkomst_id;budgethouder_id;zorgverlener_id\nC1;BH1;ZV9\n',
    });
    expect([...r.rejects].map((x) => [x.file, x.line, x.code])).toEqual([
      ['declaraties.csv', 5, 'DATE_IMPLAUSIBLE'],
      ['declaraties.csv', 6, 'UNKNOWN_HOLDER'],
      ['declaraties.csv', 7, 'DATE_IMPLAUSIBLE'],
      ['zorgovereenkomsten.csv', 2, 'UNKNOWN_PROVIDER'],
    ]);
  });

  it('gives the same result when the declarations are read in two ranges', async () => {
    const text = declarations(HEADER, ...march(1200), 'X1;BH1;ZV1;31-12-9999;4;25,00;100,00', ...march(1200).map((l) => 'B' + l));
    const one = await ingestTexts({ declaraties: text });
    let split = 0;
    const two = await ingestTexts({ declaraties: text }, { parallelMinBytes: 1, onSplit: (s) => (split = s.line) });
    expect(split).toBeGreaterThan(2);
    expect([...two.rejects]).toEqual([...one.rejects]);
    expect([...two.rejects].length).toBe(1);
    expect(two.asOf).toBe(one.asOf);
    expect({ ...two.inputs[2], name: '' }).toEqual({ ...one.inputs[2], name: '' });
  });

  it('takes its limits from the config, with defaults and checks', () => {
    const config = buildConfigSchema().parse({});
    expect(plausibilityLimits(config)).toEqual(DEFAULT_PLAUSIBILITY);
    const strict = buildConfigSchema().parse({ plausibility: { minCareDate: '2020-01-01', maxHours: 24 } });
    expect(plausibilityLimits(strict)).toMatchObject({ minCareDate: parseIsoDay('2020-01-01'), maxHours: 24, maxAmount: 1_000_000 });
    expect(buildConfigSchema().safeParse({ plausibility: { minCareDate: '31-02-2020' } }).success).toBe(false);
    expect(buildConfigSchema().safeParse({ plausibility: { maxAmount: 0 } }).success).toBe(false);
    expect(buildConfigSchema().safeParse({ plausibility: { other: 1 } }).success).toBe(false);
  });
});
