// The product's own sentences for human-facing outputs, Dutch and English. Indicator sentences live with
// their indicator (messages, whatToCheck, innocentExplanations); everything else a person reads is here,
// so a renderer never holds wording and a new language is one more entry.
import type { NotRunReason } from '../run-result.js';
import { formatMoney, formatNumber, type Lang } from './messages.js';

export interface Wording {
  reportTitle: string;
  /** The same whether --as-of gave the date or the data did, so a replay with --as-of gives the same bytes. */
  asOf(day: string, toolVersion: string): string;
  caveatLead: string;
  summaryHeading: string;
  providersSummary(n: number, hoog: number, midden: number, laag: number): string;
  holdersSummary(n: number, label: string): string;
  signalsSummary(signals: number, fired: number, total: number): string;
  rejectsSummary(rows: number): string;
  notRunSummary(n: number, total: number): string;
  inputsHeading: string;
  inputsHeader: string[];
  decimal: Record<'comma' | 'point', string>;
  unmatchedRows(file: string, rows: string): string;
  repeatedHeaders(file: string, count: string, lines: string): string;
  inputsHashNote: string;
  rejectsHeading: string;
  noRejects: string;
  rejectsHeader: string[];
  rejectsNote: string;
  duplicatesHeading: string;
  duplicatesIntro(n: number): string;
  duplicatesHeader: string[];
  duplicatesMore(more: number, listed: number): string;
  providersHeading: string;
  noSignals: string;
  providerHeading(rank: number, name: string, id: string, score: string, tier: string): string;
  providerLead(holders: number, amount: string): string;
  points(pts: string): string;
  noExtraPoints: string;
  evidence: string;
  line: string;
  more(n: number): string;
  whatToCheck: string;
  innocentExplanations: string;
  providersRest(n: number): string;
  holdersHeading(label: string): string;
  holdersIntro: string;
  holdersHeader: string[];
  holdersRest(n: number): string;
  indicatorsHeading: string;
  indicatorsHeader: string[];
  statusRan: string;
  statusDisabled: string;
  statusNotApplicable: string;
  notRun(reason: NotRunReason): string;
  scoringHeading: string;
  scoring(hoog: string, midden: string): string;
  money(x: number): string;
  /** The short summary `scan` prints on a terminal. */
  terminal: {
    /** The progress line while reading (overwritten in place). */
    progress(kind: string, rows: number): string;
    done: string;
    input(display: string, read: number, accepted: number, rejected: number): string;
    counts(providers: number, hoog: number, midden: number, laag: number, holders: number, label: string): string;
    outputIn(out: string): string;
    caveat: string;
  };
}

const nlNumber = (x: number) => formatNumber(x, 'nl');

const nl: Wording = {
  reportTitle: 'PGB-risicoscan: rapport',
  asOf: (day, v) => `Peildatum: ${day}. pgb-risicoscan ${v}.`,
  caveatLead: 'Let op.',
  summaryHeading: 'Samenvatting',
  providersSummary: (n, h, m, l) => `${n} zorgverlener(s) met een signaal: ${h} hoog, ${m} midden, ${l} laag.`,
  holdersSummary: (n, label) => `${n} budgethouder(s) in een ${label}e situatie.`,
  signalsSummary: (s, f, t) => `Signalen: ${s}, van ${f} van de ${t} indicatoren.`,
  rejectsSummary: (rows) => (rows === 0 ? 'Geen afgewezen regels.' : `${nlNumber(rows)} afgewezen regel(s); zie rejects.csv.`),
  notRunSummary: (n, t) => `${n} van de ${t} indicatoren niet uitgevoerd:`,
  inputsHeading: 'Invoer',
  inputsHeader: ['bestand', 'bytes', 'codering', 'scheidingsteken', 'decimaal', 'datumvormen', 'gelezen', 'geaccepteerd', 'afgewezen', 'genegeerde kolommen'],
  decimal: { comma: 'komma', point: 'punt' },
  unmatchedRows: (f, n) => `${f}: ${n} regel(s) over budgethouders die niet in deze export staan (niet gekoppeld, niet afgewezen).`,
  repeatedHeaders: (f, n, lines) =>
    `${f}: de kopregel komt ${n} keer opnieuw voor in het bestand (regel ${lines}), waarschijnlijk exports die achter elkaar zijn geplakt; die regels zijn overgeslagen en tellen niet als gelezen.`,
  inputsHashNote: 'De sha256 van elk bestand staat in manifest.json.',
  rejectsHeading: 'Afgewezen regels',
  noRejects: 'Alle gelezen regels zijn geaccepteerd.',
  rejectsHeader: ['bestand', 'code', 'aantal meldingen'],
  rejectsNote: 'Elke afgewezen regel staat met bestand, regelnummer, kolom, waarde en reden in rejects.csv.',
  duplicatesHeading: "Mogelijke dubbele id's",
  duplicatesIntro: (n) =>
    `${nlNumber(n)} groep(en) id's die alleen in hoofdletters verschillen. De scan telt ze als verschillende id's (niet samengevoegd, niet afgewezen); ` +
    'controleer of het dezelfde budgethouder, zorgverlener of declaratie is.',
  duplicatesHeader: ['bestand', 'kolom', "id's (regel)"],
  duplicatesMore: (more, listed) => `En ${nlNumber(more)} groep(en) meer; manifest.json noemt de eerste ${nlNumber(listed)}.`,
  providersHeading: 'Zorgverleners om naar te kijken',
  noSignals: 'Geen enkele indicator gaf een signaal.',
  providerHeading: (rank, name, id, score, tier) => `${rank}. ${name} (${id}): score ${score}, ${tier}`,
  providerLead: (holders, amount) => `${nlNumber(holders)} budgethouder(s), ${amount} in de onderbouwende declaraties. Waarom:`,
  points: (pts) => `${pts} punten`,
  noExtraPoints: 'telt niet extra mee',
  evidence: 'Bewijs',
  line: 'r.',
  more: (n) => `+${n} meer`,
  whatToCheck: 'Wat te controleren',
  innocentExplanations: 'Mogelijke onschuldige verklaring',
  providersRest: (n) => `De overige ${n} zorgverleners staan in providers.csv.`,
  holdersHeading: (label) => `Budgethouders: ${label}`,
  holdersIntro: 'Deze budgethouders zijn betrokken bij een signaal. Zij zijn vaak slachtoffer; dit is een lijst van zorgen, niet van verdachten.',
  holdersHeader: ['#', 'budgethouder', 'indicatoren', 'zorgverleners', 'bedrag', 'reden'],
  holdersRest: (n) => `De overige ${n} staan in budgethouders.csv.`,
  indicatorsHeading: 'Indicatoren',
  indicatorsHeader: ['indicator', 'versie', 'titel', 'signalen', 'status'],
  statusRan: 'uitgevoerd',
  statusDisabled: 'uitgeschakeld',
  statusNotApplicable: 'niet toepasbaar',
  notRun: (r) =>
    r.kind === 'disabled'
      ? 'uitgeschakeld in de configuratie'
      : r.kind === 'file-missing'
        ? `bestand ${r.file}.csv is niet opgegeven`
        : `kolom ${r.columns.join(', ')} ontbreekt in ${r.file} of is overal leeg`,
  scoringHeading: 'Hoe de score tot stand komt',
  scoring: (hoog, midden) =>
    'Elke indicator heeft een gewicht w (0 tot 1) en elk signaal een sterkte s (1, of lager voor een zachtere variant). Per zorgverlener telt per indicator het sterkste signaal: 100·w·s punten. De score is 100·(1 − Π(1 − punten/100)): elke volgende reden dicht een deel van het resterende gat tot 100. Hoog vanaf ' +
    `${hoog}, midden vanaf ${midden}, laag daaronder. Gelijke scores worden geordend op zorgverlener-id.`,
  money: (x) => `€ ${formatMoney(x, 'nl')}`,
  terminal: {
    progress: (kind, rows) => `${kind}: ${rows.toLocaleString('nl-NL')} rijen gelezen`,
    done: 'pgb-scan klaar.',
    input: (d, r, a, j) => `${d}: ${r} gelezen, ${a} geaccepteerd, ${j} afgewezen`,
    counts: (n, h, m, l, holders, label) => `${n} zorgverleners met een signaal (${h} hoog, ${m} midden, ${l} laag); ${holders} budgethouders ${label}.`,
    outputIn: (out) => `Uitvoer in ${out} (report.md om te lezen, overzicht.xlsx voor Excel, manifest.json voor de controle).`,
    caveat: 'Een signaal is een reden om te kijken, geen bevinding.',
  },
};

const enNumber = (x: number) => formatNumber(x, 'en');

const en: Wording = {
  reportTitle: 'PGB risk scan: report',
  asOf: (day, v) => `Reference date: ${day}. pgb-risicoscan ${v}.`,
  caveatLead: 'Note.',
  summaryHeading: 'Summary',
  providersSummary: (n, h, m, l) => `${n} provider(s) with a signal: ${h} high, ${m} medium, ${l} low.`,
  holdersSummary: (n, label) => `${n} budget holder(s) ${label}.`,
  signalsSummary: (s, f, t) => `Signals: ${s}, from ${f} of the ${t} indicators.`,
  rejectsSummary: (rows) => (rows === 0 ? 'No rejected rows.' : `${enNumber(rows)} rejected row(s); see rejects.csv.`),
  notRunSummary: (n, t) => `${n} of the ${t} indicators did not run:`,
  inputsHeading: 'Inputs',
  inputsHeader: ['file', 'bytes', 'encoding', 'delimiter', 'decimal', 'date forms', 'read', 'accepted', 'rejected', 'ignored columns'],
  decimal: { comma: 'comma', point: 'point' },
  unmatchedRows: (f, n) => `${f}: ${n} row(s) about budget holders not in this export (not linked, not rejected).`,
  repeatedHeaders: (f, n, lines) =>
    `${f}: the header row occurs ${n} more time(s) inside the file (line ${lines}), probably exports pasted one after the other; those rows were skipped and do not count as read.`,
  inputsHashNote: 'The sha256 of every file is in manifest.json.',
  rejectsHeading: 'Rejected rows',
  noRejects: 'Every row read was accepted.',
  rejectsHeader: ['file', 'code', 'count'],
  rejectsNote: 'Every rejected row is in rejects.csv with file, line number, column, value and reason.',
  duplicatesHeading: 'Possible duplicate ids',
  duplicatesIntro: (n) =>
    `${enNumber(n)} group(s) of ids that differ only in letter case. The scan counts them as different ids (not merged, not rejected); ` +
    'check whether they are the same budget holder, provider or declaration.',
  duplicatesHeader: ['file', 'column', 'ids (line)'],
  duplicatesMore: (more, listed) => `And ${enNumber(more)} more group(s); manifest.json lists the first ${enNumber(listed)}.`,
  providersHeading: 'Providers to look at',
  noSignals: 'No indicator gave a signal.',
  providerHeading: (rank, name, id, score, tier) => `${rank}. ${name} (${id}): score ${score}, ${tier}`,
  providerLead: (holders, amount) => `${enNumber(holders)} budget holder(s), ${amount} in the supporting declarations. Why:`,
  points: (pts) => `${pts} points`,
  noExtraPoints: 'adds no extra points',
  evidence: 'Evidence',
  line: 'l.',
  more: (n) => `+${n} more`,
  whatToCheck: 'What to check',
  innocentExplanations: 'Possible innocent explanations',
  providersRest: (n) => `The other ${n} providers are in providers.csv.`,
  holdersHeading: (label) => `Budget holders: ${label}`,
  holdersIntro: 'These budget holders are involved in a signal. They are often victims; this is a list of concerns, not of suspects.',
  holdersHeader: ['#', 'budget holder', 'indicators', 'providers', 'amount', 'reason'],
  holdersRest: (n) => `The other ${n} are in budgethouders.csv.`,
  indicatorsHeading: 'Indicators',
  indicatorsHeader: ['indicator', 'version', 'title', 'signals', 'status'],
  statusRan: 'ran',
  statusDisabled: 'disabled',
  statusNotApplicable: 'not applicable',
  notRun: (r) =>
    r.kind === 'disabled'
      ? 'disabled in the config'
      : r.kind === 'file-missing'
        ? `file ${r.file}.csv was not given`
        : `column ${r.columns.join(', ')} is missing from ${r.file} or empty throughout`,
  scoringHeading: 'How the score is made',
  scoring: (hoog, midden) =>
    'Every indicator has a weight w (0 to 1) and every signal a strength s (1, or lower for a softer variant). Per provider, the strongest signal of each indicator counts: 100·w·s points. The score is 100·(1 − Π(1 − points/100)): each further reason closes part of the remaining gap to 100. High from ' +
    `${hoog}, medium from ${midden}, low below. Equal scores are ordered by provider id.`,
  money: (x) => `€ ${formatMoney(x, 'en')}`,
  terminal: {
    progress: (kind, rows) => `${kind}: ${rows.toLocaleString('en-GB')} rows read`,
    done: 'pgb-scan done.',
    input: (d, r, a, j) => `${d}: ${r} read, ${a} accepted, ${j} rejected`,
    counts: (n, h, m, l, holders, label) => `${n} providers with a signal (${h} high, ${m} medium, ${l} low); ${holders} budget holders ${label}.`,
    outputIn: (out) => `Outputs in ${out} (report.md to read, overzicht.xlsx for Excel, manifest.json for the audit).`,
    caveat: 'A signal is a reason to look, not a finding.',
  },
};

export const WORDING: Record<Lang, Wording> = { nl, en };

export const LANGS: readonly Lang[] = ['nl', 'en'];
