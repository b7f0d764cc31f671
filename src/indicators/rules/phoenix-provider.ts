import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { formatDay, monthIndex, NO_DAY } from '../../model/dates.js';
import type { Provider } from '../../model/types.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Evidence, type Finding } from '../define.js';
import { monthsLater } from '../intake.js';

const params = z.strictObject({
  maxGapMonths: z
    .number()
    .int()
    .min(0)
    .default(12)
    .describe("The successor's KvK registration lies at most this many months after the predecessor's end (months)"),
  maxLeadMonths: z
    .number()
    .int()
    .min(0)
    .default(6)
    .describe("The successor's KvK registration lies at most this many months before the predecessor's end: a restart is often registered before the old firm stops (months)"),
  minSharePct: z
    .number()
    .min(0)
    .max(100)
    .default(50)
    .describe("Fires when at least this percentage of the predecessor's budget holders moved to the successor (percent)"),
  minHolders: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe("Fires only when at least this many of the predecessor's budget holders moved to the successor"),
  moveDays: z
    .number()
    .int()
    .min(0)
    .default(60)
    .describe("A holder moved when its first care with the successor lies at most this many days before or after its last care with the predecessor (days)"),
});

/** The keys that tie a successor to its predecessor. A new KvK number is the point of a restart, so not that. */
const LINK_KEYS = [
  ['iban_sleutel', (p: Provider) => p.ibanSleutel],
  ['adres_sleutel', (p: Provider) => p.adresSleutel],
  ['agb_code', (p: Provider) => p.agbCode],
] as const;

/**
 * Provider pairs (predecessor a, successor b, keyed a * providers + b) that share at least one link key, with
 * the kinds shared, for the predecessors that may have a successor and the successors that may be one. Only
 * these are paired, so a key shared by many providers (an administration office) stays cheap.
 */
function linkedPairs(ds: Dataset, mayPrecede: (a: number) => boolean, mayFollow: (a: number, b: number) => boolean): Map<number, Set<string>> {
  const n = ds.providers.length;
  const pairs = new Map<number, Set<string>>();
  for (const [kind, get] of LINK_KEYS) {
    const groups = new Map<string, number[]>();
    ds.providers.forEach((p, i) => {
      const v = get(p);
      if (!v) return;
      const g = groups.get(v);
      if (g) g.push(i);
      else groups.set(v, [i]);
    });
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      for (const a of g) {
        if (!mayPrecede(a)) continue;
        for (const b of g) {
          if (a === b || !mayFollow(a, b)) continue;
          const key = a * n + b;
          const kinds = pairs.get(key);
          if (kinds) kinds.add(kind);
          else pairs.set(key, new Set([kind]));
        }
      }
    }
  }
  return pairs;
}

export default defineIndicator({
  id: 'phoenix-provider',
  version: 1,
  entity: 'provider',
  title: { nl: 'Doorstart onder een nieuwe naam', en: 'Restart under a new name' },
  condition: {
    nl: "Zorgverlener B is bij de KvK ingeschreven tussen 6 maanden vóór en 12 maanden na het einde van zorgverlener A (einddatum, anders A's laatste zorgdag), deelt met A een rekening, adres of AGB-code, en van A's budgethouders (ten minste 3) kwam 50% of meer binnen 60 dagen na hun laatste zorg bij A voor het eerst bij B (standaardwaarden). Een zorgverlener zonder einddatum die in de laatste maand van de export nog zorg declareert, is niet gestopt.",
    en: "Provider B registered with the KvK between 6 months before and 12 months after provider A's end (einddatum, else A's last day of care), shares an account, address or AGB code with A, and 50% or more of A's budget holders (at least 3) had their first care with B within 60 days of their last care with A (default values). A provider without einddatum that still declares care in the export's last month has not stopped.",
  },
  rationale: {
    nl: 'Zorgverleners die worden stopgezet of failliet gaan, beginnen opnieuw onder een nieuwe naam en een nieuw KvK-nummer, met dezelfde mensen, rekening of woning, en nemen hun cliënten mee; de IKZ noemt dit een terugkerend thema. Cliënten die na een sluiting samen naar een andere zorgverlener gaan is op zich normaal; het signaal vraagt daarom ook een gedeelde rekening, adres of AGB-code en een nieuwe inschrijving.',
    en: 'Providers that are stopped or go bankrupt restart under a new name and KvK number, with the same people, account or housing, and take their clients along; the IKZ names this a recurring theme. Clients moving together to another provider after a closure is normal in itself, so the signal also asks for a shared account, address or AGB code and a new registration.',
  },
  whatToCheck: {
    nl: [
      'Waarom de voorganger stopte (faillissement, handhaving, terugvordering door de gemeente) en of er nog vorderingen openstaan.',
      'Wie bestuurders, eigenaren en leidinggevenden van beide zorgverleners zijn (KvK-uittreksels).',
      'Of de budgethouders zelf kozen voor de overstap, en wie de nieuwe zorgovereenkomsten opstelde.',
    ],
    en: [
      'Why the predecessor stopped (bankruptcy, enforcement, recovery by the municipality) and whether claims are still open.',
      'Who the directors, owners and managers of both providers are (KvK extracts).',
      'Whether the budget holders chose the move themselves, and who drew up the new care agreements.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een omzetting van eenmanszaak naar bv of een fusie, met een nieuw KvK-nummer voor dezelfde zorg.',
      'Een overname van de zorg door een andere zorgverlener op hetzelfde adres, op verzoek van de gemeente.',
      'Een gedeeld adres van een bedrijfsverzamelgebouw of een administratiekantoor.',
    ],
    en: [
      'A conversion from sole trader to company, or a merger, with a new KvK number for the same care.',
      'A takeover of the care by another provider at the same address, at the municipality\'s request.',
      'A shared address of a business centre or an administration office.',
    ],
  },
  source:
    'IKZ Jaarbeeld 2021: bankruptcy followed by a restart under a new name as a recurring theme (https://www.skipr.nl/nieuws/igj-iets-minder-signalen-van-zorgfraude/); IKZ 2019, Fraude en zorgverwaarlozing bij beschermd en begeleid wonen (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen)',
  requires: [{ file: 'zorgverleners', columns: ['kvk_startdatum'] }],
  params,
  // High, as shared-iban: three independent facts must coincide (a new registration timed to the old firm's
  // end, a shared account, address or AGB code, and most clients crossing over within weeks). Below care after
  // death or a register match (0.6), because a legal conversion to a company looks the same in the data.
  defaultWeight: 0.5,
  holderConcern: false,
  messages: {
    successor: {
      nl: 'Mogelijke opvolger van {voorganger} (einde {einde_voorganger}): ingeschreven bij de KvK op {kvk_startdatum}, deelt {gedeeld} met de voorganger, en {moved} van de {holders_predecessor} budgethouders van de voorganger ({share_pct}%) kwamen binnen {move_days} dagen over. Drempels: {min_share_pct}% en ten minste {min_holders} budgethouders.',
      en: 'Possible successor of {voorganger} (ended {einde_voorganger}): registered with the KvK on {kvk_startdatum}, shares {gedeeld} with the predecessor, and {moved} of the predecessor\'s {holders_predecessor} budget holders ({share_pct}%) came over within {move_days} days. Thresholds: {min_share_pct}% and at least {min_holders} budget holders.',
      example: {
        voorganger: 'ZV0112',
        einde_voorganger: '2025-03-31',
        kvk_startdatum: '2025-02-14',
        gedeeld: 'iban_sleutel, adres_sleutel',
        moved: 6,
        holders_predecessor: 8,
        share_pct: 75,
        move_days: 60,
        min_share_pct: 50,
        min_holders: 3,
      },
    },
  },
  compute(ds, p, ctx) {
    const t = ds.declarations;
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const n = ds.providers.length;
    const asOfMonth = monthIndex(ctx.asOf);
    // Each provider's end: its einddatum, else its last care day when that lies before the export's last
    // month; NO_DAY for a provider still declaring.
    const lastCare = new Int32Array(n).fill(NO_DAY);
    for (let r = 0; r < t.length; r++) if (t.periodEnd[r] > lastCare[t.provider[r]]) lastCare[t.provider[r]] = t.periodEnd[r];
    const ends = ds.providers.map((prov, a) => {
      if (prov.einddatum !== null) return prov.einddatum;
      return lastCare[a] === NO_DAY || monthIndex(lastCare[a]) >= asOfMonth ? NO_DAY : lastCare[a];
    });
    const mayPrecede = (a: number) => ends[a] !== NO_DAY && ds.holdersOfProvider[a].length >= p.minHolders;
    const mayFollow = (a: number, b: number) => {
      const pred = ds.providers[a];
      const succ = ds.providers[b];
      if (succ.kvkStartdatum === null) return false;
      // One KvK number is one firm (two locations), not a restart.
      if (pred.kvkNummer !== null && pred.kvkNummer === succ.kvkNummer) return false;
      return succ.kvkStartdatum >= monthsLater(ends[a], -p.maxLeadMonths) && succ.kvkStartdatum <= monthsLater(ends[a], p.maxGapMonths);
    };
    const lastWithA = new Int32Array(ds.holders.length).fill(NO_DAY);
    const lastRowWithA = new Int32Array(ds.holders.length);
    const signals: Finding<'successor'>[] = [];
    for (const [key, kinds] of linkedPairs(ds, mayPrecede, mayFollow)) {
      const a = Math.floor(key / n);
      const b = key % n;
      const pred = ds.providers[a];
      const succ = ds.providers[b];
      const end = ends[a];

      for (const r of ds.byProvider[a]) {
        const h = t.holder[r];
        if (t.periodEnd[r] > lastWithA[h]) [lastWithA[h], lastRowWithA[h]] = [t.periodEnd[r], r];
      }
      const firstWithB = new Map<number, number>();
      for (const r of ds.byProvider[b]) {
        const h = t.holder[r];
        if (lastWithA[h] === NO_DAY) continue;
        const f = firstWithB.get(h);
        if (f === undefined || t.periodStart[r] < f) firstWithB.set(h, t.periodStart[r]);
      }
      const moved = new Set<number>();
      for (const [h, first] of firstWithB) if (Math.abs(first - lastWithA[h]) <= p.moveDays) moved.add(h);
      const holdersA = ds.holdersOfProvider[a].length;
      const lastRows = [...moved].map((h) => lastRowWithA[h]);
      for (const h of ds.holdersOfProvider[a]) lastWithA[h] = NO_DAY;
      if (moved.size < p.minHolders || moved.size * 100 < p.minSharePct * holdersA) continue;

      // The rows that show the move: each holder's last care with the predecessor, and its care with the successor.
      const rows = [...lastRows];
      for (const r of ds.byProvider[b]) if (moved.has(t.holder[r])) rows.push(r);
      const declared = declarationEvidence(ds, rows);
      const evidence: Evidence[] = [
        { file: providerFile, line: pred.line, id: pred.id },
        { file: providerFile, line: succ.line, id: succ.id },
        ...declared.evidence,
      ];
      evidence.sort(compareEvidence);
      signals.push({
        messageId: 'successor',
        entity: { kind: 'provider', id: succ.id },
        subject: { voorganger: pred.id },
        provider: succ.id,
        holders: [...moved].map((h) => ds.holders[h].id).sort(),
        amount: declared.amount,
        strength: 1,
        observed: {
          voorganger: pred.id,
          einde_voorganger: formatDay(end),
          kvk_startdatum: formatDay(succ.kvkStartdatum!),
          gedeeld: LINK_KEYS.map(([k]) => k).filter((k) => kinds.has(k)).join(', '),
          moved: moved.size,
          holders_predecessor: holdersA,
          share_pct: Math.round((moved.size / holdersA) * 1000) / 10,
        },
        threshold: { move_days: p.moveDays, min_share_pct: p.minSharePct, min_holders: p.minHolders, max_gap_months: p.maxGapMonths, max_lead_months: p.maxLeadMonths },
        evidence,
      });
    }
    return { signals };
  },
});
