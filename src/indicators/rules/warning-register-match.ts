import { z } from 'zod';
import { registerKey } from '../../model/dataset.js';
import { formatDay } from '../../model/dates.js';
import type { Provider } from '../../model/types.js';
import { REGISTER_KEY_KINDS, type RegisterKeyKind, type WarningEntry } from '../../inputs/waarschuwingsregister.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Evidence, type Finding } from '../define.js';

const params = z.strictObject({
  addressStrength: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe(
      'Strength of a match on adres_sleutel alone (0..1); a match on kvk_nummer, agb_code or iban_sleutel has strength 1. ' +
        'An address is shared by every firm in a business centre and passes to the next tenant, so it says less about who declares',
    ),
});

const PROVIDER_KEY: Record<RegisterKeyKind, (p: Provider) => string | null> = {
  kvk_nummer: (p) => p.kvkNummer,
  agb_code: (p) => p.agbCode,
  iban_sleutel: (p) => p.ibanSleutel,
  adres_sleutel: (p) => p.adresSleutel,
};

/** An entry counts for a care day from the day it was registered up to and including the day it expires. */
const validOn = (e: WarningEntry, from: number, to: number) => e.registeredOn <= to && (e.expiresOn === null || e.expiresOn >= from);

/** "2023-01-01 – 2025-12-31", or "2023-01-01 –" for an entry without end: no words, so one text serves both languages. */
const validity = (e: WarningEntry) => `${formatDay(e.registeredOn)} –${e.expiresOn === null ? '' : ` ${formatDay(e.expiresOn)}`}`;

export default defineIndicator({
  id: 'warning-register-match',
  version: 1,
  entity: 'provider',
  title: { nl: 'Treffer in het Waarschuwingsregister zorgfraude', en: 'Match in the healthcare fraud warning register' },
  condition: {
    nl: 'Het KvK-nummer, de AGB-code, het rekeningnummer (iban_sleutel) of het adres (adres_sleutel) van de zorgverlener staat in waarschuwingsregister.csv onder dezelfde soort sleutel, met een inschrijving die geldig is op ten minste één zorgdag van de zorgverlener (geregistreerd_op op of vóór die dag, vervalt_op leeg of op of na die dag). Een periodedeclaratie telt met elke dag van haar periode. KvK en AGB worden vergeleken als 8 cijfers met voorloopnullen, de andere sleutels zonder spaties en hoofdletterongevoelig. Een treffer op alleen het adres telt voor de helft (standaardwaarde).',
    en: 'The provider\'s KvK number, AGB code, bank account (iban_sleutel) or address (adres_sleutel) is in waarschuwingsregister.csv under the same kind of key, with an entry valid on at least one of the provider\'s care days (geregistreerd_op on or before that day, vervalt_op empty or on or after it). A period declaration counts with every day of its period. KvK and AGB compare as 8 digits with leading zeros, the other keys trimmed and case-insensitive. A match on the address alone counts for half (default value).',
  },
  rationale: {
    nl: 'Gemeenten, zorgkantoren en zorgverzekeraars schrijven een zorgaanbieder pas in het Waarschuwingsregister zorgfraude in na zorgvuldig onderzoek dat tot een gerechtvaardigde overtuiging van fraude leidde; het register bestaat juist om te voorkomen dat een fraudeur ongemerkt naar een andere gemeente of sector verhuist. Zorg gedeclareerd door een ingeschreven aanbieder verdient daarom controle. De grond van de inschrijving wordt getoond, niet gewogen. Let op: een adres of rekening kan na de inschrijving aan een ander zijn overgegaan.',
    en: 'Municipalities, care offices and health insurers enter a care provider in the healthcare fraud warning register only after a careful investigation that led to a justified conviction of fraud; the register exists precisely so that a fraudster cannot move unnoticed to another municipality or sector. Care declared by a registered provider therefore deserves a check. The ground of the entry is shown, not weighed. Caveat: an address or account can have passed to someone else after the entry.',
  },
  whatToCheck: {
    nl: [
      'De inschrijving in het register (regel in waarschuwingsregister.csv): door wie, op welke grond, en of die nog geldt.',
      'Of de zorgverlener dezelfde onderneming of persoon is als de ingeschrevene (KvK-uittreksel, bestuurders), of alleen het adres of de rekening deelt.',
      'De zorgovereenkomsten en declaraties sinds de inschrijving: is de zorg geleverd, en weten de budgethouders van wie ze zorg krijgen?',
    ],
    en: [
      'The register entry (line in waarschuwingsregister.csv): by whom, on what ground, and whether it still applies.',
      'Whether the provider is the same firm or person as the one registered (KvK extract, directors), or only shares the address or account.',
      'The care agreements and declarations since the entry: was the care delivered, and do the budget holders know who provides it?',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een nieuwe huurder op een adres (bedrijfsverzamelgebouw) dat eerder van een ingeschreven aanbieder was.',
      'Een administratiekantoor of bewindvoerder wiens rekening ook voor een ingeschreven aanbieder werd gebruikt.',
      'Een inschrijving die inmiddels is doorgehaald of in bezwaar is vernietigd, maar nog in het extract staat.',
    ],
    en: [
      'A new tenant at an address (a business centre) that earlier belonged to a registered provider.',
      'An administration office or financial guardian whose account was also used by a registered provider.',
      'An entry that has since been removed or annulled on objection but is still in the extract.',
    ],
  },
  source:
    'Wet bevorderen samenwerking en rechtmatige zorg, Kamerstuk 35 515; Rijksoverheid 3 July 2020, Waarschuwingsregister zorgfraude (https://www.rijksoverheid.nl/actueel/nieuws/2020/07/03/kabinet-pakt-zorgfraude-aan-met-nieuwe-wet); Tweede Kamer, debate 14 Feb 2023 (https://www.tweedekamer.nl/kamerstukken/plenaire_verslagen/kamer_in_het_kort/wet-bevordering-samenwerking-en-rechtmatige-zorg)',
  requires: [{ file: 'waarschuwingsregister', columns: ['sleutel_soort', 'sleutel', 'geregistreerd_op'] }],
  params,
  // 0.6, as high as care-after-death and impossible-day-hours and twice new-provider-rapid-intake (0.3): an entry
  // is another authority's investigated conviction of fraud about this very firm, account or address, not a
  // statistical pattern. Not higher: the entry concerns earlier conduct, not these declarations, and a key
  // can have changed hands since.
  defaultWeight: 0.6,
  holderConcern: false,
  messages: {
    registered: {
      nl: 'De zorgverlener staat in het Waarschuwingsregister zorgfraude met {sleutel_soort} {sleutel} (geldig {geldig}); {declarations} declaratie(s) met zorg van {first_day} tot {last_day} vallen in die periode.',
      en: 'The provider is in the healthcare fraud warning register with {sleutel_soort} {sleutel} (valid {geldig}); {declarations} declaration(s) with care from {first_day} to {last_day} fall in that period.',
      example: {
        sleutel_soort: 'kvk_nummer',
        sleutel: '01234567',
        geldig: '2023-05-01 –',
        declarations: 12,
        first_day: '2024-01-03',
        last_day: '2024-06-28',
      },
    },
  },
  compute(ds, p) {
    const t = ds.declarations;
    const registerFile = ds.files.waarschuwingsregister ?? 'waarschuwingsregister.csv';
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const signals: Finding<'registered'>[] = [];
    let keyMatches = 0;
    let expiredOrLater = 0;
    for (let pi = 0; pi < ds.providers.length; pi++) {
      const provider = ds.providers[pi];
      for (const kind of REGISTER_KEY_KINDS) {
        const raw = PROVIDER_KEY[kind](provider);
        if (raw === null) continue;
        const key = registerKey(kind, raw);
        const entries = ds.warningRegisterByKey.get(kind)?.get(key);
        if (entries === undefined) continue;
        keyMatches++;
        // One finding per provider and key: entries renewed under the same key are one fact to check.
        const rows: number[] = [];
        const valid = new Set<WarningEntry>();
        let first = Number.POSITIVE_INFINITY;
        let last = Number.NEGATIVE_INFINITY;
        for (const r of ds.byProvider[pi]) {
          const from = t.periodStart[r];
          const to = t.periodEnd[r];
          let hit = false;
          for (const e of entries) {
            if (!validOn(e, from, to)) continue;
            hit = true;
            valid.add(e);
            // The days quoted are care days inside the entry's validity, not the whole of a longer period.
            first = Math.min(first, Math.max(from, e.registeredOn));
            last = Math.max(last, e.expiresOn === null ? to : Math.min(to, e.expiresOn));
          }
          if (hit) rows.push(r);
        }
        if (rows.length === 0) {
          expiredOrLater++;
          continue;
        }
        const matched = [...valid].sort((a, b) => a.registeredOn - b.registeredOn || a.line - b.line);
        const { evidence, amount } = declarationEvidence(ds, rows);
        const cited: Evidence[] = [
          ...evidence,
          { file: providerFile, line: provider.line, id: provider.id },
          ...matched.map((e) => ({ file: registerFile, line: e.line, id: `${kind}=${key}` })),
        ].sort(compareEvidence);
        signals.push({
          messageId: 'registered',
          entity: { kind: 'provider', id: provider.id },
          subject: { sleutel_soort: kind, sleutel: key },
          provider: provider.id,
          holders: [...new Set(rows.map((r) => ds.holders[t.holder[r]].id))].sort(),
          amount,
          strength: kind === 'adres_sleutel' ? p.addressStrength : 1,
          observed: {
            sleutel_soort: kind,
            sleutel: key,
            geldig: matched.map(validity).join('; '),
            // Shown for the visit, never scored: the ground is another authority's wording.
            grond: matched.map((e) => e.ground ?? '-').join('; '),
            declarations: rows.length,
            first_day: formatDay(first),
            last_day: formatDay(last),
          },
          threshold: { address_strength: p.addressStrength },
          evidence: cited,
        });
      }
    }
    return { signals, stats: { key_matches: keyMatches, matches_outside_validity: expiredOrLater } };
  },
});
