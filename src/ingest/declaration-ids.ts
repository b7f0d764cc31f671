import { hashText, type PackedStrings, type PackedTextBuilder } from '../model/text-columns.js';

/**
 * The duplicate check on declaratie_id, over the table's own packed id column, so no id is kept
 * as a string. Exports usually number their declarations in order: while each id sorts after the
 * previous one, none can repeat and nothing is hashed. The first id out of order builds an open
 * addressing index of (hash, row + 1) pairs, like IdTable's.
 */
export class DeclarationIds {
  private isOrdered = true;
  private last = '';
  // admitAscii admitted the last id without a string: `last` must be read back from the column.
  private lastStale = false;
  private slots = new Int32Array(0);
  private mask = -1;

  /** @param ordered for a finished column: whether its ids were admitted in order (see `ordered`). */
  constructor(
    private readonly ids: PackedStrings,
    ordered = true,
  ) {
    if (!ordered) this.index(ids.length);
  }

  /** Whether every id so far sorted after the one before. */
  get ordered(): boolean {
    return this.isOrdered;
  }

  /** The row that holds `id`, or -1. */
  find(id: string): number {
    if (this.isOrdered) return this.search(id);
    const h = hashText(id);
    const slots = this.slots;
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const row = slots[2 * at + 1] - 1;
      if (row < 0) return -1;
      if (slots[2 * at] === h && this.ids.equals(row, id)) return row;
    }
  }

  /**
   * True when `id` is not taken; it is then noted as the next row, which the caller pushes to
   * the id column straight away. False (and nothing noted) for a duplicate.
   */
  admit(id: string): boolean {
    const row = this.ids.length;
    if (this.lastStale) {
      this.last = this.ids.get(row - 1);
      this.lastStale = false;
    }
    if (this.isOrdered) {
      if (row === 0 || id > this.last) {
        this.last = id;
        return true;
      }
      this.index(row);
    }
    // Linear probing stays short while at most half the slots are taken.
    if (2 * (row + 1) > this.slots.length / 2) this.rehash(this.slots.length, row);
    const h = hashText(id);
    const slots = this.slots;
    let at = h & this.mask;
    for (;;) {
      const e = slots[2 * at + 1] - 1;
      if (e < 0) break;
      if (slots[2 * at] === h && this.ids.equals(e, id)) return false;
      at = (at + 1) & this.mask;
    }
    slots[2 * at] = h;
    slots[2 * at + 1] = row + 1;
    return true;
  }

  /**
   * admit() for an ASCII id in src[from, to): while ids come in order, compared on the bytes and
   * no string made; `ids` must be a PackedTextBuilder the caller pushes the id to at once.
   */
  admitAscii(src: Buffer, from: number, to: number): boolean {
    if (this.isOrdered && (this.ids as PackedTextBuilder).lastBefore(src, from, to)) {
      this.lastStale = true;
      return true;
    }
    return this.admit(src.toString('latin1', from, to));
  }

  /** Ordered rows are found by bisection; the few lookups (refused rows only) decode a string each step. */
  private search(id: string): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ids.get(mid);
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private index(rows: number): void {
    this.isOrdered = false;
    let pairs = 1 << 10;
    while (2 * (rows + 1) > pairs) pairs *= 2;
    this.rehash(pairs, rows);
  }

  /** Rebuilds the index of the first `rows` rows with room for `pairs` (a power of two) slots. */
  private rehash(pairs: number, rows: number): void {
    const slots = new Int32Array(pairs * 2);
    const mask = pairs - 1;
    for (let row = 0; row < rows; row++) {
      const h = this.ids.hash(row);
      let at = h & mask;
      while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
      slots[2 * at] = h;
      slots[2 * at + 1] = row + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
