// Property: whatever the line ends (CRLF, LF, CR, mixed, inside quotes or not) and however the bytes
// arrive in chunks, the reader finds every record with its fields and the physical line it starts
// on, and the independent counter agrees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamCsv } from '../../src/ingest/csv-stream.js';
import { findSplitPoint } from '../../src/ingest/parallel/split-point.js';
import { inChunks } from '../support/fuzz-csv-file.js';
import { countRecords } from '../support/record-count.js';

const EOLS = ['\r\n', '\n', '\r'];

const field = fc.oneof(
  fc.constantFrom('', 'a', 'ZV1', '10,00', ' x '),
  // A quoted value with line breaks of any kind, and a doubled quote.
  fc.tuple(fc.array(fc.constantFrom('deel', 'é', '""', ' '), { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...EOLS), { maxLength: 3 })).map(
    ([words, breaks]) => `"${words.map((w, i) => w + (breaks[i] ?? '')).join('')}"`,
  ),
);

interface Row {
  fields: string[];
  eol: string;
  /** Empty lines after the row. */
  empty: number;
}

const row = fc.record({ fields: fc.array(field, { minLength: 3, maxLength: 3 }), eol: fc.constantFrom(...EOLS), empty: fc.constantFrom(0, 0, 0, 1, 2) });

/** The text, and each row's expected fields and start line. */
function build(rows: Row[]): { text: string; expected: Array<[string[], number]> } {
  let text = 'a;b;c\n';
  let line = 2;
  const expected: Array<[string[], number]> = [];
  for (const r of rows) {
    const values = r.fields.map((f) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f));
    expected.push([values, line]);
    const body = r.fields.join(';');
    text += body;
    line += (body.match(/\r\n|\n|\r/g) ?? []).length;
    // An LF after a CR would make one line end of two; the row's own end then stands alone.
    let end = r.eol;
    for (let k = 0; k <= r.empty; k++) {
      const e = k === 0 ? end : text.endsWith('\r') ? '\r' : end;
      text += e;
      line++;
      end = e;
    }
  }
  return { text, expected };
}

async function read(bytes: Buffer, cuts: number[]): Promise<Array<[string[], number]>> {
  const got: Array<[string[], number]> = [];
  await streamCsv(inChunks(bytes, cuts), 'p.csv', { delimiter: ';', encoding: 'utf-8' }, { start: () => undefined, record: (f, line) => got.push([f, line]) });
  return got;
}

describe('line ends, property-based', () => {
  it('every record with its fields and start line, in any chunking; the counter agrees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }), async (rows, cuts) => {
        const { text, expected } = build(rows);
        const bytes = Buffer.from(text);
        const got = await read(bytes, cuts);
        expect(got.slice(1)).toEqual(expected);
        // Rows whose values are all blank are skipped by the readers and the counter alike.
        const nonBlank = expected.filter(([values]) => values.some((v) => v.trim() !== '')).length;
        expect(countRecords(bytes, ';')).toBe(nonBlank);
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});

/** The split findSplitPoint must find, from its definition, byte by byte. */
function expectedSplit(b: Buffer): { at: number; lineBase: number } | null {
  const middle = Math.floor(b.length / 2);
  const giveUp = Math.floor((b.length * 3) / 4);
  let quotes = 0;
  let lineEnds = 0;
  for (let i = 0; i < giveUp; i++) {
    if (b[i] === 0x22) quotes++;
    else if (b[i] === 0x0a || b[i] === 0x0d) {
      lineEnds++;
      const last = b[i] === 0x0d && b[i + 1] === 0x0a ? i + 1 : i;
      if (last >= middle && quotes % 2 === 0) return { at: last + 1, lineBase: lineEnds };
      i = last;
    }
  }
  return null;
}

describe('findSplitPoint, property-based', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-split-prop-'));
  it('splits after a whole line end outside quotes past the middle, counting line ends, across read chunks of any size', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 16 }), async (rows, chunk) => {
        const bytes = Buffer.from(build(rows).text);
        const path = join(dir, `${n++}.csv`);
        writeFileSync(path, bytes);
        expect(await findSplitPoint(path, bytes.length, chunk)).toEqual(expectedSplit(bytes));
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});
