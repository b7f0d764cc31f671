import { z } from 'zod';
import type { ColumnDefinition, InputDefinition, ParsedRow } from '../../inputs/define.js';
import { addProblem, ValueProblem, type FieldKit } from './fields.js';

/** The zod field of one column: its type's parser, empty allowed unless required. */
export function columnSchema(kit: FieldKit, c: ColumnDefinition) {
  const t = c.type;
  switch (t.type) {
    case 'id':
      return kit.id(c.name, c.required);
    case 'text':
      return kit.text(c.name, c.required);
    case 'code':
      return t.code === 'gemeente' ? kit.gemeenteCode(c.name, c.required) : kit.eightDigits(c.name, c.required);
    case 'enum':
      return kit.choice(c.name, t.values, c.required);
    case 'decimal':
      return kit.number(c.name, { required: c.required, amount: t.amount, negative: t.negative });
    case 'date':
      return kit.date(c.name, c.required);
    case 'date-time':
      return kit.dateTime(c.name, c.required);
    case 'time':
      return kit.time(c.name, c.required);
    case 'boolean':
      return kit.boolean(c.name, c.required);
    case 'year':
      return kit.year(c.name, c.required);
  }
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
