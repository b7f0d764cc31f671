// Nationality, origin, ethnicity, religion and language may not steer a risk selection: the
// toeslagenaffaire used (dual) nationality as a risk factor, which the Autoriteit
// Persoonsgegevens found discriminatory (AP 2021). Such a column is refused, not just ignored.

const STEMS: ReadonlyArray<[string, string]> = [
  ['nationalit', 'nationality'],
  ['nationality', 'nationality'],
  ['geboorteland', 'country of birth'],
  ['birthcountry', 'country of birth'],
  ['countryofbirth', 'country of birth'],
  ['etnic', 'ethnicity'],
  ['ethnic', 'ethnicity'],
  ['religi', 'religion'],
  ['moedertaal', 'language'],
];

// Short words match whole tokens only: 'totaal_bedrag' holds 'taal', 'grasland' holds 'ras'.
const WORDS = new Map<string, string>([
  ['taal', 'language'],
  ['language', 'language'],
  ['ras', 'ethnicity'],
  ['race', 'ethnicity'],
  ['religion', 'religion'],
]);

/** The protected attribute a header names ('nationality', 'language', ...), or null. */
export function protectedAttributeOf(header: string): string | null {
  const tokens = header.toLowerCase().split(/[^a-zà-ÿ]+/).filter((t) => t !== '');
  const joined = tokens.join('');
  for (const t of tokens) {
    const word = WORDS.get(t);
    if (word !== undefined) return word;
  }
  // Stems are also matched across tokens, so 'geboorte_land' and 'country of birth' are caught.
  for (const [stem, attribute] of STEMS) {
    if (joined.includes(stem)) return attribute;
  }
  return null;
}
