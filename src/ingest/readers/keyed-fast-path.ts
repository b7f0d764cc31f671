import type { InputDefinition, ParsedRow, RowRule } from '../../inputs/define.js';
import { ID_COLUMNS } from '../columns.js';
import type { HeaderLayout } from '../header.js';
import { columnParser } from '../schemas/row-schema.js';
import { ValueProblem, type FieldKit, type Parse } from '../schemas/fields.js';
import { normalizeId, usableId } from '../values/id.js';
import { clean } from '../values/text.js';

/** A column of the header as the fast path reads it. */
class FastColumn {
  /**
   * The last text parsed here and its value: rows repeat their dates, kinds and codes, and comparing
   * with the previous text spares the parse. Only for values that are not objects (a row must not
   * share one with another).
   */
  last: string | null = null;
  value: unknown = null;

  constructor(
    readonly name: string,
    readonly at: number,
    /** An id column of its input: normalised and checked for control characters as usableId does (values/id.ts). */
    readonly id: boolean,
    /** Compared as ids (rowObject normalises every column ID_COLUMNS names), else trimmed. */
    readonly normalized: boolean,
    readonly required: boolean,
    readonly parse: Parse<unknown>,
    readonly cached: boolean,
  ) {}
}

/**
 * The row schema of a keyed input (row-schema.ts) without zod, compiled from the same definition
 * and calling the same column parsers: for a row without a problem it gives the values the schema
 * would give; for any other it gives null, and the schema explains the row. So it decides
 * nothing on its own: a reject is always the schema's (test/fuzz/keyed-reader.test.ts holds them
 * together). Columns are parsed in the definition's order, as the schema's object does.
 */
export class KeyedFastPath {
  private readonly columns: FastColumn[] = [];
  private readonly rules: readonly RowRule[];

  constructor(def: InputDefinition, layout: HeaderLayout, kit: FieldKit) {
    for (const c of def.columns) {
      const at = layout.index.get(c.name);
      const type = c.type.type;
      if (at !== undefined)
        this.columns.push(new FastColumn(c.name, at, type === 'id', ID_COLUMNS.has(c.name), c.required, columnParser(kit, c), type !== 'id' && type !== 'text' && type !== 'date-time'));
    }
    this.rules = def.rowRules;
  }

  /** The parsed row (null for an empty optional value, absent for a column the header lacks), or null. */
  read(fields: readonly string[]): ParsedRow | null {
    const row: ParsedRow = {};
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (c.id) {
        // The id parser's check, without its regular expression for the usual plain ASCII id.
        const id = usableId(fields[c.at]);
        if (id === null || (id === '' && c.required)) return null;
        row[c.name] = id === '' ? null : id;
        continue;
      }
      const raw = c.normalized ? normalizeId(fields[c.at]) : clean(fields[c.at]);
      if (raw === '') {
        if (c.required) return null;
        row[c.name] = null;
        continue;
      }
      if (c.cached && raw === c.last) {
        row[c.name] = c.value;
        continue;
      }
      const v = c.parse(raw);
      if (v instanceof ValueProblem) return null;
      row[c.name] = v;
      if (c.cached) {
        c.last = raw;
        c.value = v;
      }
    }
    for (const rule of this.rules) if (rule.check(row) !== null) return null;
    return row;
  }
}
