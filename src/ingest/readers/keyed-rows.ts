import type { z } from 'zod';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import { AcceptedIds, reportIssues, rowObject, type RowReader } from './row-reader.js';

/** Resolves a row's foreign keys to positions, reporting each one that is unknown. */
export type ResolveKeys<K> = (row: Record<string, string>, report: ProblemSink) => K;

/**
 * The rows of a smaller input (budgethouders, zorgverleners, zorgovereenkomsten): every row
 * through its zod schema, ids unique within the file, foreign keys resolved when the file has any.
 */
export class KeyedRowReader<S extends z.ZodType, T, K = undefined> implements RowReader {
  readonly rows: T[] = [];
  readonly ids: AcceptedIds;

  constructor(
    file: string,
    label: string,
    private readonly idColumn: string,
    private readonly layout: HeaderLayout,
    private readonly schema: S,
    private readonly build: (data: z.output<S>, line: number, keys: K) => T,
    private readonly resolve: ResolveKeys<K> = () => undefined as K,
  ) {
    this.ids = new AcceptedIds(file, label);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const row = rowObject(fields, this.layout);
    const id = row[this.idColumn];
    const parsed = this.schema.safeParse(row);
    let ok = this.ids.checkUnique(this.idColumn, id, report);
    const keys = this.resolve(row, (p) => {
      ok = false;
      report(p);
    });
    if (!parsed.success) reportIssues(parsed.error, report);
    if (!ok || !parsed.success) {
      this.ids.noteRejected(id, line);
      return false;
    }
    this.ids.accept(id, this.rows.length, line);
    this.rows.push(this.build(parsed.data, line, keys));
    return true;
  }
}
