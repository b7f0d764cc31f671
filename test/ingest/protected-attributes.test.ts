import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_COLUMNS } from '../../src/ingest/columns.js';
import { CONTENT_MIN_VALUES, CONTENT_SAMPLE_ROWS, isCountryOrNationality, protectedAttributeOf } from '../../src/ingest/protected-attributes.js';
import { FILE_KINDS } from '../../src/inputs/index.js';
import { DECLARATIONS, HOLDERS, ingestError, ingestTexts, PROVIDERS } from './helpers.js';

describe('protected attributes by header', () => {
  // The 16 names of issue 6 that slipped through, then the ones that were already refused.
  it.each([
    ['migratieachtergrond', 'origin'],
    ['herkomst', 'origin'],
    ['land_van_herkomst', 'origin'],
    ['country_of_origin', 'origin'],
    ['afkomst', 'origin'],
    ['geloof', 'religion'],
    ['staatsburgerschap', 'nationality'],
    ['citizenship', 'nationality'],
    ['land van geboorte', 'country of birth'],
    ['geb_land', 'country of birth'],
    ['thuistaal', 'language'],
    ['spreektaal', 'language'],
    ['nat.', 'nationality'],
    ['n\u0430tionaliteit', 'nationality'], // Cyrillic а
    ['nati\u043Enalit\u0435it', 'nationality'], // Cyrillic о and е
    ['ΝΑΤΙΟΝΑLITY', 'nationality'], // Greek capitals
    ['ｎａｔｉｏｎａｌｉｔｅｉｔ', 'nationality'], // full-width
    ['nationa\u200Bliteit', 'nationality'], // zero-width space inside
    ['Nationaliteit', 'nationality'],
    ['tweede_nationaliteit', 'nationality'],
    ['geboorteland', 'country of birth'],
    ['Geboorte land', 'country of birth'],
    ['country_of_birth', 'country of birth'],
    ['BirthCountry', 'country of birth'],
    ['herkomstland', 'origin'],
    ['etniciteit', 'ethnicity'],
    ['Etnische groep', 'ethnicity'],
    ['Ethnic group', 'ethnicity'],
    ['ras', 'ethnicity'],
    ['Race', 'ethnicity'],
    ['religie', 'religion'],
    ['Religion', 'religion'],
    ['Geloofsovertuiging', 'religion'],
    ['Gödsdienst', 'religion'],
    ['moedertaal', 'language'],
    ['taal', 'language'],
    ['voorkeur-taal', 'language'],
    ['Language', 'language'],
    ['Spoken languages', 'language'],
  ])('refuses %j (%s)', (header, attribute) => {
    expect(protectedAttributeOf(header)).toBe(attribute);
  });

  const inputColumns = FILE_KINDS.flatMap((k) => [...INPUT_COLUMNS[k]]);
  it.each([
    ...inputColumns,
    'totaal_bedrag', 'Totaal', 'taalcursus_uren', 'grasland', 'brasserie', 'rasterx', 'natuurlijk_persoon', 'nationale_id',
    'afkomstig_uit', 'geloofwaardig', 'migratiedatum', 'origineel_bedrag', 'opmerking', 'BSN', 'postcode', 'woonplaats', 'land_code',
  ])('lets %j through', (header) => {
    expect(protectedAttributeOf(header)).toBeNull();
  });
});

describe('protected attributes by header, in a file', () => {
  it('refuses a header spelled with a Cyrillic а in a UTF-8 file, naming the column as written', async () => {
    const e = await ingestError({ zorgverleners: 'zorgverlener_id;soort;n\u0430tionaliteit\nZV1;zzp;x\nZV2;instelling;y\n' });
    expect(e.code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect(e.message).toMatch(/^zorgverleners\.csv line 1: column 'n\u0430tionaliteit' holds nationality\./);
  });

  it('refuses the names whatever their case, separators, accents and look-alike letters', () => {
    const names = ['nationaliteit', 'geboorteland', 'herkomst', 'religie', 'moedertaal', 'citizenship', 'etniciteit'];
    const swaps: Record<string, string[]> = { a: ['a', 'A', '\u0430', '\u0410', 'á', 'ä'], e: ['e', 'E', '\u0435', 'é', 'ë'], o: ['o', 'O', '\u043E', '\u03BF', 'ö'], i: ['i', 'I', '\u0456', 'í', 'ï'], c: ['c', 'C', '\u0441'], p: ['p', '\u0440'] };
    const spelled = fc.constantFrom(...names).chain((name) =>
      fc.tuple(...[...name].map((ch) => fc.constantFrom(...(swaps[ch] ?? [ch, ch.toUpperCase()])))).map((chars) => ({ name, header: chars.join('') })),
    );
    fc.assert(fc.property(spelled, fc.constantFrom('', '_', ' ', '-'), ({ header }, sep) => protectedAttributeOf(`${sep}${header}${sep}`) !== null), { seed: 6, numRuns: 500 });
  });
});

describe('protected attributes by content', () => {
  it.each(['Nederland', 'nederlandse', 'Marokko', 'Marokkaans', 'Marokkaanse', 'Turkije', 'Turks', 'Turkse', 'Suriname', 'Surinaams', 'Surinaamse', 'Syrië', 'SYRIE',
    'Poland', 'Polish', 'Chinese', 'Nederlandse nationaliteit', 'Verenigde Staten', 'Saoedi-Arabië', 'stateless', 'M\u0430rokko'])('%j is a country or nationality', (v) => {
    expect(isCountryOrNationality(v)).toBe(true);
  });

  it.each(['NL', 'TR', 'beschermd_wonen', 'zzp', 'Jansen', 'Amsterdam', 'Nederlandse Bank', 'GM0363', ''])('%j is not', (v) => {
    expect(isCountryOrNationality(v)).toBe(false);
  });

  const holders = (column: string, values: (i: number) => string, n = 30) =>
    ['budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start;' + column,
      ...Array.from({ length: n }, (_, i) => `BH${i};GM0363;wmo;begeleid_wonen;1000,00;01-01-2024;${values(i)}`)].join('\n') + '\n';
  const land = ['Marokko', 'Turkije', 'Nederland', 'Suriname', 'Syrië', 'Polen'];

  it('refuses an ignored column of nationalities whatever its header, naming file, column and why', async () => {
    const e = await ingestError({ budgethouders: holders('kenmerk_x', (i) => land[i % land.length]) });
    expect(e.code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect(e.message).toMatch(/^budgethouders\.csv line 1: column 'kenmerk_x' holds country names or nationalities \(30 of 30 values in the first 30 rows\)/);
    expect(e.context).toMatchObject({ file: 'budgethouders.csv', column: 'kenmerk_x' });
  });

  it('refuses at half, with placeholders and empty values left out of the count', async () => {
    const e = await ingestError({ budgethouders: holders('x', (i) => (i % 3 === 0 ? 'onbekend' : i % 3 === 1 ? '' : i % 2 ? 'Turkse' : 'Jansen')) });
    expect(e.code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect(e.message).toMatch(/5 of 10 values/);
  });

  it('refuses a column in the declarations and in a file read in two ranges', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `D${i};BH1;ZV1;01-03-2024;100,00;${land[i % 6]}`);
    const text = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;opmerking', ...rows].join('\n') + '\n';
    expect((await ingestError({ declaraties: text })).code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect((await ingestError({ declaraties: text }, { parallelMinBytes: 1 })).code).toBe('INPUT_PROTECTED_ATTRIBUTE');
  });

  it('lets through a minority of country names, too few values, codes and country names after the sample', async () => {
    await ingestTexts({ budgethouders: holders('x', (i) => (i % 3 === 0 ? 'Marokko' : 'Jansen')) });
    await ingestTexts({ budgethouders: holders('x', () => 'Nederland', CONTENT_MIN_VALUES - 1) });
    await ingestTexts({ budgethouders: holders('landcode', (i) => ['NL', 'TR', 'MA', 'SR'][i % 4]) });
    const late = holders('x', (i) => (i < CONTENT_SAMPLE_ROWS ? 'Jansen' : 'Marokko'), CONTENT_SAMPLE_ROWS + 2 * CONTENT_MIN_VALUES);
    const r = await ingestTexts({ budgethouders: late });
    expect(r.inputs[0].ignoredColumns).toEqual(['x']);
  });

  it('leaves the default inputs alone', async () => {
    const r = await ingestTexts({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: DECLARATIONS });
    expect(r.inputs.map((i) => i.rowsAccepted)).toEqual([2, 2, 1]);
  });
});
