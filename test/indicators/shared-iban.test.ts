import { describe, expect, it } from 'vitest';
import indicator from '../../src/indicators/rules/shared-iban.js';
import { makeDataset, runRule } from '../support/indicator.js';

const DS = makeDataset({
  holders: [{ id: 'H-2' }, { id: 'H-1' }],
  providers: [
    { id: 'P-FLAG-A', ibanSleutel: 'IBAN-FRONT', kvkNummer: '11111111' }, // line 2
    { id: 'P-FLAG-B', ibanSleutel: 'IBAN-FRONT', kvkNummer: '22222222' }, // line 3
    { id: 'P-SAME-KVK-1', ibanSleutel: 'IBAN-ONE-FIRM', kvkNummer: '33333333' }, // line 4
    { id: 'P-FLAG-C', ibanSleutel: 'IBAN-FRONT' }, // line 5
    { id: 'P-SAME-KVK-2', ibanSleutel: 'IBAN-ONE-FIRM', kvkNummer: '33333333' }, // line 6
    { id: 'P-ALONE', ibanSleutel: 'IBAN-ALONE', kvkNummer: '44444444' }, // line 7
    { id: 'P-NO-IBAN-1' }, // line 8
    { id: 'P-NO-IBAN-2' }, // line 9
    { id: 'P-MIX-2', ibanSleutel: 'IBAN-MIX', kvkNummer: '55555555' }, // line 10
    { id: 'P-MIX-1', ibanSleutel: 'IBAN-MIX', kvkNummer: '55555555' }, // line 11
    { id: 'P-MIX-3', ibanSleutel: 'IBAN-MIX' }, // line 12
  ],
  declarations: [
    { id: 'D-1', holder: 'H-1', provider: 'P-FLAG-A', zorgdatum: '2024-03-01', bedrag: 100.1 },
    { id: 'D-2', holder: 'H-2', provider: 'P-FLAG-A', zorgdatum: '2024-03-02', bedrag: 50.2 },
    { id: 'D-3', holder: 'H-1', provider: 'P-FLAG-B', zorgdatum: '2024-03-03', bedrag: 30 },
    { id: 'D-4', holder: 'H-1', provider: 'P-SAME-KVK-1', zorgdatum: '2024-03-03', bedrag: 30 },
  ],
});

describe('shared-iban', () => {
  it('flags every provider in a group of distinct firms sharing one account (sharedAccount)', () => {
    const signals = runRule(indicator, DS).signals.filter((s) => s.observed.iban_sleutel === 'IBAN-FRONT');
    expect(signals.map((s) => s.entity.id)).toEqual(['P-FLAG-A', 'P-FLAG-B', 'P-FLAG-C']);
    const [a, b, c] = signals;
    expect(a.indicator).toBe('shared-iban');
    expect(a.key).toBe('shared-iban:sharedAccount:provider=P-FLAG-A:iban_sleutel=IBAN-FRONT');
    expect(a.messageId).toBe('sharedAccount');
    expect(a.entity).toEqual({ kind: 'provider', id: 'P-FLAG-A' });
    expect(a.provider).toBe('P-FLAG-A');
    expect(a.strength).toBe(1);
    expect(a.observed).toEqual({ iban_sleutel: 'IBAN-FRONT', providers: 3, firms: 3, other_providers: 'P-FLAG-B, P-FLAG-C' });
    expect(a.threshold).toEqual({ min_providers: 2 });
    expect(a.holders).toEqual(['H-1', 'H-2']);
    expect(a.amount).toBe(150.3);
    const group = [
      { file: 'zorgverleners.csv', line: 2, id: 'P-FLAG-A' },
      { file: 'zorgverleners.csv', line: 3, id: 'P-FLAG-B' },
      { file: 'zorgverleners.csv', line: 5, id: 'P-FLAG-C' },
    ];
    // Each signal cites the whole group plus only its own provider's declarations.
    expect(a.evidence).toEqual([
      { file: 'declaraties.csv', line: 2, id: 'D-1' },
      { file: 'declaraties.csv', line: 3, id: 'D-2' },
      ...group,
    ]);
    expect(b.observed.other_providers).toBe('P-FLAG-A, P-FLAG-C');
    expect([b.holders, b.amount]).toEqual([['H-1'], 30]);
    expect(b.evidence).toEqual([{ file: 'declaraties.csv', line: 4, id: 'D-3' }, ...group]);
    expect(c.observed.other_providers).toBe('P-FLAG-A, P-FLAG-B');
    expect([c.holders, c.amount]).toEqual([[], 0]);
    expect(c.evidence).toEqual(group);
  });

  it('counts providers with one kvk_nummer as one firm', () => {
    const mix = runRule(indicator, DS).signals.filter((s) => s.observed.iban_sleutel === 'IBAN-MIX');
    expect(mix.map((s) => [s.entity.id, s.observed.providers, s.observed.firms])).toEqual([
      ['P-MIX-1', 3, 2],
      ['P-MIX-2', 3, 2],
      ['P-MIX-3', 3, 2],
    ]);
    expect(mix[0].evidence.map((e) => e.line)).toEqual([10, 11, 12]);
  });

  it('does not fire for two locations of one firm, a lone account or providers without an account', () => {
    const ids = runRule(indicator, DS).signals.map((s) => s.entity.id);
    for (const quiet of ['P-SAME-KVK-1', 'P-SAME-KVK-2', 'P-ALONE', 'P-NO-IBAN-1', 'P-NO-IBAN-2']) expect(ids).not.toContain(quiet);
    expect(runRule(indicator, DS).stats).toEqual({ ibans: 4, shared_ibans: 3, firing_groups: 2 });
  });

  it('applies minProviders', () => {
    const { signals } = runRule(indicator, DS, { minProviders: 3 });
    expect(signals.map((s) => [s.entity.id, s.threshold.min_providers])).toEqual([
      ['P-FLAG-A', 3],
      ['P-FLAG-B', 3],
      ['P-FLAG-C', 3],
    ]);
    expect(runRule(indicator, DS, { minProviders: 4 }).signals).toEqual([]);
  });

  it('documents its defaults and rejects unknown or invalid parameters', () => {
    expect(indicator.params.parse({})).toEqual({ minProviders: 2 });
    expect(() => indicator.params.parse({ min: 3 })).toThrow();
    // One provider alone cannot share an account.
    expect(() => indicator.params.parse({ minProviders: 1 })).toThrow();
    expect(indicator.params.shape.minProviders.description).toMatch(/providers/);
  });
});
