import type { IngestedData } from '../model/dataset.js';
import type { PackedTextColumn } from '../model/text-columns.js';

/** Ids of one file that differ only in letter case, with the line of each. */
export interface CaseDuplicateGroup {
  file: string;
  column: string;
  ids: string[];
  lines: number[];
}

export interface PossibleDuplicateIds {
  /** Groups found in all. */
  total: number;
  /** The first MAX_GROUPS groups, by file and first line. */
  groups: CaseDuplicateGroup[];
}

export const MAX_GROUPS = 100;

/**
 * Ids that differ only in letter case ('BH12a' and 'BH12A'). They may be one entity written two
 * ways, or two entities: the scan cannot tell, so it keeps them apart and reports them for a person
 * to check ("mogelijke dubbele id's"), never merging or rejecting.
 */
export function possibleDuplicateIds(data: IngestedData): PossibleDuplicateIds {
  const groups: CaseDuplicateGroup[] = [];
  const add = (file: string | null, column: string, ids: () => Iterable<[string, number]>) => {
    if (file !== null) groups.push(...caseGroups(file, column, ids()));
  };
  add(data.files.budgethouders, 'budgethouder_id', () => data.holders.map((h) => [h.id, h.line]));
  add(data.files.zorgverleners, 'zorgverlener_id', () => data.providers.map((p) => [p.id, p.line]));
  const t = data.declarations;
  if (mayDifferInCaseOnly(t.id)) add(data.files.declaraties, 'declaratie_id', () => rows(t.id, t.line));
  if (data.contracts !== null) add(data.files.zorgovereenkomsten, 'zorgovereenkomst_id', () => data.contracts!.map((c) => [c.id, c.line]));
  return { total: groups.length, groups: groups.slice(0, MAX_GROUPS) };
}

function* rows(ids: PackedTextColumn, lines: Int32Array): Iterable<[string, number]> {
  for (let r = 0; r < ids.length; r++) yield [ids.get(r), lines[r]];
}

/**
 * Whether two ids of the column can differ in case only: that takes an ASCII lower- and an upper-case
 * letter somewhere, or a non-ASCII byte. Declaration ids are millions; this reads their bytes once,
 * and the usual column (one case, ASCII) is done.
 */
function mayDifferInCaseOnly(ids: PackedTextColumn): boolean {
  const bytes = ids.bytes;
  const end = ids.offsets[ids.length];
  let lower = false;
  let upper = false;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b >= 0x80) return true;
    if (b >= 0x61 && b <= 0x7a) lower = true;
    else if (b >= 0x41 && b <= 0x5a) upper = true;
    if (lower && upper) return true;
  }
  return false;
}

function caseGroups(file: string, column: string, ids: Iterable<[string, number]>): CaseDuplicateGroup[] {
  const byKey = new Map<string, CaseDuplicateGroup>();
  const found: CaseDuplicateGroup[] = [];
  for (const [id, line] of ids) {
    const key = id.toLowerCase();
    const group = byKey.get(key);
    if (group === undefined) {
      byKey.set(key, { file, column, ids: [id], lines: [line] });
      continue;
    }
    if (group.ids.length === 1) found.push(group);
    group.ids.push(id);
    group.lines.push(line);
  }
  return found.sort((a, b) => a.lines[0] - b.lines[0]);
}
