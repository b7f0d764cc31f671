import type { DayNumber } from '../model/dates.js';
import { column, defineInput, periodOrder, t } from './define.js';

export const ABSENCE_KINDS = ['ziekenhuisopname', 'ggz-opname', 'wlz-opname', 'detentie', 'verhuisd', 'buitenland', 'overig'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** A period a budget holder was not at home (afwezigheden.csv). */
export interface Absence {
  line: number;
  holder: number;
  soort: AbsenceKind;
  van: DayNumber;
  /** null = not ended */
  tot: DayNumber | null;
}

export default defineInput({
  name: 'afwezigheden',
  required: false,
  title: 'periods a budget holder was not at home',
  note:
    'A row whose budgethouder_id does not occur in budgethouders.csv (a register extract covers more people than one ' +
    "municipality's export) is counted as unmatched, not rejected, and does not count toward `--max-reject-rate`.",
  idColumn: null,
  foreignKeys: [{ column: 'budgethouder_id', references: 'budgethouders', rejectCode: 'UNKNOWN_HOLDER', absent: 'count' }],
  table: 'absences',
  columns: [
    column('budgethouder_id', t.id, true, 'holder; not in budgethouders = unmatched'),
    column('soort', t.oneOf(ABSENCE_KINDS), true, ABSENCE_KINDS.join(', ')),
    column('van', t.date, true, 'date the absence began (day of admission, detention, move)'),
    column('tot', t.date, false, 'date it ended (day of discharge or return); empty = not ended; before `van` is a PERIOD_ORDER reject'),
  ],
  rowRules: [periodOrder('van', 'tot')],
  toRow: (a, line, keys): Absence => ({
    line,
    holder: keys.budgethouder_id,
    soort: ABSENCE_KINDS[a.soort as number],
    van: a.van as number,
    tot: (a.tot as number | null) ?? null,
  }),
});
