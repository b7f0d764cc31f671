import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/model/dates.js';
import type { Row } from '../../src/verantwoording/measures.js';
import { parsePeriod } from '../../src/verantwoording/period.js';
import { verantwoordingCsv } from '../../src/verantwoording/render.js';

const days = (p: { van: number; tot: number }) => [formatDay(p.van), formatDay(p.tot)];

describe('parsePeriod', () => {
  it('reads quarters, months, years and --van/--tot, both ends included', () => {
    expect(days(parsePeriod({ periode: '2026-Q1' }))).toEqual(['2026-01-01', '2026-03-31']);
    expect(days(parsePeriod({ periode: '2024-q4' }))).toEqual(['2024-10-01', '2024-12-31']);
    expect(days(parsePeriod({ periode: '2024-02' }))).toEqual(['2024-02-01', '2024-02-29']);
    expect(days(parsePeriod({ periode: '2026' }))).toEqual(['2026-01-01', '2026-12-31']);
    expect(parsePeriod({ van: '2026-02-01', tot: '2026-02-01' }).label).toBe('2026-02-01 t/m 2026-02-01');
  });

  it('refuses what is no period', () => {
    for (const flags of [{ periode: '2026-Q5' }, { periode: '2026-13' }, { periode: 'Q1' }, { van: '2026-01-01' }, { van: '2026-03-01', tot: '2026-02-01' }, { periode: '2026', van: '2026-01-01' }, {}])
      expect(() => parsePeriod(flags), JSON.stringify(flags)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('the small-count rule', () => {
  const csv = (figure: Row['figure']) => verantwoordingCsv([{ section: 'signalen', measure: 'm', group: 'g', figure }]).split('\n')[1];

  it('shows a count below 5 as "< 5", and 5 itself', () => {
    expect(csv({ kind: 'count', n: 0 })).toBe('signalen,m,g,< 5');
    expect(csv({ kind: 'count', n: 4 })).toBe('signalen,m,g,< 5');
    expect(csv({ kind: 'count', n: 5 })).toBe('signalen,m,g,5');
  });

  it('suppresses a median or share resting on fewer than 5, and a median count below 5', () => {
    expect(csv({ kind: 'median-count', x: 12, basis: 4 })).toBe('signalen,m,g,n < 5');
    expect(csv({ kind: 'median-count', x: 4.5, basis: 5 })).toBe('signalen,m,g,< 5');
    expect(csv({ kind: 'median-count', x: 12.5, basis: 5 })).toBe('signalen,m,g,12.5');
    expect(csv({ kind: 'percent', x: 33.333, basis: 4 })).toBe('signalen,m,g,n < 5');
    expect(csv({ kind: 'percent', x: 33.333, basis: 5 })).toBe('signalen,m,g,33.3');
    expect(csv({ kind: 'days', x: 20, basis: 4 })).toBe('signalen,m,g,n < 5');
    expect(csv({ kind: 'days', x: 20, basis: 5 })).toBe('signalen,m,g,20');
  });

  it('keeps text formula-safe', () => {
    expect(csv({ kind: 'text', s: '=1+1' })).toBe("signalen,m,g,'=1+1");
  });
});
