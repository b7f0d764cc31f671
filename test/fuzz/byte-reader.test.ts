// Differential property: the byte tokenizer with its byte path (src/ingest/readers/byte-*.ts) reads
// any declarations file exactly as csv-parse with the text path does: the same accepted rows with
// the same values and lines, the same rejects (line, column, raw value, code, message), counts,
// filled columns, dialect, or the same error. Files come in every dialect of the contract, with
// quotes, quoted delimiters and line breaks, mixed line ends, a BOM, windows-1252, padding, every
// reject kind, and arrive in chunks cut anywhere (inside a character, inside quotes, inside a CRLF).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, streamCsv, type ByteDialect } from '../../src/ingest/csv-stream.js';
import { InputRecords, type InputShape } from '../../src/ingest/read-input.js';
import { resolveHeader } from '../../src/ingest/header.js';
import { DeclaratiesReader } from '../../src/ingest/readers/declaraties.js';
import type { Reject } from '../../src/ingest/reject-log.js';
import type { DeclarationTable } from '../../src/model/declaration-table.js';
import { bodyFields, buildFile, cutsArb, dialectFields, fitValue, idsOf, inChunks, numberFields, readWith, rowPlanArb } from '../support/fuzz-csv-file.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

const FULL = ['declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'zorgovereenkomst_id', 'overeenkomst_soort', 'zorgdatum', 'periode_start', 'periode_eind', 'begintijd', 'eindtijd', 'uren', 'tarief', 'bedrag', 'ingediend_op'];
const HEADERS = [
  FULL,
  ['declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'zorgdatum', 'bedrag'],
  // An ignored column of free text, and the periods only.
  ['opmerking', 'declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'periode_start', 'periode_eind', 'uren', 'bedrag', 'ingediend_op'],
];

/** Values per column: the usual first, then valid variants, then faults of every reject kind. */
const VALUES: Record<string, string[]> = {
  declaratie_id: ['D1', 'D2', 'D3', 'D4', 'D5', ' D6 ', 'D7\u00a0', 'Ｄ8', 'D\u200b9', '', 'D\u000110', 'D"11', 'D;12', 'D,13'],
  budgethouder_id: ['BH1', 'BH2', ' BH3', 'BH9', 'BH8', '', 'BH1\t'],
  zorgverlener_id: ['ZV1', 'ZV2', 'ZV9', '', ' ZV1 '],
  zorgovereenkomst_id: ['ZO1', '', 'ZO2', ' ZO1', 'Z\u0002O'],
  overeenkomst_soort: ['opdracht', '', 'Familie', 'zorg instelling', 'vrijwillig', ' arbeidsovereenkomst ', 'opdracht\u00a0'],
  zorgdatum: ['01-03-2024', '2024-03-02', '1-3-2024', '', '31-02-2024', '2024/03/01', ' 05-03-2024', '05-03-2024\r\n', '0000-01-01', '01-3-2024x', '١-٣-٢٠٢٤'],
  periode_start: ['', '01-03-2024', '15-03-2024', 'x'],
  periode_eind: ['', '31-03-2024', '10-03-2024', '32-03-2024'],
  begintijd: ['08:00', '', '8:30', '24:00', '25:00', '8.00', '08:0'],
  eindtijd: ['12:00', '', '06:00', '7:5', '23:59'],
  uren: ['4', '', '4,5', '4.5', '-1', '1.234', ' 2 ', '1.234,5', '12345678901234567', '0.5'],
  tarief: ['50,00', '', '1.050,00', '-5', 'x', '50.00', '1,050.00', '007'],
  bedrag: ['100,00', '-25,50', '', '1.234', 'abc', '1.234,56', '9.99', '-0', '1e3', ' 10 ', '€10', '12.345.678,90'],
  ingediend_op: ['', '05-03-2024', '05-03-2024 10:00', '2024-03-05T10:00:00', '2024-03-05 25:00', '2024-03-05 10:00:61', '05-03-2024T1:00'],
  opmerking: ['', 'geen', 'café "De Hoek"', 'regel 1\nregel 2', 'a;b,c\td', 'über\r\nnaar', 'zo€', '  '],
};

const NUMBERS = new Set(['uren', 'tarief', 'bedrag']);

// Shape 5: a period (in order or not) instead of a care day, times kept.
const rowPlan = rowPlanArb(15, 7);

const filePlan = fc.record({
  header: fc.nat({ max: HEADERS.length - 1 }),
  ...dialectFields,
  ...numberFields,
  ...bodyFields(rowPlan),
});

type FilePlan = typeof filePlan extends fc.Arbitrary<infer T> ? T : never;

/** The file; without its header line for a range after the start of a file. */
function build(plan: FilePlan, withHeader = true): Buffer {
  const header = HEADERS[plan.header];
  return buildFile(plan, {
    header,
    value: (r, n, c, i) => {
      const choices = VALUES[c];
      // Mostly the usual values, so that enough rows are accepted to compare their values.
      const p = r.picks[i];
      // A file without zorgdatum declares periods.
      const usual = c === 'declaratie_id' ? `D${n + 1}` : c.startsWith('periode_') && !header.includes('zorgdatum') ? choices[1] : choices[0];
      let v = p < 880 ? usual : choices[p % choices.length];
      if (r.shape === 5 && c === 'zorgdatum') v = '';
      if (r.shape === 5 && c.startsWith('periode_')) v = choices[1 + (p % 2)];
      return fitValue(plan, v, NUMBERS.has(c), choices[0]);
    },
    repeatHeader: false,
    idPrefix: 'D',
    // Just before the line end of the first data row.
    badByteBefore: (bytes) => bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1),
  }, withHeader);
}

interface Outcome {
  error?: string;
  rows?: unknown[][];
  rejects?: Reject[];
  counts?: number[];
  filled?: string[];
  dialect?: unknown;
  trail?: unknown;
}

function rowsOf(t: DeclarationTable): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 0; r < t.length; r++)
    rows.push([
      t.id.get(r), t.line[r], t.holder[r], t.provider[r], t.contractId.get(r), t.agreementKind[r], t.day[r], t.periodStart[r], t.periodEnd[r],
      t.beginMinute[r], t.endMinute[r], String(t.hours[r]), Object.is(t.amount[r], -0) ? '-0' : String(t.amount[r]), String(t.tariff[r]), t.submittedDay[r], t.submittedMinute[r],
    ]);
  return rows;
}

/**
 * One read of `bytes` fed in chunks of the sizes `cuts` (then the rest), by the reader `which`.
 * With `shape`, as the second worker reads its range: header and decimal mark known, no header in
 * the bytes, so no row waits in the sample or the protected-attribute check (both read as text),
 * and the trail for the merge of ranges is kept and compared.
 */
async function read(which: 'bytes' | 'csv-parse', bytes: Buffer, cuts: number[], preset?: ByteDialect, shape?: InputShape): Promise<Outcome> {
  return readWith(which, async () => {
    const holders = idsOf('budgethouders.csv', 'budgethouders', ['BH1', 'BH2', 'BH3'], ['BH8']);
    const providers = idsOf('zorgverleners.csv', 'zorgverleners', ['ZV1', 'ZV2'], []);
    let reader: DeclaratiesReader | null = null;
    const rejects: Reject[] = [];
    const records = new InputRecords({
      kind: 'declaraties',
      display: 'declaraties.csv',
      reader: (layout, kit) => (reader = new DeclaratiesReader('declaraties.csv', layout, kit, holders, providers, 16)),
      rejects,
      range: shape && { ...shape, headerFirst: false, trail: true },
    });
    const streamed = await streamCsv(inChunks(bytes, cuts), 'declaraties.csv', {}, records, { bulk: true, preset: preset && { dialect: preset, lineBase: 0, guessed: false } });
    records.finish();
    const r = reader as DeclaratiesReader | null;
    return {
      rows: r === null ? [] : rowsOf(r.build()),
      rejects,
      counts: [records.rowsRead, records.rowsAccepted, records.rowsRejected],
      filled: [...records.filled].sort(),
      dialect: [streamed.dialect, records.decimal, records.dates.formats()],
      trail: records.trail,
    };
  });
}

describe('the byte reader reads declarations exactly as csv-parse does', () => {
  it(
    'whole files, dialect detected: same rows, rejects, counts, dialect or error',
    async () => {
      await fc.assert(
        fc.asyncProperty(filePlan, async (plan) => {
          const bytes = build(plan);
          const reference = await read('csv-parse', bytes, []);
          const got = await read('bytes', bytes, []);
          expect(got).toEqual(reference);
        }),
        fuzzParams(160),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'read as a range, every row past the header through the byte path, in chunks cut anywhere (inside characters, quotes and CRLFs)',
    async () => {
      await fc.assert(
        fc.asyncProperty(filePlan, cutsArb, async (plan, cuts) => {
          const bytes = build(plan, false);
          const encoding = plan.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
          const preset: ByteDialect = { encoding, bom: plan.encoding === 'utf-8-bom', delimiter: plan.delimiter, sepLine: false };
          const shape: InputShape = {
            layout: resolveHeader('declaraties', 'declaraties.csv', HEADERS[plan.header]),
            decimal: { mark: plan.pointFile || plan.delimiter === ',' ? 'point' : 'comma', certain: !plan.wholeFile },
          };
          const reference = await read('csv-parse', bytes, [bytes.length], preset, shape);
          // The first chunk holds the whole byte order mark, as every read of a file's start does.
          const got = await read('bytes', bytes, [3 + (cuts[0] ?? 0), ...cuts.slice(1)], preset, shape);
          expect(got).toEqual(reference);
        }),
        fuzzParams(160),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('generates accepted rows, every reject kind and CSV errors, so all of them are compared', async () => {
    const plan = fc.sample(filePlan, { seed: 7, numRuns: 120 });
    let accepted = 0;
    let rejected = 0;
    let failed = 0;
    const codes = new Set<string>();
    for (const p of plan) {
      const got = await read('bytes', build(p), []);
      for (const r of got.rejects ?? []) codes.add(r.code);
      if (got.error !== undefined) codes.add(got.error.slice(0, got.error.indexOf(':')));
      accepted += got.counts?.[1] ?? 0;
      rejected += got.counts?.[2] ?? 0;
      if (got.error !== undefined) failed++;
    }
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(plan.length / 2);
    for (const code of ['AMBIGUOUS_NUMBER', 'DUPLICATE_ID', 'FIELD_COUNT', 'ID_CONTROL_CHARACTER', 'INPUT_CSV', 'INPUT_UNCLOSED_QUOTE', 'INVALID_DATE', 'INVALID_DATETIME', 'INVALID_ENCODING', 'INVALID_ENUM', 'INVALID_NUMBER', 'INVALID_TIME', 'MISSING_CARE_DATE', 'NEGATIVE_VALUE', 'PERIOD_ORDER', 'REQUIRED_MISSING', 'TIME_WITHOUT_CARE_DATE', 'UNKNOWN_HOLDER', 'UNKNOWN_PROVIDER'])
      expect(codes, code).toContain(code);
  });
});

describe('the byte reader keeps csv-parse’s record size limit', () => {
  const header = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;opmerking\n';
  const row = (id: number, note: string) => `D${id};BH1;ZV1;01-03-2024;10,00;${note}\n`;
  // Rows enough to leave the sample, so the long row meets the byte path and the data limit.
  const before = Array.from({ length: 1200 }, (_, i) => row(i + 1, 'kort')).join('');
  // The characters of the other fields (delimiters do not count).
  const fixed = 'D9999BH1ZV101-03-202410,00'.length;
  const chunks = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 65536) }, () => 65536);

  for (const [name, note] of [
    ['a plain note just under the limit', (n: number) => 'x'.repeat(n)],
    ['a quoted note with é (two bytes, one character)', (n: number) => `"${'é'.repeat(Math.floor(n / 2))}"`],
    ['a quoted note with doubled quotes (two bytes, two characters each)', (n: number) => `"${'a""'.repeat(Math.floor(n / 2))}"`],
  ] as const) {
    it(`${name}: at, under and over MAX_RECORD_BYTES, the same rows or the same error`, async () => {
      const errors: Array<string | undefined> = [];
      for (const delta of [-40, -1, 0, 1, 2, 40]) {
        const size = MAX_RECORD_BYTES - fixed + delta;
        const bytes = Buffer.from(header + before + row(9999, note(size)) + row(10000, 'na'));
        const reference = await read('csv-parse', bytes, chunks(bytes));
        const got = await read('bytes', bytes, chunks(bytes));
        expect(got, `delta ${delta}`).toEqual(reference);
        errors.push(reference.error);
      }
      // Both sides of the limit are met: read well under it, refused well over it.
      expect(errors[0]).toBeUndefined();
      expect(errors[errors.length - 1]).toMatch(/^(FIELD_TOO_LARGE|INPUT_UNCLOSED_QUOTE)/);
    }, 60_000);
  }

  it('a quote left open swallows the file: the same INPUT_UNCLOSED_QUOTE', async () => {
    const bytes = Buffer.from(header + before + row(9999, '"open') + 'D1;BH1;ZV1;01-03-2024;10,00;x\n'.repeat(40_000));
    const reference = await read('csv-parse', bytes, chunks(bytes));
    expect(reference.error).toMatch(/^INPUT_UNCLOSED_QUOTE/);
    expect(await read('bytes', bytes, chunks(bytes))).toEqual(reference);
  }, 60_000);
});
