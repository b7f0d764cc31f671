import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/bulk-submission.js';
import { missingRequirement } from '../../src/pipeline.js';
import { WORDING } from '../../src/report/wording.js';
import { D, makeDataset, runRule, type DeclarationSpec, type ProviderSpec } from '../support/indicator.js';

const MONTHS = ['2024-02', '2024-03', '2024-04', '2024-05'];

/**
 * Declarations of `holders` holders (H-<provider>-1..n) with one provider: one per holder per month, submitted
 * on the 3rd at 21:14 in the months listed in `together`, at the holder's own minute in the others.
 */
function provider(id: string, holders: number, together: string[], extra: Partial<ProviderSpec> = {}) {
  const hs = Array.from({ length: holders }, (_, i) => ({ id: `H-${id}-${i + 1}` }));
  const declarations: DeclarationSpec[] = [];
  for (const month of MONTHS)
    hs.forEach((h, i) =>
      declarations.push({
        id: `${h.id}-${month}`,
        holder: h.id,
        provider: id,
        zorgdatum: `${month}-01`,
        bedrag: 100,
        ingediendOp: together.includes(month) ? `${month}-03 21:14` : `${month}-0${4 + (i % 5)} ${String(8 + i).padStart(2, '0')}:${String(i).padStart(2, '0')}`,
      }),
    );
  return { holders: hs, provider: { id, ...extra }, declarations };
}

function spec(...parts: ReturnType<typeof provider>[]) {
  return {
    holders: parts.flatMap((p) => p.holders),
    providers: parts.map((p) => p.provider),
    declarations: parts.flatMap((p) => p.declarations),
  };
}

describe('bulk-submission', () => {
  it('flags a carer whose declarations for 9 holders share a minute in 3 months, citing those rows', () => {
    const data = spec(provider('P-BULK', 9, ['2024-02', '2024-03', '2024-05']));
    const [s, ...rest] = runRule(ind, data).signals;
    expect(rest).toEqual([]);
    expect(s.key).toBe('bulk-submission:bulk:provider=P-BULK');
    expect(s.observed).toEqual({ occasions: 3, max_moment: '2024-02-03 21:14', max_holders: 9 });
    expect(s.holders).toHaveLength(9);
    // 9 holders x 3 months; the month submitted one by one (April, rows 20-28) is not evidence.
    expect(s.evidence).toHaveLength(27);
    expect(s.evidence[0]).toEqual({ file: D, line: 2, id: 'H-P-BULK-1-2024-02' });
    expect(s.evidence.some((e) => e.id.endsWith('2024-04'))).toBe(false);
    expect(s.amount).toBe(2700);
  });

  it('a self-employed carer registered for twenty years is one person all the same', () => {
    const data = spec(provider('P-OLD', 9, MONTHS.slice(0, 3), { soort: 'zzp', kvkStartdatum: '2004-01-01', agbCode: '12345678' }));
    expect(runRule(ind, data).signals.map((s) => s.entity.id)).toEqual(['P-OLD']);
  });

  it('stays quiet for 7 holders in one minute, for 2 occasions, and for one holder submitting twice', () => {
    const seven = provider('P-SEVEN', 7, MONTHS.slice(0, 3));
    const twice = provider('P-TWICE', 9, MONTHS.slice(0, 2));
    // Holder 1 of P-DOUBLE submits a second declaration in the shared minute, standing in for an absent 8th holder.
    const double = provider('P-DOUBLE', 8, MONTHS.slice(0, 3));
    double.declarations = double.declarations.map((d) => (d.holder === 'H-P-DOUBLE-8' ? { ...d, holder: 'H-P-DOUBLE-1' } : d));
    expect(runRule(ind, spec(seven, twice, double)).signals).toEqual([]);
    // The same data at a lower threshold does fire: the near misses are near.
    expect(runRule(ind, spec(seven, twice, double), { minHolders: 7, minOccasions: 2 }).signals.map((s) => s.entity.id)).toEqual([
      'P-DOUBLE',
      'P-SEVEN',
      'P-TWICE',
    ]);
  });

  it('leaves out corrections: a batch of negative amounts is the administration\'s, not a DigiD', () => {
    const p = provider('P-CORR', 9, MONTHS.slice(0, 3));
    p.declarations = p.declarations.map((d) => (d.zorgdatum === '2024-04-01' ? { ...d, bedrag: -100 } : d));
    expect(runRule(ind, spec(p)).signals).toEqual([]);
  });

  it('exempts an established institution that submits each month in one batch, not a young one', () => {
    const established = provider('P-INST', 12, MONTHS, { soort: 'instelling', agbCode: '12345678', kvkStartdatum: '2015-06-01' });
    const young = provider('P-YOUNG', 12, MONTHS, { soort: 'instelling', agbCode: '87654321', kvkStartdatum: '2022-06-01' });
    const noAgb = provider('P-NOAGB', 12, MONTHS, { soort: 'instelling', kvkStartdatum: '2015-06-01' });
    const r = runRule(ind, spec(established, young, noAgb));
    expect(r.signals.map((s) => s.entity.id)).toEqual(['P-NOAGB', 'P-YOUNG']);
    expect(r.stats).toEqual({ institutions_exempt: 1 });
  });

  it('is not applicable when ingediend_op carries dates only, and says why', () => {
    const data = spec(provider('P-BULK', 9, MONTHS));
    const dateOnly = { ...data, declarations: data.declarations.map((d) => ({ ...d, ingediendOp: d.ingediendOp!.slice(0, 10) })) };
    expect(missingRequirement(ind, makeDataset(data))).toBeNull();
    const reason = missingRequirement(ind, makeDataset(dateOnly));
    expect(reason).toEqual({ kind: 'columns-empty', columns: ['ingediend_op_tijd'], file: 'declaraties.csv' });
    expect(WORDING.nl.notRun(reason!)).toBe('kolom ingediend_op (met tijdstip) ontbreekt in declaraties.csv of is overal leeg');
    expect(WORDING.en.notRun(reason!)).toBe('column ingediend_op (with a time of day) is missing from declaraties.csv or empty throughout');
    // Without the time the rule cannot tell one sitting from a day's work: it finds nothing even if run.
    expect(runRule(ind, dateOnly).signals).toEqual([]);
  });
});
