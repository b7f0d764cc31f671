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

  constructor(
    file: string,
    private readonly def: InputDefinition<string, T>,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
    /** The accepted ids of the inputs read before, by input name. */
    private readonly refs: ReadonlyMap<string, AcceptedIds>,
  ) {
    this.ids = new AcceptedIds(file, def.name);
    this.schema = rowSchema(def, kit);
    this.fast = inputReader() === 'bytes' ? new KeyedFastPath(def as InputDefinition, layout, kit) : null;
    for (const fk of def.foreignKeys)
      if (!refs.has(fk.references)) throw new Error(`internal: ${def.name} is read before ${fk.references}, which its ${fk.column} references`);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): RowOutcome {
    // A clean row skips zod and the row object; any other goes through the schema, which explains it.
    const fast = this.fast?.read(fields) ?? null;
    if (fast !== null) return this.keep(fast, null, (column) => (fast[column] as string | null) ?? '', line, report);
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    return this.keep(parsed.success ? parsed.data : null, parsed.success ? null : parsed.error, (column) => row[column], line, report);
  }

  /**
   * The checks across rows, then the row kept, or refused with its problems: those of the keys
   * first, then the schema's `error`. `key` gives a key column's normalised value.
   */
  private keep(values: ParsedRow | null, error: z.ZodError | null, key: (column: string) => string, line: number, report: ProblemSink): RowOutcome {
    const idColumn = this.def.idColumn;
    const id = idColumn === null ? '' : key(idColumn);
    let ok = idColumn === null || this.ids.checkUnique(idColumn, id, report);
    const keys: Record<string, number> = {};
    const sink: ProblemSink = (p) => {
      ok = false;
      report(p);
    };
    // Another municipality's person: the row's other keys mean nothing here.
    const unmatched = this.def.foreignKeys.some((fk) => fk.absent === 'count' && this.refs.get(fk.references)!.isAbsent(key(fk.column)));
    if (!unmatched) for (const fk of this.def.foreignKeys) keys[fk.column] = this.refs.get(fk.references)!.resolve(fk.column, key(fk.column), fk.rejectCode, sink);
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
