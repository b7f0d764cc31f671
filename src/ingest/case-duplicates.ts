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
  // A column whose ids cannot differ in case only (the usual one: one case, ASCII) is done after one
  // read of its ids, without a lower-cased copy of each in a map: this runs after the indicators, on
  // the path to the outputs.
  const add = (file: string | null, column: string, rows: readonly { id: string; line: number }[] | null) => {
    if (file !== null && rows !== null && stringsMayDifferInCaseOnly(rows)) groups.push(...caseGroups(file, column, rows.map((r) => [r.id, r.line])));
  };
  add(data.files.budgethouders, 'budgethouder_id', data.holders);
  add(data.files.zorgverleners, 'zorgverlener_id', data.providers);
  const t = data.declarations;
  if (data.files.declaraties !== null && mayDifferInCaseOnly(t.id)) groups.push(...caseGroups(data.files.declaraties, 'declaratie_id', rows(t.id, t.line)));
  add(data.files.zorgovereenkomsten, 'zorgovereenkomst_id', data.contracts);
  return { total: groups.length, groups: groups.slice(0, MAX_GROUPS) };
}

function* rows(ids: PackedTextColumn, lines: Int32Array): Iterable<[string, number]> {
  for (let r = 0; r < ids.length; r++) yield [ids.get(r), lines[r]];
}

/**
 * Two ids can differ in case only if the column holds an ASCII lower- and an upper-case letter, or a
 * character beyond ASCII (whose case rules are Unicode's: the Kelvin sign lower-cases to 'k').
 */
function stringsMayDifferInCaseOnly(rows: readonly { id: string }[]): boolean {
  let lower = false;
  let upper = false;
  for (const { id } of rows) {
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) return true;
      if (c >= 0x61 && c <= 0x7a) lower = true;
      else if (c >= 0x41 && c <= 0x5a) upper = true;
    }
    if (lower && upper) return true;
  }
  return false;
}

/**
 * As stringsMayDifferInCaseOnly, on the bytes of the declaration ids (millions, ~10 MB at a million
 * rows), four bytes at a time: a byte 0x60-0x7F stands for a lower-case letter, 0x40-0x5F for an
 * upper-case one. Those ranges hold some punctuation too (`_`, `@`, `~`), so a column where both
 * occur is read again byte by byte; an id column of digits and capitals ('D00000001') never is.
 */
function mayDifferInCaseOnly(ids: PackedTextColumn): boolean {
  const bytes = ids.bytes;
  const end = ids.offsets[ids.length];
  // The bytes before the first 4-byte boundary of the buffer, and after the last, one at a time.
  const head = Math.min(end, (4 - (bytes.byteOffset % 4)) % 4);
  const words = Math.floor((end - head) / 4);
  const tail = head + words * 4;
  let lowerish = 0;
  let upperish = 0;
  const byte = (b: number) => {
    if (b >= 0x80) return true;
    if ((b & 0x60) === 0x60) lowerish = 1;
    else if ((b & 0x60) === 0x40) upperish = 1;
    return false;
  };
  for (let i = 0; i < head; i++) if (byte(bytes[i])) return true;
  for (let i = tail; i < end; i++) if (byte(bytes[i])) return true;
  // An empty view still needs an aligned start.
  const view = words === 0 ? new Uint32Array(0) : new Uint32Array(bytes.buffer, bytes.byteOffset + head, words);
  for (let i = 0; i < words; i++) {
    const w = view[i];
    if ((w & 0x80808080) !== 0) return true;
    // Bit 6 of a byte set with bit 5 (shifted onto bit 6) set, or clear.
    lowerish |= w & (w << 1) & 0x40404040;
    upperish |= w & ~(w << 1) & 0x40404040;
  }
  return lowerish !== 0 && upperish !== 0 && exactlyMayDifferInCaseOnly(bytes, end);
}

function exactlyMayDifferInCaseOnly(bytes: Uint8Array, end: number): boolean {
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
