import type { BudgetHolder } from '../../model/types.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import { budgethoudersSchema, toBudgetHolder } from '../schemas/budgethouders.js';
import type { FieldKit } from '../schemas/fields.js';
import { AcceptedIds, reportIssues, rowObject, type RowReader } from './row-reader.js';

export class BudgethoudersReader implements RowReader {
  readonly holders: BudgetHolder[] = [];
  readonly ids: AcceptedIds;
  private readonly schema;

  constructor(
    file: string,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
  ) {
    this.ids = new AcceptedIds(file, 'budgethouders');
    this.schema = budgethoudersSchema(kit);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    const unique = this.ids.checkUnique('budgethouder_id', row.budgethouder_id, report);
    if (!parsed.success) reportIssues(parsed.error, report);
    if (!parsed.success || !unique) {
      this.ids.noteRejected(row.budgethouder_id, line);
      return false;
    }
    this.ids.accept(row.budgethouder_id, this.holders.length, line);
    this.holders.push(toBudgetHolder(parsed.data, line));
    return true;
  }
}
