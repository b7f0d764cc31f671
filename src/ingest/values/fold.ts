// Cyrillic and Greek letters that look like Latin ones. A header spelled 'nаtionaliteit' with a
// Cyrillic а reads as nationality to every person and must to the scan too.
// Capitals are read before lower-casing: Greek Ν looks like N, its lower case ν like v.
const LOOKALIKES: Record<string, string> = {
  // Cyrillic and Greek capitals
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', Ѕ: 's', І: 'i', Ј: 'j', У: 'y',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  // Cyrillic
  а: 'a', в: 'b', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', н: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm',
  о: 'o', р: 'p', ԛ: 'q', г: 'r', ѕ: 's', т: 't', у: 'y', ў: 'y', х: 'x', ԝ: 'w', с: 'c', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ϲ: 'c', ϳ: 'j', ω: 'w',
  // Latin letters without a decomposition to a base letter
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/**
 * Text as a reader sees it: NFKC (full-width and ligature forms), lower case, diacritics removed
 * (Syrië = syrie) and look-alike Cyrillic and Greek letters read as Latin. For comparing names,
 * never for output.
 */
export function foldLookalikes(s: string): string {
  return s
    .normalize('NFKC')
    .replace(LOOKALIKE, (c) => LOOKALIKES[c])
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LOOKALIKE, (c) => LOOKALIKES[c]);
}

/** The folded text as its runs of letters and digits: 'Land van geboorte' = ['land', 'van', 'geboorte']. */
export function foldedWords(s: string): string[] {
  return foldLookalikes(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
