import type { z } from 'zod';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink, RejectCode } from '../reject-codes.js';
import { IdTable } from '../id-table.js';
import { ID_COLUMNS } from '../columns.js';
import { normalizeId } from '../values/id.js';
import { clean } from '../values/text.js';
import type { ByteRecord } from './byte-csv.js';

/** A row that is valid but belongs to a person outside this export (see ForeignKey.absent). */
export const UNMATCHED = 'unmatched';
export type RowOutcome = boolean | typeof UNMATCHED;

/**
 * Validates one data row of a file; on success keeps it and returns true, else reports why and
 * returns false; UNMATCHED for a valid row about someone outside the export (not kept, not rejected).
 */
export interface RowReader {
  read(fields: readonly string[], line: number, report: ProblemSink): RowOutcome;
  /**
   * The same row as bytes, with as many fields as the header: true when it is accepted and kept as
   * read() would keep it; false leaves the row to read(), which accepts or explains it.
   */
  readBytes?(rec: ByteRecord, line: number): boolean;
}

/** The row as zod sees it: only the defined columns the header has, trimmed, ids normalised. */
export function rowObject(fields: readonly string[], layout: HeaderLayout): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [column, i] of layout.index) row[column] = ID_COLUMNS.has(column) ? normalizeId(fields[i]) : clean(fields[i]);
  return row;
}

export function reportIssues(error: z.ZodError, report: ProblemSink): void {
  for (const issue of error.issues) {
    const code = (issue as { params?: { reject?: RejectCode } }).params?.reject;
    // Every field schema reports through addProblem; anything else is a bug in a schema.
    if (code === undefined) throw new Error(`internal: zod issue without reject code at ${issue.path.join('.')}: ${issue.message}`);
    report({ column: String(issue.path[0] ?? ''), code, message: issue.message });
  }
}

/** The ids a read accepted, by position, and those it refused, with their first line: two reads compare by it. */
export interface AcceptedIdsSnapshot {
  file: string;
  label: string;
  ids: readonly string[];
  rejected: Array<[string, number]>;
}

/**
 * Ids of the accepted rows of one file, for foreign keys and duplicates. Rejected ids are kept
 * too, so a declaration of a rejected holder can say why its holder is unknown.
 */
export class AcceptedIds {
  readonly index = new IdTable();
  private readonly lines = new IdTable();
  private readonly rejected = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly label: string,
  ) {}

  snapshot(): AcceptedIdsSnapshot {
    return { file: this.file, label: this.label, ids: this.index.keys(), rejected: [...this.rejected] };
  }

  accept(id: string, position: number, line: number): void {
    this.index.claim(id, position);
    this.lines.claim(id, line);
  }

  noteRejected(id: string, line: number): void {
    if (id !== '' && this.index.get(id) < 0 && !this.rejected.has(id)) this.rejected.set(id, line);
  }

  /** DUPLICATE_ID when an accepted row of this file already has the id (the first row wins). */
  checkUnique(column: string, id: string, report: ProblemSink): boolean {
    const first = this.lines.get(id);
    if (first < 0) return true;
    report({ column, code: 'DUPLICATE_ID', message: `${column}: '${id}' already occurs on line ${first} of ${this.file}, which is kept` });
    return false;
  }

  /** Whether the id occurs on no row of this file, accepted or rejected. */
  isAbsent(id: string): boolean {
    return id !== '' && this.index.get(id) < 0 && !this.rejected.has(id);
  }

  /** The position of an accepted id, or -1 after reporting `code` (UNKNOWN_HOLDER, UNKNOWN_PROVIDER). */
  resolve(column: string, id: string, code: RejectCode, report: ProblemSink): number {
    const i = this.index.get(id);
    if (i >= 0) return i;
    if (id === '') return -1;
    const rejectedAt = this.rejected.get(id);
    const why = rejectedAt === undefined ? `it does not occur in ${this.file}` : `its row on line ${rejectedAt} of ${this.file} was rejected`;
    report({ column, code, message: `${column}: '${id}' is not among the accepted ${this.label} (${why})` });
    return -1;
  }
}
