import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSink, encodeLatin1, quoteField } from '../../src/generate/csv-sink.js';
import { DIALECTS, ValueFormatter } from '../../src/generate/dialect-format.js';
import { Prng } from '../../src/generate/prng.js';
import { parseIsoDay } from '../../src/model/dates.js';

const nl = new ValueFormatter(DIALECTS.nl);
const plain = new ValueFormatter(DIALECTS.plain);

describe('ValueFormatter', () => {
  it('writes amounts with two decimals, Dutch with thousands dots', () => {
    expect([1234.56, 1234567.8, 0.5, -12.3, 999].map((x) => nl.amount(x))).toEqual(['1.234,56', '1.234.567,80', '0,50', '-12,30', '999,00']);
    expect([1234.56, 1234567.8, 0.5, -12.3, 999].map((x) => plain.amount(x))).toEqual(['1234.56', '1234567.80', '0.50', '-12.30', '999.00']);
  });

  it('writes hours with at most two decimals, trailing zeros dropped', () => {
    expect([7.5, 8, 2.25, 0.75, 1234.5].map((x) => nl.hours(x))).toEqual(['7,5', '8', '2,25', '0,75', '1.234,5']);
    expect([7.5, 8, 2.25].map((x) => plain.hours(x))).toEqual(['7.5', '8', '2.25']);
  });

  it('writes dates, times and booleans per dialect', () => {
    const day = parseIsoDay('2025-02-03')!;
    expect([nl.day(day), plain.day(day), nl.day(null)]).toEqual(['03-02-2025', '2025-02-03', '']);
    expect([nl.time(0), nl.time(8 * 60 + 5), nl.time(1440)]).toEqual(['00:00', '08:05', '24:00']);
    expect([nl.bool(true), nl.bool(false), plain.bool(true), plain.bool(null)]).toEqual(['ja', 'nee', 'true', '']);
  });
});

describe('CSV writing', () => {
  it('quotes only fields that need it (RFC 4180)', () => {
    expect(quoteField('Zorg & Welzijn, Oost', ',')).toBe('"Zorg & Welzijn, Oost"');
    expect(quoteField('Zorg & Welzijn, Oost', ';')).toBe('Zorg & Welzijn, Oost');
    expect(quoteField('Wonen "Op Maat"', ';')).toBe('"Wonen ""Op Maat"""');
    expect(quoteField('twee\nregels', ',')).toBe('"twee\nregels"');
  });

  it('encodes Latin-1 characters as single bytes and refuses anything beyond', () => {
    expect([...encodeLatin1('Zoë é')]).toEqual([0x5a, 0x6f, 0xeb, 0x20, 0xe9]);
    expect(() => encodeLatin1('€')).toThrow(/U\+20ac/);
  });

  it('writes a file that parses back, counting rows and bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-csv-'));
    try {
      const path = join(dir, 'x.csv');
      const sink = new CsvSink(path, DIALECTS.nl, ['id', 'naam']);
      sink.row(['1', 'Begeleiding; Herstel en Groei']);
      sink.row(['2', 'Chloë "Zoë" Bakker']);
      for (let i = 3; i <= 5000; i++) sink.plainRow([String(i), 'x'.repeat(20)]);
      const { rows, bytes } = sink.close();
      const raw = readFileSync(path);
      expect(rows).toBe(5000);
      expect(bytes).toBe(raw.length);
      const records = parse(new TextDecoder('windows-1252').decode(raw), { delimiter: ';' }) as string[][];
      expect(records).toHaveLength(5001);
      expect(records[1]).toEqual(['1', 'Begeleiding; Herstel en Groei']);
      expect(records[2]).toEqual(['2', 'Chloë "Zoë" Bakker']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Prng', () => {
  it('repeats its stream for the same seed and label, and differs otherwise', () => {
    const draw = (seed: number, label: string) => {
      const r = new Prng(seed, label);
      return Array.from({ length: 5 }, () => r.nextUint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Prng(42);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const x = r.int(0, 3);
      counts[x]++;
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
