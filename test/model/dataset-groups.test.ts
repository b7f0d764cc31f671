import { describe, expect, it } from 'vitest';
import { makeDataset } from '../support/fixture.js';

describe('buildDataset groups', () => {
  // Rows interleave providers and holders, and a holder comes back to a provider after others:
  // each provider's holders must still be listed once, ascending by holder index.
  const ds = makeDataset({
    holders: [{ id: 'H0' }, { id: 'H1' }, { id: 'H2' }, { id: 'H3' }],
    providers: [{ id: 'P0' }, { id: 'P1' }, { id: 'P2' }],
    declarations: [
      { id: 'D1', holder: 'H3', provider: 'P0', zorgdatum: '2025-01-02', bedrag: 10 },
      { id: 'D2', holder: 'H1', provider: 'P1', zorgdatum: '2025-01-02', bedrag: 10 },
      { id: 'D3', holder: 'H0', provider: 'P0', zorgdatum: '2025-01-03', bedrag: 10 },
      { id: 'D4', holder: 'H3', provider: 'P0', zorgdatum: '2025-01-04', bedrag: 10 },
      { id: 'D5', holder: 'H1', provider: 'P0', zorgdatum: '2025-01-05', bedrag: 10 },
      { id: 'D6', holder: 'H3', provider: 'P1', zorgdatum: '2025-01-06', bedrag: 10 },
      { id: 'D7', holder: 'H1', provider: 'P1', zorgdatum: '2025-01-07', bedrag: 10 },
    ],
  });

  it('lists the holders of each provider once, ascending, and none for a provider without rows', () => {
    expect(ds.holdersOfProvider.map((hs) => [...hs])).toEqual([[0, 1, 3], [1, 3], []]);
    // Views on one array, not an array each: a national export has tens of thousands of providers.
    expect(new Set(ds.holdersOfProvider.map((hs) => hs.buffer)).size).toBe(1);
    expect(ds.holdersOfProvider[0].buffer.byteLength).toBe(5 * Int32Array.BYTES_PER_ELEMENT);
  });

  it('keeps the rows of each holder and provider in input order', () => {
    expect(ds.byProvider.map((rs) => [...rs])).toEqual([[0, 2, 3, 4], [1, 5, 6], []]);
    expect(ds.byHolder.map((rs) => [...rs])).toEqual([[2], [1, 4, 6], [], [0, 3, 5]]);
  });
});
