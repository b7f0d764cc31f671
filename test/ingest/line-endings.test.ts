// CRLF, LF and CR, alone or mixed in any order, each end a row outside quotes; rows read always
// equal an independent count of the records, and line numbers stay physical.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, type IngestOptions, type IngestResult } from '../../src/ingest/ingest.js';
import type { FileKind } from '../../src/model/types.js';
import { countRecords } from '../support/record-count.js';
import { expectAccounting, HOLDERS, PROVIDERS } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const SAMPLES = ['gemeente-klein', 'vuil'];
const KINDS: FileKind[] = ['budgethouders', 'zorgverleners', 'declaraties'];

/** A seeded generator, so a failing variant can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

type Eol = (line: number) => string;

/** Ways to end the lines of a file; each keeps one line end per line, so line numbers do not change. */
const VARIANTS: Record<string, Eol> = {
  crlf: () => '\r\n',
  cr: () => '\r',
  'crlf first 50 lines, then lf': (n) => (n < 50 ? '\r\n' : '\n'),
  'lf first 50 lines, then cr': (n) => (n < 50 ? '\n' : '\r'),
  'cr first 3 lines, then crlf': (n) => (n < 3 ? '\r' : '\r\n'),
  'mixed throughout': ((r) => () => ['\r\n', '\n', '\r'][Math.floor(r() * 3)])(random(6)),
};

/** A line end after `before` that stays one line end: an LF right after a CR would join it into a CRLF. */
function lineEnd(eol: Eol, n: number, before: string): string {
  const e = eol(n);
  return before.endsWith('\r') && e.startsWith('\n') ? '\r' : e;
}

/** The text with its line ends replaced line by line (the last line keeps whether it had one). */
function withLineEnds(text: string, eol: Eol): string {
  const lines = text.split(/\r\n|\n|\r/);
  const last = lines.pop()!;
  let out = '';
  lines.forEach((l, i) => (out += l + lineEnd(eol, i, l === '' ? out : l)));
  return out + last;
}

async function ingestFiles(files: Partial<Record<FileKind, string | Buffer>>, options?: IngestOptions): Promise<{ result: IngestResult; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-eol-'));
  for (const [kind, text] of Object.entries(files)) writeFileSync(join(dir, `${kind}.csv`), text);
  const result = await ingest(Object.keys(files).map((kind) => ({ kind: kind as FileKind, path: join(dir, `${kind}.csv`) })), options);
  expectAccounting(result);
  return { result, dir };
}

/** Rows read equal the independent record count, for every input. */
function expectCounted(result: IngestResult, dir: string): void {
  for (const input of result.inputs) {
    const bytes = readFileSync(join(dir, input.display));
    expect(input.rowsRead, `${input.display}: rows read vs independent count`).toBe(countRecords(bytes, input.dialect.delimiter));
  }
}

/** What must not depend on line endings: counts, rejects with their lines, accepted declarations with their lines. */
function outcome(result: IngestResult) {
  const t = result.data.declarations;
  return {
    counts: result.inputs.map((i) => [i.display, i.rowsRead, i.rowsAccepted, i.rowsRejected]),
    rejects: [...result.rejects].map((r) => [r.file, r.line, r.column, r.code, r.value]),
    declarations: Array.from({ length: t.length }, (_, i) => `${t.id.get(i)}@${t.line[i]}`),
    holders: result.data.holders.length,
    providers: result.data.providers.length,
  };
}

describe.each(SAMPLES)('line endings of samples/%s', (sample) => {
  // The samples as written, and with LF line ends throughout: the reference.
  const asIs = Object.fromEntries(KINDS.map((k) => [k, readFileSync(join(root, 'samples', sample, `${k}.csv`), 'utf8')])) as Record<FileKind, string>;
  const original = Object.fromEntries(KINDS.map((k) => [k, withLineEnds(asIs[k], () => '\n')])) as Record<FileKind, string>;
  let expected: ReturnType<typeof outcome> | undefined;
  const lf = async () => {
    if (expected === undefined) {
      const { result, dir } = await ingestFiles(original);
      expectCounted(result, dir);
      expected = outcome(result);
    }
    return expected;
  };

  it('as written: the same rows, rejects and lines as with LF', async () => {
    const { result, dir } = await ingestFiles(asIs);
    expectCounted(result, dir);
    expect(outcome(result)).toEqual(await lf());
  });

  // The large sample takes the variants that matter most; the small one takes them all.
  const variants = sample === 'vuil' ? Object.keys(VARIANTS) : ['crlf', 'cr', 'crlf first 50 lines, then lf', 'mixed throughout'];
  it.each(variants)('%s: the same rows, rejects and lines as with LF', async (name) => {
    const files = Object.fromEntries(KINDS.map((k) => [k, withLineEnds(original[k], VARIANTS[name])]));
    const { result, dir } = await ingestFiles(files);
    expectCounted(result, dir);
    expect(outcome(result)).toEqual(await lf());
  });

  it.each(['crlf first 50 lines, then lf', 'mixed throughout'])('%s, read in two ranges by the workers', async (name) => {
    const files = Object.fromEntries(KINDS.map((k) => [k, withLineEnds(original[k], VARIANTS[name])]));
    let split: { line: number } | null = null;
    const { result, dir } = await ingestFiles(files, { parallelMinBytes: 1, onSplit: (s) => (split = s) });
    if (sample === 'gemeente-klein') expect(split).not.toBeNull();
    expectCounted(result, dir);
    expect(outcome(result)).toEqual(await lf());
  });
});

const DECLARATIONS_ZV1 = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag\nD1;BH1;ZV1;01-03-2024;10,00\n';
const NOTES_HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;opmerking';

/** Declarations with notes spanning lines (any line end inside the quotes), and where each row starts. */
function notesFile(eol: Eol, rows: number): { text: string; starts: Map<string, number> } {
  const starts = new Map<string, number>();
  const r = random(rows);
  let line = 1;
  let text = NOTES_HEADER + eol(0);
  for (let i = 1; i <= rows; i++) {
    line++;
    starts.set(`D${i}`, line);
    const breaks = i % 3 === 0 ? 1 + Math.floor(r() * 3) : 0;
    const note = breaks === 0 ? 'kort' : `"${Array.from({ length: breaks + 1 }, (_, k) => `deel ""${k}""`).join(['\r\n', '\n', '\r'][Math.floor(r() * 3)])}"`;
    line += breaks;
    text += `D${i};BH${1 + (i % 2)};ZV1;01-03-2024;10,00;${note}${eol(i)}`;
    // Now and then an empty line, which is skipped but still a line.
    if (i % 10 === 0) {
      text += lineEnd(eol, i, text);
      line++;
    }
  }
  return { text, starts };
}

describe('quoted line breaks', () => {
  it.each([...Object.keys(VARIANTS), 'lf'])('%s between rows: every row starts on its physical line', async (name) => {
    const eol = VARIANTS[name] ?? (() => '\n');
    const { text, starts } = notesFile(eol, 400);
    // The two-range read too, for a few (its workers take a moment to start).
    for (const options of ['crlf', 'cr', 'mixed throughout'].includes(name) ? [{}, { parallelMinBytes: 1 }] : [{}]) {
      const { result, dir } = await ingestFiles({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: text }, options);
      expectCounted(result, dir);
      const t = result.data.declarations;
      expect([...result.rejects]).toEqual([]);
      expect(t.length).toBe(400);
      for (let i = 0; i < t.length; i++) expect(t.line[i], t.id.get(i)).toBe(starts.get(t.id.get(i)));
    }
  });

  it('a lone CR inside a quoted field is one line: the rows after it keep their lines', async () => {
    const text = [NOTES_HEADER, 'D1;BH1;ZV1;01-03-2024;10,00;"a\rb"', 'D2;BH1;ZV1;01-03-2024;abc;', 'D3;BH1;ZV1;01-03-2024;10,00;"c\r\nd\re"', 'D4;BH1;ZV1;99-03-2024;10,00;'].join('\n') + '\n';
    const { result } = await ingestFiles({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: text });
    expect([...result.rejects].map((r) => [r.line, r.code])).toEqual([
      [4, 'INVALID_NUMBER'],
      [8, 'INVALID_DATE'],
    ]);
  });
});

describe('rows read and the independent count agree on blank rows', () => {
  it.each([
    ['rows of ASCII blanks and delimiters, any line end', Buffer.from('zorgverlener_id;naam;soort\r\n \t; ;\r\nZV1;Zoë;zzp\r\n;;\r\r"";" ";\nZV2;b;zzp\n')],
    ['UTF-8 with a row of one byte that is not UTF-8', Buffer.from([...Buffer.from('zorgverlener_id;naam;soort\nZV1;Zoë;zzp\n;'), 0xa0, ...Buffer.from(';\n')])],
  ])('%s', async (_, zorgverleners) => {
    const { result, dir } = await ingestFiles({ budgethouders: HOLDERS, zorgverleners, declaraties: DECLARATIONS_ZV1 }, {});
    expectCounted(result, dir);
  });
});

describe('countRecords', () => {
  it('counts data rows: CRLF, LF and CR end records outside quotes; blank records and the header are not rows', () => {
    const count = (s: string, d = ';') => countRecords(Buffer.from(s), d);
    expect(count('a;b\n1;2\n3;4')).toBe(2);
    expect(count('a;b\r\n1;2\r3;4\n5;6\r\n')).toBe(3);
    expect(count('\ufeffa;b\r\n\r\n;;\r\n"";" "\r\n1;"x\r\ny"\r\n')).toBe(1);
    expect(count('a;b\n1;"""\n"""\n')).toBe(1);
    expect(count('a,b\n;;\n1,2\n', ',')).toBe(2);
    expect(count('\n\na;b\n')).toBe(0);
    // Unicode spaces are blank; a byte that is not UTF-8 in a UTF-8 file makes a rejected row, not a blank one.
    expect(count('a;b\n\u00a0;\u3000\nZoë;1\n')).toBe(1);
    expect(countRecords(Buffer.concat([Buffer.from('a;Zoë\n;'), Buffer.from([0xa0]), Buffer.from('\n')]), ';')).toBe(1);
    expect(countRecords(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0xa0, 0x3b, 0x0a, 0x63, 0xe9, 0x0a]), ';')).toBe(1);
  });
});
