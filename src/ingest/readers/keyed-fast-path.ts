import type { InputDefinition, ParsedRow, RowRule } from '../../inputs/define.js';
import { ID_COLUMNS } from '../columns.js';
import type { HeaderLayout } from '../header.js';
import { columnParser } from '../schemas/row-schema.js';
import { ValueProblem, type FieldKit, type Parse } from '../schemas/fields.js';
import { normalizeId } from '../values/id.js';
import { clean } from '../values/text.js';

/** A column of the header as the fast path reads it. */
interface FastColumn {
  name: string;
  at: number;
  /** Compared as ids: normalised (values/id.ts) rather than trimmed, as rowObject does. */
  id: boolean;
  required: boolean;
  parse: Parse<unknown>;
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
      if (at !== undefined) this.columns.push({ name: c.name, at, id: ID_COLUMNS.has(c.name), required: c.required, parse: columnParser(kit, c) });
    }
    this.rules = def.rowRules;
  }

  /** The parsed row (null for an empty optional value, absent for a column the header lacks), or null. */
  read(fields: readonly string[]): ParsedRow | null {
    const row: ParsedRow = {};
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const raw = c.id ? normalizeId(fields[c.at]) : clean(fields[c.at]);
      if (raw === '') {
        if (c.required) return null;
        row[c.name] = null;
        continue;
      }
      const v = c.parse(raw);
      if (v instanceof ValueProblem) return null;
      row[c.name] = v;
    }
    for (const rule of this.rules) if (rule.check(row) !== null) return null;
    return row;
  }
}
