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
import { IdTable } from '../id-table.js';
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
  // Without the accepted ids (a worker that starts before they are read), holders and providers
  // are numbered by their raw text here and resolved by the merge (see parallel/resolve-range.ts).
  private readonly later: DeferredIds | null;

  constructor(
    private readonly file: string,
    private readonly layout: HeaderLayout,
    kit: FieldKit,
    private readonly holders: AcceptedIds | null,
    private readonly providers: AcceptedIds | null,
    capacity = 1 << 16,
    /** The table on shared memory (see columnArray). */
    shared = true,
  ) {
    this.later = holders === null || providers === null ? new DeferredIds(layout) : null;
    this.table = new DeclarationTableBuilder(capacity, undefined, shared);
    this.seen = new DeclarationIds(this.table.ids);
    this.fast = new DeclarationFastPath(layout, kit.decimal, kit.dates);
    this.bytes = new ByteDeclarationPath(layout, kit.decimal, kit.dates);
    this.hasZorgdatum = layout.index.has('zorgdatum');
    this.schema = declaratiesSchema(kit, this.hasZorgdatum);
  }

  read(fields: readonly string[], line: number, report: ProblemSink): boolean {
    const f = this.fields;
    const later = this.later;
    if (this.fast.read(fields, f) && this.resolves(later === null ? f.holderId : fields[later.holderAt], later === null ? f.providerId : fields[later.providerAt]) && this.seen.admit(f.id)) {
      this.table.push(toDeclarationInput(f, line, this.lastHolder, this.lastProvider, this.out));
      return true;
    }
    return this.explain(fields, line, report);
  }

  /** As read(), for a row the byte path can read; its id goes from the bytes to the table without a string. */
  readBytes(rec: ByteRecord, line: number): boolean {
    const bytes = this.bytes;
    // The byte path takes ids without blanks or bytes beyond ASCII: as read, they are as compared.
    if (!bytes.read(rec, this.fields) || !this.resolves(this.fields.holderId, this.fields.providerId)) return false;
    const from = bytes.idFrom(rec);
    const to = bytes.idTo(rec);
    if (!this.seen.admitAscii(rec.buf, from, to)) return false;
    this.table.pushWithAsciiId(toDeclarationInput(this.fields, line, this.lastHolder, this.lastProvider, this.out), rec.buf, from, to);
    return true;
  }

  /**
   * Whether the row in this.fields passes the rules across columns and its holder and provider are
   * known (lastHolder, lastProvider). The ids as compared; deferred, as read (raw), since a row the
   * merge turns down shows its raw texts in rejects.csv.
   */
  private resolves(holder: string, provider: string): boolean {
    const f = this.fields;
    if (!checkCareDates(f, this.hasZorgdatum, null)) return false;
    if (holder !== this.lastHolderId) {
      this.lastHolderId = holder;
      this.lastHolder = this.later?.holders.number(holder) ?? this.holders!.index.get(holder);
    }
    if (provider !== this.lastProviderId) {
      this.lastProviderId = provider;
      this.lastProvider = this.later?.providers.number(provider) ?? this.providers!.index.get(provider);
    }
    return this.lastHolder >= 0 && this.lastProvider >= 0;
  }

  /** The holder and provider texts to resolve, when this reader left them to the merge; null when it resolved them. */
  deferred(): DeferredKeys | null {
    const later = this.later;
    if (later === null) return null;
    return { holders: later.holders.keys(), providers: later.providers.keys(), refused: later.refused };
  }

  build(): DeclarationTable {
    return this.table.build();
  }

  /** Whether every accepted id sorted after the one before (then no index was built). */
  get idsInOrder(): boolean {
    return this.seen.ordered;
  }

  private explain(fields: readonly string[], line: number, report: ProblemSink): false {
    const row = rowObject(fields, this.layout);
    const parsed = this.schema.safeParse(row);
    if (!parsed.success) reportIssues(parsed.error, report);
    const first = this.seen.find(row.declaratie_id);
    if (first >= 0) report(duplicateId(row.declaratie_id, this.table.lineAt(first), this.file));
    if (this.later !== null) {
      this.later.refuse(fields, line);
      return false;
    }
    this.holders!.resolve('budgethouder_id', row.budgethouder_id, 'UNKNOWN_HOLDER', report);
    this.providers!.resolve('zorgverlener_id', row.zorgverlener_id, 'UNKNOWN_PROVIDER', report);
    return false;
  }
}

/**
 * Holder and provider ids left to the merge: the raw texts by number (the table's holder and
 * provider columns hold these numbers), and the refused rows, whose problems still lack
 * UNKNOWN_HOLDER and UNKNOWN_PROVIDER.
 */
export interface DeferredKeys {
  holders: readonly string[];
  providers: readonly string[];
  /** [line, raw declaratie_id, raw budgethouder_id, raw zorgverlener_id] of each refused row, in file order. */
  refused: Array<[number, string, string, string]>;
}

/** Raw texts numbered in the order they are met. */
class TextNumbers {
  private readonly table = new IdTable();

  number(text: string): number {
    const n = this.table.size;
    const earlier = this.table.claim(text, n);
    return earlier >= 0 ? earlier : n;
  }

  keys(): readonly string[] {
    return this.table.keys();
  }
}

class DeferredIds {
  readonly holders = new TextNumbers();
  readonly providers = new TextNumbers();
  readonly refused: DeferredKeys['refused'] = [];
  readonly holderAt: number;
  readonly providerAt: number;
  private readonly idAt: number;

  constructor(layout: HeaderLayout) {
    const at = (c: string) => {
      const i = layout.index.get(c);
      if (i === undefined) throw new Error(`internal: declarations without ${c}`);
      return i;
    };
    this.idAt = at('declaratie_id');
    this.holderAt = at('budgethouder_id');
    this.providerAt = at('zorgverlener_id');
  }

  refuse(fields: readonly string[], line: number): void {
    this.refused.push([line, fields[this.idAt], fields[this.holderAt], fields[this.providerAt]]);
  }
}

/** The problem of a declaration whose id an accepted row on `firstLine` has already. */
export function duplicateId(id: string, firstLine: number, file: string): RowProblem {
  return { column: 'declaratie_id', code: 'DUPLICATE_ID', message: `declaratie_id: '${excerpt(id)}' already occurs on line ${firstLine} of ${file}, which is kept` };
}
