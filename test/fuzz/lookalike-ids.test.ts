import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { INPUTS } from '../../src/inputs/index.js';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, test } from 'vitest';
import { BASE_COUNT, bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, baseOutcome, rowCounts, scanArgs, scanFiles, type ScanOutcome } from '../support/fuzz-check.js';
import { applyCase, baseFiles, caseArb, foldableLookAlikeArb, lookAlikeArb, type Case, type RowMutation } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

const idx = fc.nat({ max: 10_000 });

function fail(message: string): never {
  throw new Error(message);
}

async function scanWithBase(c: Case): Promise<{ mutated: ScanOutcome; original: ScanOutcome; base: Base }> {
  const b = c.base % all.length;
  const mutated = await scanFiles(applyCase(all, c), scanArgs(c.failOn));
  assertInvariants(mutated);
  const original = await baseOutcome(baseFiles(all[b]), `base ${b}`, scanArgs(c.failOn));
  return { mutated, original, base: all[b] };
}

const tableIndex = (base: Base, name: string) => base.tables.findIndex((t) => t.name === name);

// Issue 6, item 6: ids are compared after NFKC and trimming all Unicode white space (no-break and
// zero-width spaces, BOM); an id with a control character is rejected. Cyrillic letters are other
// letters, so those only have to keep the general invariants.
describe('fuzz: look-alike ids', () => {
  test(
    'look-alikes (NBSP, ZWSP, BOM, full-width digits, Cyrillic, control characters) in any cell: every invariant holds',
    async () => {
      const lookAlikes: fc.Arbitrary<RowMutation> = fc.oneof(
        fc.record({ kind: fc.constant('look-alike' as const), row: idx, col: fc.oneof(fc.constant(0), idx), lookAlike: lookAlikeArb }),
        fc.record({ kind: fc.constant('duplicate-look-alike' as const), row: idx, lookAlike: lookAlikeArb }),
      );
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: lookAlikes, maxRows: 3, maxFiles: 3 }), async (c) =>
          assertInvariants(await scanFiles(applyCase(all, c), scanArgs(c.failOn))),
        ),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a row repeated with a look-alike of its id is a duplicate: read, rejected, and nothing else changes',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: BASE_COUNT - 1 }), fc.nat({ max: 3 }), idx, foldableLookAlikeArb, async (b, file, row, lookAlike) => {
          // A full-width or zero-width character is UTF-8; written into a Windows-1252 file it makes an
          // encoding mix, which the encoding properties cover, not a look-alike id.
          const table = all[b % all.length].tables[file % all[b % all.length].tables.length];
          fc.pre(table.rows.every((r) => r.every((cell) => isUtf8(cell))));
          // A file without an id column (absences, register entries) has no duplicates to find.
          fc.pre(INPUTS.find((i) => `${i.name}.csv` === table.name)?.idColumn != null);
          const c: Case = { base: b, renames: [], files: [{ file, rows: [{ kind: 'duplicate-look-alike', row, lookAlike }], eol: { kind: 'keep' }, bytes: [] }], failOn: false };
          const { mutated, original, base } = await scanWithBase(c);
          const name = base.tables[file % base.tables.length].name;
          const got = rowCounts(mutated);
          const want = rowCounts(original);
          for (const [f, w] of Object.entries(want)) {
            const added = f === name ? 1 : 0;
            const g = got[f];
            if (g.accepted !== w.accepted || g.read !== w.read + added || g.rejected !== w.rejected + added)
              fail(`${f}: ${JSON.stringify(g)}; expected the look-alike copy read and rejected, the rest as ${JSON.stringify(w)}`);
          }
        }),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a declaration naming its holder or provider by a look-alike id is accepted as with the id itself',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: BASE_COUNT - 1 }),
          fc.array(fc.record({ row: idx, col: fc.constantFrom('budgethouder_id', 'zorgverlener_id'), lookAlike: foldableLookAlikeArb }), { minLength: 1, maxLength: 3 }),
          async (b, refs) => {
            const base = all[b];
            const rows: RowMutation[] = refs.map((r) => ({ kind: 'look-alike', row: r.row, col: r.col, lookAlike: r.lookAlike }));
            const c: Case = { base: b, renames: [], files: [{ file: tableIndex(base, 'declaraties.csv'), rows, eol: { kind: 'keep' }, bytes: [] }], failOn: false };
            const { mutated, original } = await scanWithBase(c);
            const got = JSON.stringify(rowCounts(mutated));
            const want = JSON.stringify(rowCounts(original));
            if (got !== want) fail(`row counts ${got}, expected ${want}`);
          },
        ),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a declaratie_id with a control character is rejected, on its own line',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: BASE_COUNT - 1 }), idx, fc.constantFrom(0, 1, 7, 8, 0x0b, 0x0c, 0x1b, 0x7f, 0x85), async (b, row, code) => {
          const base = all[b];
          const file = tableIndex(base, 'declaraties.csv');
          const n = base.tables[file].rows.length;
          const c: Case = {
            base: b,
            renames: [],
            files: [{ file, rows: [{ kind: 'look-alike', row, col: 'declaratie_id', lookAlike: { kind: 'control', code } }], eol: { kind: 'keep' }, bytes: [] }],
            failOn: false,
          };
          const { mutated, original } = await scanWithBase(c);
          const got = rowCounts(mutated)['declaraties.csv'];
          const want = rowCounts(original)['declaraties.csv'];
          if (got.accepted !== want.accepted - 1) fail(`declaraties.csv ${JSON.stringify(got)}; expected one row fewer accepted than ${JSON.stringify(want)}`);
          const rejects = parse(mutated.outputs['rejects.csv'], { columns: true }) as { file: string; line: string; column: string }[];
          const line = String((row % n) + 2);
          if (!rejects.some((r) => r.file === 'declaraties.csv' && r.line === line && r.column === 'declaratie_id'))
            fail(`no reject for declaratie_id on declaraties.csv line ${line}`);
        }),
        fuzzParams(20),
      );
    },
    FUZZ_TIMEOUT,
  );
});
