import { z } from 'zod';
import { OVEREENKOMST_SOORTEN, type CareContract, type OvereenkomstSoort } from '../../model/types.js';
import { addProblem, periodOrderProblem, type FieldKit } from './fields.js';

export function zorgovereenkomstenSchema(kit: FieldKit) {
  return z
    .object({
      zorgovereenkomst_id: kit.id('zorgovereenkomst_id', true),
      budgethouder_id: kit.id('budgethouder_id', true),
      zorgverlener_id: kit.id('zorgverlener_id', true),
      soort: kit.choice('soort', OVEREENKOMST_SOORTEN).optional(),
      tarief: kit.number('tarief', { amount: true }).optional(),
      uren_per_week: kit.number('uren_per_week').optional(),
      start: kit.date('start').optional(),
      eind: kit.date('eind').optional(),
    })
    .superRefine((c, ctx) => {
      if (c.start != null && c.eind != null && c.eind < c.start)
        addProblem(ctx, 'eind', periodOrderProblem('eind', c.eind, 'start', c.start));
    });
}

export function toCareContract(
  c: z.output<ReturnType<typeof zorgovereenkomstenSchema>>,
  line: number,
  { holder, provider }: { holder: number; provider: number },
): CareContract {
  return {
    id: c.zorgovereenkomst_id!,
    line,
    holder,
    provider,
    soort: c.soort ? (OVEREENKOMST_SOORTEN[c.soort] as OvereenkomstSoort) : null,
    tarief: c.tarief ?? null,
    urenPerWeek: c.uren_per_week ?? null,
    start: c.start ?? null,
    eind: c.eind ?? null,
  };
}
