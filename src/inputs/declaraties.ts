import type { DeclarationTable } from '../model/declaration-table.js';
import { OVEREENKOMST_SOORTEN } from '../model/types.js';
import { column, defineInput, t } from './define.js';

/**
 * Not a column of the file but counted as filled like one: some accepted ingediend_op carries a time of day.
 * Indicators that compare submission moments require it, so that an export with dates alone makes them
 * not applicable, with the reason, instead of silent.
 */
export const SUBMISSION_TIME = 'ingediend_op_tijd';

/**
 * The declarations have their own reader (src/ingest/readers/declaraties.ts, a fast path into a
 * columnar table); it takes its columns, their parsers and the foreign keys from here. Its row rules
 * (a care day or a whole period, periods in order, times only with a care day) live with that reader.
 */
export default defineInput<'declaraties', DeclarationTable, 'declarations', true>({
  name: 'declaraties',
  required: true,
  title: 'declaration export',
  idColumn: 'declaratie_id',
  foreignKeys: [
    { column: 'budgethouder_id', references: 'budgethouders', rejectCode: 'UNKNOWN_HOLDER' },
    { column: 'zorgverlener_id', references: 'zorgverleners', rejectCode: 'UNKNOWN_PROVIDER' },
  ],
  note: 'A declaration needs a zorgdatum or both periode_start and periode_eind (`MISSING_CARE_DATE`); its header needs zorgdatum or both periode columns.',
  table: 'declarations',
  columns: [
    column('declaratie_id', t.id, true, 'id'),
    column('budgethouder_id', t.id, true, 'must exist in budgethouders'),
    column('zorgverlener_id', t.id, true, 'must exist in zorgverleners'),
    column('zorgovereenkomst_id', t.id, false, 'id'),
    column('overeenkomst_soort', t.oneOf(OVEREENKOMST_SOORTEN), false, OVEREENKOMST_SOORTEN.filter((s) => s !== '').join(', ')),
    column('zorgdatum', t.date, false, 'date of care (daily declarations)', { requiredNote: 'either this' }),
    column('periode_start', t.date, false, 'start of the period of care (monthly declarations); zorgdatum wins when both are given', { requiredNote: 'or these two' }),
    column('periode_eind', t.date, false, 'end of that period', { requiredNote: 'or these two' }),
    column('begintijd', t.time, false, 'HH:MM, with zorgdatum'),
    column('eindtijd', t.time, false, 'HH:MM, with zorgdatum; an end before the start crosses midnight'),
    column('uren', t.decimal, false, 'hours, decimal; when empty, derived from begintijd/eindtijd'),
    column('tarief', t.amount, false, 'euros per hour'),
    column('bedrag', t.signedAmount, true, 'euros; negative = a correction'),
    column('ingediend_op', t.dateTime, false, 'date or date-time of submission; bulk-submission needs the time (to the minute)'),
  ],
  rowRules: [],
  headerNeedsOneOf: [['zorgdatum'], ['periode_start', 'periode_eind']],
  toRow: null,
});
