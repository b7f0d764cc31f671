import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFirstMonth, intakeFinder, isEstablishedInstitution, monthsLater, wholeMonthsBetween } from '../../src/indicators/intake.js';
import { formatDay, monthIndexLabel, parseIsoDay } from '../../src/model/dates.js';
import type { Provider } from '../../src/model/types.js';
import { withContracts } from '../support/contracts.js';
import { daily, makeDataset } from '../support/indicator.js';

const d = (s: string) => parseIsoDay(s)!;

describe('month arithmetic for intake windows', () => {
  it('keeps the day of the month, clamped to the last day', () => {
    expect(formatDay(monthsLater(d('2024-03-15'), 6))).toBe('2024-09-15');
    expect(formatDay(monthsLater(d('2024-08-31'), 1))).toBe('2024-09-30');
    expect(formatDay(monthsLater(d('2023-12-31'), 2))).toBe('2024-02-29');
    expect(formatDay(monthsLater(d('2024-03-01'), -6))).toBe('2023-09-01');
    expect(formatDay(monthsLater(d('2024-06-30'), -6))).toBe('2023-12-30');
  });

  it('gives the day the calendar gives, in every month of the years dates may carry', () => {
    // The calendar's own answer, by Date: what monthsLater did before it became integer arithmetic.
    const byDate = (day: number, n: number) => {
      const at = new Date(day * 86_400_000);
      const m = at.getUTCMonth() + n;
      const last = new Date(Date.UTC(at.getUTCFullYear(), m + 1, 0)).getUTCDate();
      return Math.round(Date.UTC(at.getUTCFullYear(), m, Math.min(at.getUTCDate(), last)) / 86_400_000);
    };
    fc.assert(
      fc.property(fc.integer({ min: d('1000-01-01'), max: d('9990-12-31') }), fc.integer({ min: -240, max: 240 }), (day, n) => {
        expect(monthsLater(day, n)).toBe(byDate(day, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts whole months: 24 months old only on the same day two years on', () => {
    expect(wholeMonthsBetween(d('2022-03-01'), d('2024-02-29'))).toBe(23);
    expect(wholeMonthsBetween(d('2022-03-01'), d('2024-03-01'))).toBe(24);
    expect(wholeMonthsBetween(d('2024-03-01'), d('2024-03-31'))).toBe(0);
    expect(wholeMonthsBetween(d('2024-03-10'), d('2024-02-20'))).toBe(0);
    expect(wholeMonthsBetween(d('2024-03-10'), d('2024-02-09'))).toBe(-1);
  });

  it('wholeMonthsBetween(a, monthsLater(a, n)) is n for days up to the 28th', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: -60, max: 60 }), (y, m, day, n) => {
        const a = d(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
        expect(wholeMonthsBetween(a, monthsLater(a, n))).toBe(n);
        expect(wholeMonthsBetween(a, monthsLater(a, n) - 1)).toBe(n > 0 ? n - 1 : n);
      }),
    );
  });
});

describe('isEstablishedInstitution', () => {
  const inst: Provider = {
    id: 'P', line: 2, naam: null, soort: 'instelling', kvkNummer: null, agbCode: '12345678',
    kvkStartdatum: d('2019-06-01'), einddatum: null, adresSleutel: null, ibanSleutel: null, wooninitiatief: null,
  };
  it('needs an institution, an AGB code and a registration of at least the given years', () => {
    expect(isEstablishedInstitution(inst, d('2024-06-01'), 5)).toBe(true);
    expect(isEstablishedInstitution(inst, d('2024-05-31'), 5)).toBe(false);
    expect(isEstablishedInstitution({ ...inst, agbCode: null }, d('2025-01-01'), 5)).toBe(false);
    expect(isEstablishedInstitution({ ...inst, soort: 'zzp' }, d('2025-01-01'), 5)).toBe(false);
    expect(isEstablishedInstitution({ ...inst, kvkStartdatum: null }, d('2025-01-01'), 5)).toBe(false);
  });
});

describe('intakeFinder', () => {
  const ds = makeDataset({
    holders: [{ id: 'H1' }, { id: 'H2' }, { id: 'H3' }, { id: 'H4' }],
    providers: [{ id: 'P' }, { id: 'Q' }],
    declarations: [
      daily('D1', 'H1', 'P', '2024-01-20'), // export's first month: existing
      daily('D2', 'H2', 'P', '2024-03-05'),
      daily('D3', 'H2', 'P', '2024-02-10'), // H2's first care, though listed later
      daily('D4', 'H3', 'Q', '2024-01-05'),
      daily('D5', 'H3', 'P', '2024-04-01'), // with P from April; earlier care was with Q
      daily('D6', 'H4', 'P', '2024-05-01'),
    ],
  });
  const view = (xs: ReturnType<ReturnType<typeof intakeFinder>>) => xs.map((x) => [ds.holders[x.holder].id, formatDay(x.day), x.contract, x.firstRow]);

  it('dates intake by the first care with the provider, leaving out holders already there in the first month', () => {
    expect(view(intakeFinder(ds)(0))).toEqual([
      ['H2', '2024-02-10', -1, 2],
      ['H3', '2024-04-01', -1, 4],
      ['H4', '2024-05-01', -1, 5],
    ]);
  });

  it('prefers the earliest agreement start; an agreement inside the export makes a first-month holder intake', () => {
    const withC = withContracts(ds, [
      { id: 'ZO-1', holder: 'H1', provider: 'P', start: '2024-01-02' },
      { id: 'ZO-2', holder: 'H2', provider: 'P', start: '2024-02-01' },
      { id: 'ZO-3', holder: 'H2', provider: 'P', start: '2024-01-25' }, // the earlier of H2's two agreements
      { id: 'ZO-4', holder: 'H4', provider: 'P', start: null }, // no start: dates nothing
      { id: 'ZO-5', holder: 'H4', provider: 'Q', start: '2023-01-01' }, // another provider's agreement
    ]);
    expect(view(intakeFinder(withC)(0))).toEqual([
      ['H1', '2024-01-02', 0, 0],
      ['H2', '2024-01-25', 2, 2],
      ['H3', '2024-04-01', -1, 4],
      ['H4', '2024-05-01', -1, 5],
    ]);
  });
});

describe('exportFirstMonth', () => {
  const spec = (extra: ReturnType<typeof daily>[]) => ({
    holders: [{ id: 'H1' }],
    providers: [{ id: 'P' }],
    declarations: [...[1, 2, 3, 4].flatMap((m) => [1, 2, 3, 4, 5, 6, 7, 8].map((k) => daily(`D${m}-${k}`, 'H1', 'P', `2024-0${m}-1${k}`))), ...extra],
  });
  const first = (extra: ReturnType<typeof daily>[]) => monthIndexLabel(exportFirstMonth(makeDataset(spec(extra)))!);

  it('is the earliest month of care, passing over months with under a quarter of the median month\'s rows', () => {
    expect(first([])).toBe('2024-01');
    // One correction row in November against 8 a month: a stray, not the start of the export.
    expect(first([daily('C1', 'H1', 'P', '2023-11-05', -10)])).toBe('2024-01');
    // Two rows, a quarter of 8, make it part of the export.
    expect(first([1, 2].map((k) => daily(`C${k}`, 'H1', 'P', `2023-11-0${k}`)))).toBe('2023-11');
  });

  it('is null without declarations', () => {
    expect(exportFirstMonth(makeDataset({ holders: [], providers: [], declarations: [] }))).toBeNull();
  });
});
