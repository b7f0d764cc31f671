import { z } from 'zod';
import { PROVIDER_SOORTEN, type Provider } from '../../model/types.js';
import type { FieldKit } from './fields.js';

export function zorgverlenersSchema(kit: FieldKit) {
  return z.object({
    zorgverlener_id: kit.id('zorgverlener_id', true),
    naam: kit.text('naam').optional(),
    soort: kit.choice('soort', PROVIDER_SOORTEN, true),
    kvk_nummer: kit.eightDigits('kvk_nummer').optional(),
    agb_code: kit.eightDigits('agb_code').optional(),
    kvk_startdatum: kit.date('kvk_startdatum').optional(),
    einddatum: kit.date('einddatum').optional(),
    adres_sleutel: kit.id('adres_sleutel').optional(),
    iban_sleutel: kit.id('iban_sleutel').optional(),
    wooninitiatief: kit.boolean('wooninitiatief').optional(),
  });
}

export function toProvider(p: z.output<ReturnType<typeof zorgverlenersSchema>>, line: number): Provider {
  return {
    id: p.zorgverlener_id!,
    line,
    naam: p.naam ?? null,
    soort: PROVIDER_SOORTEN[p.soort!],
    kvkNummer: p.kvk_nummer ?? null,
    agbCode: p.agb_code ?? null,
    kvkStartdatum: p.kvk_startdatum ?? null,
    einddatum: p.einddatum ?? null,
    adresSleutel: p.adres_sleutel ?? null,
    ibanSleutel: p.iban_sleutel ?? null,
    wooninitiatief: p.wooninitiatief ?? null,
  };
}
