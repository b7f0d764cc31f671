import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CsvDialect } from './dialect-format.js';

const CHUNK_CHARS = 64 * 1024;

/**
 * Windows-1252 agrees with Latin-1 on every character our names use (é, ë, ï, ö, ü),
 * so a character up to 0xFF is its own byte. Anything above would be silently
 * mangled, so it is refused instead.
 */
export function encodeLatin1(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`cannot encode '${text[i]}' (U+${c.toString(16).padStart(4, '0')}) in Windows-1252`);
    out[i] = c;
  }
  return out;
}

/** RFC 4180: quote a field holding the delimiter, a quote or a line break; double inner quotes. */
export function quoteField(field: string, delimiter: string): string {
  if (field.includes(delimiter) || field.includes('"') || field.includes('\n') || field.includes('\r')) {
    return `"${field.replaceAll('"', '""')}"`;
  }
  return field;
}

export interface WrittenFile {
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Appends rows to a file in 64 KiB chunks with synchronous writes: the writer
 * blocks while the disk catches up, so memory stays flat at any row count.
 */
export class CsvSink {
  private readonly fd: number;
  private buffer = '';
  private rowCount = 0;
  private byteCount = 0;
  /** Hashed as written, so truth.json can name the exact files it belongs to. */
  private readonly hash: Hash = createHash('sha256');
  private readonly encode: (text: string) => Buffer;

  constructor(
    readonly path: string,
    private readonly dialect: CsvDialect,
    header: readonly string[],
  ) {
    this.fd = openSync(path, 'w');
    this.encode = dialect.encoding === 'utf-8' ? (t) => Buffer.from(t, 'utf8') : encodeLatin1;
    this.buffer = header.join(dialect.delimiter) + dialect.lineEnd;
  }

  /** A row of free text (names, keys): every field is quoted when it needs to be. */
  row(fields: readonly string[]): void {
    const d = this.dialect.delimiter;
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : d) + quoteField(fields[i], d);
    this.append(line);
  }

  /**
   * A row whose fields cannot hold the delimiter, quotes or line breaks (ids, numbers,
   * dates, times): skipping the quote check keeps 10M-row files fast.
   */
  plainRow(fields: readonly string[]): void {
    this.append(fields.join(this.dialect.delimiter));
  }

  private append(line: string): void {
    this.buffer += line + this.dialect.lineEnd;
    this.rowCount++;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const bytes = this.encode(this.buffer);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    this.byteCount += bytes.length;
    this.hash.update(bytes);
    this.buffer = '';
  }

  close(): WrittenFile {
    this.flush();
    closeSync(this.fd);
    return { rows: this.rowCount, bytes: this.byteCount, sha256: this.hash.digest('hex') };
  }
}
