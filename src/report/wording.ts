// The product's own sentences for human-facing outputs, Dutch and English. Indicator sentences live with
// their indicator (messages, whatToCheck, innocentExplanations); everything else a person reads is here,
// so a renderer never holds wording and a new language is one more entry.
import { SUBMISSION_TIME } from '../inputs/declaraties.js';
import type { DecisionCounts, ReopenReason } from '../decisions/apply.js';
import type { Besluit, DecisionLevel } from '../decisions/decision.js';
import type { LinkKind } from '../networks/networks.js';
import type { NotRunReason } from '../run-result.js';
import { formatMoney, formatNumber, type Lang } from './messages.js';
import { SINCE_PREVIOUS_EN, SINCE_PREVIOUS_NL, type SincePreviousWording } from './since-previous-wording.js';

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
  mappingWarningLead: string;
  /** A config `columns` mapping whose header the file does not have; header and file come escaped by the renderer. */
  mappingWarning(kind: string, header: string, column: string, file: string): string;
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
  /** scan --previous: the section "Sinds de vorige scan". */
  sincePrevious: SincePreviousWording;
  /** Analysts' decisions (--beoordelingen). Arguments that are input text come escaped by the renderer. */
  decisions: DecisionsWording;
  networks: NetworksWording;
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

/** The section on provider networks (report.md, report.html). */
export interface NetworksWording {
  heading: string;
  intro: string;
  none: string;
  network(id: string, providers: number, amount: string): string;
  members: string;
  flagged: string;
  /** How a link joins its providers; `opvolging` reads "A successor of B". */
  kinds: Record<LinkKind, string>;
  tooBroad: string;
  providers: string;
}

export interface DecisionsWording {
  heading: string;
  summary(signals: number, providers: number, wholly: number, reopened: number): string;
  intro(file: string, decisions: number, open: number): string;
  counts(c: DecisionCounts): string;
  notInRun(n: number, lines: string): string;
  setAsideIntro: string;
  noneSetAside: string;
  provider(name: string, id: string, score: string, tier: string, ranked: boolean): string;
  decision(besluit: string, op: string, door: string, geldigTot: string | null, toelichting: string, niveau: string, regel: number): string;
  reopenedHeading: string;
  reopenedIntro: string;
  reopenedProvider(rank: number, name: string, id: string, indicators: string): string;
  /** Under a reason in the ranking: the decision that no longer holds, and why. */
  reopenedNote(decision: string, reasons: string): string;
  reason(r: ReopenReason): string;
  outcomesHeading: string;
  outcomesIntro: string;
  outcomesHeader: string[];
  besluit: Record<Besluit, string>;
  niveau: Record<DecisionLevel, string>;
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
  mappingWarningLead: 'Waarschuwing:',
  mappingWarning: (kind, header, column, file) => `de configuratie (columns.${kind}) koppelt kop '${header}' aan ${column}, maar ${file} heeft die kop niet.`,
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
        : `kolom ${r.columns.map((c) => (c === SUBMISSION_TIME ? 'ingediend_op (met tijdstip)' : c)).join(', ')} ontbreekt in ${r.file} of is overal leeg`,
  scoringHeading: 'Hoe de score tot stand komt',
  scoring: (hoog, midden) =>
    'Elke indicator heeft een gewicht w (0 tot 1) en elk signaal een sterkte s (1, of lager voor een zachtere variant). Per zorgverlener telt per indicator het sterkste signaal: 100·w·s punten. De score is 100·(1 − Π(1 − punten/100)): elke volgende reden dicht een deel van het resterende gat tot 100. Hoog vanaf ' +
    `${hoog}, midden vanaf ${midden}, laag daaronder. Gelijke scores worden geordend op zorgverlener-id.`,
  money: (x) => `€ ${formatMoney(x, 'nl')}`,
  sincePrevious: SINCE_PREVIOUS_NL,
  decisions: {
    heading: 'Eerder beoordeeld',
    summary: (s, p, whole, re) =>
      `Eerder beoordeeld: ${s} signaal/signalen van ${p} zorgverlener(s) tellen niet mee (${whole} helemaal buiten de ranglijst)${re > 0 ? `; ${re} signaal/signalen terug omdat het besluit niet meer geldt` : ''}.`,
    intro: (file, n, open) => `Besluiten uit ${file}: ${n}${open > 0 ? `, en ${open} regel(s) nog zonder besluit` : ''}.`,
    counts: (c) =>
      `${c.holding} houden signalen buiten de ranglijst; ${c.reopened} gelden niet meer (verlopen, of de zorgverlener kreeg een nieuwe indicator of een hogere tier); ` +
      `${c.superseded} zijn vervangen door een besluit over een kleiner deel of een later besluit; ${c.notYetTaken} zijn gedateerd na de peildatum en tellen nog niet.`,
    notInRun: (n, lines) => `${n} besluit(en) over een zorgverlener, indicator of signaal zonder signaal in deze scan (regel ${lines}): geteld, geen fout.`,
    setAsideIntro:
      'Deze signalen zijn beoordeeld: ze tellen niet mee in de score en niet voor --fail-on. Een besluit over één signaal gaat voor een besluit over een indicator, dat voor een besluit over de hele zorgverlener; bij gelijken telt de laatste beoordeeld_op. signals.ndjson bewaart elk signaal met zijn besluit.',
    noneSetAside: 'Geen signaal van deze scan valt onder een geldend besluit.',
    provider: (name, id, score, tier, ranked) => `${name} (${id}): score zonder besluiten ${score}, ${tier}${ranked ? '; staat met zijn andere signalen in de ranglijst' : ''}`,
    decision: (b, op, door, tot, toel, niveau, regel) => `${b}, ${op}, door ${door}${tot === null ? '' : `, geldig tot ${tot}`}${toel === '' ? '' : `: ${toel}`} (${niveau}, regel ${regel})`,
    reopenedHeading: 'Terug in de ranglijst',
    reopenedIntro: 'Een besluit gold voor deze zorgverleners, maar geldt niet meer; de reden staat bij het signaal in de ranglijst.',
    reopenedProvider: (rank, name, id, ind) => `${rank}. ${name} (${id}): ${ind}`,
    reopenedNote: (d, r) => `Eerder beoordeeld (${d}); terug omdat ${r}.`,
    reason: (r) =>
      r.reden === 'verlopen'
        ? `het besluit verliep na ${r.geldig_tot}`
        : r.reden === 'nieuwe-indicator'
          ? `de zorgverlener een nieuwe indicator heeft: ${r.indicatoren.join(', ')}`
          : `de tier nu ${r.tier} is (bij het besluit ${r.tier_bij_besluit})`,
    outcomesHeading: 'Hoe eerdere besluiten uitvielen, per indicator',
    outcomesIntro:
      'Alle besluiten tot de peildatum, geteld bij hun indicator (of de indicatoren bij het besluit). Gemeld tegenover geen aanleiding is de trefkans in de praktijk: een reden om een indicator te vertrouwen of bij te stellen.',
    outcomesHeader: ['indicator', 'geen aanleiding', 'in onderzoek', 'gemeld', 'afgehandeld', 'gemeld van gemeld + geen aanleiding'],
    besluit: { 'geen-aanleiding': 'geen aanleiding', 'in-onderzoek': 'in onderzoek', gemeld: 'gemeld', afgehandeld: 'afgehandeld' },
    niveau: { signaal: 'signaal', indicator: 'indicator', zorgverlener: 'hele zorgverlener' },
  },
  networks: {
    heading: 'Netwerken van zorgverleners',
    intro:
      'Zorgverleners die een rekening, adres, KvK-nummer of AGB-code delen, dezelfde vertegenwoordiger als spil hebben, of elkaar opvolgen, ' +
      'vormen een netwerk als ten minste één van hen een signaal heeft. De rangorde blijft per zorgverlener; een netwerk zegt waar verder te kijken.',
    none: 'Geen netwerken gevonden.',
    network: (id, n, amount) => `Netwerk ${id}: ${n} zorgverleners, € ${amount} gedeclareerd`,
    members: 'Leden',
    flagged: 'signaal',
    kinds: {
      iban_sleutel: 'zelfde rekening',
      adres_sleutel: 'zelfde adres',
      kvk_nummer: 'zelfde KvK-nummer',
      agb_code: 'zelfde AGB-code',
      vertegenwoordiger: 'zelfde vertegenwoordiger bij beide',
      opvolging: 'opvolger van',
    },
    tooBroad: 'Te breed gedeeld (verbindt niets, bijvoorbeeld het adres van een grote instelling of de rekening van een administratiekantoor):',
    providers: 'zorgverleners',
  },
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
  mappingWarningLead: 'Warning:',
  mappingWarning: (kind, header, column, file) => `the config (columns.${kind}) maps header '${header}' to ${column}, but ${file} has no such header.`,
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
        : `column ${r.columns.map((c) => (c === SUBMISSION_TIME ? 'ingediend_op (with a time of day)' : c)).join(', ')} is missing from ${r.file} or empty throughout`,
  scoringHeading: 'How the score is made',
  scoring: (hoog, midden) =>
    'Every indicator has a weight w (0 to 1) and every signal a strength s (1, or lower for a softer variant). Per provider, the strongest signal of each indicator counts: 100·w·s points. The score is 100·(1 − Π(1 − points/100)): each further reason closes part of the remaining gap to 100. High from ' +
    `${hoog}, medium from ${midden}, low below. Equal scores are ordered by provider id.`,
  money: (x) => `€ ${formatMoney(x, 'en')}`,
  sincePrevious: SINCE_PREVIOUS_EN,
  decisions: {
    heading: 'Previously reviewed',
    summary: (s, p, whole, re) =>
      `Previously reviewed: ${s} signal(s) of ${p} provider(s) do not count (${whole} wholly out of the ranking)${re > 0 ? `; ${re} signal(s) back because their decision no longer holds` : ''}.`,
    intro: (file, n, open) => `Decisions from ${file}: ${n}${open > 0 ? `, and ${open} row(s) without a decision yet` : ''}.`,
    counts: (c) =>
      `${c.holding} keep signals out of the ranking; ${c.reopened} no longer hold (expired, or the provider gained an indicator or a higher tier); ` +
      `${c.superseded} are outranked by a decision about a narrower part or a later one; ${c.notYetTaken} are dated after the reference date and do not count yet.`,
    notInRun: (n, lines) => `${n} decision(s) about a provider, indicator or signal without a signal in this scan (line ${lines}): counted, not an error.`,
    setAsideIntro:
      'These signals were reviewed: they do not count in the score nor for --fail-on. A decision about one signal beats one about an indicator, which beats one about the whole provider; among equals the latest beoordeeld_op counts. signals.ndjson keeps every signal with its decision.',
    noneSetAside: 'No signal of this scan is covered by a decision in force.',
    provider: (name, id, score, tier, ranked) => `${name} (${id}): score without decisions ${score}, ${tier}${ranked ? '; ranked for its other signals' : ''}`,
    decision: (b, op, door, tot, toel, niveau, regel) => `${b}, ${op}, by ${door}${tot === null ? '' : `, valid until ${tot}`}${toel === '' ? '' : `: ${toel}`} (${niveau}, line ${regel})`,
    reopenedHeading: 'Back in the ranking',
    reopenedIntro: 'A decision covered these providers but no longer holds; the reason is given with the signal in the ranking.',
    reopenedProvider: (rank, name, id, ind) => `${rank}. ${name} (${id}): ${ind}`,
    reopenedNote: (d, r) => `Previously reviewed (${d}); back because ${r}.`,
    reason: (r) =>
      r.reden === 'verlopen'
        ? `the decision expired after ${r.geldig_tot}`
        : r.reden === 'nieuwe-indicator'
          ? `the provider has a new indicator: ${r.indicatoren.join(', ')}`
          : `the tier is now ${r.tier} (${r.tier_bij_besluit} at the decision)`,
    outcomesHeading: 'How past decisions ended, per indicator',
    outcomesIntro:
      'Every decision up to the reference date, counted with its indicator (or the indicators at the decision). Reported against no grounds is the hit rate in practice: a reason to trust or tune an indicator.',
    outcomesHeader: ['indicator', 'no grounds', 'under investigation', 'reported', 'closed', 'reported of reported + no grounds'],
    besluit: { 'geen-aanleiding': 'no grounds', 'in-onderzoek': 'under investigation', gemeld: 'reported', afgehandeld: 'closed' },
    niveau: { signaal: 'signal', indicator: 'indicator', zorgverlener: 'whole provider' },
  },
  networks: {
    heading: 'Provider networks',
    intro:
      'Providers that share an account, address, KvK number or AGB code, have the same representative as a hub, or succeed one another ' +
      'form a network when at least one of them has a signal. The ranking stays per provider; a network says where to look further.',
    none: 'No networks found.',
    network: (id, n, amount) => `Network ${id}: ${n} providers, € ${amount} declared`,
    members: 'Members',
    flagged: 'signal',
    kinds: {
      iban_sleutel: 'same account',
      adres_sleutel: 'same address',
      kvk_nummer: 'same KvK number',
      agb_code: 'same AGB code',
      vertegenwoordiger: 'same representative for both',
      opvolging: 'successor of',
    },
    tooBroad: "Shared too widely (links nothing, for instance a large institution's address or an administration office's account):",
    providers: 'providers',
  },
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
