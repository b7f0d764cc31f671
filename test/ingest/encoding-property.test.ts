// Property: however the bytes arrive in chunks, the decoder reads a UTF-8 file as UTF-8 with each
// byte that is not UTF-8 escaped and its line noted, and a file without any UTF-8 sequence (when the
// encoding was not given) as windows-1252.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/ingest/encoding.js';

interface Token {
  bytes: number[];
  /** As a UTF-8 file reads it. */
  utf8: string;
  /** As windows-1252 reads it. */
  cp1252: string;
  bad: boolean;
  multibyte: boolean;
  lineEnd: boolean;
}

const t = (bytes: number[], utf8: string, cp1252: string, o: Partial<Token> = {}): Token => ({ bytes, utf8, cp1252, bad: false, multibyte: false, lineEnd: false, ...o });
const TOKENS: Token[] = [
  t([0x61, 0x3b], 'a;', 'a;'),
  t([0x5a, 0x56, 0x31], 'ZV1', 'ZV1'),
  t([0xc3, 0xa9], 'é', 'Ã©', { multibyte: true }),
  t([0xe2, 0x82, 0xac], '€', 'â‚¬', { multibyte: true }),
  t([0xe9], '\\xE9', 'é', { bad: true }),
  t([0xff], '\\xFF', 'ÿ', { bad: true }),
  // No continuation byte (0x80-0xBF) alone: after 0xE9 it could complete a valid sequence.
  t([0xc0], '\\xC0', 'À', { bad: true }),
  t([0x0a], '\n', '\n', { lineEnd: true }),
  t([0x0d], '\r', '\r', { lineEnd: true }),
  t([0x0d, 0x0a], '\r\n', '\r\n', { lineEnd: true }),
];

function decode(d: ChunkDecoder, bytes: Buffer, cuts: number[]): string {
  const out: Buffer[] = [];
  let at = 0;
  for (const n of cuts) {
    if (at >= bytes.length) break;
    out.push(d.decode(bytes.subarray(at, at + n)));
    at += n;
  }
  if (at < bytes.length) out.push(d.decode(bytes.subarray(at)));
  out.push(d.end());
  return Buffer.concat(out).toString('utf8');
}

describe('ChunkDecoder, property-based', () => {
  it('UTF-8 given or found: bytes that are not UTF-8 escaped, their lines noted; none found: windows-1252', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 30 }), fc.boolean(), (tokens, cuts, guessed) => {
        const bytes = Buffer.from(tokens.flatMap((x) => x.bytes));
        // Line numbers: a CR then an LF token join into one CRLF line end.
        const badLines = new Set<number>();
        let line = 1;
        tokens.forEach((x, i) => {
          if (x.bad) badLines.add(line);
          if (x.lineEnd && !(x.bytes.length === 1 && x.bytes[0] === 0x0d && tokens[i + 1]?.bytes[0] === 0x0a)) line++;
        });
        const d = new ChunkDecoder('utf-8', 'f.csv', 0, guessed);
        const text = decode(d, bytes, cuts);
        const utf8 = !guessed || tokens.some((x) => x.multibyte);
        if (utf8) {
          expect(text).toBe(tokens.map((x) => x.utf8).join(''));
          expect([...d.badLines].sort((a, b) => a - b)).toEqual([...badLines].sort((a, b) => a - b));
          if (guessed) expect(d.encoding).toBe('utf-8');
        } else {
          expect(text).toBe(tokens.map((x) => x.cp1252).join(''));
          expect(d.encoding).toBe(tokens.some((x) => x.bad) ? 'windows-1252' : 'utf-8');
        }
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });
});
