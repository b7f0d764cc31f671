import { describe, expect, it } from 'vitest';
import { compareRuns, type ProviderSnapshot, type RunSnapshot } from '../../src/history/compare.js';

const provider = (rank: number, id: string, score: number, tier: string, indicators: string[]): ProviderSnapshot => ({ rank, id, naam: id, score, tier, indicators });
const signal = (key: string, provider: string, contribution: number, strength = 1) => ({ key, indicator: key.split(':')[0], provider, contribution, strength });

describe('compareRuns', () => {
  const before: RunSnapshot = {
    providers: [provider(1, 'P-DOWN', 70, 'hoog', ['a', 'b']), provider(2, 'P-SAME', 40, 'midden', ['a']), provider(3, 'P-UP', 20, 'laag', ['c']), provider(4, 'P-GONE', 10, 'laag', ['d'])],
    signals: [signal('a:m:provider=P-DOWN', 'P-DOWN', 40), signal('b:m:provider=P-DOWN', 'P-DOWN', 50), signal('a:m:provider=P-SAME', 'P-SAME', 40), signal('c:m:provider=P-UP', 'P-UP', 20), signal('d:m:provider=P-GONE', 'P-GONE', 10)],
  };
  const after: RunSnapshot = {
    providers: [provider(1, 'P-UP', 65, 'hoog', ['c']), provider(2, 'P-DOWN', 40, 'midden', ['a']), provider(3, 'P-SAME', 40, 'midden', ['a']), provider(4, 'P-NEW', 30, 'laag', ['e'])],
    signals: [signal('a:m:provider=P-DOWN', 'P-DOWN', 40), signal('a:m:provider=P-SAME', 'P-SAME', 40), signal('c:m:provider=P-UP', 'P-UP', 65, 1), signal('e:m:provider=P-NEW', 'P-NEW', 30)],
  };

  it('classes every provider: this run in rank order, then the gone ones; escalated = new, higher tier or an indicator more', () => {
    const c = compareRuns(before, after);
    expect(c.providers.map((p) => [p.id, p.status, p.escalated])).toEqual([
      ['P-UP', 'gewijzigd', true],
      ['P-DOWN', 'gewijzigd', false],
      ['P-SAME', 'blijvend', false],
      ['P-NEW', 'nieuw', true],
      ['P-GONE', 'verdwenen', false],
    ]);
    const down = c.providers.find((p) => p.id === 'P-DOWN')!;
    expect([down.indicatorsAdded, down.indicatorsRemoved, down.before?.tier, down.after?.tier]).toEqual([[], ['b'], 'hoog', 'midden']);
    expect(c.counts.providers).toEqual({ nieuw: 1, gewijzigd: 2, blijvend: 1, verdwenen: 1 });
  });

  it('classes every signal by key: gewijzigd when its points or strength moved, not its observed values', () => {
    const c = compareRuns(before, after);
    expect(c.signals.map((s) => [s.key, s.status])).toEqual([
      ['a:m:provider=P-DOWN', 'blijvend'],
      ['a:m:provider=P-SAME', 'blijvend'],
      ['b:m:provider=P-DOWN', 'verdwenen'],
      ['c:m:provider=P-UP', 'gewijzigd'],
      ['d:m:provider=P-GONE', 'verdwenen'],
      ['e:m:provider=P-NEW', 'nieuw'],
    ]);
    expect(c.signals.find((s) => s.status === 'gewijzigd')).toMatchObject({ contributionBefore: 20, contributionAfter: 65 });
    expect(c.counts.signals).toEqual({ nieuw: 1, gewijzigd: 1, blijvend: 2, verdwenen: 2 });
  });

  it('a run compared with itself is blijvend throughout', () => {
    const c = compareRuns(after, after);
    expect(c.counts.providers).toEqual({ nieuw: 0, gewijzigd: 0, blijvend: 4, verdwenen: 0 });
    expect(c.counts.signals).toEqual({ nieuw: 0, gewijzigd: 0, blijvend: 4, verdwenen: 0 });
  });
});
