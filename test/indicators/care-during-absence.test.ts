import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/care-during-absence.js';
import { missingRequirement } from '../../src/pipeline.js';
import { A, withAbsences, type AbsenceSpec } from '../support/absences.js';
import { D, daily, makeDataset, period, runRule, type FixtureSpec } from '../support/indicator.js';
import { readdirSync, readFileSync } from 'node:fs';
import { runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';
import { expectOrderFree } from '../support/order.js';

const base: FixtureSpec = {
  holders: [{ id: 'H-1' }, { id: 'H-2' }, { id: 'H-3' }, { id: 'H-4' }, { id: 'H-5' }],
  providers: [{ id: 'P-A' }, { id: 'P-B' }],
  declarations: [
    // H-1, detained 2025-03-10 to 2025-03-20: care on the 12th by P-A and the 15th by P-B is inside;
    // the day of detention (10th) and of return (20th) are normal days of care.
    daily('D-1', 'H-1', 'P-A', '2025-03-10'),
    daily('D-2', 'H-1', 'P-A', '2025-03-12', 120),
    daily('D-3', 'H-1', 'P-B', '2025-03-15', 80),
    daily('D-4', 'H-1', 'P-A', '2025-03-20'),
    // H-2, in hospital 2025-03-10 to 2025-04-05: March as a month only partly overlaps (the look-alike);
    // H-2's care in the days after discharge is normal.
    period('D-5', 'H-2', 'P-A', '2025-03-01', '2025-03-31', 3000),
    daily('D-6', 'H-2', 'P-A', '2025-04-06'),
    // H-3, a GGZ admission from 2025-02-01 to 2025-05-15: March as a period lies wholly inside.
    period('D-7', 'H-3', 'P-A', '2025-03-01', '2025-03-31', 2500),
    // H-4, moved away on 2025-03-01 with no end: care after the move, also months later.
    daily('D-8', 'H-4', 'P-B', '2025-03-01'),
    daily('D-9', 'H-4', 'P-B', '2025-06-02', 90),
    // H-5, an absence of kind overig (a holiday with the carer along): never counts.
    daily('D-10', 'H-5', 'P-A', '2025-03-12'),
  ],
};

const absences: AbsenceSpec[] = [
  { holder: 'H-1', soort: 'detentie', van: '2025-03-10', tot: '2025-03-20' },
  { holder: 'H-2', soort: 'ziekenhuisopname', van: '2025-03-10', tot: '2025-04-05' },
  { holder: 'H-3', soort: 'ggz-opname', van: '2025-02-01', tot: '2025-05-15' },
  { holder: 'H-4', soort: 'verhuisd', van: '2025-03-01' },
  { holder: 'H-5', soort: 'overig', van: '2025-03-01', tot: '2025-03-31' },
];

const build = (spec: FixtureSpec) => withAbsences(makeDataset(spec), absences);

describe('care-during-absence', () => {
  it('flags care strictly inside an absence, one signal per declaring provider, citing the absence row', () => {
    const { signals, stats } = runRule(ind, build(base));
    expect(signals.map((s) => [s.key, s.provider, s.observed])).toEqual([
      ['care-during-absence:duringAbsence:budgethouder=H-1:zorgverlener_id=P-A', 'P-A', { perioden: 1, afwezig_van: '2025-03-10', afwezig_tot: '2025-03-20', declarations: 1, first_day: '2025-03-12', last_day: '2025-03-12' }],
      ['care-during-absence:duringAbsence:budgethouder=H-1:zorgverlener_id=P-B', 'P-B', { perioden: 1, afwezig_van: '2025-03-10', afwezig_tot: '2025-03-20', declarations: 1, first_day: '2025-03-15', last_day: '2025-03-15' }],
      ['care-during-absence:duringAbsence:budgethouder=H-3:zorgverlener_id=P-A', 'P-A', { perioden: 1, afwezig_van: '2025-02-01', afwezig_tot: '2025-05-15', declarations: 1, first_day: '2025-03-01', last_day: '2025-03-31' }],
      ['care-during-absence:duringAbsence:budgethouder=H-4:zorgverlener_id=P-B', 'P-B', { perioden: 1, afwezig_van: '2025-03-01', afwezig_tot: '…', declarations: 1, first_day: '2025-06-02', last_day: '2025-06-02' }],
    ]);
    const [a, b] = signals;
    expect([a.amount, a.evidence]).toEqual([120, [{ file: A, line: 2, id: 'H-1' }, { file: D, line: 3, id: 'D-2' }]]);
    expect([b.amount, b.evidence]).toEqual([80, [{ file: A, line: 2, id: 'H-1' }, { file: D, line: 4, id: 'D-3' }]]);
    expect(signals.every((s) => s.holders.length === 1 && s.strength === 1)).toBe(true);
    expect(stats).toEqual({ holders_away: 4, holders_with_care_during_absence: 3 });
  });

  it('never names the kind of absence in observed values or messages (GDPR art. 9 and 10)', () => {
    const { signals } = runRule(ind, build(base));
    const kinds = /ziekenhuis|ggz|wlz|detentie|verhuisd|buitenland|overig/i;
    for (const s of signals) expect(JSON.stringify([s.observed, s.threshold])).not.toMatch(kinds);
    expect(JSON.stringify(ind.messages)).not.toMatch(kinds);
  });

  it('near miss: graceDays 2 tolerates care two days after leaving, not five days after', () => {
    const { signals } = runRule(ind, build(base), { graceDays: 2 });
    // D-2 (12th, two days after the 10th) is tolerated; D-3 (15th) is still inside 12th .. 18th.
    expect(signals.map((s) => s.key)).toEqual([
      'care-during-absence:duringAbsence:budgethouder=H-1:zorgverlener_id=P-B',
      'care-during-absence:duringAbsence:budgethouder=H-3:zorgverlener_id=P-A',
      'care-during-absence:duringAbsence:budgethouder=H-4:zorgverlener_id=P-B',
    ]);
  });

  it('gathers two absences with care by one provider into one signal naming both periods', () => {
    const spec: FixtureSpec = {
      holders: [{ id: 'H-1' }],
      providers: [{ id: 'P-A' }],
      declarations: [daily('D-1', 'H-1', 'P-A', '2025-01-05'), daily('D-2', 'H-1', 'P-A', '2025-06-05'), daily('D-3', 'H-1', 'P-A', '2025-03-01')],
    };
    const ds = withAbsences(makeDataset(spec), [
      { holder: 'H-1', soort: 'buitenland', van: '2025-06-01', tot: '2025-06-30' },
      { holder: 'H-1', soort: 'wlz-opname', van: '2025-01-01', tot: '2025-01-31' },
    ]);
    const [s, ...rest] = runRule(ind, ds).signals;
    expect(rest).toEqual([]);
    expect(s.observed).toEqual({ perioden: 2, afwezig_van: '2025-01-01', afwezig_tot: '2025-06-30', declarations: 2, first_day: '2025-01-05', last_day: '2025-06-05' });
    expect(s.evidence).toEqual([
      { file: A, line: 2, id: 'H-1' },
      { file: A, line: 3, id: 'H-1' },
      { file: D, line: 2, id: 'D-1' },
      { file: D, line: 3, id: 'D-2' },
    ]);
  });

  it('is not applicable without afwezigheden.csv', () => {
    expect(missingRequirement(ind, makeDataset(base))).toEqual({ kind: 'file-missing', file: 'afwezigheden' });
    expect(missingRequirement(ind, build(base))).toBeNull();
  });

  it('gives the same findings whatever the order of the rows', () => {
    expectOrderFree(ind, base, { build });
  });

  it('a scan names the absence only by its dates in every output; the kind stays in the input', async () => {
    const dir = smallExport(tempDir());
    // BH3 detained from 1 to 10 March: D4 (4th) and D5 (5th) by ZV-OK fall inside.
    writeFiles(dir, { 'afwezigheden.csv': 'budgethouder_id,soort,van,tot\nBH3,detentie,2025-03-01,2025-03-10\n' });
    const out = `${dir}/uit`;
    const r = await runCli(['scan', dir, '--out', out, '--log-level', 'silent']);
    expect(r.code, r.stderr).toBe(0);
    const texts = readdirSync(out).map((f) => readFileSync(`${out}/${f}`, 'utf8'));
    expect(texts.join('\n')).toContain('care-during-absence:duringAbsence:budgethouder=BH3:zorgverlener_id=ZV-OK');
    for (const text of [...texts, r.stdout, r.stderr]) expect(text).not.toMatch(/detentie|detention/i);
    const report = readFileSync(`${out}/report.md`, 'utf8');
    expect(report).toContain('afwezig: opname of verblijf elders, 1 periode(s) tussen 01-03-2025 en 10-03-2025');
  });
});
