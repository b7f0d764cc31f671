import type { DayNumber } from '../model/dates.js';
import { column, defineInput, periodOrder, t, type RowRule } from './define.js';
export const REGISTER_KEY_KINDS = ['kvk_nummer', 'agb_code', 'iban_sleutel', 'adres_sleutel'] as const;
export type RegisterKeyKind = (typeof REGISTER_KEY_KINDS)[number];

/** An entry of the warning register (waarschuwingsregister.csv); KvK and AGB keys padded to 8 digits. */
export interface WarningEntry {
  line: number;
  kind: RegisterKeyKind;
  key: string;
  registeredOn: DayNumber;
  /** null = no end */
  expiresOn: DayNumber | null;
  /** Shown in evidence, never scored. */
  ground: string | null;
}

/** KvK and AGB numbers: the register comes from another system, which drops leading zeros. */
const DIGIT_KINDS: ReadonlySet<string> = new Set(['kvk_nummer', 'agb_code']);

/** A KvK or AGB key must be 1 to 8 digits; shorter ones are padded in toRow. */
const digitKey: RowRule = {
  columns: ['sleutel_soort', 'sleutel'],
  check(row) {
    const kind = REGISTER_KEY_KINDS[row.sleutel_soort as number];
    const key = row.sleutel as string;
    if (!DIGIT_KINDS.has(kind) || /^\d{1,8}$/.test(key)) return null;
    return { column: 'sleutel', code: 'INVALID_CODE', message: `sleutel: expected up to 8 digits for a ${kind}, got '${key}'` };
  },
};

export default defineInput({
  name: 'waarschuwingsregister',
  required: false,
  title: 'entries of the warning register, keyed like the exports',
  idColumn: null,
  foreignKeys: [],
  table: 'warningRegister',
  columns: [
    column('sleutel_soort', t.oneOf(REGISTER_KEY_KINDS), true, REGISTER_KEY_KINDS.join(', ')),
    column(
      'sleutel',
      t.id,
      true,
      'the value, in the same pseudonymisation as the exports; a KvK or AGB number with fewer than 8 digits is accepted ' +
        'here and padded with leading zeros (the register comes from another system), unlike in zorgverleners.csv',
      { example: '1234567' },
    ),
    column('geregistreerd_op', t.date, true, 'date the entry was registered'),
    column('vervalt_op', t.date, false, 'date the entry expires; empty = no end; before `geregistreerd_op` is a PERIOD_ORDER reject'),
    column('grond', t.text, false, 'short text: the ground for the entry (shown in evidence, never scored)'),
  ],
  // An entry cannot expire before it was registered.
  rowRules: [digitKey, periodOrder('geregistreerd_op', 'vervalt_op')],
  toRow: (w, line): WarningEntry => {
    const kind = REGISTER_KEY_KINDS[w.sleutel_soort as number];
    const key = w.sleutel as string;
    return {
      line,
      kind,
      key: DIGIT_KINDS.has(kind) ? key.padStart(8, '0') : key,
      registeredOn: w.geregistreerd_op as number,
      expiresOn: (w.vervalt_op as number | null) ?? null,
      ground: (w.grond as string | null) ?? null,
    };
  },
});
