import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/overlapping-care-sessions.js';
import { runRule, type DeclarationSpec, type FixtureSpec, type ProviderSpec } from '../support/indicator.js';
import { expectOrderFree } from '../support/order.js';

/** A timed daily session. */
const at = (id: string, holder: string, provider: string, zorgdatum: string, begintijd: string, eindtijd: string): DeclarationSpec => ({
  id,
  holder,
  provider,
  zorgdatum,
  begintijd,
  eindtijd,
  bedrag: 50,
});

/** On each of `days` (day of March 2025), H-A 09:00-11:00 and H-B from `bStart` to 12:00. */
function overlappingDays(provider: string, holderB: string, days: number[], bStart: string): DeclarationSpec[] {
  return days.flatMap((d) => {
    const date = `2025-03-${String(d).padStart(2, '0')}`;
    return [at(`${provider}-${d}a`, 'H-A', provider, date, '09:00', '11:00'), at(`${provider}-${d}b`, holderB, provider, date, bStart, '12:00')];
  });
}

const HOLDERS: FixtureSpec['holders'] = [
  { id: 'H-A' },
  { id: 'H-B' },
  { id: 'H-DAG', voorziening: 'dagbesteding' },
  { id: 'H-KV', voorziening: 'kortdurend_verblijf' },
];

const spec = (providers: ProviderSpec[], declarations: DeclarationSpec[]): FixtureSpec => ({ holders: HOLDERS, providers, declarations });

describe('overlapping-care-sessions', () => {
  it('flags one person declaring two holders at once on 3 days, citing the overlapping rows only', () => {
    const { signals } = runRule(
      ind,
      spec(
        [{ id: 'P-ZZP', soort: 'zzp' }],
        [
          ...overlappingDays('P-ZZP', 'H-B', [3, 4], '10:00'),
          // 15 minutes exactly on the third day.
          ...overlappingDays('P-ZZP', 'H-B', [5], '10:45'),
          // Not overlapping: back to back.
          at('P-ZZP-6a', 'H-A', 'P-ZZP', '2025-03-06', '09:00', '11:00'),
          at('P-ZZP-6b', 'H-B', 'P-ZZP', '2025-03-06', '11:00', '12:00'),
        ],
      ),
    );
    expect(signals).toHaveLength(1);
    const [s] = signals;
    expect(s.key).toBe('overlapping-care-sessions:overlap:provider=P-ZZP');
    expect(s.observed).toEqual({ days: 3, max_overlap_minutes: 60, max_day: '2025-03-03', holders: 2 });
    expect(s.threshold).toEqual({ min_overlap_minutes: 15, min_days: 3 });
    expect(s.holders).toEqual(['H-A', 'H-B']);
    expect(s.evidence.map((e) => [e.line, e.id])).toEqual([
      [2, 'P-ZZP-3a'],
      [3, 'P-ZZP-3b'],
      [4, 'P-ZZP-4a'],
      [5, 'P-ZZP-4b'],
      [6, 'P-ZZP-5a'],
      [7, 'P-ZZP-5b'],
    ]);
    expect(s.amount).toBe(300);
  });

  it('does not fire just under each threshold: 14 minutes of overlap, or overlaps on only 2 days', () => {
    const short = spec([{ id: 'P-ZZP', soort: 'zzp' }], overlappingDays('P-ZZP', 'H-B', [3, 4, 5, 6], '10:46'));
    expect(runRule(ind, short).signals).toEqual([]);
    const twoDays = spec([{ id: 'P-ZZP', soort: 'informeel' }], overlappingDays('P-ZZP', 'H-B', [3, 4], '09:00'));
    expect(runRule(ind, twoDays).signals).toEqual([]);
  });

  it('lets group care overlap (dagbesteding, kortdurend verblijf) and exempts institutions', () => {
    const groupCare = spec(
      [{ id: 'P-ZZP', soort: 'zzp' }],
      [...overlappingDays('P-ZZP', 'H-DAG', [3, 4, 5], '09:00'), ...overlappingDays('P-ZZP', 'H-KV', [10, 11, 12], '09:00')],
    );
    expect(runRule(ind, groupCare).signals).toEqual([]);
    const institution = spec([{ id: 'P-INST', soort: 'instelling' }], overlappingDays('P-INST', 'H-B', [3, 4, 5, 6], '09:00'));
    const { signals, stats } = runRule(ind, institution);
    expect(signals).toEqual([]);
    expect(stats).toEqual({ caregivers_checked: 0, institutions_skipped: 1 });
  });

  it('reads an end before the start as crossing midnight, and counts the day the overlap begins', () => {
    // A night shift with H-A 22:00-02:00 overlaps H-B 01:00-03:00 on the next day, three nights running.
    const decls = [1, 2, 3].flatMap((d) => [
      at(`N-${d}a`, 'H-A', 'P-NIGHT', `2025-03-0${d}`, '22:00', '02:00'),
      at(`N-${d}b`, 'H-B', 'P-NIGHT', `2025-03-0${d + 1}`, '01:00', '03:00'),
    ]);
    const [s] = runRule(ind, spec([{ id: 'P-NIGHT', soort: 'zzp' }], decls)).signals;
    expect(s.observed).toEqual({ days: 3, max_overlap_minutes: 60, max_day: '2025-03-02', holders: 2 });
  });

  it('ignores overlaps of one holder with itself, untimed rows and corrections', () => {
    const decls: DeclarationSpec[] = [3, 4, 5].flatMap((d) => {
      const date = `2025-03-0${d}`;
      return [
        at(`S-${d}a`, 'H-A', 'P-ZZP', date, '09:00', '11:00'),
        at(`S-${d}b`, 'H-A', 'P-ZZP', date, '10:00', '12:00'),
        { id: `S-${d}c`, holder: 'H-B', provider: 'P-ZZP', zorgdatum: date, uren: 2, bedrag: 50 },
        { ...at(`S-${d}d`, 'H-B', 'P-ZZP', date, '09:00', '11:00'), bedrag: -50 },
      ];
    });
    expect(runRule(ind, spec([{ id: 'P-ZZP', soort: 'zzp' }], decls)).signals).toEqual([]);
  });

  it('applies overridden parameters and rejects unknown ones', () => {
    const data = spec([{ id: 'P-ZZP', soort: 'zzp' }], overlappingDays('P-ZZP', 'H-B', [3], '10:59'));
    expect(runRule(ind, data).signals).toEqual([]);
    const [s] = runRule(ind, data, { minOverlapMinutes: 1, minDays: 1 }).signals;
    expect(s.threshold).toEqual({ min_overlap_minutes: 1, min_days: 1 });
    expect(s.observed.max_overlap_minutes).toBe(1);
    expect(ind.params.parse({})).toEqual({ minOverlapMinutes: 15, minDays: 3 });
    expect(ind.params.safeParse({ minutes: 3 }).success).toBe(false);
  });

  it('finds the same overlaps whatever the order of the rows', () => {
    const decls = [
      ...overlappingDays('P-ZZP', 'H-B', [3, 4, 5], '10:00'),
      // Two sessions starting at the same minute.
      at('TIE-a', 'H-A', 'P-ZZP', '2025-03-20', '09:00', '10:00'),
      at('TIE-b', 'H-B', 'P-ZZP', '2025-03-20', '09:00', '11:00'),
      ...overlappingDays('P-INF', 'H-B', [10, 11, 12], '10:30'),
    ];
    expectOrderFree(ind, spec([{ id: 'P-ZZP', soort: 'zzp' }, { id: 'P-INF', soort: 'informeel' }], decls));
  });
});
