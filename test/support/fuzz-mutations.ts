import fc from 'fast-check';
import { BASE_COUNT, serialize, type Base, type Table } from './fuzz-base.js';

// Mutations are plain data, so fast-check prints and shrinks a failing case as something a person
// can read and replay; applyCase turns them into bytes.

export type Eol = '\r\n' | '\n' | '\r';
export type EolPlan =
  | { kind: 'keep' }
  | { kind: 'uniform'; eol: Eol }
  /** The first `cut` lines end with `first`, the rest with `rest` (two exports concatenated). */
  | { kind: 'blocks'; cut: number; first: Eol; rest: Eol }
  /** Line i ends with eols[i % eols.length]. */
  | { kind: 'per-line'; eols: Eol[] };

export type CellEdit = 'replace' | 'append' | 'prepend';

export type RowMutation =
  | { kind: 'duplicate'; row: number; to: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'repeat-header'; at: number }
  /** Text written as a correctly quoted CSV field. */
  | { kind: 'set-cell'; row: number; col: number | string; text: string; edit: CellEdit }
  /** A bare quote or delimiter inside a cell, not quoted: the CSV structure itself changes. */
  | { kind: 'insert-char'; row: number; col: number; pos: number; char: 'quote' | 'delimiter' }
  /** A cell (by index or header name) written as a look-alike of itself. */
  | { kind: 'look-alike'; row: number; col: number | string; lookAlike: LookAlike }
  /** A copy of a row, its id a look-alike of the original's, added at the end. */
  | { kind: 'duplicate-look-alike'; row: number; lookAlike: LookAlike }
  /** A new column at position `at`; row i gets values[i % values.length]. */
  | { kind: 'add-column'; at: number; header: string; values: string[] }
  /** Raw bytes inside a cell (encoding mixes). */
  | { kind: 'insert-bytes'; row: number; col: number; pos: number; bytes: number[] };

export type ByteMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: number[] };

export interface FileMutation {
  file: number;
  rows: RowMutation[];
  eol: EolPlan;
  bytes: ByteMutation[];
}

/** An id renamed in every file where it occurs, so it reaches the rankings and the report. */
export interface Rename {
  table: 'zorgverleners.csv' | 'budgethouders.csv';
  /** Which row's id; 'all' renames every id of the table. */
  row: number | 'all';
  text: string;
  edit: CellEdit;
}

export interface Case {
  base: number;
  renames: Rename[];
  files: FileMutation[];
  failOn: boolean;
}

// ---- payloads -------------------------------------------------------------------------------

export const FORMULAS = [
  '=HYPERLINK("http://evil.example/x","klik")',
  '=1+1',
  '+31612345678',
  '+SUM(A1:A9)',
  '@SUM(A1)',
  "-cmd|' /C calc'!A0",
  '-2+3',
  '\t=1+1',
  '\r=1+1',
];
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[klik](javascript:alert(1))',
  '![x](http://evil.example/p.png)',
  'a|b',
  '| kapot |',
  '<b>vet</b>',
];
/** Characters that look like nothing or like ASCII. */
export const INVISIBLE = ['\u00a0', '\u200b', '\ufeff', '\u2060', '\u200d', '\u202f'];
const CYRILLIC: Record<string, string> = { A: '\u0410', B: '\u0412', E: '\u0415', H: '\u041d', O: '\u041e', C: '\u0421', Z: '\u0417', V: '\u0412' };

export type LookAlike =
  | { kind: 'suffix' | 'prefix'; char: string }
  | { kind: 'full-width-digits' }
  | { kind: 'cyrillic-letters' }
  | { kind: 'cyrillic-suffix' }
  | { kind: 'control'; code: number };

export function lookAlike(id: string, l: LookAlike): string {
  switch (l.kind) {
    case 'suffix':
      return id + l.char;
    case 'prefix':
      return l.char + id;
    case 'full-width-digits':
      return id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'cyrillic-letters':
      return id.replace(/[A-Z]/g, (c) => CYRILLIC[c] ?? c);
    case 'cyrillic-suffix':
      return id + '\u0430';
    case 'control':
      return id.slice(0, 2) + String.fromCharCode(l.code) + id.slice(2);
  }
}

export const invisibleArb = fc.constantFrom(...INVISIBLE);
/** Look-alikes that Unicode NFKC plus white-space trimming folds back to the id (issue 6, item 6). */
export const foldableLookAlikeArb: fc.Arbitrary<LookAlike> = fc.oneof(
  fc.record({ kind: fc.constantFrom('suffix' as const, 'prefix' as const), char: invisibleArb }),
  fc.constant({ kind: 'full-width-digits' as const }),
);
export const lookAlikeArb: fc.Arbitrary<LookAlike> = fc.oneof(
  foldableLookAlikeArb,
  fc.constant({ kind: 'cyrillic-letters' as const }),
  fc.constant({ kind: 'cyrillic-suffix' as const }),
  fc.record({ kind: fc.constant('control' as const), code: fc.constantFrom(0, 1, 7, 8, 0x1b, 0x7f) }),
);

/** Text for a cell: formulas, markup, look-alike noise, or anything at all. */
export const cellTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FORMULAS),
  fc.constantFrom(...MARKUP),
  invisibleArb,
  fc.constantFrom('\u0430', '\uff11\uff12', '\u0000', '"', ';', ',', '\n', '\r\n', '9999-12-31', '31-12-9999', '12345678901234567890123'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

// ---- arbitraries ----------------------------------------------------------------------------

const eolArb: fc.Arbitrary<Eol> = fc.constantFrom('\r\n', '\n', '\r');
export const eolPlanArb: fc.Arbitrary<EolPlan> = fc.oneof(
  fc.record({ kind: fc.constant('uniform' as const), eol: eolArb }),
  fc.record({ kind: fc.constant('blocks' as const), cut: fc.nat({ max: 400 }), first: eolArb, rest: eolArb }),
  fc.record({ kind: fc.constant('per-line' as const), eols: fc.array(eolArb, { minLength: 1, maxLength: 12 }) }),
);

const idx = fc.nat({ max: 10_000 });
const editArb = fc.constantFrom<CellEdit>('replace', 'append', 'prepend');

export const rowMutationArb = (text: fc.Arbitrary<string> = cellTextArb): fc.Arbitrary<RowMutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('duplicate' as const), row: idx, to: idx }),
    fc.record({ kind: fc.constant('move' as const), from: idx, to: idx }),
    fc.record({ kind: fc.constant('repeat-header' as const), at: idx }),
    fc.record({ kind: fc.constant('set-cell' as const), row: idx, col: idx, text, edit: editArb }),
    fc.record({ kind: fc.constant('insert-char' as const), row: idx, col: idx, pos: idx, char: fc.constantFrom('quote' as const, 'delimiter' as const) }),
    fc.record({ kind: fc.constant('insert-bytes' as const), row: idx, col: idx, pos: idx, bytes: encodingBytesArb }),
    fc.record({ kind: fc.constant('look-alike' as const), row: idx, col: idx, lookAlike: lookAlikeArb }),
    fc.record({ kind: fc.constant('duplicate-look-alike' as const), row: idx, lookAlike: lookAlikeArb }),
  );

/** Windows-1252 bytes in UTF-8, a byte order mark in the middle, broken UTF-8 sequences. */
export const encodingBytesArb: fc.Arbitrary<number[]> = fc.oneof(
  fc.constantFrom<number[]>([0xe9], [0xeb], [0x80], [0x93], [0xa0], [0xef, 0xbb, 0xbf], [0xc3], [0xc3, 0xa9], [0xe2, 0x82], [0xff, 0xfe]),
  fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }),
);

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: 2_000_000 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: 2_000_000 }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: 2_000_000 }), bytes: fc.oneof(encodingBytesArb, fc.constantFrom<number[]>([0x22], [0x3b], [0x2c], [0x0d], [0x0a], [0x00])) }),
);

export const renameArb: fc.Arbitrary<Rename> = fc.record({
  table: fc.constantFrom('zorgverleners.csv' as const, 'budgethouders.csv' as const),
  row: fc.oneof(idx, fc.constant('all' as const)),
  text: fc.oneof(fc.constantFrom(...FORMULAS, ...MARKUP), invisibleArb),
  edit: editArb,
});

export interface CaseShape {
  rows?: fc.Arbitrary<RowMutation>;
  maxRows?: number;
  eol?: fc.Arbitrary<EolPlan>;
  bytes?: fc.Arbitrary<ByteMutation>;
  maxBytes?: number;
  renames?: fc.Arbitrary<Rename>;
  maxRenames?: number;
  maxFiles?: number;
}

/** A case: which base, which ids renamed, which files mutated how. Leave a part out to keep it off. */
export function caseArb(shape: CaseShape): fc.Arbitrary<Case> {
  const file: fc.Arbitrary<FileMutation> = fc.record({
    file: idx,
    rows: shape.rows ? fc.array(shape.rows, { maxLength: shape.maxRows ?? 4 }) : fc.constant([]),
    eol: shape.eol ?? fc.constant({ kind: 'keep' as const }),
    bytes: shape.bytes ? fc.array(shape.bytes, { maxLength: shape.maxBytes ?? 2 }) : fc.constant([]),
  });
  return fc.record({
    base: fc.nat({ max: BASE_COUNT - 1 }),
    renames: shape.renames ? fc.array(shape.renames, { maxLength: shape.maxRenames ?? 2 }) : fc.constant([]),
    files: fc.array(file, { minLength: 1, maxLength: shape.maxFiles ?? 2 }),
    failOn: fc.boolean(),
  });
}

// ---- applying -------------------------------------------------------------------------------

/** A cell as RFC 4180 writes it: quoted when it holds a quote, the delimiter or a line break. */
export function csvCell(text: string, delimiter: string): Buffer {
  const needs = text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text);
  return Buffer.from(needs ? `"${text.replace(/"/g, '""')}"` : text);
}

const cloneTable = (t: Table): Table => ({ name: t.name, header: [...t.header], rows: t.rows.map((r) => [...r]) });

const edited = (old: string, text: string, edit: CellEdit): string =>
  edit === 'replace' ? text : edit === 'append' ? old + text : text + old;

function applyRename(tables: Table[], r: Rename, delimiter: string): void {
  const source = tables.find((t) => t.name === r.table);
  if (!source || source.rows.length === 0) return;
  const ids = r.row === 'all' ? source.rows.map((row) => row[0].toString()) : [source.rows[r.row % source.rows.length][0].toString()];
  // 'replace' on every id would make them all equal; the old id keeps them apart.
  const renamed = new Map(ids.map((id) => [id, edited(id, r.text, r.row === 'all' && r.edit === 'replace' ? 'prepend' : r.edit)]));
  for (const t of tables)
    for (const row of t.rows)
      for (let c = 0; c < row.length; c++) {
        const to = renamed.get(row[c].toString());
        if (to !== undefined) row[c] = csvCell(to, delimiter);
      }
}

function applyRow(t: Table, m: RowMutation, delimiter: string): void {
  const n = t.rows.length;
  switch (m.kind) {
    case 'duplicate':
      if (n > 0) t.rows.splice(m.to % (n + 1), 0, [...t.rows[m.row % n]]);
      return;
    case 'move':
      if (n > 0) {
        const [row] = t.rows.splice(m.from % n, 1);
        t.rows.splice(m.to % n, 0, row);
      }
      return;
    case 'repeat-header':
      t.rows.splice(m.at % (n + 1), 0, [...t.header]);
      return;
    case 'add-column': {
      const at = m.at % (t.header.length + 1);
      t.header.splice(at, 0, csvCell(m.header, delimiter));
      t.rows.forEach((r, i) => r.splice(at, 0, csvCell(m.values.length === 0 ? '' : m.values[i % m.values.length], delimiter)));
      return;
    }
    case 'duplicate-look-alike': {
      if (n === 0) return;
      const copy = [...t.rows[m.row % n]];
      copy[0] = csvCell(lookAlike(copy[0].toString(), m.lookAlike), delimiter);
      t.rows.push(copy);
      return;
    }
    default: {
      if (n === 0) return;
      const row = t.rows[m.row % n];
      const col = typeof m.col === 'string' ? t.header.findIndex((h) => h.toString() === m.col) : m.col % row.length;
      if (col < 0) return;
      const old = row[col];
      if (m.kind === 'set-cell') row[col] = csvCell(edited(old.toString(), m.text, m.edit), delimiter);
      else if (m.kind === 'look-alike') row[col] = csvCell(lookAlike(old.toString(), m.lookAlike), delimiter);
      else {
        const at = m.pos % (old.length + 1);
        const ins = m.kind === 'insert-bytes' ? Buffer.from(m.bytes) : Buffer.from(m.char === 'quote' ? '"' : delimiter);
        row[col] = Buffer.concat([old.subarray(0, at), ins, old.subarray(at)]);
      }
    }
  }
}

function eolFor(plan: EolPlan, base: string): (line: number) => string {
  switch (plan.kind) {
    case 'keep':
      return () => base;
    case 'uniform':
      return () => plan.eol;
    case 'blocks':
      return (i) => (i < plan.cut ? plan.first : plan.rest);
    case 'per-line':
      return (i) => plan.eols[i % plan.eols.length];
  }
}

function applyBytes(b: Buffer, m: ByteMutation): Buffer {
  if (b.length === 0) return b;
  switch (m.kind) {
    case 'truncate':
      return b.subarray(0, m.at % (b.length + 1));
    case 'flip': {
      const c = Buffer.from(b);
      c[m.at % b.length] = m.byte;
      return c;
    }
    case 'insert': {
      const at = m.at % (b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
  }
}

/** The input files of a case, by file name. */
export function applyCase(bases: Base[], c: Case): Record<string, Buffer> {
  const base = bases[c.base % bases.length];
  const tables = base.tables.map(cloneTable);
  for (const r of c.renames) applyRename(tables, r, base.delimiter);
  const eols: EolPlan[] = tables.map(() => ({ kind: 'keep' }));
  const bytes: ByteMutation[][] = tables.map(() => []);
  for (const f of c.files) {
    const i = f.file % tables.length;
    for (const m of f.rows) applyRow(tables[i], m, base.delimiter);
    if (f.eol.kind !== 'keep') eols[i] = f.eol;
    bytes[i].push(...f.bytes);
  }
  const out: Record<string, Buffer> = {};
  tables.forEach((t, i) => {
    let b = serialize(t, base.delimiter, eolFor(eols[i], base.eol));
    for (const m of bytes[i]) b = applyBytes(b, m);
    out[t.name] = b;
  });
  return out;
}

/** The unmutated files of a base. */
export function baseFiles(base: Base): Record<string, Buffer> {
  return Object.fromEntries(base.tables.map((t) => [t.name, serialize(t, base.delimiter, () => base.eol)]));
}
