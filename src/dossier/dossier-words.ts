// The dossier's wording, Dutch first. Sentences about signals, advice and networks come from the
// indicator metadata and the report's wording, so the dossier says what report.md says.
import type { Besluit } from '../decisions/decision.js';
import type { Lang } from '../report/messages.js';

export interface DossierWords {
  title(id: string): string;
  lead: string;
  meta(asOf: string, version: string): string;
  rankLine(rank: number, score: string, tier: string): string;
  notRanked: string;
  signalsHeading: string;
  noSignals: string;
  points(p: string): string;
  noExtraPoints: string;
  evidence: string;
  line: string;
  moreRows(n: number): string;
  noInputs: string;
  rowMissing: string;
  decisionInRun(besluit: string, op: string, door: string): string;
  reopened: string;
  whatToCheck: string;
  innocentExplanations: string;
  timelineHeading: string;
  timelineIntro: string;
  timelineNoInputs: string;
  timelineNone: string;
  holderHead(id: string, inSignals: boolean): string;
  holderBudget(amount: string, start: string, end: string | null, hours: string | null): string;
  timelineColumns: { month: string; hoursProvider: string; hoursAll: string; indication: string; amountProvider: string; amountAll: string; budget: string; bars: string };
  barsTitle(month: string): string;
  holdersNotShown(n: number): string;
  networkHeading: string;
  noNetwork: string;
  decisionsHeading: string;
  decisionsNone: string;
  decisionsNoFile: string;
  decisionsFile(file: string, sameAsRun: boolean): string;
  decisionColumns: { date: string; besluit: string; scope: string; by: string; until: string; note: string; line: string };
  wholeProvider: string;
  besluit: Record<Besluit, string>;
  contents: string;
}

const nl: DossierWords = {
  title: (id) => `Dossier zorgverlener ${id}`,
  lead: 'Voor een bezoek: de signalen van deze zorgverlener met hun redenen en onderbouwing, wat te controleren en welke onschuldige verklaringen uit te sluiten. Budgethouders staan alleen met hun pseudonieme id vermeld.',
  meta: (asOf, version) => `Scan met peildatum ${asOf}, pgb-scan ${version}.`,
  rankLine: (rank, score, tier) => `Plaats ${rank} in de ranglijst, score ${score}, niveau ${tier}.`,
  notRanked: 'Niet in de ranglijst van deze scan.',
  signalsHeading: 'Signalen',
  noSignals: 'Deze scan gaf geen signalen over deze zorgverlener.',
  points: (p) => `${p} punten`,
  noExtraPoints: 'geen extra punten',
  evidence: 'Onderbouwing',
  line: 'regel',
  moreRows: (n) => `nog ${n} regel(s), zie signals.ndjson`,
  noInputs: 'Alleen bestand en regel: geef --inputs MAP met de bestanden van deze scan om de regels zelf te tonen.',
  rowMissing: '(regel niet gevonden)',
  decisionInRun: (b, op, door) => `Beoordeeld: ${b} op ${op} door ${door}`,
  reopened: 'heropend',
  whatToCheck: 'Wat te controleren',
  innocentExplanations: 'Onschuldige verklaringen om uit te sluiten',
  timelineHeading: 'Budgethouders: uren en bedragen per maand',
  timelineIntro:
    'Per budgethouder van deze zorgverlener (eerst die in een signaal): gedeclareerde uren en bedragen per maand, van deze zorgverlener en van alle zorgverleners samen, tegen de indicatie (uren per week over de dagen van de maand) en het budget (budget_bedrag verdeeld over de maanden van de budgetperiode). Een declaratie telt in de maand waarin de zorg of zorgperiode begint. In de balken: donker deze zorgverlener, licht de andere, de streep het budget of de indicatie.',
  timelineNoInputs: 'Geef --inputs MAP met de bestanden van deze scan voor de uren en bedragen per budgethouder.',
  timelineNone: 'Geen declaraties van deze zorgverlener in de invoer.',
  holderHead: (id, s) => `Budgethouder ${id}${s ? ' (in een signaal)' : ''}`,
  holderBudget: (amount, start, end, hours) => `Budget ${amount} van ${start} tot ${end ?? 'open einde'}; indicatie ${hours === null ? 'niet opgegeven' : `${hours} uur per week`}.`,
  timelineColumns: { month: 'maand', hoursProvider: 'uren deze zv', hoursAll: 'uren alle zv', indication: 'indicatie-uren', amountProvider: 'bedrag deze zv', amountAll: 'bedrag alle zv', budget: 'budget per maand', bars: 'bedrag / uren' },
  barsTitle: (m) => `${m}: bedrag tegen budget, uren tegen indicatie`,
  holdersNotShown: (n) => `Nog ${n} budgethouder(s) van deze zorgverlener niet getoond.`,
  networkHeading: 'Netwerk',
  noNetwork: 'Deze zorgverlener hoort bij geen netwerk van deze scan.',
  decisionsHeading: 'Eerdere beoordelingen',
  decisionsNone: 'Geen beoordelingen van deze zorgverlener in het bestand.',
  decisionsNoFile: 'Geen beoordelingenbestand: de scan liep zonder --beoordelingen, of geef --beoordelingen BESTAND. Beoordelingen die in de scan golden staan bij de signalen.',
  decisionsFile: (f, same) => `Uit ${f}${same ? ' (het bestand van deze scan)' : ' (een andere versie dan die van deze scan: het kan latere beoordelingen bevatten)'}.`,
  decisionColumns: { date: 'datum', besluit: 'besluit', scope: 'over', by: 'door', until: 'geldig tot', note: 'toelichting', line: 'regel' },
  wholeProvider: 'de hele zorgverlener',
  besluit: { 'geen-aanleiding': 'geen aanleiding', 'in-onderzoek': 'in onderzoek', gemeld: 'gemeld', afgehandeld: 'afgehandeld' },
  contents: 'Inhoud',
};

const en: DossierWords = {
  title: (id) => `Provider dossier ${id}`,
  lead: 'For a visit: the signals of this provider with their reasons and evidence, what to check and which innocent explanations to rule out. Budget holders are shown by their pseudonymous id only.',
  meta: (asOf, version) => `Scan as of ${asOf}, pgb-scan ${version}.`,
  rankLine: (rank, score, tier) => `Rank ${rank}, score ${score}, tier ${tier}.`,
  notRanked: 'Not in the ranking of this scan.',
  signalsHeading: 'Signals',
  noSignals: 'This scan gave no signals about this provider.',
  points: (p) => `${p} points`,
  noExtraPoints: 'no extra points',
  evidence: 'Evidence',
  line: 'line',
  moreRows: (n) => `${n} more line(s), see signals.ndjson`,
  noInputs: 'File and line only: give --inputs DIR with the files of this scan to show the rows themselves.',
  rowMissing: '(line not found)',
  decisionInRun: (b, op, door) => `Decided: ${b} on ${op} by ${door}`,
  reopened: 're-opened',
  whatToCheck: 'What to check',
  innocentExplanations: 'Innocent explanations to rule out',
  timelineHeading: 'Budget holders: hours and amounts per month',
  timelineIntro:
    "Per budget holder of this provider (those in a signal first): declared hours and amounts per month, this provider's and all providers' together, against the indication (hours per week over the month's days) and the budget (budget_bedrag spread over the months of the budget period). A declaration counts in the month its care or care period starts. In the bars: dark this provider, light the others, the stroke the budget or indication.",
  timelineNoInputs: 'Give --inputs DIR with the files of this scan for the hours and amounts per budget holder.',
  timelineNone: 'No declarations of this provider in the inputs.',
  holderHead: (id, s) => `Budget holder ${id}${s ? ' (in a signal)' : ''}`,
  holderBudget: (amount, start, end, hours) => `Budget ${amount} from ${start} to ${end ?? 'open-ended'}; indication ${hours === null ? 'not given' : `${hours} hours per week`}.`,
  timelineColumns: { month: 'month', hoursProvider: 'hours this provider', hoursAll: 'hours all providers', indication: 'indicated hours', amountProvider: 'amount this provider', amountAll: 'amount all providers', budget: 'budget per month', bars: 'amount / hours' },
  barsTitle: (m) => `${m}: amount against budget, hours against indication`,
  holdersNotShown: (n) => `${n} more budget holder(s) of this provider not shown.`,
  networkHeading: 'Network',
  noNetwork: 'This provider belongs to no network of this scan.',
  decisionsHeading: 'Past decisions',
  decisionsNone: 'No decisions about this provider in the file.',
  decisionsNoFile: 'No decisions file: the scan ran without --beoordelingen, or give --beoordelingen FILE. Decisions that held in the scan are shown with the signals.',
  decisionsFile: (f, same) => `From ${f}${same ? ' (the file of this scan)' : " (another version than this scan's: it may hold later decisions)"}.`,
  decisionColumns: { date: 'date', besluit: 'decision', scope: 'about', by: 'by', until: 'valid until', note: 'note', line: 'line' },
  wholeProvider: 'the whole provider',
  besluit: { 'geen-aanleiding': 'no grounds', 'in-onderzoek': 'under investigation', gemeld: 'reported', afgehandeld: 'closed' },
  contents: 'Contents',
};

export const DOSSIER_WORDS: Record<Lang, DossierWords> = { nl, en };
