// The fairness part of the report view: the numbers and every sentence around them in the view's
// language, so report.md and report.html lay out the same thing.
import type { Lang } from '../report/messages.js';
import { REVIEW_MIN_MEMBERS, REVIEW_RATIO, UNKNOWN_GROUP, type FairnessDimension, type FairnessDimensionId, type FairnessResult } from './fairness.js';

export interface FairnessDimensionView extends FairnessDimension {
  title: string;
  /** Why there are no groups (the column is missing or empty); null when available. */
  notAvailable: string | null;
}

export interface FairnessView {
  heading: string;
  /** What the tables show and how to read a marked group. */
  intro: string;
  /** That protected grounds cannot be measured, because the scan refuses them. */
  protectedGrounds: string;
  /** Column heads of a dimension's table: group, members, listed, share, ratio, review. */
  header: string[];
  /** The first row of each table: everyone. */
  overallLabel: string;
  /** The label of holders without a geboortejaar. */
  unknownLabel: string;
  /** Shown in the review column of a marked group. */
  reviewLabel: string;
  dimensions: FairnessDimensionView[];
}

const WORDS = {
  nl: {
    heading: 'Gelijke behandeling: wie komt op de lijsten',
    intro:
      `Per groep het aantal budgethouders (op de lijst: zorgwekkend) of zorgverleners (op de lijst: met een signaal), het aandeel op de lijst en de verhouding tot het aandeel van iedereen. ` +
      `Een groep met een aandeel van meer dan ${REVIEW_RATIO} keer het geheel en ten minste ${REVIEW_MIN_MEMBERS} leden is gemarkeerd: een reden om de indicatoren te herzien, geen bevinding over die groep. ` +
      'De getallen per groep staan ook in fairness.csv.',
    protectedGrounds:
      'Beschermde gronden (nationaliteit, geboorteland, herkomst, etniciteit, religie, taal) kunnen hier niet worden gemeten: de scan weigert invoer met zulke kolommen, zodat zij niets kunnen sturen. ' +
      'Leeftijd, gemeente, wet en voorziening kunnen wel samenhangen met zo’n grond; een gemarkeerde groep verdient daarom aandacht.',
    header: ['groep', 'aantal', 'op de lijst', 'aandeel', 'verhouding', 'herzien?'],
    overall: 'iedereen',
    unknown: 'onbekend geboortejaar',
    review: 'ja, indicatoren herzien',
    titles: {
      gemeente_code: 'Budgethouders per gemeente',
      wet: 'Budgethouders per wet',
      voorziening: 'Budgethouders per voorziening',
      leeftijd: 'Budgethouders per leeftijd (uit geboortejaar, op het jaar van de peildatum)',
      soort: 'Zorgverleners per soort',
    } as Record<FairnessDimensionId, string>,
    notAvailable: (file: string, column: string) => `Niet beschikbaar: kolom ${column} ontbreekt in ${file} of is overal leeg.`,
  },
  en: {
    heading: 'Fairness: who ends up on the lists',
    intro:
      'Per group the number of budget holders (listed: of concern) or providers (listed: with a signal), the share listed and its ratio to the share of everyone. ' +
      `A group whose share is more than ${REVIEW_RATIO} times the whole with at least ${REVIEW_MIN_MEMBERS} members is marked: a reason to review the indicators, not a finding about that group. ` +
      'The numbers per group are also in fairness.csv.',
    protectedGrounds:
      'Protected grounds (nationality, country of birth, origin, ethnicity, religion, language) cannot be measured here: the scan refuses inputs with such columns, so they cannot steer anything. ' +
      'Age, municipality, wet and provision may still go together with such a ground; a marked group therefore deserves attention.',
    header: ['group', 'members', 'listed', 'share', 'ratio', 'review?'],
    overall: 'everyone',
    unknown: 'birth year unknown',
    review: 'yes, review the indicators',
    titles: {
      gemeente_code: 'Budget holders by municipality',
      wet: 'Budget holders by wet',
      voorziening: 'Budget holders by provision',
      leeftijd: 'Budget holders by age (from geboortejaar, at the year of the reference date)',
      soort: 'Providers by kind',
    } as Record<FairnessDimensionId, string>,
    notAvailable: (file: string, column: string) => `Not available: column ${column} is missing from ${file} or empty everywhere.`,
  },
};

export function fairnessView(result: FairnessResult, lang: Lang): FairnessView {
  const w = WORDS[lang];
  return {
    heading: w.heading,
    intro: w.intro,
    protectedGrounds: w.protectedGrounds,
    header: w.header,
    overallLabel: w.overall,
    unknownLabel: w.unknown,
    reviewLabel: w.review,
    dimensions: result.dimensions.map((d) => ({
      ...d,
      title: w.titles[d.id],
      notAvailable: d.available ? null : w.notAvailable(d.entity === 'budgethouder' ? 'budgethouders.csv' : 'zorgverleners.csv', d.column),
    })),
  };
}

/** The label a renderer shows for a group: the value itself, except for the unknown age. */
export function groupLabel(view: FairnessView, group: string): string {
  return group === UNKNOWN_GROUP ? view.unknownLabel : group;
}
