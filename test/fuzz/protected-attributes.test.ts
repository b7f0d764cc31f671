import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { BASE_COUNT, bases, type Base } from '../support/fuzz-base.js';
import { assertInvariants, scanArgs, scanFiles } from '../support/fuzz-check.js';
import { applyCase, type Case } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';

let all: Base[];
beforeAll(async () => {
  all = await bases();
});

/** Names of protected attributes, Dutch and English, including the 16 that slipped through (issue 6, item 6). */
const NAMES = [
  'nationaliteit', 'nationality', 'geboorteland', 'country of birth', 'etniciteit', 'ethnicity', 'religie', 'religion',
  'moedertaal', 'taal', 'language', 'ras', 'race',
  'migratieachtergrond', 'herkomst', 'land_van_herkomst', 'country_of_origin', 'afkomst', 'geloof', 'staatsburgerschap',
  'citizenship', 'land van geboorte', 'geb_land', 'thuistaal', 'spreektaal', 'nat.',
];
const COUNTRIES = ['Nederland', 'Marokko', 'Turkije', 'Suriname', 'Syrië', 'Polen', 'Morocco', 'Turkey', 'Netherlands', 'Syria', 'Poland', 'Eritrea'];
const NATIONALITIES = ['Nederlandse', 'Marokkaanse', 'Turkse', 'Surinaamse', 'Syrische', 'Poolse', 'Dutch', 'Moroccan', 'Turkish', 'Syrian', 'Polish', 'Eritrean'];

type Spelling = 'as-is' | 'upper' | 'title' | 'underscores' | 'hyphens' | 'no-separators' | 'padded' | 'cyrillic-a' | 'prefixed';

function spell(name: string, s: Spelling): string {
  switch (s) {
    case 'as-is':
      return name;
    case 'upper':
      return name.toUpperCase();
    case 'title':
      return name.replace(/(^|[ _])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
    case 'underscores':
      return name.replace(/[ _-]/g, '_');
    case 'hyphens':
      return name.replace(/[ _-]/g, '-');
    case 'no-separators':
      return name.replace(/[ _-]/g, '');
    case 'padded':
      return `  ${name} `;
    case 'cyrillic-a':
      return name.replace(/a/, '\u0430');
    case 'prefixed':
      return `bh_${name}`;
  }
}

const spelling = fc.constantFrom<Spelling>('as-is', 'upper', 'title', 'underscores', 'hyphens', 'no-separators', 'padded', 'cyrillic-a', 'prefixed');

function refused(c: Case): Promise<void> {
  return scanFiles(applyCase(all, c), scanArgs(false)).then((o) => {
    assertInvariants(o);
    if (o.code !== 2 || !o.stderr.includes('INPUT_PROTECTED_ATTRIBUTE'))
      throw new Error(`not refused: exit ${o.code}, stderr ${JSON.stringify(o.stderr.slice(0, 200))}`);
  });
}

// Issue 6, item 5: refused by header (names and spellings after normalisation and folding of
// look-alike letters) and by content (a column mostly of countries or nationalities).
describe('fuzz: protected attributes', () => {
  test(
    'a column named after a protected attribute, in any spelling, in any input, is refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: BASE_COUNT - 1 }), fc.nat({ max: 3 }), fc.nat({ max: 20 }), fc.constantFrom(...NAMES), spelling, async (base, file, at, name, s) =>
          // 'bh_nat.' is no clear name for a nationality; 'nat.' alone is.
          name === 'nat.' && s === 'prefixed' ? undefined : refused({ base, renames: [], files: [{ file, rows: [{ kind: 'add-column', at, header: spell(name, s), values: ['x', ''] }], eol: { kind: 'keep' }, bytes: [] }], failOn: false }),
        ),
        fuzzParams(40),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'a column whose values are mostly countries or nationalities is refused whatever its header',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: BASE_COUNT - 1 }),
          fc.nat({ max: 3 }),
          fc.nat({ max: 20 }),
          fc.constantFrom('kenmerk', 'extra', 'categorie', 'x1', 'opmerking'),
          fc.shuffledSubarray([...COUNTRIES, ...NATIONALITIES], { minLength: 3 }),
          async (base, file, at, header, values) =>
            refused({ base, renames: [], files: [{ file, rows: [{ kind: 'add-column', at, header, values }], eol: { kind: 'keep' }, bytes: [] }], failOn: false }),
        ),
        fuzzParams(20),
      );
    },
    FUZZ_TIMEOUT,
  );
});
