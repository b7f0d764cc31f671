import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/schema.js';
import { buildManifest } from '../../src/manifest/manifest.js';
import { analyse, renderOutputs } from '../../src/pipeline.js';
import { possibleDuplicateIds } from '../../src/ingest/case-duplicates.js';
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
