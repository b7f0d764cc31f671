// One definition per input file. Everything else that knows an input's columns (the header check,
// the row schema, the config's `columns.<input>`, the `--<input>` flag, picking the file up from DIR,
// the reading order, the README contract table) reads them from here, so adding an input cannot be
// half done.
import type { RowProblem } from '../ingest/reject-codes.js';
import { periodOrderProblem } from '../ingest/schemas/fields.js';

/** The field parsers of src/ingest/schemas/fields.ts, by the name the README uses. */
export type ColumnType =
  | { type: 'id' }
  | { type: 'text' }
  | { type: 'code'; code: 'gemeente' | 'eight-digits' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'decimal'; amount?: boolean; negative?: boolean }
  | { type: 'date' }
  | { type: 'date-time' }
  | { type: 'time' }
  | { type: 'boolean' }
  | { type: 'year' };

export interface ColumnDefinition {
  name: string;
  /** An empty value is REQUIRED_MISSING; the header must have the column. */
  required: boolean;
  type: ColumnType;
  /** The README's "content" cell. */
  description: string;
  /** Overrides the README's "required" cell where yes/no does not say it (e.g. "one of"). */
  requiredNote?: string;
  /** A valid value, for test fixtures, where the type's example (exampleValue) does not fit. */
  example?: string;
}

/** A valid value of a column, as written in a semicolon file with decimal comma: the test fixtures' rows. */
export function exampleValue(c: ColumnDefinition): string {
  if (c.example !== undefined) return c.example;
  const t = c.type;
  switch (t.type) {
    case 'id':
      return 'K1';
    case 'text':
      return 'tekst';
    case 'code':
      return t.code === 'gemeente' ? 'GM0363' : '01234567';
    case 'enum':
      return t.values.find((v) => v !== '')!;
    case 'decimal':
      return t.amount ? '100,00' : '7,5';
    case 'date':
      return '2024-03-01';
    case 'date-time':
      return '2024-03-01 10:00';
    case 'time':
      return '10:00';
    case 'boolean':
      return 'ja';
    case 'year':
      return '1970';
  }
}

/** A column pointing at the id column of an input read earlier. */
export interface ForeignKey {
  column: string;
  references: string;
  /** Rejected with this code when the id is not among the accepted rows of `references`. */
  rejectCode: 'UNKNOWN_HOLDER' | 'UNKNOWN_PROVIDER';
  /**
   * 'count': an id that does not occur in `references` at all is another municipality's person
   * (a register extract covers more people than one export); the row is counted as unmatched, not
   * rejected. An id whose row in `references` was rejected is still rejected.
   */
  absent?: 'reject' | 'count';
}

/** A check across the columns of an otherwise valid row; it names the problem or returns null. */
export interface RowRule {
  /** The columns it reads (checked against the definition). */
  columns: readonly string[];
  check(row: ParsedRow): RowProblem | null;
}

/** The parsed values of a row by column: numbers for dates, decimals and enum indices; null = empty. */
export type ParsedRow = Record<string, unknown>;

export interface InputDefinition<Name extends string = string, Row = unknown, Table extends string = string> {
  /** The file kind; the file is `<name>.csv`, the flag `--<name>`, the config section `columns.<name>`. */
  name: Name;
  required: boolean;
  /** One line for the README and the flag's help. */
  title: string;
  /** A paragraph under the README table, for what the table cannot say. */
  note?: string;
  /** The column whose values are unique within the file (DUPLICATE_ID), or null. */
  idColumn: string | null;
  foreignKeys: readonly ForeignKey[];
  columns: readonly ColumnDefinition[];
  rowRules: readonly RowRule[];
  /** The header must hold every column of at least one of these groups (INPUT_MISSING_COLUMN otherwise). */
  headerNeedsOneOf?: readonly (readonly string[])[];
  /** The dataset's table this input fills (IngestedData[table]). */
  table: Table;
  /**
   * The row as the model keeps it, from the parsed values and the positions of its foreign keys
   * (by column). Null for an input with its own reader (declaraties).
   */
  toRow: ((row: ParsedRow, line: number, keys: Record<string, number>) => Row) | null;
}

export function defineInput<const Name extends string, Row, const Table extends string, const Required extends boolean>(
  def: InputDefinition<Name, Row, Table> & { required: Required },
): InputDefinition<Name, Row, Table> & { required: Required } {
  const names = new Set(def.columns.map((c) => c.name));
  const named = [def.idColumn, ...def.foreignKeys.map((k) => k.column), ...def.rowRules.flatMap((r) => r.columns), ...(def.headerNeedsOneOf ?? []).flat()];
  for (const c of named) if (c !== null && !names.has(c)) throw new Error(`internal: input ${def.name} names column ${c}, which it does not define`);
  if (names.size !== def.columns.length) throw new Error(`internal: input ${def.name} defines a column twice`);
  return def;
}

export const column = (
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  more: { requiredNote?: string; example?: string } = {},
): ColumnDefinition => ({ name, type, required, description, ...more });

/** Column types, written as the definitions read them. */
export const t = {
  id: { type: 'id' },
  text: { type: 'text' },
  date: { type: 'date' },
  dateTime: { type: 'date-time' },
  time: { type: 'time' },
  boolean: { type: 'boolean' },
  year: { type: 'year' },
  decimal: { type: 'decimal' },
  amount: { type: 'decimal', amount: true },
  signedAmount: { type: 'decimal', amount: true, negative: true },
  gemeenteCode: { type: 'code', code: 'gemeente' },
  eightDigits: { type: 'code', code: 'eight-digits' },
  oneOf: (values: readonly string[]): ColumnType => ({ type: 'enum', values }),
} as const satisfies Record<string, ColumnType | ((v: readonly string[]) => ColumnType)>;

/** PERIOD_ORDER on `end` when both days are given and the end lies before the start. */
export function periodOrder(start: string, end: string): RowRule {
  return {
    columns: [start, end],
    check(row) {
      const s = row[start] as number | null | undefined;
      const e = row[end] as number | null | undefined;
      if (s == null || e == null || e >= s) return null;
      const p = periodOrderProblem(end, e, start, s);
      return { column: end, code: p.code, message: p.message };
    },
  };
}
