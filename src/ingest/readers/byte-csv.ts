// The declarations' CSV tokenizer on bytes: it finds the fields of a record on the Buffer and
// makes no string unless asked. It reads exactly as csv-stream.ts configures csv-parse (delimiter,
// `"` quotes doubled inside, CRLF/LF/CR each ending a record, empty lines skipped, record size
// limit), which stays the reference: test/fuzz/byte-reader.test.ts holds them together.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How a field's bytes are held: as they are, between quotes, or needing csv-parse's rules to decode. */
const PLAIN = 0;
const QUOTED = 1;
/** Quoted with `""` inside, or text after its closing quote (a NUL there closes the quote): start/end span the raw field. */
const ESCAPED = 2;

/** Which reader reads the inputs: the byte tokenizer, or csv-parse (the reference, for tests and the bench). */
export function inputReader(): 'bytes' | 'csv-parse' {
  return process.env.PGB_SCAN_READER === 'csv-parse' ? 'csv-parse' : 'bytes';
}

/** A CSV syntax error in csv-parse's terms (code, 0-based field), on the line its record starts. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE' | 'INVALID_OPENING_QUOTE' | 'CSV_INVALID_CLOSING_QUOTE',
    readonly column: number,
    readonly line: number,
    /** Inside a quoted field when it was met. */
    readonly quoting: boolean,
  ) {
    super(code);
  }
}

/**
 * One record, reused for the next: where each field lies in `buf`. Valid only during the call
 * that hands it over; whatever is kept must be copied or decoded then.
 */
export class ByteRecord {
  buf: Buffer = Buffer.alloc(0);
  count = 0;
  /** The line the record starts on, and the one it ends on (quoted line breaks). */
  line = 0;
  lastLine = 0;
  /** Some field is ESCAPED: decode with text(). */
  escaped = false;
  start = new Int32Array(32);
  end = new Int32Array(32);
  kind = new Uint8Array(32);

  /** Field i as csv-parse gives it. */
  text(i: number): string {
    const b = this.buf;
    if (this.kind[i] !== ESCAPED) return b.toString('utf8', this.start[i], this.end[i]);
    return decodeEscaped(b, this.start[i], this.end[i]);
  }

  strings(): string[] {
    const n = this.count;
    const out = new Array<string>(n);
    if (n > 1 && !this.escaped) {
      // One decode for the record, cut into fields: a call to the decoder per field costs more than
      // the decoding. The buffer is valid UTF-8 (the decoder escaped any other byte as \xHH), so as
      // many characters as bytes means every byte was ASCII and positions agree.
      const from = this.start[0];
      const all = this.buf.toString('utf8', from, this.end[n - 1]);
      if (all.length === this.end[n - 1] - from) {
        for (let i = 0; i < n; i++) out[i] = all.substring(this.start[i] - from, this.end[i] - from);
        return out;
      }
    }
    for (let i = 0; i < n; i++) out[i] = this.text(i);
    return out;
  }

  /** Whether field i holds only printable ASCII (no blank, no control, nothing beyond ASCII) and no escapes. */
  isPlainAscii(i: number): boolean {
    if (this.kind[i] === ESCAPED) return false;
    const b = this.buf;
    for (let p = this.start[i], e = this.end[i]; p < e; p++) {
      const c = b[p];
      if (c <= 0x20 || c >= 0x7f) return false;
    }
    return true;
  }

  /**
   * True or false when the bytes tell whether every field is blank (`trimmed` the blanks the
   * caller trims: ' ', tab, CR, LF, and VT/FF for String.prototype.trim); null when a byte beyond
   * ASCII leaves it to the decoded text.
   */
  blank(vtff: boolean): boolean | null {
    const b = this.buf;
    let unsure = false;
    for (let i = 0; i < this.count; i++) {
      for (let p = this.start[i], e = this.end[i]; p < e; p++) {
        const c = b[p];
        if (c === 0x20 || c === 0x09 || c === LF || c === CR || (vtff && (c === 0x0b || c === 0x0c))) continue;
        if (c < 0x80) return false;
        unsure = true;
      }
    }
    return unsure ? null : true;
  }

  /** Whether field i is empty once clean() has trimmed it; null when a byte beyond ASCII leaves it to the text. */
  isEmpty(i: number): boolean | null {
    const b = this.buf;
    let unsure = false;
    for (let p = this.start[i], e = this.end[i]; p < e; p++) {
      const c = b[p];
      if (c === 0x20 || c === 0x09 || c === LF || c === CR) continue;
      if (c < 0x80) return false;
      unsure = true;
    }
    return unsure ? null : true;
  }

  push(start: number, end: number, kind: number): void {
    const i = this.count;
    if (i === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const g = new (a.constructor as new (n: number) => T)(a.length * 2);
        g.set(a);
        return g;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.kind = grow(this.kind);
    }
    this.start[i] = start;
    this.end[i] = end;
    this.kind[i] = kind;
    if (kind === ESCAPED) this.escaped = true;
    this.count = i + 1;
  }
}

/** A raw quoted field as csv-parse decodes it: `""` is `"`; after the closing quote the rest is literal. */
function decodeEscaped(b: Buffer, from: number, to: number): string {
  const parts: Buffer[] = [];
  let i = from + 1;
  let run = i;
  for (; i < to; i++) {
    if (b[i] !== QUOTE) continue;
    if (i + 1 < to && b[i + 1] === QUOTE) {
      parts.push(b.subarray(run, i + 1));
      run = ++i + 1;
      continue;
    }
    parts.push(b.subarray(run, i));
    run = i + 1;
    break;
  }
  parts.push(b.subarray(run, to));
  return Buffer.concat(parts).toString('utf8');
}

/** The bytes of decodeEscaped(b, from, to), counted without decoding. */
function escapedBytes(b: Buffer, from: number, to: number): number {
  let n = 0;
  let i = from + 1;
  for (; i < to; i++) {
    if (b[i] !== QUOTE) {
      n++;
      continue;
    }
    if (i + 1 < to && b[i + 1] === QUOTE) {
      n++;
      i++;
      continue;
    }
    return n + (to - i - 1);
  }
  return n;
}

/** Scanning stopped because the bytes so far end inside a record. */
const INCOMPLETE = -1;

/**
 * Splits a stream of (UTF-8) chunks into records. A record that a chunk boundary cuts is carried
 * and scanned again once the next chunk arrives; records are short, and one longer than `limit`
 * is an error anyway.
 */
export class ByteCsvTokenizer {
  /** csv-parse's max_record_size: characters of the record's fields (see checkSize). */
  limit: number;
  private readonly rec = new ByteRecord();
  private pending: Buffer = Buffer.alloc(0);
  private pendingLength = 0;
  /** The line the next byte is on. */
  private line: number;
  private inner = 0;

  constructor(
    private readonly delimiter: number,
    lineBase: number,
    limit: number,
    private readonly onRecord: (rec: ByteRecord) => void,
  ) {
    this.line = lineBase + 1;
    this.limit = limit;
  }

  push(chunk: Buffer): void {
    if (this.pendingLength > 0) {
      // The carried record usually ends at the chunk's first LF: complete it from that much of the
      // chunk, so the rest is scanned in place rather than copied.
      const lf = chunk.indexOf(LF);
      const take = lf === -1 ? chunk.length : lf + 1;
      this.append(chunk, 0, take);
      const n = this.pendingLength;
      const at = this.scan(this.pending.subarray(0, n), false);
      if (at < n || take === chunk.length) {
        // Still inside a record (a quoted line break, a long record): carry on with the whole chunk.
        this.pending.copyWithin(0, at, n);
        this.pendingLength = n - at;
        if (take < chunk.length) this.pushCarried(chunk.subarray(take));
        return;
      }
      this.pendingLength = 0;
      chunk = chunk.subarray(take);
    }
    const at = this.scan(chunk, false);
    if (at < chunk.length) this.keep(chunk, at);
  }

  /** Appends `chunk` to the carried bytes and scans them from the carried record's start. */
  private pushCarried(chunk: Buffer): void {
    this.append(chunk, 0, chunk.length);
    const n = this.pendingLength;
    const at = this.scan(this.pending.subarray(0, n), false);
    if (at < n) this.pending.copyWithin(0, at, n);
    this.pendingLength = n - at;
  }

  private append(chunk: Buffer, from: number, to: number): void {
    const need = this.pendingLength + (to - from);
    if (need > this.pending.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.pending.length * 2));
      this.pending.copy(grown, 0, 0, this.pendingLength);
      this.pending = grown;
    }
    chunk.copy(this.pending, this.pendingLength, from, to);
    this.pendingLength = need;
  }

  end(): void {
    const b = this.pending.subarray(0, this.pendingLength);
    this.pendingLength = 0;
    this.scan(b, true);
  }

  private keep(chunk: Buffer, at: number): void {
    const rest = chunk.length - at;
    if (rest > this.pending.length) this.pending = Buffer.allocUnsafe(Math.max(rest, 1 << 16));
    chunk.copy(this.pending, 0, at);
    this.pendingLength = rest;
  }

  /** Emits every complete record of b; returns where the first incomplete one starts (b.length when none). */
  private scan(b: Buffer, final: boolean): number {
    let p = 0;
    while (p < b.length) {
      const next = this.record(b, p, final);
      if (next === INCOMPLETE) return p;
      p = next;
    }
    return p;
  }

  /**
   * Reads the record starting at p: emits it (or skips an empty line) and returns where the next
   * one starts, or INCOMPLETE when b ends inside it and more may come.
   */
  private record(b: Buffer, p: number, final: boolean): number {
    const n = b.length;
    const d = this.delimiter;
    const rec = this.rec;
    rec.buf = b;
    rec.count = 0;
    rec.escaped = false;
    this.inner = 0;
    let i = p;
    for (;;) {
      let fieldStart = i;
      let fieldEnd: number;
      let kind = PLAIN;
      if (i < n && b[i] === QUOTE) {
        kind = QUOTED;
        const open = i;
        fieldStart = i + 1;
        i = fieldStart;
        for (;;) {
          const q = b.indexOf(QUOTE, i);
          if (q === -1) {
            this.countBreaks(b, i, n);
            if (n - p > this.limit) this.checkSize(b, open, n, ESCAPED, true);
            if (!final) return INCOMPLETE;
            throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', rec.count, this.line, true);
          }
          this.countBreaks(b, i, q);
          if (q + 1 >= n) {
            if (!final) return INCOMPLETE;
            i = q + 1;
            fieldEnd = q;
            break;
          }
          const next = b[q + 1];
          if (next === QUOTE) {
            kind = ESCAPED;
            i = q + 2;
            continue;
          }
          if (next === d || next === LF || next === CR || next === 0) {
            fieldEnd = q;
            i = q + 1;
            break;
          }
          throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', rec.count, this.line, true);
        }
        if (i < n && b[i] === 0) {
          // A NUL closes the quote (csv-parse tests its next byte for truth); what follows is plain text.
          kind = ESCAPED;
          fieldStart = open;
          i = this.plainEnd(b, i, true);
          fieldEnd = i;
        } else if (kind === ESCAPED) {
          fieldStart = open;
          fieldEnd = i;
        }
      } else {
        i = this.plainEnd(b, i, false);
        fieldEnd = i;
      }
      if (i - p > this.limit) this.checkSize(b, fieldStart, fieldEnd, kind, kind !== PLAIN);
      if (i >= n) {
        if (!final) return INCOMPLETE;
        // The end of the file ends the record, unless nothing at all was written on its line.
        if (rec.count > 0 || kind !== PLAIN || fieldEnd > fieldStart) {
          rec.push(fieldStart, fieldEnd!, kind);
          this.emit();
        }
        return n;
      }
      const c = b[i];
      if (c === d) {
        rec.push(fieldStart, fieldEnd!, kind);
        i++;
        continue;
      }
      // A line end; a CR at the end of the bytes may be the first half of a CRLF.
      let len = 1;
      if (c === CR) {
        if (i + 1 >= n && !final) return INCOMPLETE;
        if (i + 1 < n && b[i + 1] === LF) len = 2;
      }
      if (rec.count === 0 && kind === PLAIN && fieldEnd! === fieldStart) {
        // An empty line: skipped, as csv-parse's skip_empty_lines does.
        this.line++;
        return i + len;
      }
      rec.push(fieldStart, fieldEnd!, kind);
      this.emit();
      this.line++;
      return i + len;
    }
  }

  /** Where an unquoted field ends (delimiter, line end or the end of b); a quote inside it is an error. */
  private plainEnd(b: Buffer, i: number, afterQuote: boolean): number {
    const n = b.length;
    const d = this.delimiter;
    const from = i;
    for (; i < n; i++) {
      const c = b[i];
      // Most bytes are digits and letters: one test passes them (every byte that ends or breaks a field is a quote or below, or the delimiter).
      if (c > QUOTE && c !== d) continue;
      if (c === d || c === LF || c === CR) return i;
      if (c === QUOTE) {
        // A quote opens a field only as its first byte.
        if (i > from || afterQuote) throw new CsvSyntaxError('INVALID_OPENING_QUOTE', this.rec.count, this.line, false);
      }
    }
    return i;
  }

  private emit(): void {
    const rec = this.rec;
    rec.line = this.line;
    this.line += this.inner;
    rec.lastLine = this.line;
    this.onRecord(rec);
  }

  /** Line ends inside a quoted field, CRLF counted once. */
  private countBreaks(b: Buffer, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c === LF) {
        if (b[i - 1] !== CR) this.inner++;
      } else if (c === CR) this.inner++;
    }
  }

  /**
   * csv-parse's max_record_size: before it appends a byte to a field, it refuses when the
   * characters of the finished fields (string length) plus the bytes of this one exceed the
   * limit. Called only when the raw record is longer than the limit already; field by field,
   * the first field where that happens is the one named. [from, to) is the field being read,
   * held as `kind` says (see ByteRecord).
   */
  private checkSize(b: Buffer, from: number, to: number, kind: number, quoting: boolean): void {
    const rec = this.rec;
    let before = 0;
    for (let f = 0; f <= rec.count; f++) {
      const last = f === rec.count;
      const k = last ? kind : rec.kind[f];
      const s = last ? from : rec.start[f];
      const e = last ? to : rec.end[f];
      const bytes = k === ESCAPED ? escapedBytes(b, s, e) : e - s;
      if (bytes > 0 && before + bytes - 1 > this.limit) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', f, this.line, last ? quoting : k !== PLAIN);
      if (!last) before += rec.text(f).length;
    }
  }
}
