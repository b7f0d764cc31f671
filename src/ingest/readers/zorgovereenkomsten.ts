import type { CareContract } from '../../model/types.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import type { FieldKit } from '../schemas/fields.js';
import { toCareContract, zorgovereenkomstenSchema } from '../schemas/zorgovereenkomsten.js';
import { AcceptedIds, reportIssues, rowObject, type RowReader } from './row-reader.js';

export class ZorgovereenkomstenReader implements RowReader {
  readonly contracts: CareContract[] = [];
  private readonly ids: AcceptedIds;
  private readonly schema;

  constructor(
    file: string,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
    private readonly holders: AcceptedIds,
    private readonly providers: AcceptedIds,
  ) {
    this.ids = new AcceptedIds(file, 'zorgovereenkomsten');
    this.schema = zorgovereenkomstenSchema(kit);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    const unique = this.ids.checkUnique('zorgovereenkomst_id', row.zorgovereenkomst_id, report);
    const holder = this.holders.resolve('budgethouder_id', row.budgethouder_id, 'UNKNOWN_HOLDER', report);
    const provider = this.providers.resolve('zorgverlener_id', row.zorgverlener_id, 'UNKNOWN_PROVIDER', report);
    if (!parsed.success) reportIssues(parsed.error, report);
    if (!parsed.success || !unique || holder < 0 || provider < 0) return false;
    this.ids.accept(row.zorgovereenkomst_id, this.contracts.length, line);
    this.contracts.push(toCareContract(parsed.data, line, holder, provider));
    return true;
  }
}
