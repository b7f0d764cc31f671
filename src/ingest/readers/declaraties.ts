import { DeclarationTableBuilder, type DeclarationTable } from '../../model/declaration-table.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink, RowProblem } from '../reject-codes.js';
import {
  checkCareDates,
  declaratiesSchema,
  emptyDeclarationFields,
  newDeclarationInput,
  toDeclarationInput,
  type DeclarationFields,
} from '../schemas/declaraties.js';
import type { FieldKit } from '../schemas/fields.js';
import { DeclarationFastPath } from './declaration-fast-path.js';
import { ByteDeclarationPath } from './byte-declarations.js';
import type { ByteRecord } from './byte-csv.js';
import { DeclarationIds } from '../declaration-ids.js';
import { excerpt } from '../excerpt.js';
import { reportIssues, rowObject, type AcceptedIds, type RowReader } from './row-reader.js';

/**
 * Declarations go straight into the columnar table. Well-formed rows take the fast path and
 * allocate nothing of their own; a refused row is read again by the schema for its problems.
 */
export class DeclaratiesReader implements RowReader {
  private readonly table: DeclarationTableBuilder;
  private readonly fast: DeclarationFastPath;
  private readonly bytes: ByteDeclarationPath;
  private readonly schema;
  private readonly hasZorgdatum: boolean;
  private readonly fields: DeclarationFields = emptyDeclarationFields();
  private readonly out = newDeclarationInput();
  // Duplicates are refused, the first row wins.
  private readonly seen: DeclarationIds;
  // Exports list declarations grouped by holder or provider: the last lookup is often the next.
  private lastHolderId = '';
  private lastHolder = -1;
  private lastProviderId = '';
  private lastProvider = -1;

  constructor(
    private readonly file: string,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
    private readonly holders: AcceptedIds,
    private readonly providers: AcceptedIds,
    capacity = 1 << 16,
  ) {
    this.table = new DeclarationTableBuilder(capacity);
    this.seen = new DeclarationIds(this.table.ids);
    this.fast = new DeclarationFastPath(layout, kit.decimal, kit.dates);
    this.bytes = new ByteDeclarationPath(layout, kit.decimal, kit.dates);
    this.hasZorgdatum = layout.index.has('zorgdatum');
    this.schema = declaratiesSchema(kit, this.hasZorgdatum);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const f = this.fields;
    if (this.fast.read(fields, f) && this.resolves() && this.seen.admit(f.id)) {
      this.table.push(toDeclarationInput(f, line, this.lastHolder, this.lastProvider, this.out));
      return true;
    }
    return this.explain(fields, report);
  }

  /** As read(), for a row the byte path can read; its id goes from the bytes to the table without a string. */
  readBytes(rec: ByteRecord, line: number): boolean {
    const bytes = this.bytes;
    if (!bytes.read(rec, this.fields) || !this.resolves()) return false;
    const from = bytes.idFrom(rec);
    const to = bytes.idTo(rec);
    if (!this.seen.admitAscii(rec.buf, from, to)) return false;
    this.table.pushWithAsciiId(toDeclarationInput(this.fields, line, this.lastHolder, this.lastProvider, this.out), rec.buf, from, to);
    return true;
  }

  /** Whether the row in this.fields passes the rules across columns and its holder and provider are known (lastHolder, lastProvider). */
  private resolves(): boolean {
    const f = this.fields;
    if (!checkCareDates(f, this.hasZorgdatum, null)) return false;
    if (f.holderId !== this.lastHolderId) {
      this.lastHolderId = f.holderId;
      this.lastHolder = this.holders.index.get(f.holderId);
    }
    if (f.providerId !== this.lastProviderId) {
      this.lastProviderId = f.providerId;
      this.lastProvider = this.providers.index.get(f.providerId);
    }
    return this.lastHolder >= 0 && this.lastProvider >= 0;
  }

  build(): DeclarationTable {
    return this.table.build();
  }

  /** Whether every accepted id sorted after the one before (then no index was built). */
  get idsInOrder(): boolean {
    return this.seen.ordered;
  }

  private explain(fields: readonly string[], report: ProblemSink): false {
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    if (!parsed.success) reportIssues(parsed.error, report);
    const first = this.seen.find(row.declaratie_id);
    if (first >= 0) report(duplicateId(row.declaratie_id, this.table.lineAt(first), this.file));
    this.holders.resolve('budgethouder_id', row.budgethouder_id, 'UNKNOWN_HOLDER', report);
    this.providers.resolve('zorgverlener_id', row.zorgverlener_id, 'UNKNOWN_PROVIDER', report);
    return false;
  }
}

/** The problem of a declaration whose id an accepted row on `firstLine` has already. */
export function duplicateId(id: string, firstLine: number, file: string): RowProblem {
  return { column: 'declaratie_id', code: 'DUPLICATE_ID', message: `declaratie_id: '${excerpt(id)}' already occurs on line ${firstLine} of ${file}, which is kept` };
}
