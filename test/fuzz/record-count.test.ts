import { describe, expect, test } from 'vitest';
import { countRecords } from '../support/record-count.js';

const count = (text: string, d = ',') => countRecords(Buffer.from(text, 'latin1'), d);

describe('countRecords, the independent count the fuzzers compare with', () => {
  test('LF, CRLF, CR and a mix all end records; the header is not counted', () => {
    expect(count('h1,h2\na,b\nc,d\n')).toBe(2);
    expect(count('h1,h2\r\na,b\r\nc,d\r\n')).toBe(2);
    expect(count('h1,h2\ra,b\rc,d\r')).toBe(2);
    expect(count('h1,h2\r\na,b\nc,d\re,f')).toBe(3);
  });
  test('line breaks and doubled quotes inside quotes do not end a record', () => {
    expect(count('h1,h2\n"a\r\nb",c\n"x""\ny",z\n')).toBe(2);
  });
  test('blank lines and rows of empty cells are not records', () => {
    expect(count('h1;h2\n\n;;\n  ;\t\na;b\n\r\n', ';')).toBe(1);
    expect(count('h1,h2\n"",""\na,b\n')).toBe(1);
    expect(count('h1,h2\n\u00a0,\na,b\n')).toBe(1);
  });
  test('a byte order mark at the start and a missing last line end', () => {
    expect(countRecords(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('h\na\nb')]), ',')).toBe(2);
  });
  test('an empty file and a header alone hold no records', () => {
    expect(count('')).toBe(0);
    expect(count('h1,h2\r\n')).toBe(0);
  });
  test('tab given by name', () => {
    expect(count('a\tb\n\t\nc\td\n', 'tab')).toBe(1);
  });
});
