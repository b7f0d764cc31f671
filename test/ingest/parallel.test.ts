// The two-worker read of the declarations must give what the single read gives, row for row.
// Under vitest the workers run the build in dist/ (a worker cannot load TypeScript), so these tests
// first make sure that build is not older than the sources it was made from.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { ingest, type IngestResult, type InputSpec } from '../../src/ingest/ingest.js';
import { findSplitPoint } from '../../src/ingest/parallel/split-point.js';
import { expectAccounting, HOLDERS, PROVIDERS } from './helpers.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

const root = join(import.meta.dirname, '..', '..');

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

beforeAll(() => {
  const src = Math.max(newest(join(root, 'src', 'ingest'), '.ts'), newest(join(root, 'src', 'model'), '.ts'));
  const built = Math.min(newest(join(root, 'dist', 'ingest'), '.js'), newest(join(root, 'dist', 'model'), '.js'));
  if (!(built >= src)) throw new Error('dist/ is older than src/ingest or src/model: run npm run build (npm test does) before these tests');
});

const HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgovereenkomst_id;overeenkomst_soort;zorgdatum;periode_start;periode_eind;begintijd;eindtijd;uren;tarief;bedrag;ingediend_op;opmerking';
const id = (i: number) => `D${String(i).padStart(5, '0')}`;

/** A well-formed row; every fifth a period, every seventh with a note that spans lines, some with é and €. */
function row(i: number, eol: string): string {
  const holder = i % 3 === 0 ? 'BH2' : 'BH1';
  const contract = `ZO${Math.floor(i / 4)}`;
  const note = i % 7 === 0 ? `"regel één${eol}regel ""twee"""` : i % 11 === 0 ? 'café €' : '';
  if (i % 5 === 0) return `${id(i)};${holder};ZV1;${contract};opdracht;;01-03-2024;31-03-2024;;;;45,00;1.350,00;02-04-2024;${note}`;
  return `${id(i)};${holder};ZV${1 + (i % 2)};${contract};;0${1 + (i % 9)}-03-2024;;;08:00;12:30;;50,00;225,00;2024-03-10 09:00;${note}`;
}

interface Special {
  at: number;
  text: (eol: string) => string;
}

/**
 * A declarations file of 2 x half rows with a long note spanning many lines across its middle,
 * and the given rows replaced (row numbers count data rows from 1).
 */
function declarationsFile(half: number, eol: string, specials: Special[] = []): string {
  const rows: string[] = [];
  const bySpot = new Map(specials.map((s) => [s.at, s]));
  for (let i = 1; i <= 2 * half + 1; i++) {
    const special = bySpot.get(i);
    if (special) rows.push(special.text(eol));
    else if (i === half + 1) rows.push(`${id(i)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;"${Array.from({ length: 60 }, (_, k) => `notitie ${k}`).join(eol)}"`);
    else rows.push(row(i, eol));
  }
  return [HEADER, ...rows].join(eol) + eol;
}

/** Rows of every kind of reject, with duplicates within and across the halves. */
function specials(half: number): Special[] {
  const second = (k: number) => half + 10 + k;
  return [
    { at: 3, text: () => `${id(3)};BH1;ZV1;;;31-02-2024;;;;;;;10,00;;` }, // INVALID_DATE
    { at: 4, text: () => `${id(4)};BH9;ZV1;;;01-03-2024;;;;;;;10,00;;` }, // UNKNOWN_HOLDER
    { at: 6, text: () => `${id(6)};BH3;ZV7;;;01-03-2024;;;;;;;10,00;;` }, // rejected holder, unknown provider
    { at: 8, text: () => `${id(2)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;` }, // DUPLICATE_ID within the first half
    { at: 9, text: () => `${id(9)};BH1` }, // FIELD_COUNT
    { at: 12, text: () => ';;;;;;;;;;;;;;' }, // a spreadsheet's empty row
    { at: 13, text: (eol) => `${id(13)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;${eol}` }, // followed by an empty line
    { at: second(1), text: () => `${id(1)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // accepted in the second half, duplicate of the first
    { at: second(2), text: () => `${id(2)};BH1;ZV1;;;02-03-2024;;;;;;;abc;;` }, // refused there, and a duplicate of the first half
    { at: second(3), text: () => `${id(7)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // accepted there: drops out as a duplicate...
    { at: second(4), text: () => `${id(7)};BH9;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // ...so this one names the first half's line
    { at: second(5), text: () => `  ${id(10)} ;BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // padded duplicate
    { at: second(6), text: () => `${id(4)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // the id of a refused first-half row: accepted
    { at: second(7), text: () => `${id(second(7))};BH1;ZV1;;;;01-03-2024;15-02-2024;08:00;;;;10,00;;` }, // PERIOD_ORDER, TIME_WITHOUT_CARE_DATE
    { at: second(8), text: () => `${id(second(8))};BH1;ZV1;;;01-03-2024;;;25:00;;;;10,00;;` }, // INVALID_TIME
    { at: second(9), text: () => `${id(2)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;` }, // a third time: the first row still wins
  ];
}

/** windows-1252 bytes of text that has no characters beyond latin1 but '€'. */
const cp1252 = (s: string) => Buffer.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

interface Run {
  result: IngestResult;
  split: { byte: number; line: number } | null;
}

/** Ingests the declarations read in one piece and read by two workers (parallelMinBytes 0). */
async function ingestBoth(declaraties: string | Buffer): Promise<[Run, Run]> {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-parallel-'));
  const files: Record<string, string | Buffer> = {
    budgethouders: HOLDERS + 'BH3;GM0363;wmo;begeleid_wonen;veel;01-01-2024\n',
    zorgverleners: PROVIDERS,
    declaraties,
  };
  const specs: InputSpec[] = [];
  for (const [kind, text] of Object.entries(files)) {
    writeFileSync(join(dir, `${kind}.csv`), text);
    specs.push({ kind: kind as InputSpec['kind'], path: join(dir, `${kind}.csv`) });
  }
  const run = async (parallelMinBytes: number): Promise<Run> => {
    let split: Run['split'] = null;
    const result = await ingest(specs, { parallelMinBytes, workers: 2, onSplit: (s) => (split = s) });
    expectAccounting(result);
    return { result, split };
  };
  return [await run(Number.POSITIVE_INFINITY), await run(0)];
}

/** The result with the table's columns as plain arrays, so that results of both reads compare as data. */
function plain(r: IngestResult) {
  const t = r.data.declarations;
  const { id, contractId, length, ...numbers } = t;
  return {
    ...r,
    data: {
      ...r.data,
      declarations: { length, id: [...id], contractId: [...contractId], ...Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)])) },
    },
  };
}

async function expectSame(declaraties: string | Buffer): Promise<Run> {
  const [single, parallel] = await ingestBoth(declaraties);
  expect(single.split).toBeNull();
  expect(parallel.split, 'the two-worker read was used').not.toBeNull();
  expect(plain(parallel.result)).toEqual(plain(single.result));
  return parallel;
}

describe('reading the declarations in two ranges', () => {
  const half = 1500;

  it('gives the single read’s rows, rejects, counts and report, with LF', async () => {
    const text = declarationsFile(half, '\n', specials(half));
    const parallel = await expectSame(text);
    const r = parallel.result;
    // The long note in the middle is not split: the second range starts after it.
    expect(parallel.split!.line).toBeGreaterThan(half + 1 + 60);
    expect(parallel.split!.byte).toBeGreaterThan(text.length / 2);
    const codes = [...r.rejects].map((x) => [x.line > parallel.split!.line ? 'second' : 'first', x.code]);
    expect(codes.filter(([, c]) => c === 'DUPLICATE_ID').length).toBe(7);
    expect(codes).toContainEqual(['second', 'DUPLICATE_ID']);
    const named = [...r.rejects].find((x) => x.code === 'DUPLICATE_ID' && x.value.trim() === id(7) && x.line > parallel.split!.line + 5)!;
    expect(named.message).toMatch(/already occurs on line 8 of declaraties.csv/);
    expect([...r.rejects].find((x) => x.value === `  ${id(10)} `)?.code).toBe('DUPLICATE_ID');
  });

  it('gives the same with CRLF line ends and a byte order mark', async () => {
    const parallel = await expectSame('\ufeff' + declarationsFile(half, '\r\n', specials(half)));
    expect(parallel.result.inputs[2].dialect.bom).toBe(true);
    expect(parallel.result.data.declarations.id.get(0)).toBe(id(1));
  });

  it('gives the same for windows-1252, and for ids out of order', async () => {
    const latin = await expectSame(cp1252(declarationsFile(half, '\r\n', specials(half))));
    expect(latin.result.inputs[2].dialect.encoding).toBe('windows-1252');
    const shuffled = specials(half).concat(
      Array.from({ length: 40 }, (_, k) => ({ at: 100 + 37 * k, text: () => `${id(9000 - k)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;` })),
      [{ at: 2 * half, text: () => `${id(9000)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;` }],
    );
    await expectSame(declarationsFile(half, '\n', shuffled));
  });

  it('reads in one piece when the only row to fill a column drops out as a duplicate across the ranges', async () => {
    const text = declarationsFile(half, '\n', [{ at: half + 20, text: () => `${id(1)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;9-3-2024;` }]).replaceAll('2024-03-10 09:00', '').replaceAll('02-04-2024', '');
    const [single, parallel] = await ingestBoth(text);
    expect(parallel.split).toBeNull();
    expect(plain(parallel.result)).toEqual(plain(single.result));
    expect(single.result.data.filled.declaraties.has('ingediend_op')).toBe(false);
  });

  it('reads a file in one piece when it has fewer rows than the sample', async () => {
    const [, short] = await ingestBoth(declarationsFile(300, '\n'));
    expect(short.split).toBeNull();
  });

  it('resolves unknown holders and providers of both ranges in the merge as the single read does', async () => {
    const second = (k: number) => half + 10 + k;
    const unknown: Special[] = [
      { at: 15, text: () => `${id(15)};BH9;ZV1;;;01-03-2024;;;;;;;10,00;;` }, // accepted by its worker, turned down by the merge
      { at: 16, text: () => `${id(16)};BH1;ZV9;;;01-03-2024;;;;;;;10,00;;` }, // unknown provider
      { at: 17, text: () => `${id(17)};BH9;ZV9;;;31-02-2024;;;;;;;10,00;;` }, // both unknown and INVALID_DATE
      { at: 18, text: () => `${id(18)};BH3;ZV1;;;01-03-2024;;;;;;;10,00;;` }, // a holder whose own row was rejected
      { at: 19, text: () => `${id(19)};  BH9 ;ZV2;;;01-03-2024;;;;;;;10,00;;` }, // padded unknown holder: rejects.csv shows it as read
      { at: second(20), text: () => `${id(15)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // the id of a turned-down first-range row: accepted
      { at: second(21), text: () => `${id(1)};BH9;ZV1;;;02-03-2024;;;;;;;10,00;;` }, // a duplicate across the ranges with an unknown holder
      { at: second(22), text: () => `${id(second(22))};BH1;ZV9;;;02-03-2024;;;;;;;abc;;` }, // unknown provider and INVALID_AMOUNT
      { at: second(23), text: () => ` ${id(second(23))};BH2;ZV7 ;;;02-03-2024;;;;;;;10,00;;` }, // padded id and provider
      { at: second(24), text: () => `${id(second(24))};BH9;ZV9;;;02-03-2024;;;;;;;10,00;;` }, // both unknown
      { at: 2 * half, text: () => `${id(2 * half)};BH1;ZV9;;;02-03-2024;;;;;;;10,00;;` }, // the last row
    ];
    const parallel = await expectSame(declarationsFile(half, '\n', [...specials(half), ...unknown]));
    const found = [...parallel.result.rejects].map((x) => `${x.line > parallel.split!.line ? 'second' : 'first'} ${x.code} ${x.column}=${x.value}`);
    for (const seen of [
      'first UNKNOWN_HOLDER budgethouder_id=BH9',
      'first UNKNOWN_PROVIDER zorgverlener_id=ZV9',
      'first UNKNOWN_HOLDER budgethouder_id=  BH9 ',
      'second UNKNOWN_HOLDER budgethouder_id=BH9',
      'second UNKNOWN_PROVIDER zorgverlener_id=ZV7 ',
      'second DUPLICATE_ID declaratie_id=D00001',
    ])
      expect(found).toContain(seen);
    const rejectedHolder = [...parallel.result.rejects].filter((x) => x.value === 'BH3');
    expect(rejectedHolder.length).toBe(2);
    for (const x of rejectedHolder) expect(x.message).toMatch(/its row on line \d+ of budgethouders.csv was rejected/);
  });

  it('reads in one piece when a row the merge turns down had made a later row of its range a duplicate', async () => {
    const second = half + 30;
    const text = declarationsFile(half, '\n', [
      { at: second, text: () => `${id(second)};BH9;ZV1;;;02-03-2024;;;;;;;10,00;;` },
      { at: second + 3, text: () => `${id(second)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;;` },
    ]);
    const [single, parallel] = await ingestBoth(text);
    expect(parallel.split).toBeNull();
    expect(plain(parallel.result)).toEqual(plain(single.result));
    const codes = [...single.result.rejects].map((x) => x.code);
    expect(codes.filter((c) => c === 'UNKNOWN_HOLDER').length).toBe(1);
    expect(codes).not.toContain('DUPLICATE_ID');
  });

  it('reads in one piece when a row the merge turns down was the first of its range to fill a column', async () => {
    for (const later of [true, false]) {
      const second = half + 30;
      const text = declarationsFile(half, '\n', [
        { at: second, text: () => `${id(second)};BH9;ZV1;;;02-03-2024;;;;;;;10,00;9-3-2024;` },
        ...(later ? [{ at: second + 5, text: () => `${id(second + 5)};BH1;ZV1;;;02-03-2024;;;;;;;10,00;9-3-2024;` }] : []),
      ])
        .replaceAll('2024-03-10 09:00', '')
        .replaceAll('02-04-2024', '');
      const [single, parallel] = await ingestBoth(text);
      expect(parallel.split).toBeNull();
      expect(plain(parallel.result)).toEqual(plain(single.result));
      expect(single.result.data.filled.declaraties.has('ingediend_op')).toBe(later);
    }
  });

  it(
    'fuzz: unknown, rejected and padded holders and providers, duplicates and bad values anywhere in either range: the single read’s result',
    async () => {
      const small = 700;
      const kinds = [
        (i: number) => `${id(i)};BH9;ZV1;;;01-03-2024;;;;;;;10,00;;`,
        (i: number) => `${id(i)};BH1;ZV9;;;01-03-2024;;;;;;;10,00;;`,
        (i: number) => `${id(i)};BH3;ZV7;;;01-03-2024;;;;;;;10,00;;`,
        (i: number) => ` ${id(i)};  BH9 ;ZV2 ;;;01-03-2024;;;;;;;10,00;;`,
        (i: number) => `${id(i)};BH9;ZV1;;;31-02-2024;;;;;;;abc;;`,
        (i: number) => `${id(i)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;`,
        (i: number) => `${id(i)};BH2;ZV9;;;01-03-2024;;;;;;;10,00;9-3-2024;`,
      ];
      const change = fc.record({ at: fc.integer({ min: 1, max: 2 * small }), kind: fc.nat(kinds.length - 1), as: fc.option(fc.integer({ min: 1, max: 2 * small }), { nil: undefined }) });
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 14 }), fc.boolean(), async (changes, sparse) => {
          const spots = changes.filter((c) => c.at !== small + 1);
          let text = declarationsFile(small, '\n', spots.map((c) => ({ at: c.at, text: () => kinds[c.kind](c.as ?? c.at) })));
          // Without submission dates but the few above, a turned-down row may be the one to fill the column.
          if (sparse) text = text.replaceAll('2024-03-10 09:00', '').replaceAll('02-04-2024', '');
          const [single, parallel] = await ingestBoth(text);
          expect(plain(parallel.result)).toEqual(plain(single.result));
        }),
        fuzzParams(10),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('a failing budgethouders.csv fails the scan with its own error while the workers read, as in one read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-parallel-'));
    const files = { budgethouders: 'iets;anders\n1;2\n', zorgverleners: PROVIDERS, declaraties: declarationsFile(half, '\n', specials(half)) };
    const specs: InputSpec[] = Object.entries(files).map(([kind, text]) => {
      writeFileSync(join(dir, `${kind}.csv`), text);
      return { kind: kind as InputSpec['kind'], path: join(dir, `${kind}.csv`) };
    });
    for (const parallelMinBytes of [Number.POSITIVE_INFINITY, 0]) {
      const e = await ingest(specs, { parallelMinBytes, workers: 2 }).catch((x: unknown) => x as AppError);
      expect(e).toBeInstanceOf(AppError);
      expect([(e as AppError).code, (e as AppError).context.file]).toEqual(['INPUT_MISSING_COLUMN', 'budgethouders.csv']);
    }
  });

  it('splits a file with mixed line ends, with the same result as one read', async () => {
    const mixed = declarationsFile(half, '\n').split('\n');
    mixed[20] += '\r';
    const [single, parallel] = await ingestBoth(mixed.join('\n'));
    expect(parallel.split).not.toBeNull();
    expect(plain(parallel.result)).toEqual(plain(single.result));
  });
});

describe('an encoding the file did not give, decided by the ranges', () => {
  // ASCII rows, and notes of given bytes on given rows (1-based data rows).
  function file(rows: number, notes: Record<number, Buffer>): Buffer {
    const parts: Buffer[] = [Buffer.from(HEADER + '\n')];
    for (let i = 1; i <= rows; i++) parts.push(Buffer.from(`${id(i)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;`), notes[i] ?? Buffer.alloc(0), Buffer.from('\n'));
    return Buffer.concat(parts);
  }
  const latin = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // caf\xE9
  const utf8 = Buffer.from('Zoë', 'utf8');

  it.each([
    ['all ASCII in the first range, then windows-1252 and UTF-8 in the second', { 4500: latin, 5000: utf8 }, true],
    ['windows-1252 in the first range after the sample, UTF-8 only in the second', { 2000: latin, 5000: utf8 }, false],
    ['UTF-8 in the first range after the sample, windows-1252 alone in the second', { 2000: utf8, 5000: latin }, false],
  ])('%s: as one read decides (UTF-8, the windows-1252 row rejected)', async (_, notes, split) => {
    // The start of the file (64 KiB) is ASCII: the encoding is left to the ranges.
    const text = file(6000, notes);
    const [single, parallel] = await ingestBoth(text);
    expect(parallel.split !== null).toBe(split);
    expect(plain(parallel.result)).toEqual(plain(single.result));
    const r = single.result;
    expect(r.inputs[2].dialect.encoding).toBe('utf-8');
    expect([...r.rejects].filter((x) => x.file === 'declaraties.csv').map((x) => [x.code, x.value])).toEqual([['INVALID_ENCODING', 'caf\\xE9']]);
  });

  it('windows-1252 in both ranges and no UTF-8: windows-1252 in both reads', async () => {
    const [single, parallel] = await ingestBoth(file(6000, { 2000: latin, 5000: latin }));
    expect(parallel.split).not.toBeNull();
    expect(plain(parallel.result)).toEqual(plain(single.result));
    expect([single.result.inputs[2].dialect.encoding, [...single.result.rejects].filter((x) => x.file === 'declaraties.csv')]).toEqual(['windows-1252', []]);
  });
});

describe('fatal errors of a range', () => {
  const half = 1500;
  async function expectSameError(declaraties: string | Buffer): Promise<AppError> {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-parallel-'));
    writeFileSync(join(dir, 'b.csv'), HOLDERS);
    writeFileSync(join(dir, 'z.csv'), PROVIDERS);
    writeFileSync(join(dir, 'd.csv'), declaraties);
    const specs: InputSpec[] = [
      { kind: 'budgethouders', path: join(dir, 'b.csv') },
      { kind: 'zorgverleners', path: join(dir, 'z.csv') },
      { kind: 'declaraties', path: join(dir, 'd.csv') },
    ];
    const single = await ingest(specs, { parallelMinBytes: Number.POSITIVE_INFINITY }).catch((e: unknown) => e);
    const parallel = await ingest(specs, { parallelMinBytes: 0, workers: 2 }).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(AppError);
    expect(parallel).toBeInstanceOf(AppError);
    const [s, p] = [single as AppError, parallel as AppError];
    expect([p.code, p.message, p.context]).toEqual([s.code, s.message, s.context]);
    return s;
  }

  it('a byte that is not UTF-8 in the second range rejects its row on its line, as the single read does', async () => {
    const text = declarationsFile(half, '\n');
    const r = (await expectSame(badByte(text, 2 * half - 1))).result;
    const line = text.slice(0, text.indexOf(`${id(2 * half - 1)};`)).split('\n').length;
    expect([...r.rejects].filter((x) => x.code === 'INVALID_ENCODING').map((x) => [x.line, x.column, x.value])).toEqual([[line, 'declaratie_id', `D0\\xFF${id(2 * half - 1).slice(3)}`]]);
    expect(r.inputs[2].dialect.encoding).toBe('utf-8');
  });

  it('FIELD_TOO_LARGE in a two-range read as in one read', async () => {
    const text = declarationsFile(half, '\n').replace(`${id(2 * half - 1)};`, `${id(2 * half - 1)};${'x'.repeat(2 * 1024 * 1024)}`);
    const e = await expectSameError(text);
    expect([e.code, e.context.line, e.context.limit]).toEqual(['FIELD_TOO_LARGE', text.slice(0, text.indexOf(`${id(2 * half - 1)};`)).split('\n').length, 1024 * 1024]);
  });

  it('INPUT_UNCLOSED_QUOTE in the second range', async () => {
    const open = declarationsFile(half, '\n') + `${id(9999)};BH1;ZV1;;;01-03-2024;;;;;;;10,00;;"open\n`;
    const e = await expectSameError(open);
    expect(e.code).toBe('INPUT_UNCLOSED_QUOTE');
    expect(e.context.line).toBe(open.split('\n').length - 1);
  });

  // Both reads check a 64 KiB chunk's encoding before they parse any of it.
  const badQuote = (text: string, row: number) => text.replace(`${id(row)};`, `${id(row)}"x;`);
  const badByte = (text: string, row: number) => {
    const bytes = Buffer.from(text);
    bytes[bytes.indexOf(`${id(row)};`) + 2] = 0xff;
    return bytes;
  };

  it('the first range fails first: INPUT_CSV there wins over a bad byte far into the second', async () => {
    const text = declarationsFile(half, '\n');
    expect((await expectSameError(badByte(badQuote(text, 1200), 2 * half))).code).toBe('INPUT_CSV');
  });

  it('an undefined windows-1252 byte just past the split wins over INPUT_CSV just before it, in the same chunk', async () => {
    const text = declarationsFile(half, '\n');
    expect((await expectSameError(cp1252(badQuote(text, half - 3)))).code).toBe('INPUT_CSV');
    const bytes = cp1252(badQuote(text, half - 3));
    bytes[bytes.indexOf(`${id(half + 3)};`) + 2] = 0x81;
    const e = await expectSameError(bytes);
    expect(e.code).toBe('INPUT_ENCODING');
    const split = (await findSplitPoint(writeTemp(text), text.length))!;
    expect(e.context.line).toBeGreaterThan(split.lineBase);
    expect(Math.floor(split.at / 65536)).toBe(Math.floor(Buffer.from(text).indexOf(`${id(half + 3)};`) / 65536));
  });

  it('a byte that is not UTF-8 past the split is a rejected row; INPUT_CSV before it stays the error', async () => {
    const text = declarationsFile(half, '\n');
    expect((await expectSameError(badByte(badQuote(text, half - 3), half + 3))).code).toBe('INPUT_CSV');
  });

});

function writeTemp(text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'pgb-split-')), 'd.csv');
  writeFileSync(p, text);
  return p;
}

describe('findSplitPoint', () => {
  const file = writeTemp;

  it('splits after the first line end past the middle that is outside quotes, counting the lines before', async () => {
    const text = 'h\n' + 'a;1\n'.repeat(10) + 'b;"x\ny\nz"\n' + 'c;2\n'.repeat(10);
    const middle = text.length / 2;
    const split = (await findSplitPoint(file(text), text.length))!;
    expect(split.at).toBeGreaterThan(middle);
    expect(text[split.at - 1]).toBe('\n');
    expect(split.lineBase).toBe(text.slice(0, split.at).split('\n').length - 1);
  });

  it('steps over a quoted field that spans the middle', async () => {
    const text = 'h\n' + 'a;1\n'.repeat(30) + `b;"${'x\n'.repeat(20)}"\n` + 'c;2\n'.repeat(30);
    const split = (await findSplitPoint(file(text), text.length))!;
    expect(text.slice(split.at)).toBe('c;2\n'.repeat(30));
  });

  it('takes CRLF, CR and mixed line ends, counting each as one line end and never splitting a CRLF; gives up on a quote left open', async () => {
    const lineEnds = (t: string) => t.match(/\r\n|\n|\r/g)?.length ?? 0;
    for (const text of ['h\r\n' + 'a;"1\r\n2"\r\n'.repeat(20), 'h\r' + 'a;"1\r2"\r'.repeat(20), 'h\r\n' + 'a;1\n'.repeat(10) + 'b;"\r"\r'.repeat(10) + 'c;2\r\n'.repeat(10)]) {
      const split = (await findSplitPoint(file(text), text.length))!;
      expect(split.at).toBeGreaterThanOrEqual(text.length / 2);
      expect(text.slice(0, split.at)).toMatch(/(\r\n|\n|\r)$/);
      expect(text[split.at]).not.toBe('\n');
      expect(split.lineBase).toBe(lineEnds(text.slice(0, split.at)));
    }
    const open = 'h\n"' + 'a;1\n'.repeat(20);
    expect(await findSplitPoint(file(open), open.length)).toBeNull();
  });

  it('a CRLF across the 4 MiB read chunks stays one line end', async () => {
    const chunk = 4 << 20;
    const text = 'h\n' + 'x'.repeat(chunk - 3) + '\r\n' + 'a;1\n'.repeat(500_000);
    expect(text.indexOf('\r')).toBe(chunk - 1);
    expect(await findSplitPoint(file(text), text.length)).toEqual({ at: chunk + 1, lineBase: 2 });
  });
});
