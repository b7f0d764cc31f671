import { z } from 'zod';
import { formatDay } from '../../model/dates.js';
import { compareEvidence, declarationEvidence, defineIndicator, providerRows, type Evidence, type Finding } from '../define.js';
import { intakeFinder, monthsLater, wholeMonthsBetween } from '../intake.js';

const params = z.strictObject({
  maxAgeMonths: z
    .number()
    .int()
    .min(1)
    .default(24)
    .describe('A provider counts as new while its KvK registration is less than this many months old at its first declaration (months)'),
  minIntake: z
    .number()
    .int()
    .min(2)
    .default(8)
    .describe('Fires when the provider takes in at least this many budget holders within windowMonths'),
  windowMonths: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe('Length of the window in which the intake is counted, starting at any intake (months)'),
});

export default defineIndicator({
  id: 'new-provider-rapid-intake',
  version: 1,
  entity: 'provider',
  title: { nl: 'Snelle instroom bij een nieuwe zorgverlener', en: 'Rapid intake by a new provider' },
  condition: {
    nl: 'Een zorgverlener die bij zijn eerste declaratie korter dan 24 maanden bij de KvK staat ingeschreven, neemt binnen 6 maanden 8 of meer budgethouders aan (standaardwaarden). Instroom is de startdatum van de zorgovereenkomst als die bekend is, anders de eerste zorgdatum; een budgethouder met zorg in de eerste maand van de export is bestaand, geen instroom, tenzij zijn overeenkomst binnen de export begint.',
    en: 'A provider whose KvK registration is less than 24 months old at its first declaration takes in 8 or more budget holders within 6 months (default values). Intake is the care agreement\'s start date when known, else the first care date; a holder with care in the export\'s first month is existing, not intake, unless its agreement starts within the export.',
  },
  rationale: {
    nl: 'Zorgbedrijven die door criminele netwerken worden opgezet, werven in korte tijd veel cliënten; driekwart van de zorgverleners in IKZ-signalen was nieuw. Een nieuwe zorgverlener die snel groeit is op zich normaal (een nieuw wooninitiatief vult zijn plaatsen), daarom weegt dit signaal licht.',
    en: 'Care firms set up by criminal networks recruit many clients in a short time; three quarters of the providers in IKZ signals were new. A new provider growing fast is normal in itself (a new housing initiative fills its places), so this signal weighs little.',
  },
  whatToCheck: {
    nl: [
      'Hoe de budgethouders bij de zorgverlener kwamen (verwijzer, werving, eerdere zorgverlener) en of zij vrij kozen.',
      'Of de zorgverlener personeel, huisvesting en kwaliteitssysteem heeft voor dit aantal cliënten.',
      'Wie achter de onderneming staan (bestuurders, eerdere zorgbedrijven van dezelfde personen).',
    ],
    en: [
      'How the budget holders came to the provider (referrer, recruitment, previous provider) and whether they chose freely.',
      'Whether the provider has the staff, housing and quality system for this many clients.',
      'Who is behind the firm (directors, earlier care firms of the same people).',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een nieuw wooninitiatief of een nieuwe locatie die zijn plaatsen in één keer vult.',
      'Een overname van cliënten van een gestopte zorgverlener op verzoek van de gemeente.',
      'Een omzetting van eenmanszaak naar bv, met een nieuw KvK-nummer voor dezelfde zorg.',
    ],
    en: [
      'A new housing initiative or location filling its places at once.',
      'A takeover of clients from a provider that stopped, at the municipality\'s request.',
      'A conversion from sole trader to company, with a new KvK number for the same care.',
    ],
  },
  source:
    'IKZ Jaarbeeld 2021: three quarters of signalled providers were new (https://www.skipr.nl/nieuws/igj-iets-minder-signalen-van-zorgfraude/); NOS/Nieuwsuur 2020, a care firm in five minutes (https://nos.nl/nieuwsuur/artikel/2323639-vijf-minuten-werk-tienduizenden-euro-s-rijker-zo-simpel-is-zorgfraude.html); IKZ/RIEC Twente, care firms set up by criminal networks (https://www.ftm.nl/artikelen/drugscriminelen-in-de-zorg)',
  requires: [{ file: 'zorgverleners', columns: ['kvk_startdatum'] }],
  params,
  // Low: fast growth of a young firm is what every new housing initiative does; it names a provider to look
  // at, not a practice that breaks a rule. A register match, care during detention or care after death
  // (0.6) weighs far more; with 0.3 this alone stays in tier laag.
  defaultWeight: 0.3,
  holderConcern: false,
  messages: {
    rapidIntake: {
      nl: 'De zorgverlener nam {intake} budgethouders aan tussen {first_intake} en {last_intake} (binnen {window_months} maanden); de KvK-inschrijving op {kvk_startdatum} was {age_months} maanden oud bij de eerste declaratie op {first_declaration}. Drempels: {min_intake} budgethouders, jonger dan {max_age_months} maanden.',
      en: 'The provider took in {intake} budget holders between {first_intake} and {last_intake} (within {window_months} months); its KvK registration of {kvk_startdatum} was {age_months} months old at its first declaration on {first_declaration}. Thresholds: {min_intake} budget holders, younger than {max_age_months} months.',
      example: {
        intake: 11,
        first_intake: '2025-02-01',
        last_intake: '2025-06-15',
        window_months: 6,
        kvk_startdatum: '2024-11-12',
        age_months: 2,
        first_declaration: '2025-02-01',
        min_intake: 8,
        max_age_months: 24,
      },
    },
  },
  compute(ds, p) {
    const t = ds.declarations;
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const contractFile = ds.files.zorgovereenkomsten ?? 'zorgovereenkomsten.csv';
    const intakesOf = intakeFinder(ds);
    const signals: Finding<'rapidIntake'>[] = [];
    // Each provider's first care day in one pass in row order: cheaper than reading its rows scattered.
    const firstCare = new Int32Array(ds.providers.length).fill(0x7fffffff);
    for (let r = 0; r < t.length; r++) if (t.periodStart[r] < firstCare[t.provider[r]]) firstCare[t.provider[r]] = t.periodStart[r];
    ds.providers.forEach((provider, pi) => {
      if (provider.kvkStartdatum === null || ds.byProvider[pi].length === 0) return;
      const firstDeclaration = firstCare[pi];
      if (firstDeclaration >= monthsLater(provider.kvkStartdatum, p.maxAgeMonths)) return;
      const intakes = intakesOf(pi);
      if (intakes.length < p.minIntake) return;
      // The fullest window [intake i, i + windowMonths); the earliest such window when several tie.
      let best = 0;
      let bestFrom = 0;
      for (let i = 0, j = 0; i < intakes.length; i++) {
        const end = monthsLater(intakes[i].day, p.windowMonths);
        if (j < i) j = i;
        while (j < intakes.length && intakes[j].day < end) j++;
        if (j - i > best) [best, bestFrom] = [j - i, i];
      }
      if (best < p.minIntake) return;
      const taken = intakes.slice(bestFrom, bestFrom + best);
      const declared = declarationEvidence(ds, providerRows(ds, pi, new Set(taken.map((x) => x.holder))));
      const evidence: Evidence[] = [{ file: providerFile, line: provider.line, id: provider.id }, ...declared.evidence];
      for (const x of taken) if (x.contract !== -1) evidence.push({ file: contractFile, line: ds.contracts![x.contract].line, id: ds.contracts![x.contract].id });
      evidence.sort(compareEvidence);
      signals.push({
        messageId: 'rapidIntake',
        entity: { kind: 'provider', id: provider.id },
        subject: {},
        provider: provider.id,
        holders: taken.map((x) => ds.holders[x.holder].id).sort(),
        amount: declared.amount,
        strength: 1,
        observed: {
          intake: best,
          first_intake: formatDay(taken[0].day),
          last_intake: formatDay(taken[taken.length - 1].day),
          kvk_startdatum: formatDay(provider.kvkStartdatum),
          age_months: Math.max(0, wholeMonthsBetween(provider.kvkStartdatum, firstDeclaration)),
          first_declaration: formatDay(firstDeclaration),
        },
        threshold: { min_intake: p.minIntake, window_months: p.windowMonths, max_age_months: p.maxAgeMonths },
        evidence,
      });
    });
    return { signals };
  },
});
