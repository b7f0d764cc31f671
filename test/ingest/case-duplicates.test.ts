import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/schema.js';
import { buildManifest } from '../../src/manifest/manifest.js';
import { analyse, renderOutputs } from '../../src/pipeline.js';
import { possibleDuplicateIds } from '../../src/ingest/case-duplicates.js';
import type { IngestedData } from '../../src/model/dataset.js';
import { PackedTextColumn } from '../../src/model/text-columns.js';
import { declarations, ingestTexts } from './helpers.js';

const HOLDERS = [
  'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start',
  'BH1a;GM0363;wmo;begeleid_wonen;20.000,00;01-01-2024',
  'BH2;GM0363;wlz;beschermd_wonen;35.500,50;01-01-2024',
  'BH1A;GM0363;wmo;begeleid_wonen;20.000,00;01-01-2024',
].join('\n') + '\n';
const HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag';

describe("possible duplicate ids (letter case only)", () => {
  it('reports ids of holders and declarations that differ only in case, keeping both rows', async () => {
    const r = await ingestTexts({
      budgethouders: HOLDERS,
      declaraties: declarations(HEADER, 'D1;BH1a;ZV1;01-03-2024;10,00', 'd1;BH1A;ZV1;01-03-2024;10,00', 'D2;BH2;ZV2;01-03-2024;10,00'),
    });
    expect([...r.rejects]).toEqual([]);
    expect(r.inputs.map((i) => i.rowsAccepted)).toEqual([3, 2, 3]);
    const found = possibleDuplicateIds(r.data);
    expect(found).toEqual({
      total: 2,
      groups: [
        { file: 'budgethouders.csv', column: 'budgethouder_id', ids: ['BH1a', 'BH1A'], lines: [2, 4] },
        { file: 'declaraties.csv', column: 'declaratie_id', ids: ['D1', 'd1'], lines: [2, 3] },
      ],
    });

    const run = analyse(r, { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
    const files = renderOutputs(run, { name: 'pgb-scan', version: '0', node: 'v20' });
    const report = [...files.find((f) => f.name === 'report.md')!.chunks].join('');
    expect(report).toContain("## Mogelijke dubbele id's");
    expect(report).toContain('| budgethouders.csv | budgethouder_id | BH1a (r. 2), BH1A (r. 4) |');
    expect(report).toContain('| declaraties.csv | declaratie_id | D1 (r. 2), d1 (r. 3) |');
    const manifest = JSON.parse(buildManifest(run, [], { name: 'pgb-scan', version: '0', node: 'v20' }));
    expect(manifest.possibleDuplicateIds.total).toBe(2);
  });

  it('finds none, and writes no section, when ids differ in more than case', async () => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, 'D1;BH1;ZV1;01-03-2024;10,00', 'd2;BH1;ZV1;01-03-2024;10,00', 'É1;BH1;ZV1;01-03-2024;10,00', 'é2;BH1;ZV1;01-03-2024;10,00') });
    expect(possibleDuplicateIds(r.data)).toEqual({ total: 0, groups: [] });
    const run = analyse(r, { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
    expect([...renderOutputs(run, { name: 'pgb-scan', version: '0', node: 'v20' }).find((f) => f.name === 'report.md')!.chunks].join('')).not.toContain('dubbele');
  });

  it('finds non-ASCII ids that differ only in case', async () => {
    const r = await ingestTexts({ declaraties: declarations(HEADER, 'É1;BH1;ZV1;01-03-2024;10,00', 'é1;BH1;ZV1;01-03-2024;10,00') });
    expect(possibleDuplicateIds(r.data).groups.map((g) => g.ids)).toEqual([['É1', 'é1']]);
  });
});

describe('possible duplicate ids, the quick test of a column', () => {
  // The declaration ids as the table packs them, at every alignment of the buffer (the quick test reads
  // four bytes at a time), against grouping every id by its lower case.
  const packed = (ids: string[], shift: number) => {
    const parts = ids.map((id) => Buffer.from(id));
    const all = new Uint8Array(shift + parts.reduce((n, p) => n + p.length, 0));
    const offsets = new Uint32Array(ids.length + 1);
    let at = 0;
    parts.forEach((p, i) => {
      all.set(p, shift + at);
      at += p.length;
      offsets[i + 1] = at;
    });
    return new PackedTextColumn(all.subarray(shift), offsets);
  };
  const dataOf = (declarationIds: string[], holderIds: string[], shift: number) =>
    ({
      files: { budgethouders: 'budgethouders.csv', zorgverleners: null, declaraties: 'declaraties.csv', zorgovereenkomsten: null },
      holders: holderIds.map((id, i) => ({ id, line: i + 2 })),
      providers: [],
      contracts: null,
      declarations: { id: packed(declarationIds, shift), line: Int32Array.from(declarationIds, (_, i) => i + 2) },
    }) as unknown as IngestedData;
  const expected = (file: string, column: string, ids: string[]) => {
    const byKey = new Map<string, { ids: string[]; lines: number[] }>();
    ids.forEach((id, i) => {
      const g = byKey.get(id.toLowerCase()) ?? { ids: [], lines: [] };
      g.ids.push(id);
      g.lines.push(i + 2);
      byKey.set(id.toLowerCase(), g);
    });
    return [...byKey.values()].filter((g) => g.ids.length > 1).map((g) => ({ file, column, ...g }));
  };

  it('finds what grouping by lower case finds, for ids of letters, digits and the punctuation beside them', () => {
    // Ids from a few stems, each letter's case flipped at random, so that ids differing in case only are common.
    const stem = fc.constantFrom('é1', 'ééé12', 'a0_z', 'za@', 'zz9~zzqq', 'é-a', '\u212A1', 'k1', 'AZ`0', '0000', 'x');
    const flip = (s: string, bits: number) => [...s].map((c, i) => ((bits >> i) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
    const id = fc.tuple(stem, fc.nat(255)).map(([s, bits]) => flip(s, bits));
    fc.assert(
      // Ids are unique in a column: ingest rejects a repeated one.
      fc.property(fc.uniqueArray(id, { maxLength: 30 }), fc.uniqueArray(id, { maxLength: 10 }), fc.integer({ min: 0, max: 3 }), (declarationIds, holderIds, shift) => {
        const found = possibleDuplicateIds(dataOf(declarationIds, holderIds, shift));
        const want = [...expected('budgethouders.csv', 'budgethouder_id', holderIds), ...expected('declaraties.csv', 'declaratie_id', declarationIds)];
        expect(found).toEqual({ total: want.length, groups: want });
      }),
      { numRuns: 300 },
    );
  });

  it('reads no further than a column of capitals and digits, with punctuation of either range', () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `D_${String(i).padStart(5, '0')}@`);
    expect(possibleDuplicateIds(dataOf(ids, ['BH1', 'BH2'], 1))).toEqual({ total: 0, groups: [] });
    // Letters beyond ASCII in whole words: their bytes look like neither case to the quick test.
    expect(possibleDuplicateIds(dataOf(['ÉÉÉ12', '00001', 'ééé12'], [], 0)).groups.map((g) => g.ids)).toEqual([['ÉÉÉ12', 'ééé12']]);
    // One lower-case id at the very end, past the last full word.
    expect(possibleDuplicateIds(dataOf([...ids, 'd_00007@'], ['BH1', 'bh1'], 3)).groups.map((g) => g.ids)).toEqual([['BH1', 'bh1'], ['D_00007@', 'd_00007@']]);
  });
});
