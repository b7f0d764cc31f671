import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControlCharacter, normalizeId, usableId } from '../../src/ingest/values/id.js';
import { declarations, ingestTexts, rejectsOf } from './helpers.js';

const HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag';

describe('normalizeId', () => {
  it.each([
    ['BH000128', 'BH000128'],
    [' BH000128 ', 'BH000128'],
    ['BH000128\u00A0', 'BH000128'],
    ['\u00A0BH000128', 'BH000128'],
    ['BH000128\u200B', 'BH000128'],
    ['BH000\u200D128', 'BH000128'],
    ['\uFEFFBH000128', 'BH000128'],
    ['BH000128\u2060', 'BH000128'],
    ['BH\uFF10\uFF10\uFF10128', 'BH000128'], // full-width digits
    ['\uFF22\uFF28000128', 'BH000128'], // full-width letters
    ['BH000128\u3000', 'BH000128'], // ideographic space
    ['\tBH000128\r', 'BH000128'],
  ])('%j reads as %j', (raw, id) => {
    expect(normalizeId(raw)).toBe(id);
    expect(usableId(raw)).toBe(id);
  });

  it.each(['BH\u0000128', 'BH\u007F128', 'BH\u0085128', 'BH\u0001', 'B\nH'])('%j holds a control character', (raw) => {
    expect(hasControlCharacter(normalizeId(raw))).toBe(true);
    expect(usableId(raw)).toBeNull();
  });

  it('reads any printable ASCII id padded with white space, zero-width characters or BOMs as the id itself', () => {
    const pad = fc.array(fc.constantFrom(' ', '\t', '\u00A0', '\u2007', '\u202F', '\u3000', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'), { maxLength: 4 }).map((a) => a.join(''));
    const id = fc.stringMatching(/^[!-~]{1,12}$/);
    fc.assert(
      fc.property(pad, id, pad, (before, s, after) => {
        expect(normalizeId(before + s + after)).toBe(s);
        expect(normalizeId(normalizeId(before + s + after))).toBe(s);
      }),
      { seed: 6, numRuns: 500 },
    );
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 16 }), (s) => normalizeId(normalizeId(s)) === normalizeId(s)), { seed: 6, numRuns: 1000 });
  });

  it('keeps a plain ASCII id as the same string', () => {
    const id = 'D-000123_x';
    expect(normalizeId(id)).toBe(id);
  });
});

describe('ids in ingest', () => {
  it('finds the holder of an id followed by a no-break space, as of one padded with spaces', async () => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, 'D1;BH1\u00A0;ZV1;01-03-2024;10,00', 'D2; BH1 ;ZV1;01-03-2024;10,00', 'D3;\uFEFFBH2;ZV2\u200B;01-03-2024;10,00') });
    expect([...r.rejects]).toEqual([]);
    expect(r.inputs[2].rowsAccepted).toBe(3);
  });

  it.each([
    ['a no-break space', 'D1\u00A0'],
    ['a zero-width space', 'D1\u200B'],
    ['a BOM', 'D1\uFEFF'],
    ['full-width digits', 'D\uFF11'],
  ])('refuses the same declaration with its id followed by %s as DUPLICATE_ID', async (_what, id) => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, 'D1;BH1;ZV1;01-03-2024;10,00', `${id};BH1;ZV1;01-03-2024;10,00`) });
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([[3, 'declaratie_id', 'DUPLICATE_ID']]);
    expect([...r.rejects][0].value).toBe(id);
  });

  it('refuses look-alike duplicates across the two ranges of a file read in parallel, as one read does', async () => {
    const rows = Array.from({ length: 2400 }, (_, i) => `D${String(i).padStart(5, '0')};BH1;ZV1;01-03-2024;10,00`);
    // Copies of early ids late in the file: one otherwise fine, one with a second problem (unknown holder).
    rows.push('D00001\u00A0;BH1;ZV1;01-03-2024;10,00', 'D00002\u200B;BH9;ZV1;01-03-2024;10,00', 'D\uFF10\uFF10\uFF10\uFF10\uFF13;BH1;ZV1;01-03-2024;10,00');
    const text = declarations(HEADER, ...rows);
    const one = await ingestTexts({ declaraties: text });
    let split = 0;
    const two = await ingestTexts({ declaraties: text }, { parallelMinBytes: 1, onSplit: (s) => (split = s.line) });
    expect(split).toBeGreaterThan(2);
    const expected = [
      [2402, 'declaratie_id', 'DUPLICATE_ID'],
      [2403, 'budgethouder_id', 'UNKNOWN_HOLDER'],
      [2403, 'declaratie_id', 'DUPLICATE_ID'],
      [2404, 'declaratie_id', 'DUPLICATE_ID'],
    ];
    expect(rejectsOf(one, 'declaraties.csv')).toEqual(expected);
    expect([...two.rejects]).toEqual([...one.rejects]);
    expect([...two.rejects].map((x) => x.value)).toEqual(['D00001\u00A0', 'BH9', 'D00002\u200B', 'D\uFF10\uFF10\uFF10\uFF10\uFF13']);
  });

  it('compares address and IBAN keys normalised too', async () => {
    const r = await ingestTexts({
      budgethouders: 'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start;adres_sleutel\nBH1;GM0363;wmo;begeleid_wonen;1,00;01-01-2024;A1\nBH2;GM0363;wmo;begeleid_wonen;1,00;01-01-2024;A1\u00A0\n',
      zorgverleners: 'zorgverlener_id;soort;iban_sleutel\nZV1;zzp;\uFF291\nZV2;zzp;I1\u200B\n',
    });
    expect(r.data.holders.map((h) => h.adresSleutel)).toEqual(['A1', 'A1']);
    expect(r.data.providers.map((p) => p.ibanSleutel)).toEqual(['I1', 'I1']);
  });

  it('refuses duplicate holders and providers written with look-alike padding', async () => {
    const r = await ingestTexts({
      budgethouders: 'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start\nBH1;GM0363;wmo;begeleid_wonen;1,00;01-01-2024\nBH1\u200B;GM0363;wmo;begeleid_wonen;1,00;01-01-2024\n',
      zorgverleners: 'zorgverlener_id;soort\nZV1;zzp\n\uFF3A\uFF36\uFF11;zzp\n',
    });
    expect(rejectsOf(r, 'budgethouders.csv')).toEqual([[3, 'budgethouder_id', 'DUPLICATE_ID']]);
    expect(rejectsOf(r, 'zorgverleners.csv')).toEqual([[3, 'zorgverlener_id', 'DUPLICATE_ID']]);
  });

  it('rejects an id with a control character as ID_CONTROL_CHARACTER, in every file and id column', async () => {
    const r = await ingestTexts({
      budgethouders: 'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start;adres_sleutel\nBH1;GM0363;wmo;begeleid_wonen;1,00;01-01-2024;A1\nBH2;GM0363;wmo;begeleid_wonen;1,00;01-01-2024;A\u007F2\n',
      zorgverleners: 'zorgverlener_id;soort\nZV1;zzp\nZV\u00002;zzp\n',
      declaraties: declarations(HEADER + ';zorgovereenkomst_id', 'D\u00001;BH1;ZV1;01-03-2024;10,00;', 'D2;BH1;ZV1;01-03-2024;10,00;C\u00011', 'D3;BH1;ZV1;01-03-2024;10,00;C1'),
    });
    expect(rejectsOf(r, 'budgethouders.csv')).toEqual([[3, 'adres_sleutel', 'ID_CONTROL_CHARACTER']]);
    expect(rejectsOf(r, 'zorgverleners.csv')).toEqual([[3, 'zorgverlener_id', 'ID_CONTROL_CHARACTER']]);
    expect(rejectsOf(r, 'declaraties.csv')).toEqual([
      [2, 'declaratie_id', 'ID_CONTROL_CHARACTER'],
      [3, 'zorgovereenkomst_id', 'ID_CONTROL_CHARACTER'],
    ]);
    const nul = [...r.rejects].find((x) => x.file === 'declaraties.csv' && x.line === 2)!;
    expect(nul.message).toBe("declaratie_id: an id may not hold control characters, got U+0000 in 'D\\u00001'");
    expect(nul.value).toBe('D\u00001');
  });
});
