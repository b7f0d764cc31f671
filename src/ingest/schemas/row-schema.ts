import { z } from 'zod';
import type { ColumnDefinition, InputDefinition, ParsedRow } from '../../inputs/define.js';
import { addProblem, ValueProblem, type FieldKit, type Parse } from './fields.js';

/** The parser of one column's non-empty values, by its type. */
export function columnParser(kit: FieldKit, c: ColumnDefinition): Parse<unknown> {
  const t = c.type;
  switch (t.type) {
    case 'id':
      return kit.id(c.name);
    case 'text':
      return kit.text();
    case 'code':
      return t.code === 'gemeente' ? kit.gemeenteCode(c.name) : kit.eightDigits(c.name);
    case 'enum':
      return kit.choice(c.name, t.values);
    case 'decimal':
      return kit.number(c.name, { amount: t.amount, negative: t.negative });
    case 'date':
      return kit.date(c.name);
    case 'date-time':
      return kit.dateTime(c.name);
    case 'time':
      return kit.time(c.name);
    case 'boolean':
      return kit.boolean(c.name);
    case 'year':
      return kit.year(c.name);
  }
}

/** The zod field of one column: its type's parser, empty allowed unless required. */
function columnSchema(kit: FieldKit, c: ColumnDefinition) {
  return kit.field(c.name, c.required, columnParser(kit, c));
}

/** The zod object of a row: one field per column (optional ones may be absent from the header). */
export function columnsSchema(def: InputDefinition, kit: FieldKit) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of def.columns) shape[c.name] = c.required ? columnSchema(kit, c) : columnSchema(kit, c).optional();
  return z.object(shape);
}

/** The row schema of an input with the generic reader: its columns, then its row rules. */
export function rowSchema(def: InputDefinition, kit: FieldKit): z.ZodType<ParsedRow, Record<string, string>> {
  return columnsSchema(def, kit).superRefine((row, ctx) => {
    for (const rule of def.rowRules) {
      const p = rule.check(row);
      if (p !== null) addProblem(ctx, p.column, new ValueProblem(p.code, p.message));
    }
  }) as unknown as z.ZodType<ParsedRow, Record<string, string>>;
}
