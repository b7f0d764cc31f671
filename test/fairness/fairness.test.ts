import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageBand, fairness, type FairnessDimension } from '../../src/fairness/fairness.js';
import { fairnessCsv } from '../../src/fairness/fairness-csv.js';
import { fairnessSection } from '../../src/fairness/fairness-section.js';
import { fairnessView } from '../../src/fairness/fairness-view.js';
import type { ScoreResult } from '../../src/score/score.js';
import { makeDataset, type HolderSpec, type ProviderSpec } from '../support/fixture.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

const id = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Only who is listed matters to fairness: the rankings' ids. */
function listed(holders: string[], providers: string[]): ScoreResult {
  return { holders: holders.map((holderId) => ({ holderId })), providers: providers.map((providerId) => ({ providerId })), signals: [] } as unknown as ScoreResult;
}

function birthYear(i: number): number | null {
  if (i > 30) return null;
  return { 1: 2008, 2: 2007, 3: 1999, 4: 1998, 5: 1961, 6: 1960 }[i] ?? 1980;
}

// 60 holders: H01-H40 in GM0001, H41-H60 in GM0002; H41-H59 jeugdwet (19), the rest wmo; beschermd_wonen for
// H01-H03, H41-H45 and H10-H21 (20), the rest begeleid_wonen; geboortejaar for H01-H30 only.
const holders: HolderSpec[] = range(1, 60).map((i) => ({
  id: id('H', i),
  gemeenteCode: i <= 40 ? 'GM0001' : 'GM0002',
  wet: i >= 41 && i <= 59 ? 'jeugdwet' : 'wmo',
  voorziening: i <= 3 || (i >= 41 && i <= 45) || (i >= 10 && i <= 21) ? 'beschermd_wonen' : 'begeleid_wonen',
  geboortejaar: birthYear(i),
}));
// 25 providers: P01-P20 instelling, P21-P25 zzp.
const providers: ProviderSpec[] = range(1, 25).map((i) => ({ id: id('P', i), soort: i <= 20 ? 'instelling' : 'zzp' }));
const ds = makeDataset({ holders, providers, declarations: [], asOf: '2025-06-30' });
// Listed: H01-H03 and H41-H49 (12 of 60, 0.2); flagged: P01, P02, P21-P23 (5 of 25, 0.2).
const scored = listed([...range(1, 3), ...range(41, 49)].map((i) => id('H', i)), ['P01', 'P02', 'P21', 'P22', 'P23']);

const dim = (dims: FairnessDimension[], name: string) => dims.find((d) => d.id === name)!;
const rows = (d: FairnessDimension) => d.groups.map((g) => [g.group, g.members, g.listed, g.review]);

describe('fairness per group', () => {
  const result = fairness(ds, scored);

  it('counts members and listed per gemeente, and marks a group above twice the overall share with 20 members', () => {
    const d = dim(result.dimensions, 'gemeente_code');
    expect([d.members, d.listed, d.share]).toEqual([60, 12, 0.2]);
    // GM0002: 9 of 20 = 0.45 > 0.4, and 20 members.
    expect(rows(d)).toEqual([
      ['GM0001', 40, 3, false],
      ['GM0002', 20, 9, true],
    ]);
    expect(d.groups[1].ratio).toBeCloseTo(2.25, 10);
    expect(d.groups[0].ratio).toBeCloseTo(0.375, 10);
  });

  it('does not mark a high share of 19 members, nor a share of exactly twice the overall', () => {
    // jeugdwet: 9 of 19 = 0.47, but 19 members.
    expect(rows(dim(result.dimensions, 'wet'))).toEqual([
      ['wmo', 41, 3, false],
      ['jeugdwet', 19, 9, false],
    ]);
    // beschermd_wonen: H01-H03 and H41-H45 listed = 8 of 20 = 0.4, exactly 2 x 0.2.
    expect(rows(dim(result.dimensions, 'voorziening'))).toEqual([
      ['beschermd_wonen', 20, 8, false],
      ['begeleid_wonen', 40, 4, false],
    ]);
  });

  it('bands ages from geboortejaar at the as-of year, holders without one as onbekend', () => {
    expect([ageBand(2008, 2025), ageBand(2007, 2025), ageBand(1999, 2025), ageBand(1998, 2025), ageBand(1961, 2025), ageBand(1960, 2025)]).toEqual([
      '0-17',
      '18-26',
      '18-26',
      '27-44',
      '45-64',
      '65+',
    ]);
    expect(rows(dim(result.dimensions, 'leeftijd'))).toEqual([
      ['0-17', 1, 1, false],
      ['18-26', 2, 2, false],
      ['27-44', 1, 0, false],
      ['45-64', 25, 0, false],
      ['65+', 1, 0, false],
      ['onbekend', 30, 9, false],
    ]);
  });

  it('counts providers by soort, flagged = with a signal', () => {
    const d = dim(result.dimensions, 'soort');
    expect([d.entity, d.members, d.listed]).toEqual(['zorgverlener', 25, 5]);
    // zzp: 3 of 5 = 0.6 is three times the overall, but 5 members.
    expect(rows(d)).toEqual([
      ['instelling', 20, 2, false],
      ['zzp', 5, 3, false],
    ]);
  });

  it('writes fairness.csv: a row for everyone, then the groups, in a fixed order', () => {
    const csv = [...fairnessCsv(result)].join('');
    expect(csv.split('\n').slice(0, 4)).toEqual([
      'dimension,entity,available,group,members,listed,share,ratio,review',
      'gemeente_code,budgethouder,true,,60,12,0.2000,1.00,false',
      'gemeente_code,budgethouder,true,GM0001,40,3,0.0750,0.38,false',
      'gemeente_code,budgethouder,true,GM0002,20,9,0.4500,2.25,true',
    ]);
    expect(csv).toContain('\nleeftijd,budgethouder,true,onbekend,30,9,0.3000,1.50,false\n');
    expect(csv).toContain('\nsoort,zorgverlener,true,zzp,5,3,0.6000,3.00,false\n');
    // Same inputs in another row order: the same file.
    const reversed = makeDataset({ holders: [...holders].reverse(), providers: [...providers].reverse(), declarations: [], asOf: '2025-06-30' });
    expect([...fairnessCsv(fairness(reversed, scored))].join('')).toBe(csv);
  });

  it('lists a dimension whose column is missing as not available, and leaves the ratio empty when nobody is listed', () => {
    const bare = makeDataset({ holders: holders.map((h) => ({ ...h, geboortejaar: null })), providers, declarations: [], asOf: '2025-06-30' });
    const r = fairness(bare, listed([], []));
    expect(dim(r.dimensions, 'leeftijd')).toMatchObject({ available: false, groups: [] });
    const csv = [...fairnessCsv(r)].join('');
    expect(csv).toContain('\nleeftijd,budgethouder,false,,,,,,\n');
    expect(csv).toContain('\nwet,budgethouder,true,wmo,41,0,0.0000,,false\n');
    const md = fairnessSection(fairnessView(r, 'nl'), 'nl').join('\n');
    expect(md).toContain('Niet beschikbaar: kolom geboortejaar ontbreekt in budgethouders.csv of is overal leeg.');
  });

  it('renders a table per dimension in report.md, marking the group to review, in both languages', () => {
    const nl = fairnessSection(fairnessView(result, 'nl'), 'nl').join('\n');
    expect(nl).toContain('| GM0002 | 20 | 9 | 45% | 2,25 | **ja, indicatoren herzien** |');
    expect(nl).toContain('| onbekend geboortejaar | 30 | 9 | 30% | 1,5 |  |');
    expect(nl).toMatch(/Beschermde gronden .* kunnen hier niet worden gemeten: de scan weigert/);
    const en = fairnessSection(fairnessView(result, 'en'), 'en').join('\n');
    expect(en).toContain('| GM0002 | 20 | 9 | 45% | 2.25 | **yes, review the indicators** |');
    expect(en).toMatch(/Protected grounds .* cannot be measured here: the scan refuses/);
  });
});

describe('fairness in report.md for a national export', () => {
  it('shows only the marked gemeenten when there are more than 30, and says where the rest are', () => {
    // 40 gemeenten of 20 holders each; in GM0007 10 are listed, elsewhere 1 (overall 49 of 800).
    const many: HolderSpec[] = range(1, 40).flatMap((g) => range(1, 20).map((i) => ({ id: `H${g}-${i}`, gemeenteCode: `GM${String(g).padStart(4, '0')}` })));
    const marked = many.filter((h) => (h.gemeenteCode === 'GM0007' ? Number(h.id.split('-')[1]) <= 10 : h.id.endsWith('-1')));
    const r = fairness(makeDataset({ holders: many, providers, declarations: [], asOf: '2025-06-30' }), listed(marked.map((h) => h.id), []));
    expect(dim(r.dimensions, 'gemeente_code').groups.filter((g) => g.review).map((g) => g.group)).toEqual(['GM0007']);
    const md = fairnessSection(fairnessView(r, 'nl'), 'nl').join('\n');
    const table = md.slice(md.indexOf('### Budgethouders per gemeente'), md.indexOf('### Budgethouders per wet'));
    expect(table.match(/^\| GM\d{4} /gm)).toEqual(['| GM0007 ']);
    expect(table).toContain('De overige 39 groep(en), geen ervan gemarkeerd, staan in fairness.csv.');
    expect([...fairnessCsv(r)].join('').match(/^gemeente_code,budgethouder,true,GM/gm)).toHaveLength(40);
  });
});

describe('fairness in a scan', () => {
  it('writes fairness.csv into --out and the section into report.md (English with --taal en)', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', smallExport(tempDir()), '--out', out, '--taal', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(out, 'fairness.csv'), 'utf8');
    // smallExport: 3 holders in GM0363, BH1 and BH2 of concern; no geboortejaar column.
    expect(csv).toContain('\ngemeente_code,budgethouder,true,GM0363,3,2,0.6667,1.00,false\n');
    expect(csv).toContain('\nleeftijd,budgethouder,false,,,,,,\n');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('## Fairness: who ends up on the lists');
    expect(report).toContain('Not available: column geboortejaar is missing from budgethouders.csv or empty everywhere.');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { name: string }[] };
    expect(manifest.outputs.map((o) => o.name)).toContain('fairness.csv');
  });
});
