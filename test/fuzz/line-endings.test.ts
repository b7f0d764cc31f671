import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, assertSameOutputs, baseOutcome, CONTENT_OUTPUTS, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, baseFiles, caseArb, eolPlanArb } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

// Issue 6, item 1: CRLF, LF and CR, alone or mixed per line or in blocks, all end a row outside
// quotes, with the physical line numbers right. A line-ending change is no change to the data: the
// rankings, signals (with their file:line evidence) and rejects are those of the original export.
describe('fuzz: line endings', () => {
  test(
    'any mix of CRLF, LF and CR gives the outputs of the original export',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ eol: eolPlanArb, maxFiles: 3 }), async (c) => {
          const mutated = await scanFiles(applyCase(all, c), scanArgs(c.failOn));
          assertInvariants(mutated);
          const original = await baseOutcome(baseFiles(all[c.base % all.length]), `base ${c.base % all.length}`, scanArgs(c.failOn));
          assertSameOutputs(mutated, original, CONTENT_OUTPUTS);
        }),
        fuzzParams(60),
      );
    },
    FUZZ_TIMEOUT,
  );
});
