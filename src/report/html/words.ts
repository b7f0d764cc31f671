// The words only report.html uses (its controls, charts and pictures), Dutch first. Sentences it shares
// with report.md come from ../wording.ts, so the two reports say the same thing.
import type { LinkKind } from '../../networks/networks.js';
import type { Lang } from '../messages.js';

export interface HtmlWords {
  htmlLang: string;
  contents: string;
  tableHeading: string;
  tableIntro: string;
  search: string;
  searchPlaceholder: string;
  tierFilter: string;
  indicatorFilter: string;
  all: string;
  shown(n: string, total: string): string;
  columns: { rank: string; name: string; id: string; score: string; tier: string; indicators: string; holders: string; amount: string; network: string; since: string; review: string };
  /** Filters of the columns a run with --previous or --beoordelingen adds. */
  sinceFilter: string;
  reviewFilter: string;
  /** providers.csv's beoordeling, and its empty value. */
  reviewStates: { 'deels-beoordeeld': string; heropend: string; geen: string };
  noDetails(n: number): string;
  chartHeading: string;
  chartIntro: string;
  chartScore: string;
  chartAmount: string;
  networkPicture(id: string): string;
  networkLegend: string;
  flaggedMember: string;
  /** Line labels in a network picture: what the two share (the picture's title says so), or their succession. */
  linkKinds: Record<LinkKind, string>;
  linkLegend: string;
  otherMember: string;
  networkOf(id: string): string;
  networksRest(n: number): string;
  membersNotDrawn(n: number): string;
}

const nl: HtmlWords = {
  htmlLang: 'nl',
  contents: 'Inhoud',
  tableHeading: 'Alle zorgverleners met een signaal',
  tableIntro: 'Klik op een kolomkop om te sorteren; zoek op naam of id, of kies wat u wilt zien.',
  search: 'Zoeken',
  searchPlaceholder: 'naam of id',
  tierFilter: 'Niveau',
  indicatorFilter: 'Indicator',
  all: 'alle',
  shown: (n, t) => `${n} van ${t} getoond`,
  columns: { rank: '#', name: 'naam', id: 'id', score: 'score', tier: 'niveau', indicators: 'indicatoren', holders: 'budgethouders', amount: 'bedrag', network: 'netwerk', since: 'sinds vorige', review: 'beoordeling' },
  sinceFilter: 'Sinds vorige scan',
  reviewFilter: 'Beoordeling',
  reviewStates: { 'deels-beoordeeld': 'deels beoordeeld', heropend: 'heropend', geen: 'geen' },
  noDetails: (n) => `Details staan hieronder voor de eerste ${n}; van de rest staan de redenen in providers.csv en signals.ndjson.`,
  chartHeading: 'Scores en bedragen',
  chartIntro: 'Per zorgverlener met details: de score (0 tot 100) en het bedrag in de onderbouwende declaraties (schaal: het grootste bedrag).',
  chartScore: 'score',
  chartAmount: 'bedrag',
  networkPicture: (id) => `Netwerk ${id}: leden op een cirkel, lijnen voor wat ze delen`,
  networkLegend: 'Rood: zorgverlener met een signaal; grijs: zonder signaal. Een gestippelde lijn: meer dan één ding gedeeld. Een pijl loopt van voorganger naar opvolger.',
  flaggedMember: 'met signaal',
  linkKinds: { iban_sleutel: 'rekening', adres_sleutel: 'adres', kvk_nummer: 'KvK-nummer', agb_code: 'AGB-code', vertegenwoordiger: 'vertegenwoordiger', opvolging: 'opvolging' },
  linkLegend: 'gedeeld of verbonden door',
  otherMember: 'zonder signaal',
  networkOf: (id) => `Deze zorgverlener hoort bij netwerk ${id}.`,
  networksRest: (n) => `Nog ${n} netwerk(en) zonder zorgverlener uit de details hierboven; zie networks.csv.`,
  membersNotDrawn: (n) => `${n} leden meer dan getekend; networks.csv noemt ze allemaal.`,
};

const en: HtmlWords = {
  htmlLang: 'en',
  contents: 'Contents',
  tableHeading: 'All providers with a signal',
  tableIntro: 'Click a column header to sort; search by name or id, or choose what to see.',
  search: 'Search',
  searchPlaceholder: 'name or id',
  tierFilter: 'Tier',
  indicatorFilter: 'Indicator',
  all: 'all',
  shown: (n, t) => `${n} of ${t} shown`,
  columns: { rank: '#', name: 'name', id: 'id', score: 'score', tier: 'tier', indicators: 'indicators', holders: 'budget holders', amount: 'amount', network: 'network', since: 'since previous', review: 'review' },
  sinceFilter: 'Since previous scan',
  reviewFilter: 'Review',
  reviewStates: { 'deels-beoordeeld': 'partly reviewed', heropend: 're-opened', geen: 'none' },
  noDetails: (n) => `Details follow below for the first ${n}; for the rest, the reasons are in providers.csv and signals.ndjson.`,
  chartHeading: 'Scores and amounts',
  chartIntro: 'Per provider with details: the score (0 to 100) and the amount in the supporting declarations (scale: the largest amount).',
  chartScore: 'score',
  chartAmount: 'amount',
  networkPicture: (id) => `Network ${id}: members on a circle, lines for what they share`,
  networkLegend: 'Red: provider with a signal; grey: without a signal. A dashed line: more than one thing shared. An arrow runs from predecessor to successor.',
  flaggedMember: 'with a signal',
  linkKinds: { iban_sleutel: 'account', adres_sleutel: 'address', kvk_nummer: 'KvK number', agb_code: 'AGB code', vertegenwoordiger: 'representative', opvolging: 'succession' },
  linkLegend: 'shared or linked by',
  otherMember: 'without a signal',
  networkOf: (id) => `This provider belongs to network ${id}.`,
  networksRest: (n) => `${n} more network(s) without a provider from the details above; see networks.csv.`,
  membersNotDrawn: (n) => `${n} members more than drawn; networks.csv names them all.`,
};

export const HTML_WORDS: Record<Lang, HtmlWords> = { nl, en };
