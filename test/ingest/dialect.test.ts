import { describe, expect, it } from 'vitest';
import { detectDecimal, detectDelimiter, detectEncoding } from '../../src/ingest/dialect.js';
import { ChunkDecoder, decodeWindows1252 } from '../../src/ingest/encoding.js';
import { isAppError } from '../../src/errors.js';

const cp1252 = (s: string) => Buffer.from([...s].map((c) => ({ é: 0xe9, ë: 0xeb, '€': 0x80 })[c] ?? c.charCodeAt(0)));

describe('detectEncoding', () => {
  it('takes a UTF-8 BOM as UTF-8', () => {
    expect(detectEncoding(Buffer.from('\ufeffa;b\n'), 'f.csv')).toEqual({ encoding: 'utf-8', bom: true });
  });
  it('takes valid UTF-8 as UTF-8, also when the sample ends inside a character', () => {
    expect(detectEncoding(Buffer.from('naam\nCafé'), 'f.csv')).toEqual({ encoding: 'utf-8', bom: false });
    const cut = Buffer.from('naam\nCafé').subarray(0, -1);
    expect(detectEncoding(cut, 'f.csv')).toEqual({ encoding: 'utf-8', bom: false });
  });
  it('leaves Excel bytes to the decoder, which reads a file without any UTF-8 sequence as windows-1252', () => {
    expect(detectEncoding(cp1252('naam\nCafé Ëlla'), 'f.csv')).toEqual({ encoding: 'utf-8', bom: false });
    const d = new ChunkDecoder('utf-8', 'f.csv', 0, true);
    const out = Buffer.concat([d.decode(cp1252('naam\nCafé Ëlla\n')), d.end()]);
    expect([out.toString('utf8'), d.encoding, d.verdict]).toEqual(['naam\nCafé Ëlla\n', 'windows-1252', 'no-utf-8']);
  });
  it('refuses UTF-16', () => {
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'f.csv')).toThrow(/UTF-16/);
  });
});

describe('ChunkDecoder', () => {
  it('passes UTF-8 through however the chunks split a character', () => {
    const bytes = Buffer.from('a;b\nCafé;Zoë\n€;x\n');
    for (let size = 1; size <= 5; size++) {
      const d = new ChunkDecoder('utf-8', 'f.csv');
      const out: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(d.decode(bytes.subarray(i, i + size)));
      d.end();
      expect(Buffer.concat(out).toString('utf8')).toBe('a;b\nCafé;Zoë\n€;x\n');
    }
  });
  it('notes the line of a byte that is not UTF-8 and writes the byte as \\xHH', () => {
    const d = new ChunkDecoder('utf-8', 'f.csv');
    d.decode(Buffer.from('a;b\r\nc;d\r'));
    const out = d.decode(Buffer.concat([Buffer.from('\ne;f\ng;'), Buffer.from([0xe9]), Buffer.from(';'), Buffer.from([0xe2, 0x82]), Buffer.from('\n')]));
    expect(out.toString('utf8')).toBe('\ne;f\ng;\\xE9;\\xE2\\x82\n');
    expect([...d.badLines]).toEqual([4]);
  });
  it('notes the last line when the file ends inside a character', () => {
    const d = new ChunkDecoder('utf-8', 'f.csv');
    d.decode(Buffer.from('a\n€').subarray(0, -1));
    expect(d.end().toString('utf8')).toBe('\\xE2\\x82');
    expect([...d.badLines]).toEqual([2]);
  });
  it('transcodes windows-1252 and refuses its undefined bytes', () => {
    const d = new ChunkDecoder('windows-1252', 'f.csv');
    expect(d.decode(cp1252('Café;€\n')).toString('utf8')).toBe('Café;€\n');
    expect(() => d.decode(Buffer.from([0x61, 0x0a, 0x62, 0x81]))).toThrow(/f\.csv line 3: byte 0x81 is undefined in windows-1252/);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter with a steady field count', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n4;5,5;6\n', false)).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2.5,3\n', true)).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3\n', true)).toBe('\t');
  });
  it("is not fooled by decimal commas or quoted delimiters", () => {
    // Each row has more commas than semicolons, but only ';' splits every row alike.
    expect(detectDelimiter('id;bedrag;tarief\n1;1,50;2,25\n2;3,50;4,25\n3;10;2\n', true)).toBe(';');
    expect(detectDelimiter('id,naam,x\n1,"De Linde; Zorg",2\n2,"Noord; Oost",3\n', true)).toBe(',');
  });
  it('ignores a last record cut off by the end of the sample', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5', false)).toBe(';');
  });
});

describe('detectDecimal', () => {
  it('follows the evidence in the values', () => {
    expect(detectDecimal(['12,50', '7'], ',')).toEqual({ mark: 'comma', certain: true });
    expect(detectDecimal(['12.50', '7'], ';')).toEqual({ mark: 'point', certain: true });
    expect(detectDecimal(['1.234,56', '12.50', '3,5'], ';')).toEqual({ mark: 'comma', certain: true });
  });
  it('falls back to the delimiter hint, uncertain, without evidence', () => {
    expect(detectDecimal(['1.234', '12'], ';')).toEqual({ mark: 'comma', certain: false });
    expect(detectDecimal([], ',')).toEqual({ mark: 'point', certain: false });
    expect(detectDecimal(['5'], '\t')).toEqual({ mark: 'comma', certain: false });
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to the windows-1252 characters, not latin1 controls', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text[0x80]).toBe('€');
    expect(text[0x8a]).toBe('Š');
    expect(text[0x93] + text[0x94]).toBe('“”');
    expect(text[0x96]).toBe('–');
    expect(text[0x9f]).toBe('Ÿ');
    expect(text[0xe9] + text[0xeb]).toBe('éë');
    expect(text.slice(0, 0x80)).toBe(all.subarray(0, 0x80).toString('latin1'));
    expect(text.slice(0xa0)).toBe(all.subarray(0xa0).toString('latin1'));
  });
});
