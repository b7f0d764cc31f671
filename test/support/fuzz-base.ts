import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../src/generate/generate.js';
import { parseScenario } from '../../src/generate/scenario-schema.js';
import { smallExport, tempDir } from './cli.js';
import { LONG } from './fuzz-profile.js';

/** One input file split into lines and fields, so mutations can address rows and cells. */
export interface Table {
  name: string;
  header: Buffer[];
  rows: Buffer[][];
}

/** A valid export the fuzzers start from. */
export interface Base {
  label: string;
  /** How values are written: 'nl' has DD-MM-YYYY and a decimal comma, 'plain' YYYY-MM-DD and a point. */
  dialect: 'plain' | 'nl';
  delimiter: string;
  /** The line end of the original export. */
  eol: string;
  tables: Table[];
}

/** A line's cells as raw bytes, quotes kept: a delimiter inside a quoted field does not split it. */
const splitBuffer = (b: Buffer, sep: number): Buffer[] => {
  const out: Buffer[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x22) quoted = !quoted;
    else if (b[i] === sep && !quoted) {
      out.push(b.subarray(from, i));
      from = i + 1;
    }
  }
  out.push(b.subarray(from));
  return out;
};

/** Splits a file into a table; quoted fields are kept as written, but none may span lines. */
export function toTable(name: string, bytes: Buffer, delimiter: string): Table {
  const lines = bytes
    .toString('latin1')
    .split(/\r\n|\n|\r/)
    .filter((l) => l !== '')
    .map((l) => Buffer.from(l, 'latin1'));
  const quotes = (l: Buffer) => l.reduce((n, c) => n + (c === 0x22 ? 1 : 0), 0);
  if (lines.some((l) => quotes(l) % 2 === 1)) throw new Error(`fuzz base ${name}: a quoted field spans lines, which the base reader does not support`);
  const d = delimiter.charCodeAt(0);
  const [header, ...rows] = lines.map((l) => splitBuffer(l, d));
  return { name, header, rows };
}

function readBase(label: string, dialect: Base['dialect'], dir: string, delimiter: string, eol: string): Base {
  const names = readdirSync(dir).filter((n) => n.endsWith('.csv')).sort();
  return { label, dialect, delimiter, eol, tables: names.map((n) => toTable(n, readFileSync(join(dir, n)), delimiter)) };
}

/**
 * A tiny generated population (about 350 rows, two planted schemes) so one scan takes some 20 ms:
 * 'plain' is UTF-8 with ',' and LF and names with accents, 'nl' is ';', CRLF, decimal comma,
 * DD-MM-YYYY and a contracts file.
 */
async function generated(dialect: 'plain' | 'nl'): Promise<Base> {
  const scenario = parseScenario(
    {
      name: `fuzz-${dialect}`,
      holders: 14,
      providers: 6,
      startMonth: '2025-01',
      months: 4,
      dialect,
      contractsFile: dialect === 'nl',
      schemes: [
        { kind: 'impossible-days', count: 1 },
        { kind: 'care-after-death', count: 1 },
      ],
    },
    'fuzz-base',
  );
  const dir = tempDir('pgb-fuzz-base-');
  await generate({ scenario, seed: 3, scale: 1, outDir: dir });
  return readBase(dialect, dialect, dir, dialect === 'nl' ? ';' : ',', dialect === 'nl' ? '\r\n' : '\n');
}

let cache: Promise<Base[]> | null = null;

/** How many bases there are: pick one with fc.nat({ max: BASE_COUNT - 1 }). */
export const BASE_COUNT = LONG ? 4 : 3;

/** The bases: two generated populations and the hand-written small export of the CLI tests. */
export function bases(): Promise<Base[]> {
  cache ??= (async () => {
    const plain = await generated('plain');
    const nl = await generated('nl');
    const small = readBase('small', 'plain', smallExport(tempDir('pgb-fuzz-small-')), ',', '\n');
    // The sample municipality (314 holders, 1 MB of declarations) takes some 300 ms a scan: long profile only.
    return LONG ? [plain, nl, small, readBase('gemeente-klein', 'nl', 'samples/gemeente-klein', ';', '\r\n')] : [plain, nl, small];
  })();
  return cache;
}

export function serialize(table: Table, delimiter: string, eolOf: (line: number) => string): Buffer {
  const d = Buffer.from(delimiter);
  const parts: Buffer[] = [];
  const lines = [table.header, ...table.rows];
  lines.forEach((fields, i) => {
    fields.forEach((f, j) => {
      if (j > 0) parts.push(d);
      parts.push(f);
    });
    parts.push(Buffer.from(eolOf(i)));
  });
  return Buffer.concat(parts);
}
