import { hashText } from '../model/text-columns.js';

/**
 * A string id -> non-negative integer table for the per-row lookups of a scan (foreign keys,
 * duplicate ids of the smaller inputs; declarations have DeclarationIds). Exports usually number their rows in order, so while ids arrive strictly
 * increasing no id can repeat and none is hashed; the first id out of order builds the hash
 * index. The index is open addressing over one typed array holding hash and entry side by side,
 * a probe costing one cache line. Measured on 1M declaration ids: a Map<string, number> took
 * 0.6-1.6 s (the runtime hashes every fresh string), this table 0.2 s hashed, nearly nothing in order.
 */
export class IdTable {
  private readonly ids: string[] = [];
  private values = new Int32Array(1 << 10);
  // Pairs (hash, entry + 1); entry 0 marks an empty slot. Empty until the index is needed.
  private slots = new Int32Array(0);
  private mask = -1;
  private ordered = true;
  private last = '';

  get size(): number {
    return this.ids.length;
  }

  /** The ids in the order they were stored. */
  keys(): readonly string[] {
    return this.ids;
  }

  /** The value stored for `id`, or -1. */
  get(id: string): number {
    if (this.ordered) {
      // Past the last id of an ordered table nothing is stored yet: the duplicate check of a sorted
      // file (each id asked, then claimed) needs no index at all.
      if (this.ids.length === 0 || id > this.last) return -1;
      this.buildIndex();
    }
    const h = hashText(id);
    const slots = this.slots;
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const e = slots[2 * at + 1] - 1;
      if (e < 0) return -1;
      if (slots[2 * at] === h && this.ids[e] === id) return this.values[e];
    }
  }

  /** Stores `value` for `id` unless the id is there already; returns the earlier value, or -1 when stored. */
  claim(id: string, value: number): number {
    if (this.ordered) {
      if (id > this.last || this.ids.length === 0) {
        this.last = id;
        this.append(id, value);
        return -1;
      }
      this.buildIndex();
    }
    const h = hashText(id);
    const slots = this.slots;
    let at = h & this.mask;
    for (;;) {
      const e = slots[2 * at + 1] - 1;
      if (e < 0) break;
      if (slots[2 * at] === h && this.ids[e] === id) return this.values[e];
      at = (at + 1) & this.mask;
    }
    const e = this.append(id, value);
    slots[2 * at] = h;
    slots[2 * at + 1] = e + 1;
    // Linear probing stays short while at most half the slots are taken.
    if (2 * (e + 1) > slots.length / 2) this.rehash(slots.length);
    return -1;
  }

  private append(id: string, value: number): number {
    const e = this.ids.length;
    if (e === this.values.length) {
      const values = new Int32Array(e * 2);
      values.set(this.values);
      this.values = values;
    }
    this.ids.push(id);
    this.values[e] = value;
    return e;
  }

  private buildIndex(): void {
    this.ordered = false;
    let pairs = 1 << 10;
    while (2 * (this.ids.length + 1) > pairs) pairs *= 2;
    this.rehash(pairs);
  }

  /** Rebuilds the index with room for `pairs` (a power of two) slots. */
  private rehash(pairs: number): void {
    const slots = new Int32Array(pairs * 2);
    const mask = pairs - 1;
    for (let e = 0; e < this.ids.length; e++) {
      const h = hashText(this.ids[e]);
      let at = h & mask;
      while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
      slots[2 * at] = h;
      slots[2 * at + 1] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
