import { withoutRows } from '../../model/declaration-table.js';
import { RejectLog, type Reject } from '../reject-log.js';
import type { AcceptedIds } from '../readers/row-reader.js';
import { normalizeId } from '../values/id.js';
import { tableFromParts, tableParts, type RangeResult } from './protocol.js';

/**
 * A range read before the holders and providers were (its worker numbered their raw texts, see
 * DeferredKeys), as a read that knew their accepted ids would have left it:
 * - an accepted row whose holder or provider is not accepted becomes a rejected row with
 *   UNKNOWN_HOLDER and/or UNKNOWN_PROVIDER, in line order among the range's rejects;
 * - a refused row gets those problems among its own, in column order (as read-input sorts them);
 * - the table keeps the other rows, with the positions of their holders and providers;
 * - counts, filled columns and the trail for mergeRanges follow (turned-down rows join the refused).
 * Null when that cannot be told from what the range kept, and the file is read in one piece: a
 * turned-down row was the first to fill a column, or a later row of the range was refused as
 * its duplicate (the worker admitted its id; a read that knew would not have).
 */
export function resolveRange(range: RangeResult, holders: AcceptedIds, providers: AcceptedIds, display: string): RangeResult | null {
  const keys = range.deferred;
  if (keys === null) return range;
  const trail = range.trail;
  if (trail === null) throw new Error('internal: a deferred range kept no trail');
  const holderAt = positions(keys.holders, holders);
  const providerAt = positions(keys.providers, providers);
  const t = tableFromParts(range.table);

  const out: number[] = [];
  for (let r = 0; r < t.length; r++) {
    const h = holderAt[t.holder[r]];
    const p = providerAt[t.provider[r]];
    if (h < 0 || p < 0) out.push(r);
    else {
      t.holder[r] = h;
      t.provider[r] = p;
    }
  }
  const problems = (line: number, rawHolder: string, rawProvider: string): Reject[] => {
    const found: Reject[] = [];
    const sink = (raw: string) => (p: { column: string; code: string; message: string }) => found.push({ file: display, line, column: p.column, value: raw, code: p.code, message: p.message });
    holders.resolve('budgethouder_id', normalizeId(rawHolder), 'UNKNOWN_HOLDER', sink(rawHolder));
    providers.resolve('zorgverlener_id', normalizeId(rawProvider), 'UNKNOWN_PROVIDER', sink(rawProvider));
    return found;
  };

  const padded = new Map(trail.padded);
  const outIds = new Map<string, number>();
  for (const r of out) outIds.set(t.id.get(r), t.line[r]);
  const added = new Map<number, Reject[]>();
  for (const [line, id, holder, provider] of keys.refused) {
    const since = outIds.get(normalizeId(id));
    if (since !== undefined && since < line) return drop(range);
    const found = problems(line, holder, provider);
    if (found.length > 0) added.set(line, found);
  }
  const gone = new Set(out);
  for (const [, row] of trail.firstFilled) if (gone.has(row)) return drop(range);
  if (out.length === 0 && added.size === 0) return { ...range, deferred: null };

  const own = RejectLog.adopt(range.rejects);
  const log = new RejectLog();
  try {
    let d = 0;
    const outBefore = (line: number) => {
      for (; d < out.length && t.line[out[d]] < line; d++) {
        const r = out[d];
        for (const x of problems(t.line[r], keys.holders[t.holder[r]], keys.providers[t.provider[r]])) log.push(x);
      }
    };
    let row: Reject[] = [];
    const flushRow = () => {
      if (row.length === 0) return;
      const line = row[0].line;
      outBefore(line);
      for (const x of added.get(line) ?? []) insertByColumn(row, x);
      for (const x of row) log.push(x);
      row = [];
    };
    for (const x of own) {
      if (row.length > 0 && row[0].line !== x.line) flushRow();
      row.push(x);
    }
    flushRow();
    outBefore(Number.POSITIVE_INFINITY);
  } catch (e) {
    log.close();
    throw e;
  } finally {
    own.close();
  }

  const shift = (row: number) => row - below(out, row);
  const refused = [...trail.refused, ...out.map((r): [number, string] => [t.line[r], padded.get(r) ?? t.id.get(r)])];
  return {
    ...range,
    table: out.length === 0 ? range.table : tableParts(withoutRows(t, out)),
    rowsAccepted: range.rowsAccepted - out.length,
    rowsRejected: range.rowsRejected + out.length,
    rejects: log.handOver(),
    trail: {
      refused,
      padded: trail.padded.filter(([r]) => !gone.has(r)).map(([r, raw]): [number, string] => [shift(r), raw]),
      firstFilled: trail.firstFilled.map(([column, r]): [string, number] => [column, shift(r)]),
    },
    deferred: null,
  };
}

/** The position among the accepted ids of each raw text, -1 when not accepted. */
function positions(raw: readonly string[], ids: AcceptedIds): Int32Array {
  const at = new Int32Array(raw.length);
  for (let k = 0; k < raw.length; k++) at[k] = ids.index.get(normalizeId(raw[k]));
  return at;
}

/** How many of the ascending `rows` are below `row`. */
function below(rows: readonly number[], row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** After the row's problems in the same or an earlier column, as a stable sort by column places it. */
function insertByColumn(row: Reject[], x: Reject): void {
  let at = 0;
  while (at < row.length && !(row[at].column > x.column)) at++;
  row.splice(at, 0, x);
}

/** Gives up on the range: its spilled rejects are removed. */
function drop(range: RangeResult): null {
  RejectLog.adopt(range.rejects).close();
  return null;
}
