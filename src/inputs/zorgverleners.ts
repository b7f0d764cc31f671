import { PROVIDER_SOORTEN, type Provider } from '../model/types.js';
import { column, defineInput, t } from './define.js';

export default defineInput({
  name: 'zorgverleners',
  required: true,
  title: 'provider export',
  idColumn: 'zorgverlener_id',
  foreignKeys: [],
  table: 'providers',
  columns: [
    column('zorgverlener_id', t.id, true, 'id'),
    column('naam', t.text, false, 'name'),
    column('soort', t.oneOf(PROVIDER_SOORTEN), true, 'instelling (organisation), zzp (self-employed person), informeel (family or other informal carer)'),
    column('kvk_nummer', t.eightDigits, false, '8 digits, leading zeros kept'),
    column('agb_code', t.eightDigits, false, '8 digits, leading zeros kept'),
    column('kvk_startdatum', t.date, false, 'date'),
    column('einddatum', t.date, false, 'date the provider stopped'),
    column('adres_sleutel', t.id, false, 'as above'),
    column('iban_sleutel', t.id, false, 'pseudonymous IBAN key'),
    column('wooninitiatief', t.boolean, false, 'boolean'),
  ],
  rowRules: [],
  toRow: (p, line): Provider => ({
    id: p.zorgverlener_id as string,
    line,
    naam: (p.naam as string | null) ?? null,
    soort: PROVIDER_SOORTEN[p.soort as number],
    kvkNummer: (p.kvk_nummer as string | null) ?? null,
    agbCode: (p.agb_code as string | null) ?? null,
    kvkStartdatum: (p.kvk_startdatum as number | null) ?? null,
    einddatum: (p.einddatum as number | null) ?? null,
    adresSleutel: (p.adres_sleutel as string | null) ?? null,
    ibanSleutel: (p.iban_sleutel as string | null) ?? null,
    wooninitiatief: (p.wooninitiatief as boolean | null) ?? null,
  }),
});
