import { z } from 'zod';
import { VOORZIENINGEN, WETTEN, type BudgetHolder } from '../../model/types.js';
import { addProblem, periodOrderProblem, type FieldKit } from './fields.js';

export function budgethoudersSchema(kit: FieldKit) {
  return z
    .object({
      budgethouder_id: kit.id('budgethouder_id', true),
      gemeente_code: kit.gemeenteCode('gemeente_code'),
      wet: kit.choice('wet', WETTEN, true),
      voorziening: kit.choice('voorziening', VOORZIENINGEN, true),
      budget_bedrag: kit.number('budget_bedrag', { required: true, amount: true }),
      budget_start: kit.date('budget_start', true),
      budget_eind: kit.date('budget_eind').optional(),
      indicatie_uren_per_week: kit.number('indicatie_uren_per_week').optional(),
      geboortejaar: kit.year('geboortejaar').optional(),
      adres_sleutel: kit.id('adres_sleutel').optional(),
      vertegenwoordiger_id: kit.id('vertegenwoordiger_id').optional(),
      ingeschreven_sinds: kit.date('ingeschreven_sinds').optional(),
      overlijdensdatum: kit.date('overlijdensdatum').optional(),
    })
    .superRefine((h, ctx) => {
      if (h.budget_eind != null && h.budget_eind < h.budget_start!)
        addProblem(ctx, 'budget_eind', periodOrderProblem('budget_eind', h.budget_eind, 'budget_start', h.budget_start!));
    });
}

export function toBudgetHolder(h: z.output<ReturnType<typeof budgethoudersSchema>>, line: number): BudgetHolder {
  return {
    id: h.budgethouder_id!,
    line,
    gemeenteCode: h.gemeente_code!,
    wet: WETTEN[h.wet!],
    voorziening: VOORZIENINGEN[h.voorziening!],
    budgetBedrag: h.budget_bedrag!,
    budgetStart: h.budget_start!,
    budgetEind: h.budget_eind ?? null,
    indicatieUrenPerWeek: h.indicatie_uren_per_week ?? null,
    geboortejaar: h.geboortejaar ?? null,
    adresSleutel: h.adres_sleutel ?? null,
    vertegenwoordigerId: h.vertegenwoordiger_id ?? null,
    ingeschrevenSinds: h.ingeschreven_sinds ?? null,
    overlijdensdatum: h.overlijdensdatum ?? null,
  };
}
