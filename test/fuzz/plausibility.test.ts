import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { BASE_COUNT, bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, baseOutcome, rowCounts, scanArgs, scanFiles, type ScanOutcome } from '../support/fuzz-check.js';
import { applyCase, baseFiles, type Case } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

const idx = fc.nat({ max: 10_000 });

/** A value as the base's exporter writes it: 'nl' has DD-MM-YYYY and a decimal comma. */
function written(base: Base, kind: 'date' | 'number', iso: string): string {
  if (base.dialect !== 'nl') return iso;
  if (kind === 'date') return iso.split('-').reverse().join('-');
  const [int, frac] = iso.split('.');
  return int.replace(/\B(?=(\d{3})+$)/g, '.') + (frac === undefined ? '' : `,${frac}`);
}

interface Edit {
  column: 'zorgdatum' | 'bedrag' | 'uren';
  kind: 'date' | 'number';
  iso: string;
}

async function scanEdited(b: number, row: number, e: Edit): Promise<{ mutated: ScanOutcome; original: ScanOutcome }> {
  const base = all[b];
  const file = base.tables.findIndex((t) => t.name === 'declaraties.csv');
  const c: Case = {
    base: b,
    renames: [],
    files: [{ file, rows: [{ kind: 'set-cell', row, col: e.column, text: written(base, e.kind, e.iso), edit: 'replace' }], eol: { kind: 'keep' }, bytes: [] }],
    failOn: false,
  };
  const mutated = await scanFiles(applyCase(all, c), scanArgs(false));
  assertInvariants(mutated);
  return { mutated, original: await baseOutcome(baseFiles(base), `base ${b}`, scanArgs(false)) };
}

const asOf = (o: ScanOutcome) => (JSON.parse(o.outputs['manifest.json'].toString()) as { asOf: string }).asOf;

// Issue 6, item 7: care dates outside the window (2000-01-01 to a year after the as-of date) and
// values no real declaration carries (over 1,000,000 euros, over 744 hours) are rejects, and the
// as-of date never comes from a rejected row; but the limits never reject evidence.
describe('fuzz: implausible values', () => {
  test(
    'one implausible care date, amount or hours: that row is rejected and the as-of date does not move forward',
    async () => {
      const implausible = fc.constantFrom<Edit>(
        { column: 'zorgdatum', kind: 'date', iso: '9999-12-31' },
        { column: 'zorgdatum', kind: 'date', iso: '2100-01-01' },
        { column: 'zorgdatum', kind: 'date', iso: '1899-12-31' },
        { column: 'zorgdatum', kind: 'date', iso: '1999-12-31' },
        { column: 'bedrag', kind: 'number', iso: '1000000.01' },
        { column: 'bedrag', kind: 'number', iso: '12345678901234567890123' },
        { column: 'uren', kind: 'number', iso: '745' },
        { column: 'uren', kind: 'number', iso: '100000' },
      );
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: BASE_COUNT - 1 }), idx, implausible, async (b, row, e) => {
          const { mutated, original } = await scanEdited(b, row, e);
          if (mutated.code !== 0) throw new Error(`exit ${mutated.code}: ${mutated.stderr.slice(0, 300)}`);
          const got = rowCounts(mutated)['declaraties.csv'];
          const want = rowCounts(original)['declaraties.csv'];
          if (got.accepted !== want.accepted - 1) throw new Error(`declaraties.csv ${JSON.stringify(got)}; expected the row rejected (base ${JSON.stringify(want)})`);
          // Rejecting the row that held the latest care date may move the as-of date back, never forward.
          if (asOf(mutated) > asOf(original)) throw new Error(`as-of ${asOf(mutated)}, after the original ${asOf(original)}`);
        }),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'extreme but possible values (up to 744 hours, up to 1,000,000 euros) are evidence, not rejects',
    async () => {
      const extreme = fc.oneof(
        fc.integer({ min: 25, max: 744 }).map((h): Edit => ({ column: 'uren', kind: 'number', iso: String(h) })),
        fc.integer({ min: 10_000, max: 99_999_999 }).map((c): Edit => ({ column: 'bedrag', kind: 'number', iso: (c / 100).toFixed(2) })),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: BASE_COUNT - 1 }), idx, extreme, async (b, row, e) => {
          const { mutated, original } = await scanEdited(b, row, e);
          const [got, want] = [JSON.stringify(rowCounts(mutated)), JSON.stringify(rowCounts(original))];
          if (got !== want) throw new Error(`row counts ${got}, expected ${want}`);
        }),
        fuzzParams(20),
      );
    },
    FUZZ_TIMEOUT,
  );
});
