import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, caseArb, encodingBytesArb, type RowMutation } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

const idx = fc.nat({ max: 10_000 });
const rawBytes: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('insert-bytes' as const), row: idx, col: idx, pos: idx, bytes: encodingBytesArb });

/** Windows-1252 letters: valid there, never valid UTF-8 on their own. */
const cp1252Letter = fc.constantFrom(0xe9, 0xeb, 0xef, 0xf6, 0xfc, 0xe8);

describe('fuzz: encoding mixes', () => {
  test(
    'Windows-1252 bytes, byte order marks and broken sequences inside cells: no crash, no row lost',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: rawBytes, maxRows: 3, maxFiles: 3 }), async (c) =>
          assertInvariants(await scanFiles(applyCase(all, c), scanArgs(c.failOn))),
        ),
        fuzzParams(40),
      );
    },
    FUZZ_TIMEOUT,
  );

  // Issue 6, item 7: a file that is UTF-8 but for a few invalid bytes is read as UTF-8 and only
  // those rows are rejected; its UTF-8 names (Zorgcoöperatie, André) are not garbled.
  test(
    'a few Windows-1252 bytes in a UTF-8 file: still read as UTF-8, at most those rows rejected',
    async () => {
      const plain = 0; // the base with UTF-8 names
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ row: idx, col: idx, pos: idx, byte: cp1252Letter }), { minLength: 1, maxLength: 3 }),
          async (inserts) => {
            // Only a file with valid multi-byte UTF-8 must stay UTF-8; an ASCII file with one 0xE9 is Windows-1252.
            const file = all[plain].tables.findIndex((t) => t.rows.some((r) => r.some((f) => f.some((b) => b >= 0x80))));
            const rows: RowMutation[] = inserts.map((i) => ({ kind: 'insert-bytes', row: i.row, col: i.col, pos: i.pos, bytes: [i.byte] }));
            const inputs = applyCase(all, { base: plain, renames: [], files: [{ file, rows, eol: { kind: 'keep' }, bytes: [] }], failOn: false });
            const o = await scanFiles(inputs, scanArgs(false));
            assertInvariants(o);
            if (o.code !== 0) throw new Error(`exit ${o.code}: ${o.stderr.slice(0, 300)}`);
            const manifest = JSON.parse(o.outputs['manifest.json'].toString()) as {
              inputs: { display: string; rowsRejected: number; dialect: { encoding: string } }[];
            };
            for (const i of manifest.inputs) {
              if (i.display === all[plain].tables[file].name && i.dialect.encoding !== 'utf-8') throw new Error(`${i.display} read as ${i.dialect.encoding}`);
              if (i.display === all[plain].tables[file].name && i.rowsRejected > inserts.length)
                throw new Error(`${i.display}: ${i.rowsRejected} rows rejected for ${inserts.length} bad bytes`);
            }
            const names = o.outputs['providers.csv'].toString() + o.outputs['report.md'].toString();
            if (names.includes('\u00c3')) throw new Error('a UTF-8 name was garbled (Ã in the output)');
          },
        ),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );
});
