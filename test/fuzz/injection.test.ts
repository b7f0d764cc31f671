import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, isFormulaLike, scanFiles } from '../support/fuzz-check.js';
import { applyCase, caseArb, FORMULAS, MARKUP, renameArb, type RowMutation } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

const idx = fc.nat({ max: 10_000 });
const payload = fc.constantFrom(...FORMULAS, ...MARKUP);
/** Payloads in any cell: names and ids reach the rankings, bad values reach rejects.csv raw. */
const injected: fc.Arbitrary<RowMutation> = fc.record({
  kind: fc.constant('set-cell' as const),
  row: idx,
  col: idx,
  text: payload,
  edit: fc.constantFrom('replace' as const, 'prepend' as const, 'append' as const),
});
const names: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('set-cell' as const), row: idx, col: fc.constant(1), text: payload, edit: fc.constantFrom('replace' as const, 'prepend' as const) });

// Issue 6, item 4: CSV outputs put an apostrophe before input text that a spreadsheet would run
// (=, +, @, tab, CR, or '-' before anything but a plain number); report.md escapes input text: no
// HTML, links, images or broken tables.
describe('fuzz: formula and markup injection', () => {
  test(
    'formulas and markup in ids, names and values never reach providers.csv, budgethouders.csv, rejects.csv or report.md unescaped',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: fc.oneof(injected, names), maxRows: 4, renames: renameArb, maxRenames: 2, maxFiles: 3 }), async (c) => {
          const args = ['--log-level', 'warn', '--max-reject-rate', '1'];
          assertInvariants(await scanFiles(applyCase(all, c), args));
        }),
        fuzzParams(40),
      );
    },
    FUZZ_TIMEOUT,
  );

  // Markup alone, so that a CSV finding cannot hide a report.md one.
  test(
    'markup in ids and names (script, img onerror, javascript: links, images, |) is escaped in report.md',
    async () => {
      const markup = fc.constantFrom(...MARKUP);
      const markupRename = fc.record({
        table: fc.constantFrom('zorgverleners.csv' as const, 'budgethouders.csv' as const),
        row: fc.oneof(idx, fc.constant('all' as const)),
        text: markup,
        edit: fc.constantFrom('replace' as const, 'prepend' as const, 'append' as const),
      });
      const markupNames: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('set-cell' as const), row: idx, col: fc.constant(1), text: markup, edit: fc.constant('replace' as const) });
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: markupNames, maxRows: 3, renames: markupRename, maxRenames: 2 }), async (c) => {
          assertInvariants(await scanFiles(applyCase(all, c), ['--log-level', 'warn', '--max-reject-rate', '1']));
        }),
        fuzzParams(25),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    '--stdout csv carries no formula-like field',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: names, maxRows: 2, renames: renameArb, maxRenames: 2 }), async (c) => {
          const o = await scanFiles(applyCase(all, c), ['--log-level', 'warn', '--max-reject-rate', '1', '--stdout', 'csv']);
          assertInvariants(o);
          const rows = parse(o.stdout, { relax_column_count: false }) as string[][];
          for (const r of rows) for (const f of r) if (isFormulaLike(f)) throw new Error(`stdout csv field is formula-like: ${JSON.stringify(f)}`);
        }),
        fuzzParams(20),
      );
    },
    FUZZ_TIMEOUT,
  );
});
