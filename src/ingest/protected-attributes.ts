// Nationality, origin, ethnicity, religion and language may not steer a risk selection: the
// toeslagenaffaire used (dual) nationality as a risk factor, which the Autoriteit
// Persoonsgegevens found discriminatory (AP 2021). Such a column is refused, not just ignored.
// Headers and values are compared folded (values/fold.ts), so look-alike letters, full-width
// forms and diacritics do not let a column pass.
import { AppError } from '../errors.js';
import { foldedWords } from './values/fold.js';
import { COUNTRY_WORDS, NEUTRAL_VALUES } from './country-words.js';

// Stems are matched inside the header's letters joined across words, so 'geboorte_land' and
// 'country of birth' are caught; each is long or specific enough not to occur in other names.
const STEMS: ReadonlyArray<[string, string]> = [
  ['nationalit', 'nationality'],
  ['staatsburger', 'nationality'],
  ['burgerschap', 'nationality'],
  ['citizenship', 'nationality'],
  ['geboorteland', 'country of birth'],
  ['landvangeboorte', 'country of birth'],
  ['landgeboorte', 'country of birth'],
  ['gebland', 'country of birth'],
  ['birthcountry', 'country of birth'],
  ['countryofbirth', 'country of birth'],
  ['herkomst', 'origin'],
  ['countryoforigin', 'origin'],
  ['origincountry', 'origin'],
  ['migratieachtergrond', 'origin'],
  ['migrantenachtergrond', 'origin'],
  ['migrationbackground', 'origin'],
  ['immigra', 'origin'],
  ['allochto', 'origin'],
  ['autochto', 'origin'],
  ['etnic', 'ethnicity'],
  ['etnis', 'ethnicity'],
  ['ethnic', 'ethnicity'],
  ['religi', 'religion'],
  ['geloofsovertuiging', 'religion'],
  ['godsdienst', 'religion'],
  ['levensbeschouwing', 'religion'],
  ['moedertaal', 'language'],
  ['thuistaal', 'language'],
  ['spreektaal', 'language'],
  ['voertaal', 'language'],
  ['huistaal', 'language'],
  ['taalvoorkeur', 'language'],
  ['voorkeurstaal', 'language'],
  ['mothertongue', 'language'],
];

// Short or common words match whole words only: 'totaal_bedrag' holds 'taal', 'grasland' holds
// 'ras', 'afkomstig' holds 'afkomst', 'geloofwaardig' holds 'geloof', 'natuurlijk' holds 'nat'.
const WORDS = new Map<string, string>([
  ['nat', 'nationality'],
  ['afkomst', 'origin'],
  ['origin', 'origin'],
  ['taal', 'language'],
  ['talen', 'language'],
  ['language', 'language'],
  ['languages', 'language'],
  ['ras', 'ethnicity'],
  ['race', 'ethnicity'],
  ['racial', 'ethnicity'],
  ['geloof', 'religion'],
  ['faith', 'religion'],
  ['religion', 'religion'],
]);

/** The protected attribute a header names ('nationality', 'language', ...), or null. */
export function protectedAttributeOf(header: string): string | null {
  const words = foldedWords(header);
  for (const w of words) {
    const attribute = WORDS.get(w);
    if (attribute !== undefined) return attribute;
  }
  const joined = words.join('');
  for (const [stem, attribute] of STEMS) {
    if (joined.includes(stem)) return attribute;
  }
  return null;
}

/** Words that qualify a country or nationality without changing it: 'Nederlandse nationaliteit', 'Republiek Turkije'. */
const QUALIFIERS = new Set(['nationaliteit', 'nationality', 'land', 'country', 'republiek', 'republic', 'of', 'the', 'de', 'het', 'van', 'en', 'and']);

/** Whether a value names a country or nationality (Dutch or English): 'Marokko', 'Turkse', 'Syrië', 'Polish'. */
export function isCountryOrNationality(value: string): boolean {
  const words = foldedWords(value);
  if (words.length === 0 || words.length > 6) return false;
  if (COUNTRY_WORDS.has(words.join(''))) return true;
  const core = words.filter((w) => !QUALIFIERS.has(w));
  return core.length > 0 && core.length < words.length && COUNTRY_WORDS.has(core.join(''));
}

/** Data rows at the start of a file whose values the content check reads. */
export const CONTENT_SAMPLE_ROWS = 1000;
/** Values needed before a column can be judged: a small file of a few providers still has its column judged. */
export const CONTENT_MIN_VALUES = 2;
/** Share of a column's judged values that, as country names or nationalities, refuses it. */
export const CONTENT_MIN_SHARE = 0.5;

/**
 * Refuses a column whose values are mostly country names or nationalities, whatever its header
 * says, defined column or not. Reads the first CONTENT_SAMPLE_ROWS data rows. Empty values and
 * placeholders ('onbekend', 'n.v.t.') are not judged. Two-letter codes (NL, TR) are never counted:
 * too many other columns hold such codes ('NO', 'DE', 'IT').
 */
export class ProtectedContentCheck {
  private rows = 0;
  private readonly judged: number[];
  private readonly countries: number[];

  constructor(
    private readonly file: string,
    private readonly header: readonly string[],
    private readonly headerLine: number,
  ) {
    this.judged = header.map(() => 0);
    this.countries = header.map(() => 0);
  }

  /** Whether more rows are wanted. */
  get open(): boolean {
    return this.rows < CONTENT_SAMPLE_ROWS;
  }

  add(fields: readonly string[]): void {
    this.rows++;
    const n = Math.min(fields.length, this.header.length);
    for (let i = 0; i < n; i++) {
      const v = fields[i];
      // Digits never name a country: ids, amounts and dates leave here, cheaply.
      if (v.length < 3 || /\d/.test(v)) continue;
      if (NEUTRAL_VALUES.has(foldedWords(v).join(''))) continue;
      this.judged[i]++;
      if (isCountryOrNationality(v)) this.countries[i]++;
    }
    if (this.rows === CONTENT_SAMPLE_ROWS) this.finish();
  }

  /** Throws INPUT_PROTECTED_ATTRIBUTE for the first column that is mostly countries or nationalities. */
  finish(): void {
    for (let i = 0; i < this.header.length; i++) {
      const judged = this.judged[i];
      if (judged < CONTENT_MIN_VALUES || this.countries[i] < CONTENT_MIN_SHARE * judged) continue;
      const column = this.header[i];
      throw new AppError(
        'INPUT_PROTECTED_ATTRIBUTE',
        `${this.file} line ${this.headerLine}: column '${column}' holds country names or nationalities (${this.countries[i]} of ${judged} ` +
          `values in the first ${this.rows} rows). Nationality, country of birth, ethnicity, religion and language may not steer a ` +
          'risk selection (toeslagenaffaire, AP 2021); remove the column from the export.',
        { file: this.file, line: this.headerLine, column, attribute: 'nationality or country', countries: this.countries[i], values: judged },
      );
    }
  }
}
