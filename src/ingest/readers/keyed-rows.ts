import type { z } from 'zod';
import type { InputDefinition, ParsedRow } from '../../inputs/define.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import { rowSchema } from '../schemas/row-schema.js';
import { inputReader } from './byte-csv.js';
import { KeyedFastPath } from './keyed-fast-path.js';
import type { FieldKit } from '../schemas/fields.js';
import { AcceptedIds, reportIssues, rowObject, UNMATCHED, type RowOutcome, type RowReader } from './row-reader.js';

/**
 * The rows of an input with the generic reader (all but declaraties): every row through the schema
 * its definition gives (a clean row through its fast twin, keyed-fast-path.ts), ids unique within the file, foreign keys resolved against the inputs read
 * before. A row whose holder is absent from the export altogether (where the definition allows it)
 * is unmatched: counted, neither accepted nor rejected.
 */
export class KeyedRowReader<T = unknown> implements RowReader {
  readonly rows: T[] = [];
  readonly ids: AcceptedIds;
  private readonly schema: z.ZodType<ParsedRow, Record<string, string>>;
  /** Null for the reference reader (PGB_SCAN_READER=csv-parse): every row through the schema. */
  private readonly fast: KeyedFastPath | null;
  /** The table each foreign key (by position in the definition) resolves against. */
  private readonly refTables: readonly AcceptedIds[];
  /** Per foreign key, the position of the row's key among the accepted ids, or -1: looked up once per row. */
  private readonly found: Int32Array;

  constructor(
    file: string,
    private readonly def: InputDefinition<string, T>,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
    /** The accepted ids of the inputs read before, by input name. */
    refs: ReadonlyMap<string, AcceptedIds>,
  ) {
    this.ids = new AcceptedIds(file, def.name);
    this.schema = rowSchema(def, kit);
    this.fast = inputReader() === 'bytes' ? new KeyedFastPath(def as InputDefinition, layout, kit) : null;
    this.refTables = def.foreignKeys.map((fk) => {
      const table = refs.get(fk.references);
      if (table === undefined) throw new Error(`internal: ${def.name} is read before ${fk.references}, which its ${fk.column} references`);
      return table;
    });
    this.found = new Int32Array(def.foreignKeys.length);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): RowOutcome {
    // A clean row skips zod and the row object; any other goes through the schema, which explains it.
    const fast = this.fast?.read(fields) ?? null;
    if (fast !== null) return this.keep(fast, null, fast, line, report);
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    return parsed.success ? this.keep(parsed.data, null, row, line, report) : this.keep(null, parsed.error, row, line, report);
  }

  /**
   * The checks across rows, then the row kept, or refused with its problems: those of the keys
   * first, then the schema's `error`. `source` holds the key columns' normalised values (the row
   * object, or the parsed values, where an empty id is null).
   */
  private keep(values: ParsedRow | null, error: z.ZodError | null, source: Readonly<Record<string, unknown>>, line: number, report: ProblemSink): RowOutcome {
    const idColumn = this.def.idColumn;
    const id = idColumn === null ? '' : keyOf(source, idColumn);
    let ok = idColumn === null || this.ids.checkUnique(idColumn, id, report);
    const fks = this.def.foreignKeys;
    const tables = this.refTables;
    const found = this.found;
    // Another municipality's person: the row's other keys mean nothing here.
    let unmatched = false;
    for (let i = 0; i < fks.length; i++) {
      const key = keyOf(source, fks[i].column);
      if ((found[i] = tables[i].index.get(key)) < 0 && fks[i].absent === 'count' && tables[i].isAbsent(key)) unmatched = true;
    }
    const keys: Record<string, number> = {};
    if (!unmatched)
      for (let i = 0; i < fks.length; i++) {
        const fk = fks[i];
        const key = keyOf(source, fk.column);
        // resolve reports every miss but an empty key, which the schema calls REQUIRED_MISSING.
        if ((keys[fk.column] = found[i] >= 0 ? found[i] : tables[i].resolve(fk.column, key, fk.rejectCode, report)) < 0 && key !== '') ok = false;
      }
    if (error !== null) reportIssues(error, report);
    if (!ok || values === null) {
      if (idColumn !== null) this.ids.noteRejected(id, line);
      return false;
    }
    if (unmatched) return UNMATCHED;
    if (idColumn !== null) this.ids.accept(id, this.rows.length, line);
    this.rows.push(this.def.toRow!(values, line, keys));
    return true;
  }
}

/** A key column's normalised value; '' when empty. */
function keyOf(source: Readonly<Record<string, unknown>>, column: string): string {
  return (source[column] as string | null | undefined) ?? '';
}
