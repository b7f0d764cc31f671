import { describe, expect, it } from 'vitest';
import { dayFromParts, parseIsoDay } from '../../src/model/dates.js';
import { BAD_DAY, BAD_TIME, civilDay, DateReader, parseTimeOfDay } from '../../src/ingest/values/date.js';
import { decimalVote, isAmbiguousDecimal, parseDecimal, type DecimalMode } from '../../src/ingest/values/number.js';
import { clean, enumMatcher, lostLeadingZeros, parseBoolean, parseGemeenteCode, parseYear } from '../../src/ingest/values/text.js';

const COMMA: DecimalMode = { mark: 'comma', certain: true };
const COMMA_GUESSED: DecimalMode = { mark: 'comma', certain: false };
const POINT: DecimalMode = { mark: 'point', certain: true };

describe('parseDecimal, comma mode', () => {
  it.each([
    ['12,50', 12.5],
    ['1.234,56', 1234.56],
    ['1.234.567,8', 1234567.8],
    ['1234,56', 1234.56],
    ['-1.234,56', -1234.56],
    ['0,1', 0.1],
    ['7', 7],
    ['1.234', 1234],
    ['0,07', 0.07],
  ])('reads %s as %d', (text, value) => {
    expect(parseDecimal(text, COMMA)).toBe(value);
  });

  it.each(['9.99', '1,2,3', '12,', ',5', '+1', '€ 12,50', '12,50 ', '1 234,56', '12.34,5', '1.23,4', '0.123', '', '-', 'abc', '1e3'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text, COMMA)).toBeNaN();
    },
  );

  it('agrees with Number() on the same digits', () => {
    for (const [comma, point] of [['0,1', '0.1'], ['1.000.000,01', '1000000.01'], ['123456789012,345', '123456789012.345'], ['12345678901234567,89', '12345678901234567.89']])
      expect(parseDecimal(comma, COMMA)).toBe(Number(point));
  });

  it("refuses the ambiguous '1.234' only while the decimal mark is not certain", () => {
    expect(parseDecimal('1.234', COMMA_GUESSED)).toBeNaN();
    expect(isAmbiguousDecimal('1.234', COMMA_GUESSED)).toBe(true);
    expect(isAmbiguousDecimal('-12.345', COMMA_GUESSED)).toBe(true);
    // Not ambiguous: two groups, decimals given, or not the thousands shape.
    expect(parseDecimal('1.234.567', COMMA_GUESSED)).toBe(1234567);
    expect(parseDecimal('1.234,00', COMMA_GUESSED)).toBe(1234);
    expect(isAmbiguousDecimal('1.23', COMMA_GUESSED)).toBe(false);
    expect(isAmbiguousDecimal('1.234', COMMA)).toBe(false);
    expect(isAmbiguousDecimal('1.234', POINT)).toBe(false);
  });
});

describe('parseDecimal, point mode', () => {
  it.each([
    ['1234.56', 1234.56],
    ['12.5', 12.5],
    ['-0.75', -0.75],
    ['1.234', 1.234],
    ['42', 42],
  ])('reads %s as %d', (text, value) => {
    expect(parseDecimal(text, POINT)).toBe(value);
  });

  it.each(['9,99', '1,234.56', '1.234,56', '12.', '.5', '+3', '1.2.3'])('refuses %j (never a guess: 9,99 is not 999)', (text) => {
    expect(parseDecimal(text, POINT)).toBeNaN();
  });
});

describe('decimalVote', () => {
  it('votes comma, point or nothing', () => {
    expect(decimalVote('12,50')).toBe(1);
    expect(decimalVote('1.234,5')).toBe(1);
    expect(decimalVote('12.50')).toBe(-1);
    expect(decimalVote('1,234.5')).toBe(-1);
    // Three digits after one separator read as thousands in the other mode.
    expect(decimalVote('1.234')).toBe(0);
    expect(decimalVote('1,234')).toBe(0);
    expect(decimalVote('12')).toBe(0);
  });
});

describe('dates', () => {
  it('civilDay agrees with dayFromParts across leap years and centuries', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [2000, 2, 29], [1900, 3, 1], [2024, 2, 29], [2100, 12, 31], [1000, 1, 1], [9999, 12, 31]])
      expect(civilDay(y, m, d)).toBe(dayFromParts(y, m, d));
    for (let day = parseIsoDay('1999-12-01')!; day < parseIsoDay('2001-03-01')!; day++) {
      const iso = new Date(day * 86_400_000).toISOString();
      expect(civilDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))).toBe(day);
    }
  });

  it('reads the three date forms and remembers which it saw', () => {
    const r = new DateReader();
    const day = parseIsoDay('2024-03-05');
    expect(r.day('2024-03-05')).toBe(day);
    expect(r.formats()).toEqual(['YYYY-MM-DD']);
    expect(r.day('05-03-2024')).toBe(day);
    expect(r.day('5-3-2024')).toBe(day);
    expect(r.day('5-03-2024')).toBe(day);
    expect(r.formats()).toEqual(['D-M-YYYY', 'DD-MM-YYYY', 'YYYY-MM-DD']);
  });

  it.each(['31-02-2024', '29-02-2023', '2024-13-01', '00-01-2024', '2024/03/05', '05/03/2024', '5-3-24', '2024-3-5', '20240305', ' 05-03-2024', '05-03-2024x', '0999-01-01'])(
    'refuses %j',
    (text) => {
      const r = new DateReader();
      expect(r.day(text)).toBe(BAD_DAY);
      expect(r.formats()).toEqual([]);
    },
  );

  it('reads date-times and keeps the day', () => {
    const r = new DateReader();
    const day = parseIsoDay('2024-03-05');
    expect(r.dayTime('2024-03-05 14:30')).toBe(day);
    expect(r.dayTime('2024-03-05T14:30:59')).toBe(day);
    expect(r.dayTime('05-03-2024 9:05')).toBe(day);
    expect(r.dayTime('5-3-2024T23:59:00')).toBe(day);
    expect(r.dayTime('05-03-2024')).toBe(day);
    expect(r.formats()).toEqual(['D-M-YYYYTHH:MM:SS', 'DD-MM-YYYY', 'DD-MM-YYYY HH:MM', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DDTHH:MM:SS']);
  });

  it('leaves the minute of the last date-time in lastMinute, -1 for a date alone or a refused value', () => {
    const r = new DateReader();
    const minutes = (text: string) => (r.dayTime(text), r.lastMinute);
    expect(['2024-03-05 14:30', '2024-03-05T14:30:59', '05-03-2024 9:05', '5-3-2024T00:00:00', '05-03-2024', '31-02-2024 10:00', '2024-03-05 14:60'].map(minutes)).toEqual([
      870, 870, 545, 0, -1, -1, -1,
    ]);
  });

  it.each(['2024-03-05 24:00', '2024-03-05 14:60', '2024-03-05 14:30:60', '2024-03-05T', '2024-03-05 1430', '31-02-2024 10:00', '2024-03-05 14:30Z'])(
    'refuses the date-time %j',
    (text) => {
      expect(new DateReader().dayTime(text)).toBe(BAD_DAY);
    },
  );

  it('reads times of day from 00:00 to 24:00', () => {
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('8:15')).toBe(495);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    for (const bad of ['24:01', '25:00', '12:60', '1230', '12:3', '-1:00', '12:30:00', ''])
      expect(parseTimeOfDay(bad), bad).toBe(BAD_TIME);
  });
});

describe('text values', () => {
  it('trims padded cells but keeps inner blanks', () => {
    expect(clean('  a b ')).toBe('a b');
    expect(clean('ab')).toBe('ab');
  });

  it('matches allowed values case-, blank- and hyphen-insensitively', () => {
    const m = enumMatcher(['beschermd_wonen', 'begeleid_wonen']);
    expect(m('begeleid_wonen')).toBe(1);
    expect(m('Beschermd wonen')).toBe(0);
    expect(m('BESCHERMD-WONEN')).toBe(0);
    expect(m('beschermd')).toBe(-1);
  });

  it('reads booleans in Dutch and English, any case', () => {
    for (const t of ['ja', 'J', 'true', 'TRUE', '1']) expect(parseBoolean(t), t).toBe(true);
    for (const f of ['nee', 'N', 'false', 'False', '0']) expect(parseBoolean(f), f).toBe(false);
    for (const x of ['yes', 'no', '2', 'jaa', '']) expect(parseBoolean(x), x).toBeNull();
  });

  it('upper-cases gemeente codes and refuses other shapes', () => {
    expect(parseGemeenteCode('gm0363')).toBe('GM0363');
    expect(parseGemeenteCode('GM0363')).toBe('GM0363');
    for (const bad of ['GM363', '0363', 'GM03630', 'GX0363']) expect(parseGemeenteCode(bad), bad).toBeNull();
  });

  it('spots codes that lost their leading zeros', () => {
    expect(lostLeadingZeros('1234567', 8)).toBe(true);
    expect(lostLeadingZeros('12345678', 8)).toBe(false);
    expect(lostLeadingZeros('12a', 8)).toBe(false);
  });

  it('reads plausible birth years only', () => {
    expect(parseYear('1975')).toBe(1975);
    expect(parseYear('75')).toBeNull();
    expect(parseYear('1850')).toBeNull();
    expect(parseYear('19755')).toBeNull();
  });
});
