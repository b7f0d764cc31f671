// Differential property: the keyed inputs (every input but declaraties) read by the byte tokenizer
// and the fast row path compiled from their definition (src/ingest/readers/keyed-fast-path.ts)
// give exactly what csv-parse and the zod row schema give (PGB_SCAN_READER=csv-parse, the
// reference): the same accepted rows with their values and lines, the same rejects (line, column,
// raw value, code, message, in order), counts (unmatched ones too), accepted and rejected ids,
// filled columns, repeated headers, dialect, or the same error. Files are built from each input's
// definition, so a new input is covered by adding nothing here: every dialect of the contract,
// quotes, quoted delimiters and line breaks, mixed line ends, a BOM, windows-1252, a `sep=` line,
// padding, repeated headers, a fault of every value type, duplicates, unknown and rejected keys,
// holders outside the export, in chunks cut anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamCsv, type ByteDialect } from '../../src/ingest/csv-stream.js';
import { resolveHeader } from '../../src/ingest/header.js';
import { InputRecords, type InputShape } from '../../src/ingest/read-input.js';
import { KeyedRowReader } from '../../src/ingest/readers/keyed-rows.js';
import type { AcceptedIds } from '../../src/ingest/readers/row-reader.js';
import type { Reject } from '../../src/ingest/reject-log.js';
import { exampleValue, type ColumnDefinition, type InputDefinition } from '../../src/inputs/define.js';
import { INPUTS } from '../../src/inputs/index.js';
import type { FileKind } from '../../src/model/types.js';
import { bodyFields, buildFile, cutsArb, dialectFields, fitValue, idsOf, inChunks, numberFields, readWith, rowPlanArb } from '../support/fuzz-csv-file.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

const KEYED = INPUTS.filter((d) => d.name !== 'declaraties') as unknown as InputDefinition[];

/** The inputs read before, as every keyed input may reference them: accepted, rejected, absent (…9). */
const REFERENCED: Record<string, { label: string; accepted: string[]; rejected: string[]; values: string[] }> = {
  budgethouders: { label: 'budgethouders', accepted: ['BH1', 'BH2', 'BH3'], rejected: ['BH8'], values: ['BH1', 'BH2', ' BH3', 'BH9', 'BH8', '', 'BH1\t', 'BH\u00019'] },
  zorgverleners: { label: 'zorgverleners', accepted: ['ZV1', 'ZV2'], rejected: ['ZV8'], values: ['ZV1', 'ZV2', 'ZV9', 'ZV8', '', ' ZV1 '] },
};

/** Faults and variants by column type; the first value of a column is its definition's example. */
const BY_TYPE: Record<string, string[]> = {
  id: ['K1', ' K2 ', 'K3\u00a0', 'Ｋ4', 'K\u200b5', '', 'K\u00016', 'K"7', 'K;8', 'K,9', '0012'],
  text: ['tekst', '', 'café "De Hoek"', 'regel 1\nregel 2', 'a;b,c\td', 'über\r\nnaar', 'zo€', '  ', '=1+1'],
  gemeente: ['GM0363', 'gm0344', ' GM0014 ', 'GM363', '0363', '', 'X'],
  'eight-digits': ['01234567', '1234567', '', ' 12345678', 'abc', '123456789'],
  decimal: ['7,5', '100,00', '1.234,56', '1.234', '-1', '', 'abc', '7.5', '0', '12.345.678,90', '1,050.00', ' 2 '],
  date: ['2024-03-01', '01-03-2024', '1-3-2024', '', '31-02-2024', '2024/03/01', 'x', '2023-01-01', '2025-12-31', ' 05-03-2024'],
  'date-time': ['2024-03-01 10:00', '05-03-2024', '', '2024-03-05 25:00', '05-03-2024T1:00'],
  time: ['10:00', '', '25:00', '8.00'],
  boolean: ['ja', 'nee', 'true', '0', 'J', '', 'misschien'],
  year: ['1970', '2015', '', '19', '3000', 'abc', ' 1999'],
};

function valuesOf(def: InputDefinition, c: ColumnDefinition): string[] {
  const fk = def.foreignKeys.find((k) => k.column === c.name);
  if (fk !== undefined) return REFERENCED[fk.references].values;
  const t = c.type;
  const more =
    t.type === 'enum'
      ? [...t.values.filter((v) => v !== ''), t.values[1].toUpperCase(), ` ${t.values[1]} `, 'onbekend', '']
      : t.type === 'code'
        ? BY_TYPE[t.code]
        : c.name === 'sleutel'
          ? ['1234567', '00012345', '123456789', 'ABC', 'I2593E9A2', '']
          : BY_TYPE[t.type];
  return [exampleValue(c), ...more];
}

// Shape 5: the header again.
const rowPlan = rowPlanArb(16, 8);

const filePlan = fc.record({
  input: fc.nat({ max: KEYED.length - 1 }),
  /** Which optional columns the header has, in which order, with a column of free text ignored. */
  optional: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  rotate: fc.nat({ max: 15 }),
  ignored: fc.boolean(),
  ...dialectFields,
  sepLine: fc.boolean(),
  ...numberFields,
  /** How often a row takes another value than its column's usual one (per mille). */
  faultRate: fc.constantFrom(60, 150, 400),
  ...bodyFields(rowPlan),
});

type FilePlan = typeof filePlan extends fc.Arbitrary<infer T> ? T : never;

function headerOf(plan: FilePlan): string[] {
  const def = KEYED[plan.input];
  const columns = def.columns.filter((c, i) => c.required || plan.optional[i]).map((c) => c.name);
  if (plan.ignored) columns.push('opmerking');
  const r = plan.rotate % columns.length;
  return [...columns.slice(r), ...columns.slice(0, r)];
}

/** The file; without its header line (and `sep=` line) for a range after the start of a file. */
function build(plan: FilePlan, withHeader = true): Buffer {
  const def = KEYED[plan.input];
  const decimals = new Set(def.columns.filter((c) => c.type.type === 'decimal').map((c) => c.name));
  return buildFile(plan, {
    header: headerOf(plan),
    value: (r, n, name, i) => {
      const c = def.columns.find((x) => x.name === name);
      const p = r.picks[i % r.picks.length];
      if (c === undefined) return BY_TYPE.text[p % BY_TYPE.text.length];
      const choices = valuesOf(def, c);
      // Ids of the file's own rows: unique, unless the pick repeats an earlier row's.
      const usual = name === def.idColumn ? `R${p < 900 ? n + 1 : 1 + (p % 3)}` : choices[0];
      const v = p < 1000 - plan.faultRate ? usual : choices[p % choices.length];
      return fitValue(plan, v, decimals.has(name), choices[0]);
    },
    repeatHeader: true,
    idPrefix: 'R',
    // Just before the last line end.
    badByteBefore: (bytes) => bytes.lastIndexOf(0x0a, bytes.length - 2),
  }, withHeader);
}

interface Outcome {
  error?: string;
  rows?: unknown[];
  rejects?: Reject[];
  counts?: number[];
  ids?: unknown;
  filled?: string[];
  repeated?: unknown;
  dialect?: unknown;
}

function refs(): Map<string, AcceptedIds> {
  return new Map(Object.entries(REFERENCED).map(([name, r]) => [name, idsOf(`${name}.csv`, r.label, r.accepted, r.rejected)]));
}

/**
 * One read of `bytes` fed in chunks of the sizes `cuts` (then the rest), by the reader `which`. With
 * `shape`, as a read past the file's start: header and decimal mark known, so every row meets the
 * byte path (no sample, no protected-attribute check, both read as text).
 */
async function read(which: 'bytes' | 'csv-parse', def: InputDefinition, bytes: Buffer, cuts: number[], preset?: ByteDialect, shape?: InputShape): Promise<Outcome> {
  const file = `${def.name}.csv`;
  return readWith(which, async () => {
    let reader: KeyedRowReader | null = null;
    const rejects: Reject[] = [];
    const records = new InputRecords({
      kind: def.name as FileKind,
      display: file,
      reader: (layout, kit) => (reader = new KeyedRowReader(file, def, layout, kit, refs())),
      rejects,
      range: shape && { ...shape, headerFirst: false, trail: false },
    });
    const streamed = await streamCsv(inChunks(bytes, cuts), file, {}, records, { bytes: true, preset: preset && { dialect: preset, lineBase: 0, guessed: false } });
    records.finish();
    const r = reader as KeyedRowReader | null;
    return {
      rows: r?.rows ?? [],
      rejects,
      counts: [records.rowsRead, records.rowsAccepted, records.rowsRejected, records.rowsUnmatched],
      ids: r?.ids.snapshot(),
      filled: [...records.filled].sort(),
      repeated: records.repeatedHeaders,
      dialect: [streamed.dialect, records.decimal, records.dates.formats()],
    };
  });
}

describe('the keyed inputs read by bytes and their fast row path exactly as by csv-parse and the schema', () => {
  it(
    'whole files, dialect detected: same rows, rejects, counts, ids or error',
    async () => {
      await fc.assert(
        fc.asyncProperty(filePlan, cutsArb, async (plan, cuts) => {
          const def = KEYED[plan.input];
          const bytes = build(plan);
          const reference = await read('csv-parse', def, bytes, []);
          const got = await read('bytes', def, bytes, cuts);
          expect(got).toEqual(reference);
        }),
        fuzzParams(200),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'read past the start, every row through the byte path, in chunks cut anywhere (inside characters, quotes and CRLFs)',
    async () => {
      await fc.assert(
        fc.asyncProperty(filePlan, cutsArb, async (plan, cuts) => {
          const def = KEYED[plan.input];
          const bytes = build(plan, false);
          const preset: ByteDialect = { encoding: plan.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8', bom: false, delimiter: plan.delimiter, sepLine: false };
          const shape: InputShape = {
            layout: resolveHeader(def.name as FileKind, `${def.name}.csv`, headerOf(plan)),
            decimal: { mark: plan.pointFile || plan.delimiter === ',' ? 'point' : 'comma', certain: !plan.wholeFile },
          };
          const reference = await read('csv-parse', def, bytes, [bytes.length], preset, shape);
          const got = await read('bytes', def, bytes, cuts, preset, shape);
          expect(got).toEqual(reference);
        }),
        fuzzParams(200),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('generates accepted, unmatched and refused rows of every input, every reject kind and CSV errors, so all of them are compared', async () => {
    const plans = fc.sample(filePlan, { seed: 11, numRuns: 300 });
    const accepted = new Map<string, number>();
    let unmatched = 0;
    let rejected = 0;
    let failed = 0;
    let repeated = 0;
    const codes = new Set<string>();
    for (const p of plans) {
      const def = KEYED[p.input];
      const got = await read('bytes', def, build(p), []);
      for (const r of got.rejects ?? []) codes.add(r.code);
      if (got.error !== undefined) {
        codes.add(got.error.slice(0, got.error.indexOf(':')));
        failed++;
        continue;
      }
      accepted.set(def.name, (accepted.get(def.name) ?? 0) + got.counts![1]);
      rejected += got.counts![2];
      unmatched += got.counts![3];
      repeated += (got.repeated as { count: number }).count;
    }
    for (const def of KEYED) expect(accepted.get(def.name) ?? 0, def.name).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(100);
    expect(unmatched).toBeGreaterThan(5);
    expect(repeated).toBeGreaterThan(5);
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(plans.length / 3);
    const kinds = ['AMBIGUOUS_NUMBER', 'DUPLICATE_ID', 'FIELD_COUNT', 'ID_CONTROL_CHARACTER', 'INPUT_CSV', 'INPUT_UNCLOSED_QUOTE', 'INVALID_BOOLEAN', 'INVALID_CODE', 'INVALID_DATE', 'INVALID_ENCODING'];
    kinds.push('INVALID_ENUM', 'INVALID_NUMBER', 'INVALID_YEAR', 'NEGATIVE_VALUE', 'PERIOD_ORDER', 'REQUIRED_MISSING', 'UNKNOWN_HOLDER', 'UNKNOWN_PROVIDER');
    for (const code of kinds) expect(codes, code).toContain(code);
  });
});
