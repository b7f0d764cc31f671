import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/ingest/id-table.js';

describe('IdTable', () => {
  it('keeps the first value per id through many rehashes', () => {
    const t = new IdTable();
    for (let i = 0; i < 50_000; i++) expect(t.claim(`D${i}`, i + 2)).toBe(-1);
    expect(t.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) {
      expect(t.get(`D${i}`)).toBe(i + 2);
      expect(t.claim(`D${i}`, 99)).toBe(i + 2);
    }
    expect(t.get('D50000')).toBe(-1);
    expect(t.get('')).toBe(-1);
    expect(t.size).toBe(50_000);
  });

  it('needs no index while ids arrive in order, and finds them all once asked', () => {
    const t = new IdTable();
    for (let i = 0; i < 5000; i++) expect(t.claim(`D${String(i).padStart(6, '0')}`, i)).toBe(-1);
    expect(t.claim('D000042', 7)).toBe(42);
    expect(t.claim('D004999', 7)).toBe(4999);
    expect(t.claim('D000000x', 7)).toBe(-1);
    expect(t.get('D000000x')).toBe(7);
    const u = new IdTable();
    u.claim('A', 1);
    u.claim('B', 2);
    expect([u.get('A'), u.get('B'), u.get('C')]).toEqual([1, 2, -1]);
    expect(u.claim('B', 3)).toBe(2);
  });

  it('answers the duplicate check of a sorted file (ask, then claim) in order, and still finds every id asked out of order', () => {
    const t = new IdTable();
    expect(t.get('')).toBe(-1);
    for (let i = 0; i < 3000; i++) {
      const id = `BH${String(i).padStart(6, '0')}`;
      expect(t.get(id)).toBe(-1);
      expect(t.claim(id, i)).toBe(-1);
      // The id just claimed, and one before it, are there (the latter builds the index).
      if (i % 1000 === 999) expect([t.get(id), t.get(`BH${String(i - 500).padStart(6, '0')}`)]).toEqual([i, i - 500]);
    }
    expect([t.get('BH000000'), t.get('BH002999'), t.get('BH003000'), t.get('BH0000005'), t.get('A')]).toEqual([0, 2999, -1, -1, -1]);
  });

  it('tells apart ids that differ only in case, padding or one character', () => {
    const t = new IdTable();
    for (const [id, v] of [['a', 1], ['A', 2], ['a ', 3], ['ab', 4], ['ba', 5], ['', 6]] as const) expect(t.claim(id, v)).toBe(-1);
    expect(['a', 'A', 'a ', 'ab', 'ba', ''].map((id) => t.get(id))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
