import { describe, expect, it } from 'vitest';
import { applyDecisions } from '../../src/decisions/apply.js';
import type { Decision } from '../../src/decisions/decision.js';
import { parseIsoDay } from '../../src/model/dates.js';
import type { ProviderRanking, ScoreResult, ScoredSignal } from '../../src/score/score.js';

const day = (s: string) => parseIsoDay(s)!;
const AS_OF = day('2025-06-30');

function signal(key: string, provider: string): ScoredSignal {
  return {
    indicator: key.split(':')[0],
    key,
    messageId: key.split(':')[1],
    entity: { kind: 'provider', id: provider },
    provider,
    holders: [],
    amount: 0,
    strength: 1,
    observed: {},
    threshold: {},
    evidence: [],
    version: 1,
    weight: 0.5,
    contribution: 50,
  } as ScoredSignal;
}

function run(signals: ScoredSignal[], tier: ProviderRanking['tier'] = 'midden'): ScoreResult {
  const p: ProviderRanking = {
    rank: 1,
    providerId: 'P1',
    naam: '',
    score: 50,
    tier,
    indicators: [...new Set(signals.map((s) => s.indicator))].sort(),
    holders: [],
    amount: 0,
    top: signals[0],
    signals,
  };
  return { providers: [p], holders: [], signals };
}

let line = 1;
function decision(over: Partial<Decision>): Decision {
  return {
    line: ++line,
    providerId: 'P1',
    indicator: null,
    signalKey: null,
    besluit: 'geen-aanleiding',
    toelichting: '',
    beoordeeldOp: day('2025-06-01'),
    beoordeeldDoor: 'AB',
    geldigTot: null,
    tierBijBesluit: null,
    indicatorenBijBesluit: null,
    ...over,
  };
}

const A = 'shared-iban:sharedAccount:provider=P1:iban_sleutel=I1';
const B = 'tariff-outlier:highRate:provider=P1';

describe('applyDecisions', () => {
  it('an indicator-level decision beats a later provider-level one for its indicator only', () => {
    const ind = decision({ indicator: 'shared-iban', besluit: 'gemeld', beoordeeldOp: day('2025-01-01') });
    const all = decision({ besluit: 'geen-aanleiding', beoordeeldOp: day('2025-06-01') });
    const o = applyDecisions(run([signal(A, 'P1'), signal(B, 'P1')]), [all, ind], AS_OF);
    expect(o.reviews.get(A)).toMatchObject({ besluit: 'gemeld', niveau: 'indicator', status: 'beoordeeld' });
    expect(o.reviews.get(B)).toMatchObject({ besluit: 'geen-aanleiding', niveau: 'zorgverlener' });
    expect([...o.setAside].sort()).toEqual([A, B].sort());
    expect(o.counts).toMatchObject({ decisions: 2, holding: 2, superseded: 0 });
  });

  it('on the same level and date the row written last wins; the other is superseded', () => {
    const first = decision({ besluit: 'in-onderzoek' });
    const last = decision({ besluit: 'afgehandeld' });
    const o = applyDecisions(run([signal(A, 'P1')]), [last, first], AS_OF);
    expect(o.reviews.get(A)?.besluit).toBe('afgehandeld');
    expect(o.counts).toMatchObject({ holding: 1, superseded: 1 });
  });

  it('the same tier and the same indicators keep the decision; a lower tier too', () => {
    const d = decision({ tierBijBesluit: 'hoog', indicatorenBijBesluit: ['shared-iban', 'tariff-outlier'] });
    const o = applyDecisions(run([signal(A, 'P1')], 'midden'), [d], AS_OF);
    expect(o.setAside.has(A)).toBe(true);
  });

  it('gives every reason at once when several hold', () => {
    const d = decision({ tierBijBesluit: 'laag', indicatorenBijBesluit: ['tariff-outlier'], geldigTot: day('2025-06-29') });
    const o = applyDecisions(run([signal(A, 'P1')], 'midden'), [d], AS_OF);
    expect(o.reviews.get(A)?.heropend_omdat).toEqual([
      { reden: 'verlopen', geldig_tot: '2025-06-29' },
      { reden: 'nieuwe-indicator', indicatoren: ['shared-iban'] },
      { reden: 'hogere-tier', tier: 'midden', tier_bij_besluit: 'laag' },
    ]);
    expect(o.setAside.size).toBe(0);
    expect(o.counts.reopened).toBe(1);
  });
});
