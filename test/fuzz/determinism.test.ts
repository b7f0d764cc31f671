import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { beforeAll, describe, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, fixedPlace, OUTPUT_FILES, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, byteMutationArb, caseArb, eolPlanArb, renameArb, rowMutationArb } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

// "The same inputs and config give byte-identical outputs", also for damaged inputs.
describe('fuzz: determinism', () => {
  test(
    'two scans of the same mutated input write the same bytes',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          caseArb({ rows: rowMutationArb(), eol: fc.oneof(fc.constant({ kind: 'keep' as const }), eolPlanArb), bytes: byteMutationArb, renames: renameArb }),
          async (c) => {
            const inputs = applyCase(all, c);
            const place = fixedPlace(inputs);
            try {
              const first = await scanFiles(inputs, scanArgs(c.failOn), place);
              const second = await scanFiles(inputs, scanArgs(c.failOn), place);
              if (first.crash !== null || second.crash !== null) assertInvariants(first.crash !== null ? first : second);
              if (first.code !== second.code || first.stdout !== second.stdout) throw new Error(`exit ${first.code} then ${second.code}`);
              for (const f of OUTPUT_FILES) {
                const [a, b] = [first.outputs[f], second.outputs[f]];
                if ((a === undefined) !== (b === undefined) || (a !== undefined && !a.equals(b!))) throw new Error(`${f} differs between two runs`);
              }
            } finally {
              rmSync(place.dir, { recursive: true, force: true });
            }
          },
        ),
        fuzzParams(12, 0.25),
      );
    },
    FUZZ_TIMEOUT,
  );
});
