import { describe, expect, it } from 'vitest';
import { DeclarationIds } from '../../src/ingest/declaration-ids.js';
import { appendDeclarations, appendingDeclarations, DeclarationTableBuilder, EMPTY_DECLARATION, withoutRows, type DeclarationTable } from '../../src/model/declaration-table.js';
import { CodedTextBuilder, hashText, PackedTextBuilder } from '../../src/model/text-columns.js';

const table = (rows: Array<[string, string]>, capacity = 16): DeclarationTable => {
  const b = new DeclarationTableBuilder(capacity, 2);
  rows.forEach(([id, contractId], i) => b.push({ ...EMPTY_DECLARATION, id, contractId, line: i + 2, holder: i, provider: 0, amount: i }));
  return b.build();
};

describe('packed and coded text columns', () => {
  it('give back every string, ASCII or not, and compare and hash without decoding', () => {
    const words = ['D1', '', 'Café Zoë', '€ 12', 'D1 ', '𝄞 clef', 'x'.repeat(200)];
    const b = new PackedTextBuilder(2, 1);
    for (const w of words) b.push(w);
    const column = b.build();
    expect([...column]).toEqual(words);
    expect(column.length).toBe(words.length);
    words.forEach((w, r) => {
      expect(column.equals(r, w)).toBe(true);
      expect(b.equals(r, w)).toBe(true);
      expect(column.hash(r)).toBe(hashText(w));
    });
    expect(column.equals(0, 'D2')).toBe(false);
    expect(column.equals(0, 'D1 ')).toBe(false);
    expect(column.equals(4, 'D1')).toBe(false);
    expect(column.equals(2, 'Café Zoe')).toBe(false);
  });

  it('stores a run of equal contract ids once, and once more when it comes back outside its group', () => {
    const b = new CodedTextBuilder(2);
    for (const s of ['', 'ZO1', 'ZO1', 'ZO1', 'ZO2', 'ZO1', '', '']) b.push(s);
    const column = b.build();
    expect([...column]).toEqual(['', 'ZO1', 'ZO1', 'ZO1', 'ZO2', 'ZO1', '', '']);
    expect([...column.values]).toEqual(['', 'ZO1', 'ZO2', 'ZO1', '']);
  });

  it("stores a value once while it stays among its group's two latest, as a holder's agreements recur month after month", () => {
    const b = new CodedTextBuilder(2);
    // Holder 0 names ZO1 and ZO2 in turn, holder 5 ZO3 and, later, ZO4 and ZO5: the third value pushes ZO3 out.
    const rows: Array<[string, number]> = [
      ['ZO1', 0], ['ZO2', 0], ['ZO3', 5], ['ZO1', 0], ['ZO2', 0], ['ZO3', 5], ['ZO4', 5], ['ZO5', 5], ['ZO3', 5], ['ZO1', 0],
    ];
    for (const [s, holder] of rows) b.push(s, holder);
    const column = b.build();
    expect([...column]).toEqual(rows.map(([s]) => s));
    expect([...column.values]).toEqual(['ZO1', 'ZO2', 'ZO3', 'ZO4', 'ZO5', 'ZO3']);
    expect([...column.codes]).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 0]);
  });

  it('builds the table as views on its arrays, without copying them', () => {
    const b = new DeclarationTableBuilder(100);
    b.push({ ...EMPTY_DECLARATION, id: 'D1', line: 2, holder: 0, provider: 0 });
    const t = b.build();
    expect(t.amount.length).toBe(1);
    expect(t.amount.buffer.byteLength).toBe(100 * 8);
  });
});

describe('appendDeclarations', () => {
  const head = () => table([['A1', 'ZO1'], ['A2', 'ZO1'], ['A3', 'ZO2']], 16);
  const tail = () => table([['B1', 'ZO2'], ['B2', 'ZO2'], ['B3', 'ZO3'], ['B4', 'ZO3'], ['B5', 'ZO4']]);

  it('puts the rows of the tail behind the head, leaving out the rows to skip', () => {
    const t = appendDeclarations(head(), tail(), [1, 3]);
    expect(t.length).toBe(6);
    expect([...t.id]).toEqual(['A1', 'A2', 'A3', 'B1', 'B3', 'B5']);
    expect([...t.contractId]).toEqual(['ZO1', 'ZO1', 'ZO2', 'ZO2', 'ZO3', 'ZO4']);
    expect([...t.line]).toEqual([2, 3, 4, 2, 4, 6]);
    expect([...t.amount]).toEqual([0, 1, 2, 0, 2, 4]);
  });

  it('writes into the spare room of the head when it has enough, and copies when not', () => {
    const roomy = head();
    const t = appendDeclarations(roomy, tail());
    expect(t.amount.buffer).toBe(roomy.amount.buffer);
    expect([...t.id]).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'B5']);
    const tight = table([['A1', 'ZO1']], 1);
    const u = appendDeclarations(tight, table(Array.from({ length: 40 }, (_, i): [string, string] => [`B${i}`, `ZO${i >> 2}`])));
    expect(u.amount.buffer).not.toBe(tight.amount.buffer);
    expect(u.length).toBe(41);
    expect(u.id.get(40)).toBe('B39');
    expect(u.contractId.get(40)).toBe('ZO9');
  });

  it('pauses after each column of the tail it has copied, so the caller can free that column before the next', () => {
    const t = tail();
    const told: unknown[] = [];
    const steps = appendingDeclarations(head(), t, [1], (column) => told.push(column));
    const seen: number[] = [];
    let step = steps.next();
    while (step.done !== true) {
      seen.push(told.length);
      step = steps.next();
    }
    // The ids (bytes, offsets), the contract codes, then the 14 number columns one at a time; the last needs no pause.
    expect(seen).toEqual([2, 3, ...Array.from({ length: 13 }, (_, i) => 4 + i)]);
    expect(told.length).toBe(17);
    expect(told).toContain(t.amount);
    expect([...step.value.id]).toEqual([...appendDeclarations(head(), tail(), [1]).id]);
    expect([...step.value.amount]).toEqual([0, 1, 2, 0, 2, 3, 4]);
  });

  it('appends an empty tail, and everything skipped, as nothing', () => {
    expect([...appendDeclarations(head(), table([])).id]).toEqual(['A1', 'A2', 'A3']);
    expect([...appendDeclarations(head(), tail(), [0, 1, 2, 3, 4]).contractId]).toEqual(['ZO1', 'ZO1', 'ZO2']);
  });
});

describe('withoutRows', () => {
  // Rows with multi-byte ids, and contract runs that a removed row splits (its value is then stored twice).
  const rows = (): Array<[string, string]> => Array.from({ length: 60 }, (_, i): [string, string] => [i % 7 === 0 ? `Dé${i}` : `D${i}`, `ZO${Math.floor(i / 5)}`]);

  it('leaves out the rows to skip within the table’s own arrays, every column as a filtered copy would be', () => {
    for (const skip of [[], [0], [59], [3, 4, 5, 17, 30, 31, 58], Array.from({ length: 30 }, (_, k) => 2 * k + 1)]) {
      const all = rows();
      const t = table(all, 64);
      const buffer = t.amount.buffer;
      const u = withoutRows(t, skip);
      const kept = all.map((r, i) => [r, i] as const).filter(([, i]) => !skip.includes(i));
      expect(u.length).toBe(kept.length);
      expect([...u.id]).toEqual(kept.map(([[id]]) => id));
      expect([...u.contractId]).toEqual(kept.map(([[, contract]]) => contract));
      expect([...u.line]).toEqual(kept.map(([, i]) => i + 2));
      expect([...u.amount]).toEqual(kept.map(([, i]) => i));
      expect([...u.holder]).toEqual(kept.map(([, i]) => i));
      // No second copy: the rows stay in the arrays they were read into.
      expect(u.amount.buffer).toBe(buffer);
    }
  });
});

describe('DeclarationIds', () => {
  const admitAll = (ids: string[]) => {
    const column = new PackedTextBuilder();
    const seen = new DeclarationIds(column);
    const admitted = ids.map((id) => {
      const ok = seen.admit(id);
      if (ok) column.push(id);
      return ok;
    });
    return { column, seen, admitted };
  };

  it('admits ids in order without an index and finds them by bisection', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `D${String(i).padStart(5, '0')}`);
    const { seen, admitted } = admitAll(ids);
    expect(admitted.every(Boolean)).toBe(true);
    expect(seen.ordered).toBe(true);
    expect([seen.find('D00000'), seen.find('D01500'), seen.find('D02999'), seen.find('D03000'), seen.find('')]).toEqual([0, 1500, 2999, -1, -1]);
  });

  it('refuses a repeated id, first row winning, in order or not', () => {
    const { seen, admitted } = admitAll(['D2', 'D3', 'D2', 'D1', 'D3', 'D4', 'D1', 'Dé', 'Dé']);
    expect(admitted).toEqual([true, true, false, true, false, true, false, true, false]);
    expect(seen.ordered).toBe(false);
    expect(['D2', 'D3', 'D1', 'D4', 'Dé', 'D5'].map((id) => seen.find(id))).toEqual([0, 1, 2, 3, 4, -1]);
  });

  it('keeps finding every id through the rehashes of a large unordered file', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `D${(i * 7919) % 20_000}`);
    const { column, seen, admitted } = admitAll([...ids, ...ids.slice(0, 100)]);
    expect(admitted.filter(Boolean).length).toBe(20_000);
    for (let i = 0; i < 20_000; i += 499) expect(seen.find(ids[i])).toBe(i);
    // A finished column indexes itself when its ids were not in order.
    const again = new DeclarationIds(column.build(), false);
    expect(again.find(ids[12_345])).toBe(12_345);
    expect(again.find('D20000')).toBe(-1);
  });
});
