import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText, csvTextRead } from '../../src/report/csv-format.js';

describe('csvTextRead', () => {
  it('takes off the apostrophe csvText adds, and only that one', () => {
    expect(csvTextRead("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(csvTextRead("'-x")).toBe('-x');
    expect(csvTextRead("'-500")).toBe("'-500");
    expect(csvTextRead("'t Hoekje")).toBe("'t Hoekje");
    expect(csvTextRead("'")).toBe("'");
  });

  it('reads back any text that does not itself open with an apostrophe (property)', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.startsWith("'")), (s) => csvTextRead(csvText(s)) === s));
  });
});
