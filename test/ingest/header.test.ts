import { describe, expect, it } from 'vitest';
import { headerKey, resolveHeader } from '../../src/ingest/header.js';
import { protectedAttributeOf } from '../../src/ingest/protected-attributes.js';
import { AppError } from '../../src/errors.js';

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('protected attributes', () => {
  it.each([
    ['Nationaliteit', 'nationality'],
    ['tweede_nationaliteit', 'nationality'],
    ['Nationality', 'nationality'],
    ['geboorteland', 'country of birth'],
    ['Geboorte land', 'country of birth'],
    ['country_of_birth', 'country of birth'],
    ['BirthCountry', 'country of birth'],
    ['etniciteit', 'ethnicity'],
    ['Ethnic group', 'ethnicity'],
    ['ras', 'ethnicity'],
    ['Race', 'ethnicity'],
    ['religie', 'religion'],
    ['Religion', 'religion'],
    ['moedertaal', 'language'],
    ['taal', 'language'],
    ['voorkeur-taal', 'language'],
    ['Language', 'language'],
  ])('refuses %j (%s)', (header, attribute) => {
    expect(protectedAttributeOf(header)).toBe(attribute);
  });

  it.each(['totaal_bedrag', 'Totaal', 'taalcursus_uren', 'grasland', 'brasserie', 'budget_bedrag', 'overeenkomst_soort'])(
    'lets %j through (short words match whole tokens only)',
    (header) => {
      expect(protectedAttributeOf(header)).toBeNull();
    },
  );
});

describe('resolveHeader', () => {
  const holders = ['budgethouder_id', 'gemeente_code', 'wet', 'voorziening', 'budget_bedrag', 'budget_start'];

  it('matches case-, blank-, underscore- and hyphen-insensitively', () => {
    expect(headerKey('Budgethouder ID')).toBe(headerKey('budgethouder_id'));
    const l = resolveHeader('budgethouders', 'b.csv', ['Budgethouder ID', 'Gemeente-Code', 'WET', 'Voorziening', 'budget bedrag', 'BUDGET_START']);
    expect(l.columns).toEqual(holders);
    expect(l.index.get('budget_bedrag')).toBe(4);
  });

  it('lists columns outside the contract as ignored, in header order', () => {
    const l = resolveHeader('budgethouders', 'b.csv', ['Opmerking', ...holders, 'BSN']);
    expect(l.ignored).toEqual(['Opmerking', 'BSN']);
    expect(l.columns).toEqual(holders);
    expect(l.width).toBe(8);
  });

  it("maps another export's headers onto the contract", () => {
    const l = resolveHeader('zorgverleners', 'z.csv', ['Leverancier nr', 'Type', 'KvK'], {
      'leverancier_nr': 'zorgverlener_id',
      TYPE: 'soort',
      kvk: 'kvk nummer',
    });
    expect(l.columns).toEqual(['zorgverlener_id', 'soort', 'kvk_nummer']);
    expect(l.ignored).toEqual([]);
  });

  it('refuses a mapping onto a column the contract does not have', () => {
    const e = appError(() => resolveHeader('zorgverleners', 'z.csv', ['id', 'soort'], { id: 'leverancier' }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/columns\.zorgverleners: 'id' maps to 'leverancier'/);
  });

  it('refuses two headers for one column', () => {
    const e = appError(() => resolveHeader('zorgverleners', 'z.csv', ['zorgverlener_id', 'soort', 'Zorgverlener-ID']));
    expect(e.code).toBe('INPUT_DUPLICATE_COLUMN');
    expect(e.message).toBe("z.csv line 1: headers 'zorgverlener_id' (field 1) and 'Zorgverlener-ID' (field 3) both map to column zorgverlener_id.");
  });

  it('names missing required columns and the headers found', () => {
    const e = appError(() => resolveHeader('zorgverleners', 'z.csv', ['zorgverlener_id', 'naam']));
    expect(e.code).toBe('INPUT_MISSING_COLUMN');
    expect(e.message).toBe("z.csv line 1: required column soort missing; the header has 'zorgverlener_id', 'naam'.");
  });

  it('needs zorgdatum or both periode columns in a declaration header', () => {
    const base = ['declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'bedrag'];
    expect(resolveHeader('declaraties', 'd.csv', [...base, 'zorgdatum']).columns).toContain('zorgdatum');
    expect(resolveHeader('declaraties', 'd.csv', [...base, 'periode_start', 'periode_eind']).columns).toContain('periode_eind');
    expect(appError(() => resolveHeader('declaraties', 'd.csv', [...base, 'periode_start'])).message).toMatch(/periode_start and periode_eind \(or zorgdatum\) missing/);
    expect(appError(() => resolveHeader('declaraties', 'd.csv', base)).message).toMatch(/zorgdatum \(or periode_start and periode_eind\) missing/);
  });

  it('refuses a protected attribute before mapping, naming file, line and reason', () => {
    const e = appError(() => resolveHeader('budgethouders', 'b.csv', [...holders, 'Nationaliteit'], { Nationaliteit: 'adres_sleutel' }));
    expect(e.code).toBe('INPUT_PROTECTED_ATTRIBUTE');
    expect(e.message).toMatch(/^b\.csv line 1: column 'Nationaliteit' holds nationality\./);
    expect(e.message).toMatch(/toeslagenaffaire, AP 2021/);
  });

  it('caps the headers a message quotes: a long header name, and a long list of them', () => {
    const long = 'x'.repeat(300_000);
    const dup = appError(() => resolveHeader('zorgverleners', 'z.csv', ['zorgverlener_id', 'soort', `${long}_a`, `${long}_a`], { [`${long}_a`]: 'naam' }));
    expect(dup.code).toBe('INPUT_DUPLICATE_COLUMN');
    expect(dup.message).toBe(`z.csv line 1: headers '${'x'.repeat(200)}… (300002 characters)' (field 3) and '${'x'.repeat(200)}… (300002 characters)' (field 4) both map to column naam.`);
    const many = Array.from({ length: 50_000 }, (_, i) => `kolom_${i}`);
    const missing = appError(() => resolveHeader('zorgverleners', 'z.csv', ['zorgverlener_id', long, ...many]));
    expect(missing.code).toBe('INPUT_MISSING_COLUMN');
    expect(missing.message.length).toBeLessThan(700);
    expect(missing.message).toMatch(/^z\.csv line 1: required column soort missing; the header has 'zorgverlener_id', 'x{200}… \(300000 characters\)', 'kolom_0', .*, … \(50002 in all\)\.$/);
    expect(JSON.stringify(missing.context).length).toBeLessThan(2000);
    const config = appError(() => resolveHeader('zorgverleners', 'z.csv', ['id', 'soort'], { [long]: 'leverancier' }));
    expect(config.message.length).toBeLessThan(700);
  });
});
