import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, byteMutationArb, caseArb, eolPlanArb, renameArb, rowMutationArb } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

// Any mix of mutations: the scan ends cleanly (exit 0, 1 or 2 with a code), counts every row it
// reads, agrees with the independent record count, and lets no input text out unescaped.
describe('fuzz: every invariant under any mix of mutations', () => {
  test('unmutated bases hold every invariant', async () => {
    for (let b = 0; b < all.length; b++) {
      const o = await scanFiles(applyCase(all, { base: b, renames: [], files: [], failOn: false }), scanArgs(false));
      expect(o.code).toBe(0);
      assertInvariants(o);
    }
  });

  test(
    'row mutations, line endings, byte mutations and renamed ids together',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          caseArb({ rows: rowMutationArb(), eol: fc.oneof(fc.constant({ kind: 'keep' as const }), eolPlanArb), bytes: byteMutationArb, renames: renameArb }),
          async (c) => {
            assertInvariants(await scanFiles(applyCase(all, c), scanArgs(c.failOn)));
          },
        ),
        fuzzParams(120),
      );
    },
    FUZZ_TIMEOUT,
  );
});
