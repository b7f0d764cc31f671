import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import { HOLDERS, ingestTexts, rejectsOf } from '../ingest/helpers.js';
import { runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';

const day = (s: string) => parseIsoDay(s)!;
const HEADER = 'budgethouder_id;soort;van;tot';

describe('afwezigheden.csv', () => {
  it('reads absences per holder, sorted; rejects bad rows; counts holders outside the export as unmatched', async () => {
    const r = await ingestTexts({
      budgethouders: HOLDERS + 'BH3;GM0363;wmo;begeleid_wonen;-1;01-01-2024\n',
      afwezigheden: [
        'Budgethouder ID;Soort;Van;Tot',
        'BH1;Ziekenhuisopname;10-03-2024;20-03-2024', // line 2
        'BH1;detentie;01-02-2024;', // 3: not ended
        'BH2;verhuisd;01-05-2024;30-04-2024', // 4: PERIOD_ORDER
        'BH2;vakantie;01-05-2024;', // 5: INVALID_ENUM
        'BH2;overig;;', // 6: REQUIRED_MISSING
        'BH7;wlz-opname;01-01-2024;', // 7: another municipality's holder
        'BH3;ggz-opname;01-01-2024;', // 8: the holder's own row was rejected
        'BH2;buitenland;01-06-2024;15-06-2024', // 9
      ].join('\n') + '\n',
    });
    expect(rejectsOf(r, 'afwezigheden.csv')).toEqual([
      [4, 'tot', 'PERIOD_ORDER'],
      [5, 'soort', 'INVALID_ENUM'],
      [6, 'van', 'REQUIRED_MISSING'],
      [8, 'budgethouder_id', 'UNKNOWN_HOLDER'],
    ]);
    const input = r.inputs.find((i) => i.kind === 'afwezigheden')!;
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected, input.rowsUnmatched]).toEqual([8, 3, 4, 1]);
    const ds = buildDataset(r.data, day('2024-12-31'));
    expect(ds.absencesByHolder).toEqual([
      [
        { line: 3, holder: 0, soort: 'detentie', van: day('2024-02-01'), tot: null },
        { line: 2, holder: 0, soort: 'ziekenhuisopname', van: day('2024-03-10'), tot: day('2024-03-20') },
      ],
      [{ line: 9, holder: 1, soort: 'buitenland', van: day('2024-06-01'), tot: day('2024-06-15') }],
    ]);
  });

  it('is optional: without it the dataset has no absences', async () => {
    const r = await ingestTexts({});
    expect(r.data.absences).toBeNull();
    expect(buildDataset(r.data, day('2024-12-31')).absencesByHolder).toEqual([[], []]);
  });

  it('unmatched rows do not count toward --max-reject-rate; rejected ones do', async () => {
    const dir = smallExport(tempDir());
    const away = (rows: string[]) => writeFiles(dir, { 'afwezigheden.csv': [HEADER, ...rows].join('\n') + '\n' });
    away(['BH1;ziekenhuisopname;2025-03-01;2025-03-02', ...Array.from({ length: 9 }, (_, i) => `ELDERS${i};verhuisd;2025-01-01;`)]);
    const ok = await runCli(['scan', dir, '--out', `${dir}/uit`, '--max-reject-rate', '0', '--log-level', 'silent']);
    expect(ok.code, ok.stderr).toBe(0);
    const manifest = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${dir}/uit/manifest.json`, 'utf8')));
    expect(manifest.inputs.find((i: { kind: string }) => i.kind === 'afwezigheden')).toMatchObject({ rowsRead: 10, rowsAccepted: 1, rowsRejected: 0, rowsUnmatched: 9 });
    const report = await import('node:fs').then((fs) => fs.readFileSync(`${dir}/uit/report.md`, 'utf8'));
    expect(report).toContain('afwezigheden.csv: 9 regel(s) over budgethouders die niet in deze export staan');

    away(['BH1;ziekenhuisopname;2025-03-02;2025-03-01', ...Array.from({ length: 9 }, (_, i) => `ELDERS${i};verhuisd;2025-01-01;`)]);
    const bad = await runCli(['scan', dir, '--out', `${dir}/uit2`, '--max-reject-rate', '0.5', '--log-level', 'silent']);
    // One rejected row of the one row about this export's holders: 100%, not 10%.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('afwezigheden.csv: 1 of 1 rows rejected (100.0%)');
  });
});
