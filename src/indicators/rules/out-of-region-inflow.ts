import { z } from 'zod';
import { NO_DAY, formatDay } from '../../model/dates.js';
import { compareEvidence, declarationEvidence, defineIndicator, providerRows, type Evidence, type Finding, type MessageTemplate } from '../define.js';
import { intakeFinder, isEstablishedInstitution, monthsLater } from '../intake.js';

const params = z.strictObject({
  minIntake: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe('Judged only when the provider took in at least this many budget holders in the export'),
  minSharePct: z
    .number()
    .min(0)
    .max(100)
    .default(50)
    .describe('Fires when more than this percentage of the holders taken in registered at their current address shortly before their intake (percent)'),
  windowMonths: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe('A registration (ingeschreven_sinds) at most this many months before the intake counts as recent (months)'),
  graceDaysAfter: z
    .number()
    .int()
    .min(0)
    .default(31)
    .describe('A registration up to this many days after the intake also counts: the population register often follows the move-in by some weeks (days)'),
  establishedYears: z
    .number()
    .min(0)
    .default(5)
    .describe('An institution (soort instelling) with an AGB code and a KvK registration at least this many years old at the first of these intakes is established; its signal counts weakly (years)'),
});

const messages = {
  inflow: {
    nl: '{movers} van de {intake} budgethouders die de zorgverlener aannam ({share_pct}%) staan op hun huidige adres ingeschreven sinds ten hoogste {window_months} maanden vóór hun instroom. Drempel: meer dan {min_share_pct}% van ten minste {min_intake}.',
    en: '{movers} of the {intake} budget holders the provider took in ({share_pct}%) registered at their current address at most {window_months} months before their intake. Threshold: more than {min_share_pct}% of at least {min_intake}.',
    example: { movers: 6, intake: 8, share_pct: 75, window_months: 6, min_share_pct: 50, min_intake: 4 },
  },
  inflowEstablished: {
    nl: '{movers} van de {intake} budgethouders die de zorgverlener aannam ({share_pct}%) staan op hun huidige adres ingeschreven sinds ten hoogste {window_months} maanden vóór hun instroom. De zorgverlener is een gevestigde instelling (KvK sinds {kvk_startdatum}, met AGB-code), bijvoorbeeld met een nieuwe locatie; het signaal telt daarom zwak. Drempel: meer dan {min_share_pct}% van ten minste {min_intake}.',
    en: '{movers} of the {intake} budget holders the provider took in ({share_pct}%) registered at their current address at most {window_months} months before their intake. The provider is an established institution (KvK since {kvk_startdatum}, with an AGB code), for instance with a new location, so the signal counts weakly. Threshold: more than {min_share_pct}% of at least {min_intake}.',
    example: { movers: 10, intake: 12, share_pct: 83.3, window_months: 6, kvk_startdatum: '2012-05-01', min_share_pct: 50, min_intake: 4 },
  },
} satisfies Record<string, MessageTemplate>;

// An established institution opening a location moves its residents in at once: the pattern without the
// recruiting. It stays listed (an analyst may still want to see it) but far from the top.
const ESTABLISHED_STRENGTH = 0.2;

export default defineIndicator({
  id: 'out-of-region-inflow',
  version: 1,
  entity: 'provider',
  title: { nl: 'Instroom van pas verhuisde budgethouders', en: 'Inflow of recently moved budget holders' },
  condition: {
    nl: 'Van de budgethouders die een zorgverlener aannam (ten minste 4) stond meer dan 50% op hun huidige adres ingeschreven sinds ten hoogste 6 maanden vóór hun instroom, of tot 31 dagen erna (standaardwaarden). Instroom is de startdatum van de zorgovereenkomst als die bekend is, anders de eerste zorgdatum; budgethouders met zorg in de eerste maand van de export zijn bestaand, tenzij hun overeenkomst binnen de export begint. Een budgethouder zonder inschrijfdatum telt als niet verhuisd.',
    en: 'Of the budget holders a provider took in (at least 4), more than 50% registered at their current address at most 6 months before their intake, or up to 31 days after it (default values). Intake is the care agreement\'s start date when known, else the first care date; holders with care in the export\'s first month are existing unless their agreement starts within the export. A holder without a registration date counts as not moved.',
  },
  rationale: {
    nl: 'Zorgcowboys werven kwetsbare mensen elders (bij de daklozenopvang, bij de gevangenispoort) en laten hen verhuizen naar een woning van of via de zorgverlener, om er een pgb voor aan te vragen. De export onderscheidt een verhuizing van elders niet van een verhuizing binnen de gemeente, en een woonvoorziening betekent voor veel cliënten juist een verhuizing; daarom weegt dit signaal licht.',
    en: 'Care cowboys recruit vulnerable people elsewhere (at shelters, at the prison gate) and move them into housing of or through the provider, to apply for a pgb for them. The export does not tell a move from elsewhere from one within the municipality, and a housing service means a move for many clients anyway, so this signal weighs little.',
  },
  whatToCheck: {
    nl: [
      'Waar de budgethouders vóór de verhuizing woonden (BRP: vorige gemeente) en hoe zij bij de zorgverlener kwamen.',
      'Wie de woning verhuurt en of huur en zorg aan elkaar gekoppeld zijn.',
      'Of de indicaties kort na de verhuizing zijn aangevraagd, en door wie.',
    ],
    en: [
      'Where the budget holders lived before the move (population register: previous municipality) and how they came to the provider.',
      'Who lets the housing and whether rent and care are tied together.',
      'Whether the indications were applied for shortly after the move, and by whom.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een nieuwe locatie of een nieuw wooninitiatief waar de bewoners tegelijk intrekken.',
      'Verhuizingen binnen de gemeente, bijvoorbeeld uit een instelling naar begeleid wonen (uitstroom).',
      'Een regionale woonvoorziening die cliënten uit omliggende gemeenten opneemt, zoals de bedoeling is.',
    ],
    en: [
      'A new location or housing initiative whose residents move in together.',
      'Moves within the municipality, for instance from an institution to supported living (step-down).',
      'A regional housing service taking in clients from neighbouring municipalities, as intended.',
    ],
  },
  source:
    'IKZ 2019, Fraude en zorgverwaarlozing bij beschermd en begeleid wonen (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); Follow the Money on recruitment at shelters and prison gates (https://www.ftm.nl/artikelen/misstanden-beschermd-wonen-ikz); Divosa on the approach to care fraud (https://www.divosa.nl/veilig-en-gezond-opgroeien/ondermijning/de-aanpak-van-zorgfraude-heeft-een-stroomversnelling-nodig)',
  requires: [{ file: 'budgethouders', columns: ['ingeschreven_sinds'] }],
  params,
  // Low: a move before intake is what housing care usually involves, and the export cannot tell a move from
  // elsewhere from one across the street. It adds to other signals of a provider rather than standing alone.
  defaultWeight: 0.25,
  // Recruited people moved into a provider's housing are the victims the IKZ describes: their housing and care
  // depend on the provider.
  holderConcern: true,
  messages,
  compute(ds, p) {
    const holderFile = ds.files.budgethouders ?? 'budgethouders.csv';
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const contractFile = ds.files.zorgovereenkomsten ?? 'zorgovereenkomsten.csv';
    const intakesOf = intakeFinder(ds);
    const registeredSince = Int32Array.from(ds.holders, (h) => h.ingeschrevenSinds ?? NO_DAY);
    const signals: Finding<keyof typeof messages>[] = [];
    ds.providers.forEach((provider, pi) => {
      if (ds.holdersOfProvider[pi].length < p.minIntake) return;
      const intakes = intakesOf(pi);
      if (intakes.length < p.minIntake) return;
      const movers = intakes.filter((x) => {
        const since = registeredSince[x.holder];
        return since !== NO_DAY && since <= x.day + p.graceDaysAfter && since >= monthsLater(x.day, -p.windowMonths);
      });
      if (movers.length * 100 <= p.minSharePct * intakes.length) return;
      const established = isEstablishedInstitution(provider, intakes[0].day, p.establishedYears);
      const declared = declarationEvidence(ds, providerRows(ds, pi, new Set(movers.map((x) => x.holder))));
      const evidence: Evidence[] = [{ file: providerFile, line: provider.line, id: provider.id }, ...declared.evidence];
      for (const x of movers) {
        evidence.push({ file: holderFile, line: ds.holders[x.holder].line, id: ds.holders[x.holder].id });
        if (x.contract !== -1) evidence.push({ file: contractFile, line: ds.contracts![x.contract].line, id: ds.contracts![x.contract].id });
      }
      evidence.sort(compareEvidence);
      const observed: Record<string, number | string> = {
        movers: movers.length,
        intake: intakes.length,
        share_pct: Math.round((movers.length / intakes.length) * 1000) / 10,
      };
      if (established) observed.kvk_startdatum = formatDay(provider.kvkStartdatum!);
      signals.push({
        messageId: established ? 'inflowEstablished' : 'inflow',
        entity: { kind: 'provider', id: provider.id },
        subject: {},
        provider: provider.id,
        holders: movers.map((x) => ds.holders[x.holder].id).sort(),
        amount: declared.amount,
        strength: established ? ESTABLISHED_STRENGTH : 1,
        observed,
        threshold: {
          window_months: p.windowMonths,
          grace_days_after: p.graceDaysAfter,
          min_share_pct: p.minSharePct,
          min_intake: p.minIntake,
          established_years: p.establishedYears,
        },
        evidence,
      });
    });
    return { signals };
  },
});
