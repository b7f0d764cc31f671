import { MessageChannel } from 'node:worker_threads';
import { appendingDeclarations, type DeclarationTable } from '../../model/declaration-table.js';
import type { NumberArray } from '../../model/text-columns.js';
import { DeclarationIds } from '../declaration-ids.js';
import { REPEATED_HEADER_LINES } from '../input-report.js';
import { RejectLog, type Reject, type RejectSink } from '../reject-log.js';
import { duplicateId } from '../readers/declaraties.js';
import { normalizeId } from '../values/id.js';
import { tableFromParts, type RangeResult } from './protocol.js';

export interface MergedRanges {
  table: DeclarationTable;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  repeatedHeaders: { count: number; lines: number[] };
  filled: Set<string>;
  dateForms: number;
  /** Every id sorted after the one before, across both ranges. */
  idsInOrder: boolean;
}

/**
 * The two ranges as one read of the whole file would have left them. Each worker checked
 * declaratie_id within its own range; across ranges the first row still wins:
 * - an accepted row of the second range whose id the first range accepted becomes a DUPLICATE_ID
 *   reject (it had no other problem, or it would not have been accepted);
 * - a refused row of the second range with such an id gets the DUPLICATE_ID problem the whole read
 *   would have given it, naming the line in the first range.
 * Filled columns of the second range are then recounted without the rows that dropped out. Null
 * when that cannot be told (see below); otherwise the rejects of the file go to out in file order.
 */
export async function mergeRanges(first: RangeResult, second: RangeResult, display: string, out: RejectSink): Promise<MergedRanges | null> {
  const a = tableFromParts(first.table);
  const b = tableFromParts(second.table);
  const trail = second.trail;
  if (trail === null) throw new Error('internal: the second range kept no trail');

  // Ids in order in both ranges, the second starting past the first, cannot meet; refused rows
  // (few) are still looked up. Otherwise every accepted id of the second range is.
  const apart = first.idsInOrder && second.idsInOrder && (a.length === 0 || b.length === 0 || b.id.get(0) > a.id.get(a.length - 1));
  const firstIds = new DeclarationIds(a.id, first.idsInOrder && apart);
  const demoted: number[] = [];
  if (!apart) for (let r = 0; r < b.length; r++) if (firstIds.find(b.id.get(r)) >= 0) demoted.push(r);

  const padded = new Map(trail.padded);
  const dropped: Reject[] = demoted.map((r) => {
    const id = b.id.get(r);
    const p = duplicateId(id, a.line[firstIds.find(id)], display);
    return { file: display, line: b.line[r], column: p.column, value: padded.get(r) ?? id, code: p.code, message: p.message };
  });
  const refusedDuplicates = new Map<number, Reject>();
  for (const [line, raw] of trail.refused) {
    const id = normalizeId(raw);
    const at = firstIds.find(id);
    if (at < 0) continue;
    const p = duplicateId(id, a.line[at], display);
    refusedDuplicates.set(line, { file: display, line, column: p.column, value: raw, code: p.code, message: p.message });
  }

  // Columns count as filled by their first accepted row. Should that row have dropped out, and the
  // first range not have filled the column, a later row may or may not fill it: the trail does not
  // tell, and the file is read again in one piece (a duplicate id across the ranges on just that row).
  const filled = new Set(first.filled);
  const gone = new Set(demoted);
  for (const [column, row] of trail.firstFilled) {
    if (!gone.has(row)) filled.add(column);
    else if (!filled.has(column)) {
      RejectLog.adopt(first.rejects).close();
      RejectLog.adopt(second.rejects).close();
      return null;
    }
  }

  const firstLog = RejectLog.adopt(first.rejects);
  const own = RejectLog.adopt(second.rejects);
  try {
    for (const r of firstLog) out.push(r);
    // The second range's rejects come a row (a line) at a time: that row's problems, sorted by column.
    let row: Reject[] = [];
    let d = 0;
    const flushRow = () => {
      if (row.length === 0) return;
      const line = row[0].line;
      while (d < dropped.length && dropped[d].line < line) out.push(dropped[d++]);
      const duplicate = refusedDuplicates.get(line);
      if (duplicate === undefined) for (const r of row) out.push(r);
      else placeDuplicate(row, duplicate, out);
      row = [];
    };
    for (const r of own) {
      if (row.length > 0 && row[0].line !== r.line) flushRow();
      row.push(r);
    }
    flushRow();
    while (d < dropped.length) out.push(dropped[d++]);
  } finally {
    firstLog.close();
    own.close();
  }

  const columns = appendingDeclarations(a, b, demoted, release);
  let step = columns.next();
  while (step.done !== true) {
    await movedBuffersFreed();
    step = columns.next();
  }
  // The last column is released as the table is returned: it too is freed before the merge ends.
  await movedBuffersFreed();
  return {
    table: step.value,
    rowsRead: first.rowsRead + second.rowsRead,
    rowsAccepted: first.rowsAccepted + second.rowsAccepted - demoted.length,
    rowsRejected: first.rowsRejected + second.rowsRejected + demoted.length,
    repeatedHeaders: {
      count: first.repeatedHeaders.count + second.repeatedHeaders.count,
      lines: [...first.repeatedHeaders.lines, ...second.repeatedHeaders.lines].slice(0, REPEATED_HEADER_LINES),
    },
    filled,
    dateForms: first.dateForms | second.dateForms,
    idsInOrder: apart && demoted.length === 0 && first.idsInOrder && second.idsInOrder,
  };
}

/**
 * The rejects of one row with its DUPLICATE_ID as the whole read gives it: an earlier duplicate
 * named a row of the second range that has now dropped out, so it names the first range's line;
 * otherwise it joins the row's problems in their order (by column, as read-input sorts them).
 */
function placeDuplicate(row: Reject[], duplicate: Reject, out: RejectSink): void {
  const earlier = row.findIndex((r) => r.code === 'DUPLICATE_ID');
  if (earlier >= 0) row[earlier] = { ...row[earlier], message: duplicate.message };
  else {
    let at = 0;
    while (at < row.length && !(row[at].column > duplicate.column)) at++;
    row.splice(at, 0, duplicate);
  }
  for (const r of row) out.push(r);
}

/**
 * Frees a column of the second range once its rows are copied, so the merge holds one column of it
 * at a time rather than all (at 10 million rows, half the table). A worker's later range is on
 * ArrayBuffers (see columnArray): they move into a message no one reads, dropped with its channel
 * (when the event loop next closes handles: movedBuffersFreed). A column on shared memory is left to
 * the garbage collector.
 */
function release(column: NumberArray): void {
  if (!(column.buffer instanceof ArrayBuffer) || column.buffer.byteLength === 0) return;
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, [column.buffer]);
  port1.close();
  port2.close();
}

/**
 * Resolves once the channels release closed are gone, and the buffers moved into them with them:
 * handles close in the event loop's close phase, which follows the check phase of setImmediate,
 * so the second turn comes after it whichever phase this is called in. A merge that ran straight
 * through held the whole second range to its end (10M national: 1.52 GB peak, 0.39 GB of it that).
 */
function movedBuffersFreed(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
