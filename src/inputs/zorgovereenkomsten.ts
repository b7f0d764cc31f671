import { OVEREENKOMST_SOORTEN, type CareContract, type OvereenkomstSoort } from '../model/types.js';
import { column, defineInput, periodOrder, t } from './define.js';

export default defineInput({
  name: 'zorgovereenkomsten',
  required: false,
  title: 'care-agreement export',
  note:
    '`start` dates when a provider took a holder in (`new-provider-rapid-intake`, `out-of-region-inflow`); without it a ' +
    "holder's first care date does, and holders with care in the export's first month count as clients the provider " +
    "already had (that month is the earliest with at least a quarter of a median month's rows, so a few late " +
    'corrections for older care do not move it). A row whose budgethouder_id does not occur in budgethouders.csv is ' +
    'counted as unmatched (another municipality\'s person), not rejected.',
  idColumn: 'zorgovereenkomst_id',
  foreignKeys: [
    { column: 'budgethouder_id', references: 'budgethouders', rejectCode: 'UNKNOWN_HOLDER', absent: 'count' },
    { column: 'zorgverlener_id', references: 'zorgverleners', rejectCode: 'UNKNOWN_PROVIDER' },
  ],
  table: 'contracts',
  columns: [
    column('zorgovereenkomst_id', t.id, true, 'id'),
    column('budgethouder_id', t.id, true, 'holder; not in budgethouders = unmatched'),
    column('zorgverlener_id', t.id, true, 'must exist in zorgverleners'),
    column('soort', t.oneOf(OVEREENKOMST_SOORTEN), false, OVEREENKOMST_SOORTEN.filter((s) => s !== '').join(', ')),
    column('tarief', t.amount, false, 'euros per hour'),
    column('uren_per_week', t.decimal, false, 'agreed hours per week'),
    column('start', t.date, false, 'date the agreement began'),
    column('eind', t.date, false, 'date it ended; empty = open-ended'),
  ],
  rowRules: [periodOrder('start', 'eind')],
  toRow: (c, line, keys): CareContract => ({
    id: c.zorgovereenkomst_id as string,
    line,
    holder: keys.budgethouder_id,
    provider: keys.zorgverlener_id,
    soort: c.soort ? (OVEREENKOMST_SOORTEN[c.soort as number] as OvereenkomstSoort) : null,
    tarief: (c.tarief as number | null) ?? null,
    urenPerWeek: (c.uren_per_week as number | null) ?? null,
    start: (c.start as number | null) ?? null,
    eind: (c.eind as number | null) ?? null,
  }),
});
