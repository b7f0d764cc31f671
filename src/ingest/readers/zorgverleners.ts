import type { Provider } from '../../model/types.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import type { FieldKit } from '../schemas/fields.js';
import { toProvider, zorgverlenersSchema } from '../schemas/zorgverleners.js';
import { AcceptedIds, reportIssues, rowObject, type RowReader } from './row-reader.js';

export class ZorgverlenersReader implements RowReader {
  readonly providers: Provider[] = [];
  readonly ids: AcceptedIds;
  private readonly schema;

  constructor(
    file: string,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
  ) {
    this.ids = new AcceptedIds(file, 'zorgverleners');
    this.schema = zorgverlenersSchema(kit);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    const unique = this.ids.checkUnique('zorgverlener_id', row.zorgverlener_id, report);
    if (!parsed.success) reportIssues(parsed.error, report);
    if (!parsed.success || !unique) {
      this.ids.noteRejected(row.zorgverlener_id, line);
      return false;
    }
    this.ids.accept(row.zorgverlener_id, this.providers.length, line);
    this.providers.push(toProvider(parsed.data, line));
    return true;
  }
}
