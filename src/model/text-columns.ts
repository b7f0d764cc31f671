import { Buffer } from 'node:buffer';

/**
 * A column of strings without a JS string per row: millions of small strings are most of the
 * memory and garbage-collection time of a large scan.
 */
export interface TextColumn extends Iterable<string> {
  readonly length: number;
  get(row: number): string;
}

function* rowsOf(column: TextColumn): IterableIterator<string> {
  for (let r = 0; r < column.length; r++) yield column.get(r);
}

/**
 * Distinct strings (declaration ids) as UTF-8 bytes end to end: row r is bytes[offsets[r], offsets[r + 1]).
 * Typed arrays only, so a worker thread can hand one over without copying.
 */
export class PackedTextColumn implements TextColumn, PackedStrings {
  private readonly view: Buffer;

  constructor(
    readonly bytes: Uint8Array,
    /** length + 1 entries. */
    readonly offsets: Uint32Array,
  ) {
    this.view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  get(row: number): string {
    return this.view.toString('utf8', this.offsets[row], this.offsets[row + 1]);
  }

  /** Whether row `row` holds exactly `s`, without making a string of it. */
  equals(row: number, s: string): boolean {
    return packedEquals(this.bytes, this.offsets[row], this.offsets[row + 1], s) ?? this.get(row) === s;
  }

  /** hashText(get(row)), from the bytes while they are ASCII. */
  hash(row: number): number {
    return packedHash(this.bytes, this.offsets[row], this.offsets[row + 1]) ?? hashText(this.get(row));
  }

  [Symbol.iterator](): IterableIterator<string> {
    return rowsOf(this);
  }
}

/** Packed strings that can be searched without decoding them: a column, or one being built. */
export interface PackedStrings {
  readonly length: number;
  get(row: number): string;
  equals(row: number, s: string): boolean;
  hash(row: number): number;
}

/** Byte-wise comparison while `s` is ASCII; null when a non-ASCII character leaves it to the decoded string. */
function packedEquals(bytes: Uint8Array, from: number, to: number, s: string): boolean | null {
  // A UTF-16 unit takes at least one UTF-8 byte.
  if (to - from < s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return null;
    if (bytes[from + i] !== c) return false;
  }
  return to - from === s.length;
}

/** hashText over ASCII bytes (then equal to the characters); null when a byte is not ASCII. */
function packedHash(bytes: Uint8Array, from: number, to: number): number | null {
  let h = HASH_SEED;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c >= 0x80) return null;
    h = Math.imul(h ^ c, HASH_PRIME);
  }
  return finish(h);
}

export class PackedTextBuilder implements PackedStrings {
  private n = 0;
  private end = 0;
  private bytes: Uint8Array;
  private view: Buffer;
  private offsets: Uint32Array;

  /** @param shared on shared memory (see sharedArray), or on an ArrayBuffer that can be transferred and freed at once. */
  constructor(rows = 1024, bytesPerRow = 16, shared = true) {
    this.offsets = columnArray(Uint32Array, Math.max(16, rows) + 1, shared);
    this.bytes = columnArray(Uint8Array, Math.max(256, rows * bytesPerRow), shared);
    this.view = Buffer.from(this.bytes.buffer);
  }

  get length(): number {
    return this.n;
  }

  push(s: string): void {
    const len = s.length;
    // A UTF-16 unit takes at most 3 UTF-8 bytes.
    if (this.end + 3 * len > this.bytes.length) this.growBytes(this.end + 3 * len);
    if (this.n + 1 === this.offsets.length) this.offsets = grown(this.offsets, this.n + 2);
    const bytes = this.bytes;
    let at = this.end;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        at = this.end + this.view.write(s, this.end, 'utf8');
        break;
      }
      bytes[at++] = c;
    }
    this.end = at;
    this.offsets[++this.n] = at;
  }

  /** Pushes the text written in src[from, to), which must be ASCII: the byte reader's ids, copied without a string. */
  pushAscii(src: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (this.end + len > this.bytes.length) this.growBytes(this.end + len);
    if (this.n + 1 === this.offsets.length) this.offsets = grown(this.offsets, this.n + 2);
    const bytes = this.bytes;
    let at = this.end;
    for (let i = from; i < to; i++) bytes[at++] = src[i];
    this.end = at;
    this.offsets[++this.n] = at;
  }

  get(row: number): string {
    return this.view.toString('utf8', this.offsets[row], this.offsets[row + 1]);
  }

  equals(row: number, s: string): boolean {
    return packedEquals(this.bytes, this.offsets[row], this.offsets[row + 1], s) ?? this.get(row) === s;
  }

  /**
   * Whether the ASCII text src[from, to) sorts after the last row, as strings compare: bytes
   * compare alike, since at the first difference at least one side is an ASCII byte.
   */
  lastBefore(src: Uint8Array, from: number, to: number): boolean {
    if (this.n === 0) return true;
    const bytes = this.bytes;
    let a = this.offsets[this.n - 1];
    const end = this.offsets[this.n];
    for (let i = from; i < to; i++, a++) {
      if (a === end) return true;
      if (bytes[a] !== src[i]) return bytes[a] < src[i];
    }
    return false;
  }

  hash(row: number): number {
    return packedHash(this.bytes, this.offsets[row], this.offsets[row + 1]) ?? hashText(this.get(row));
  }

  /** The column so far; later pushes may still write into its spare capacity, never into its rows. */
  build(): PackedTextColumn {
    return new PackedTextColumn(this.bytes.subarray(0, this.end), this.offsets.subarray(0, this.n + 1));
  }

  private growBytes(need: number): void {
    this.bytes = grown(this.bytes, need);
    this.view = Buffer.from(this.bytes.buffer);
  }
}

/**
 * Strings that repeat (contract ids: the rows of one care plan, month after month): a code per row
 * into the values, packed. A value may be stored more than once (see CodedTextBuilder.push).
 */
export class CodedTextColumn implements TextColumn {
  constructor(
    readonly codes: Int32Array,
    readonly values: PackedTextColumn,
  ) {}

  get length(): number {
    return this.codes.length;
  }

  get(row: number): string {
    return this.values.get(this.codes[row]);
  }

  [Symbol.iterator](): IterableIterator<string> {
    return rowsOf(this);
  }
}

export class CodedTextBuilder {
  private n = 0;
  private codes: Int32Array;
  private readonly values = new PackedTextBuilder(1024);
  /** Per group, the codes of its two latest values (-1: none). */
  private recent = new Int32Array(0);
  private last = '';
  private lastCode = -1;

  constructor(rows = 1024, shared = true) {
    this.codes = columnArray(Int32Array, Math.max(16, rows), shared);
  }

  /**
   * @param group a small number the value tends to repeat within (a declaration's holder: its rows name
   * its one or two agreements month after month), or -1. A value seen among the group's two latest is
   * stored once; a value per run of rows instead was 3.6 million values (41 MiB) at 10 million rows.
   * Comparing bytes with two values costs next to nothing, where a map of every value cost more time
   * than the whole rest of the column.
   */
  push(s: string, group = -1): void {
    if (this.n === this.codes.length) this.codes = grown(this.codes, this.n + 1);
    if (s !== this.last || this.lastCode < 0) {
      this.lastCode = group < 0 ? this.stored(s) : this.inGroup(s, group);
      this.last = s;
    }
    this.codes[this.n++] = this.lastCode;
  }

  private inGroup(s: string, group: number): number {
    if (2 * group + 2 > this.recent.length) {
      const more = new Int32Array(Math.max(2 * group + 2, 2 * this.recent.length, 1024)).fill(-1);
      more.set(this.recent);
      this.recent = more;
    }
    const at = 2 * group;
    const first = this.recent[at];
    if (first >= 0 && this.values.equals(first, s)) return first;
    const second = this.recent[at + 1];
    const code = second >= 0 && this.values.equals(second, s) ? second : this.stored(s);
    this.recent[at + 1] = first;
    this.recent[at] = code;
    return code;
  }

  private stored(s: string): number {
    this.values.push(s);
    return this.values.length - 1;
  }

  build(): CodedTextColumn {
    return new CodedTextColumn(this.codes.subarray(0, this.n), this.values.build());
  }
}

export type NumberArray = Uint8Array | Int16Array | Int32Array | Uint32Array | Float64Array;

interface NumberArrayType<T extends NumberArray> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A zeroed array of n elements on a SharedArrayBuffer. The declarations' columns live on shared
 * memory so that the thread that read them and the threads that compute on them see one copy:
 * posting a view on shared memory hands over the memory, not its bytes. Like an ArrayBuffer's,
 * room never written costs no memory.
 */
export function sharedArray<T extends NumberArray>(Ctor: NumberArrayType<T>, n: number): T {
  return new Ctor(new SharedArrayBuffer(n * Ctor.BYTES_PER_ELEMENT), 0, n);
}

/**
 * A zeroed array of n elements, on shared memory or not. A worker's range that is merged into
 * another's room is not shared: its ArrayBuffers are transferred to the main thread and can be freed
 * the moment each column is copied, where shared memory waits for a garbage collection (at 10 million
 * rows, half the table held twice during the merge).
 */
export function columnArray<T extends NumberArray>(Ctor: NumberArrayType<T>, n: number, shared: boolean): T {
  return shared ? sharedArray(Ctor, n) : new Ctor(new ArrayBuffer(n * Ctor.BYTES_PER_ELEMENT), 0, n);
}

/** A larger copy of `a` (on shared memory when `a` is) with room for at least `need` elements; grows by half at scale, so a doubling does not overshoot by millions. */
export function grown<T extends NumberArray>(a: T, need: number): T {
  let cap = a.length;
  while (cap < need) cap = cap < 1 << 20 ? cap * 2 : Math.ceil(cap * 1.5);
  const b = columnArray(a.constructor as unknown as NumberArrayType<T>, cap, a.buffer instanceof SharedArrayBuffer);
  b.set(a);
  return b;
}

const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** FNV-1a with a murmur finaliser, so ids that differ only in their last digit land far apart. */
export function hashText(s: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_PRIME);
  return finish(h);
}
