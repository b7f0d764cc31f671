import { z } from 'zod';
import type { Absence, AbsenceKind } from '../../model/types.js';
import { formatDay } from '../../model/dates.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Evidence, type Finding } from '../define.js';

const params = z.strictObject({
  graceDays: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Care up to this many days after the start or before the end of an absence is tolerated, on top of the day of leaving and of return themselves (days)'),
});

// `overig` says nothing about where the holder was (a holiday with the carer along, a stay with family);
// care during it is no sign of anything, so it never counts.
const AWAY: ReadonlySet<AbsenceKind> = new Set(['ziekenhuisopname', 'ggz-opname', 'wlz-opname', 'detentie', 'buitenland', 'verhuisd']);


export default defineIndicator({
  id: 'care-during-absence',
  version: 1,
  entity: 'budgethouder',
  title: { nl: 'Zorg tijdens afwezigheid', en: 'Care during absence' },
  condition: {
    nl: 'Er is zorg gedeclareerd met een zorgdatum na het begin (van) en vóór het einde (tot) van een afwezigheid in afwezigheden.csv, of een periodedeclaratie die er helemaal binnen valt; een afwezigheid zonder einde loopt door. Telt voor opname (ziekenhuis, ggz, Wlz), detentie, buitenland en verhuizing; niet voor soort overig. De dag van vertrek en de dag van terugkeer tellen niet mee.',
    en: 'Care is declared with a care date after the start (van) and before the end (tot) of an absence in afwezigheden.csv, or a period declaration lying wholly inside one; an absence without an end is still running. Counts for admissions (hospital, mental health, Wlz), detention, abroad and a move; not for kind overig. The day of leaving and the day of return do not count.',
  },
  rationale: {
    nl: 'Wie is opgenomen, gedetineerd, in het buitenland is of verhuisd, krijgt thuis geen zorg van de pgb-zorgverlener; doorlopende declaraties wijzen op doorbetaling voor zorg die niet is geleverd (IKZ 2019). Het is een zorg over de budgethouder, geen verdenking van de budgethouder. De berichten noemen alleen dat de budgethouder afwezig was, met de data: de soort afwezigheid (gezondheids- of strafrechtelijke gegevens, AVG art. 9 en 10) staat alleen in de invoer, via de regel in het bewijs.',
    en: 'Someone who is admitted, detained, abroad or has moved gets no care at home from the pgb provider; declarations that continue point to payment for care not given (IKZ 2019). It is a concern about the budget holder, not a suspicion of them. Messages only say that the holder was away, with the dates: the kind of absence (health or criminal data, GDPR art. 9 and 10) stays in the input, reachable through the line in the evidence.',
  },
  whatToCheck: {
    nl: [
      'De afwezigheidsregel in het bewijs (bestand en regel): klopt de periode volgens de bron van die regel?',
      'Welke zorg de zorgverlener in die periode zegt te hebben geleverd, waar, en wie de declaraties heeft goedgekeurd.',
      'Of de gemeente of de SVB heeft ingestemd met doorlopende zorg tijdens de opname.',
    ],
    en: [
      'The absence row in the evidence (file and line): is the period right according to that row\'s source?',
      'What care the provider says it gave in that period, where, and who approved the declarations.',
      'Whether the municipality or the SVB agreed to care continuing during the admission.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Afgesproken zorg die tijdens een opname doorloopt (bijvoorbeeld begeleiding in het ziekenhuis), met instemming van gemeente of SVB.',
      'Een verkeerde van- of totdatum in afwezigheden.csv, bijvoorbeeld een terugkeer die niet is doorgegeven.',
      'Een tikfout in de zorgdatum.',
    ],
    en: [
      'Agreed care continuing during an admission (for example support in hospital), approved by the municipality or the SVB.',
      'A wrong start or end date in afwezigheden.csv, for example a return that was never recorded.',
      'A typing error in the care date.',
    ],
  },
  source:
    'IKZ 2019, "Fraude en zorgverwaarlozing bij beschermd en begeleid wonen" (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); HHS-OIG, Medicaid personal care services billed during inpatient stays (OEI-07-06-00620)',
  requires: [{ file: 'afwezigheden', columns: ['budgethouder_id', 'soort', 'van'] }],
  params,
  // Care at home while the holder was provably elsewhere cannot have been given there, like care after
  // death (0.6); but unlike death an admission can have agreed care continuing and an absence register
  // lags returns, so it weighs a step lower: with shared-iban and phoenix (0.5), above intake patterns (0.3).
  defaultWeight: 0.5,
  holderConcern: true,
  messages: {
    duringAbsence: {
      nl: 'Er is zorg gedeclareerd terwijl de budgethouder afwezig was (afwezig: opname of verblijf elders, {perioden} periode(s) tussen {afwezig_van} en {afwezig_tot}): {declarations} declaratie(s) van {first_day} tot {last_day}.',
      en: 'Care was declared while the budget holder was away (away: admission or stay elsewhere, {perioden} period(s) between {afwezig_van} and {afwezig_tot}): {declarations} declaration(s) from {first_day} to {last_day}.',
      example: { perioden: 1, afwezig_van: '2025-03-02', afwezig_tot: '2025-04-15', declarations: 12, first_day: '2025-03-04', last_day: '2025-04-11' },
    },
  },
  compute(ds, p) {
    const t = ds.declarations;
    const absenceFile = ds.files.afwezigheden ?? 'afwezigheden.csv';
    const signals: Finding<'duringAbsence'>[] = [];
    let holdersAway = 0;
    let holdersWithCare = 0;
    for (let h = 0; h < ds.holders.length; h++) {
      const away = ds.absencesByHolder[h].filter((a) => AWAY.has(a.soort));
      if (away.length === 0) continue;
      holdersAway++;
      // Per provider index: the offending rows and the absences they fall in.
      let byProvider: Map<number, { rows: number[]; absences: Set<Absence> }> | null = null;
      for (const r of ds.byHolder[h]) {
        const from = t.periodStart[r];
        const to = t.periodEnd[r];
        // A daily declaration has from === to; a period counts only when it lies wholly inside.
        let hit: Absence | null = null;
        for (const a of away)
          if (from > a.van + p.graceDays && (a.tot === null || to < a.tot - p.graceDays)) {
            hit = a;
            break;
          }
        if (hit === null) continue;
        byProvider ??= new Map();
        let entry = byProvider.get(t.provider[r]);
        if (entry === undefined) byProvider.set(t.provider[r], (entry = { rows: [], absences: new Set() }));
        entry.rows.push(r);
        entry.absences.add(hit);
      }
      if (byProvider === null) continue;
      holdersWithCare++;
      const holder = ds.holders[h];
      for (const [pi, { rows, absences }] of byProvider) {
        let first = t.periodStart[rows[0]];
        let last = t.periodEnd[rows[0]];
        for (const r of rows) {
          if (t.periodStart[r] < first) first = t.periodStart[r];
          if (t.periodEnd[r] > last) last = t.periodEnd[r];
        }
        const cited = [...absences].sort((a, b) => a.van - b.van || a.line - b.line);
        const { evidence, amount } = declarationEvidence(ds, rows);
        // The absence rows are cited by line only: their kind is special-category data and stays in the file.
        evidence.push(...cited.map((a): Evidence => ({ file: absenceFile, line: a.line, id: holder.id })));
        evidence.sort(compareEvidence);
        signals.push({
          messageId: 'duringAbsence',
          entity: { kind: 'budgethouder', id: holder.id },
          subject: { zorgverlener_id: ds.providers[pi].id },
          provider: ds.providers[pi].id,
          holders: [holder.id],
          amount,
          strength: 1,
          // Only the dates of the absences: their kind (health or criminal data, GDPR art. 9/10) stays in
          // the input. An absence without an end shows as '…'.
          observed: {
            perioden: cited.length,
            afwezig_van: formatDay(cited[0].van),
            afwezig_tot: cited.some((a) => a.tot === null) ? '…' : formatDay(Math.max(...cited.map((a) => a.tot!))),
            declarations: rows.length,
            first_day: formatDay(first),
            last_day: formatDay(last),
          },
          threshold: { grace_days: p.graceDays },
          evidence,
        });
      }
    }
    return { signals, stats: { holders_away: holdersAway, holders_with_care_during_absence: holdersWithCare } };
  },
});
