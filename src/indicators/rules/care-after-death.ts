import { z } from 'zod';
import { formatDay } from '../../model/dates.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Evidence, type Finding } from '../define.js';

const params = z.strictObject({
  graceDays: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Care dated up to this many days after the date of death is tolerated (days)'),
});


export default defineIndicator({
  id: 'care-after-death',
  version: 1,
  entity: 'budgethouder',
  title: { nl: 'Zorg na overlijden', en: 'Care after death' },
  condition: {
    nl: 'Er is zorg gedeclareerd met een zorgdatum (of een periode die eindigt) na de overlijdensdatum van de budgethouder.',
    en: 'Care is declared with a care date (or a period ending) after the budget holder\'s date of death.',
  },
  rationale: {
    nl: 'Na het overlijden kan geen zorg meer worden geleverd; declaraties daarna wijzen op doorbetaling aan de zorgverlener of vertegenwoordiger. Dit is een zorg over de budgethouder, geen verdenking van de budgethouder. Let op: een verkeerd vastgelegde overlijdensdatum of een periodedeclaratie die de sterfdag overschrijdt kan ook de oorzaak zijn.',
    en: 'No care can be delivered after death, so declarations dated later point to payments continuing to the provider or representative. This is a concern about the budget holder, not a suspicion of them. Caveat: a wrongly recorded date of death, or a period declaration running past the day of death, can also cause it.',
  },
  whatToCheck: {
    nl: [
      'De overlijdensakte of BRP-registratie: klopt de overlijdensdatum?',
      'Wie heeft de declaraties na het overlijden ingediend en wie heeft ze goedgekeurd (vertegenwoordiger, DigiD-machtiging)?',
      'Naar welke rekening is na het overlijden betaald, en is het bedrag terug te vorderen?',
    ],
    en: [
      'The death certificate or population register: is the date of death right?',
      'Who submitted and who approved the declarations after death (representative, DigiD authorisation)?',
      'Which account was paid after death, and can the amount be recovered?',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een verkeerd vastgelegde overlijdensdatum of een verwisselde budgethouder.',
      'Een periodedeclaratie (maand) die over de sterfdag heen loopt terwijl de zorg tot het overlijden werd geleverd.',
      'Een tikfout in de zorgdatum.',
    ],
    en: [
      'A wrongly recorded date of death, or a mix-up of budget holders.',
      'A monthly period declaration running past the day of death while care was delivered until death.',
      'A typing error in the care date.',
    ],
  },
  source:
    'HHS-OIG A-05-05-00030, Medicaid payments for services after beneficiaries\' deaths (https://pdfslide.us/documents/sep-2-6-2006-washington-2019-11-02-department-of-health-hztman-services.html); FIOD 2009 pgb case, NRC 4 Feb 2009 (https://www.nrc.nl/nieuws/2009/02/04/fraude-met-pgb-door-ruime-regels-11678581-a439008)',
  requires: [{ file: 'budgethouders', columns: ['overlijdensdatum'] }],
  params,
  defaultWeight: 0.6,
  holderConcern: true,
  messages: {
    afterDeath: {
      nl: 'Er is zorg gedeclareerd na het overlijden van de budgethouder op {overlijdensdatum}: {declarations} declaratie(s) van {first_day} tot {last_day}, tot {days_after} dagen na het overlijden.',
      en: 'Care was declared after the budget holder died on {overlijdensdatum}: {declarations} declaration(s) from {first_day} to {last_day}, up to {days_after} days after death.',
      example: { overlijdensdatum: '2025-04-10', declarations: 3, first_day: '2025-04-11', last_day: '2025-06-30', days_after: 81 },
    },
  },
  compute(ds, p) {
    const t = ds.declarations;
    const holderFile = ds.files.budgethouders ?? 'budgethouders.csv';
    const signals: Finding<'afterDeath'>[] = [];
    let deceased = 0;
    let holdersWithCareAfterDeath = 0;
    for (let h = 0; h < ds.holders.length; h++) {
      const holder = ds.holders[h];
      const death = holder.overlijdensdatum;
      if (death === null) continue;
      deceased++;
      const limit = death + p.graceDays;
      const rows = ds.byHolder[h];
      let offendingByProvider: Map<number, number[]> | null = null;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        // periodEnd equals the day for daily declarations; for a period it is the last day of care,
        // so a month that ends on the day of death is fine and one that runs past it is not.
        if (t.periodEnd[r] <= limit) continue;
        offendingByProvider ??= new Map();
        const list = offendingByProvider.get(t.provider[r]);
        if (list) list.push(r);
        else offendingByProvider.set(t.provider[r], [r]);
      }
      if (offendingByProvider === null) continue;
      holdersWithCareAfterDeath++;
      const holderEvidence: Evidence = { file: holderFile, line: holder.line, id: holder.id };
      for (const [pi, offending] of offendingByProvider) {
        let first = t.periodEnd[offending[0]];
        let last = first;
        for (const r of offending) {
          const d = t.periodEnd[r];
          if (d < first) first = d;
          if (d > last) last = d;
        }
        const { evidence, amount } = declarationEvidence(ds, offending);
        evidence.push(holderEvidence);
        evidence.sort(compareEvidence);
        signals.push({
          messageId: 'afterDeath',
          entity: { kind: 'budgethouder', id: holder.id },
          subject: { zorgverlener_id: ds.providers[pi].id },
          provider: ds.providers[pi].id,
          holders: [holder.id],
          amount,
          strength: 1,
          observed: {
            overlijdensdatum: formatDay(death),
            first_day: formatDay(first),
            last_day: formatDay(last),
            declarations: offending.length,
            days_after: last - death,
          },
          threshold: { grace_days: p.graceDays },
          evidence,
        });
      }
    }
    return { signals, stats: { deceased_holders: deceased, holders_with_care_after_death: holdersWithCareAfterDeath } };
  },
});
