import fc from 'fast-check';
import { INPUTS } from '../../src/inputs/index.js';
import { beforeAll, describe, test } from 'vitest';
import { bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, baseOutcome, rowCounts, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, baseFiles, byteMutationArb, caseArb, type RowMutation } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

const idx = fc.nat({ max: 10_000 });
const quotesAndDelimiters: fc.Arbitrary<RowMutation> = fc.record({
  kind: fc.constant('insert-char' as const),
  row: idx,
  col: idx,
  pos: idx,
  char: fc.constantFrom('quote' as const, 'delimiter' as const),
});
const duplicate: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('duplicate' as const), row: idx, to: idx });
const move: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('move' as const), from: idx, to: idx });
const repeatHeader: fc.Arbitrary<RowMutation> = fc.record({ kind: fc.constant('repeat-header' as const), at: idx });

function fail(message: string): never {
  throw new Error(message);
}

describe('fuzz: broken structure', () => {
  test(
    'truncation at any byte, flipped bytes, stray quotes and delimiters, repeated headers: no crash, no row lost',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          caseArb({ rows: fc.oneof(quotesAndDelimiters, repeatHeader), bytes: byteMutationArb, maxBytes: 3 }),
          async (c) => assertInvariants(await scanFiles(applyCase(all, c), scanArgs(c.failOn))),
        ),
        fuzzParams(60),
      );
    },
    FUZZ_TIMEOUT,
  );

  // "A repeated id keeps the first row": a duplicated row is read and rejected, nothing else changes.
  test(
    'duplicated rows are each read and rejected; the accepted rows stay those of the original',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: duplicate, maxRows: 3 }), async (c) => {
          // Only a file with an id column has duplicates; a repeated absence or register row is the same fact twice.
          const b0 = all[c.base % all.length];
          fc.pre(c.files.every((f) => hasIdColumn(b0.tables[f.file % b0.tables.length].name)));
          const mutated = await scanFiles(applyCase(all, c), scanArgs(c.failOn));
          assertInvariants(mutated);
          const base = all[c.base % all.length];
          const original = await baseOutcome(baseFiles(base), `base ${c.base % all.length}`, scanArgs(c.failOn));
          const got = rowCounts(mutated);
          const want = rowCounts(original);
          for (const [file, w] of Object.entries(want)) {
            const added = c.files
              .filter((f) => base.tables[f.file % base.tables.length].name === file)
              .reduce((n, f) => n + f.rows.length, 0);
            const g = got[file];
            if (g.accepted !== w.accepted || g.read !== w.read + added || g.rejected !== w.rejected + added)
              fail(`${file}: ${JSON.stringify(g)}, expected ${w.accepted} accepted and ${added} more read and rejected than ${JSON.stringify(w)}`);
          }
        }),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'reordered rows give the same counts and the same providers, scores and tiers',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: move, maxRows: 6 }), async (c) => {
          const mutated = await scanFiles(applyCase(all, c), scanArgs(c.failOn));
          assertInvariants(mutated);
          const original = await baseOutcome(baseFiles(all[c.base % all.length]), `base ${c.base % all.length}`, scanArgs(c.failOn));
          const counts = [JSON.stringify(rowCounts(mutated)), JSON.stringify(rowCounts(original))];
          if (counts[0] !== counts[1]) fail(`row counts ${counts[0]}, expected ${counts[1]}`);
          // rank and the evidence lines may follow the row order; who is listed, with what score, may not.
          const ranking = (csv: Buffer) =>
            csv.toString().split('\n').slice(1).filter(Boolean).map((l) => l.split(',').slice(1, 6).join(',')).sort().join('\n');
          const r = [ranking(mutated.outputs['providers.csv']), ranking(original.outputs['providers.csv'])];
          if (r[0] !== r[1]) fail(`providers differ:\n${r[0]}\nexpected\n${r[1]}`);
        }),
        fuzzParams(25),
      );
    },
    FUZZ_TIMEOUT,
  );

  // Excel's habits: a `sep=` first line and a header repeated inside the file are skipped, not read.
  test(
    'a sep= line and repeated headers change no count and no provider; each repeat is counted',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb({ rows: repeatHeader, maxRows: 3 }), fc.boolean(), async (c, sep) => {
          const base = all[c.base % all.length];
          const inputs = applyCase(all, c);
          if (sep) for (const name of Object.keys(inputs)) inputs[name] = Buffer.concat([Buffer.from(`sep=${base.delimiter}${base.eol}`), inputs[name]]);
          const mutated = await scanFiles(inputs, scanArgs(c.failOn));
          assertInvariants(mutated);
          const original = await baseOutcome(baseFiles(base), `base ${c.base % all.length}`, scanArgs(c.failOn));
          const counts = [JSON.stringify(rowCounts(mutated)), JSON.stringify(rowCounts(original))];
          if (counts[0] !== counts[1]) fail(`row counts ${counts[0]}, expected ${counts[1]}`);
          const manifest = JSON.parse(mutated.outputs['manifest.json'].toString()) as {
            inputs: { display: string; dialect: { sepLine: boolean }; repeatedHeaders: { count: number } }[];
          };
          for (const i of manifest.inputs) {
            const repeats = c.files.filter((f) => base.tables[f.file % base.tables.length].name === i.display).reduce((n, f) => n + f.rows.length, 0);
            if (i.repeatedHeaders.count !== repeats || i.dialect.sepLine !== sep)
              fail(`${i.display}: ${i.repeatedHeaders.count} repeated headers and sepLine ${i.dialect.sepLine}, expected ${repeats} and ${sep}`);
          }
          if (!mutated.outputs['providers.csv'].equals(original.outputs['providers.csv'])) fail('providers.csv differs from the plain export');
        }),
        fuzzParams(12),
      );
    },
    FUZZ_TIMEOUT,
  );
});

function hasIdColumn(file: string): boolean {
  return INPUTS.find((i) => `${i.name}.csv` === file)?.idColumn != null;
}
