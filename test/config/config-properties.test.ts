import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

describe('config rules hold for any input (property-based)', () => {
  it('tiers are accepted exactly when hoog is above midden', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (hoog, midden) => {
        let ok = true;
        try {
          parseConfig({ tiers: { hoog, midden } }, 'c.json');
        } catch (e) {
          ok = false;
          expect((e as Error).message).toMatch(/^Invalid config c\.json: tiers\.hoog: tier order/);
        }
        expect(ok).toBe(hoog > midden);
      }),
      { seed: 6, numRuns: 50 },
    );
  });

  it('a forbidden key at any depth is refused, naming its JSON path', () => {
    const segment = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), fc.constantFrom(...FORBIDDEN), (path, key) => {
        // JSON.parse, as a config file is read: only then is `__proto__` an own key.
        let json = `{"${key}": 1}`;
        for (const p of [...path].reverse()) json = `{"${p}": ${json}}`;
        expect(() => parseConfig(JSON.parse(json), 'c.json')).toThrow(`Invalid config c.json: ${[...path, key].join('.')}: the key '${key}' is not allowed`);
      }),
      { seed: 6, numRuns: 50 },
    );
  });
});
