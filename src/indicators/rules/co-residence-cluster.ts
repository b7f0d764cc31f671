import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { formatDay } from '../../model/dates.js';
import type { Provider } from '../../model/types.js';
import { compareEvidence, declarationEvidence, defineIndicator, providerRows, type Evidence, type Finding } from '../define.js';

/** Each holder's adres_sleutel as a number (-1 when absent), and the keys by number. */
function addressCodes(ds: Dataset): { code: Int32Array; keys: string[] } {
  const byKey = new Map<string, number>();
  const keys: string[] = [];
  const code = new Int32Array(ds.holders.length);
  for (let h = 0; h < ds.holders.length; h++) {
    const key = ds.holders[h].adresSleutel;
    if (!key) {
      code[h] = -1;
      continue;
    }
    let c = byKey.get(key);
    if (c === undefined) {
      c = keys.length;
      byKey.set(key, c);
      keys.push(key);
    }
    code[h] = c;
  }
  return { code, keys };
}

const params = z.strictObject({
  minHoldersAtAddress: z
    .number()
    .int()
    .min(2)
    .default(3)
    .describe("Minimum number of a provider's budget holders sharing one address (other than the provider's own address)"),
  minHoldersAtProviderAddress: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe("Minimum number of a provider's budget holders registered at the provider's own address"),
  establishedYears: z
    .number()
    .min(0)
    .default(5)
    .describe('A provider marked wooninitiatief whose kvk_startdatum lies at least this many years before the as-of date counts as an established housing initiative'),
  establishedStrength: z
    .number()
    .gt(0)
    .max(1)
    .default(0.5)
    .describe('Strength (0 to 1] of the signal for an established housing initiative; 1 for every other provider'),
});

function wooninitiatief(provider: Provider): string {
  return provider.wooninitiatief === null ? 'onbekend' : provider.wooninitiatief ? 'ja' : 'nee';
}

/**
 * A registered housing initiative that has existed for years houses its clients by design; the IKZ pattern is
 * the young firm that does so (three quarters of the providers in IKZ signals in 2021 were new). Such an
 * initiative still gets a signal, at a lower strength.
 */
function isEstablished(provider: Provider, asOf: number, years: number): boolean {
  return provider.wooninitiatief === true && provider.kvkStartdatum !== null && asOf - provider.kvkStartdatum >= years * 365.25;
}

export default defineIndicator({
  id: 'co-residence-cluster',
  version: 2,
  entity: 'provider',
  title: { nl: 'Wonen en zorg samen', en: 'Housing-and-care cluster' },
  condition: {
    nl: 'Meerdere budgethouders van één zorgverlener wonen op hetzelfde adres, of op het adres van de zorgverlener zelf.',
    en: "Several budget holders of one provider live at the same address, or at the provider's own address.",
  },
  rationale: {
    nl: 'Huisvesting en zorg uit één hand maakt budgethouders afhankelijk van de zorgverlener en was een vast patroon in fraudezaken bij beschermd en begeleid wonen. Een wooninitiatief of groepswoning is op zich legitiem; het signaal vraagt om een controle van de geleverde zorg en de huurconstructie. Een geregistreerd wooninitiatief dat al jaren bestaat telt voor de helft mee: het patroon uit de IKZ-zaken is de jonge onderneming.',
    en: 'Housing and care from the same hand makes budget holders dependent on the provider and was a recurring pattern in fraud cases in sheltered and supported housing. A registered housing initiative or group home is legitimate in itself; the signal calls for a check of the care delivered and the rent arrangement. A registered initiative that has existed for years counts at half strength: the pattern in the IKZ cases is the young firm.',
  },
  whatToCheck: {
    nl: [
      'Wie eigenaar of verhuurder van het adres is, en of huur en zorg in één contract of bij één partij zitten.',
      'Of de budgethouders er echt wonen en de gedeclareerde zorg krijgen (onaangekondigd bezoek, gesprek met bewoners).',
      'Of het adres als wooninitiatief is gemeld en aan de eisen voor beschermd of begeleid wonen voldoet.',
    ],
    en: [
      'Who owns or lets the address, and whether rent and care sit in one contract or with one party.',
      'Whether the budget holders actually live there and receive the declared care (unannounced visit, talk to residents).',
      'Whether the address is registered as a housing initiative and meets the standards for sheltered or supported housing.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een geregistreerd wooninitiatief of groepswoning waar bewoners bewust samenwonen.',
      'Een instelling met meerdere cliënten op één locatie.',
      'Gezinsleden van één huishouden die elk een eigen pgb hebben.',
    ],
    en: [
      'A registered housing initiative or group home whose residents live together by choice.',
      'An institution with several clients at one location.',
      'Members of one household who each have their own pgb.',
    ],
  },
  source:
    'IKZ 2019, "Fraude en zorgverwaarlozing bij beschermd en begeleid wonen" (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); Zwolle WZCO, rent paid with care money (https://www.skipr.nl/actueel/id38480-zwolle-onderzoekt-waar-huur-met-zorggeld-wordt-betaald.html)',
  requires: [{ file: 'budgethouders', columns: ['adres_sleutel'] }],
  params,
  defaultWeight: 0.4,
  holderConcern: true,
  messages: {
    clusterAtAddress: {
      nl: '{holders} budgethouders van deze zorgverlener wonen op één adres ({adres_sleutel}); drempel {min_holders}. Wooninitiatief: {wooninitiatief}, KvK sinds {kvk_startdatum}.',
      en: '{holders} budget holders of this provider live at one address ({adres_sleutel}); threshold {min_holders}. Housing initiative: {wooninitiatief}, KvK since {kvk_startdatum}.',
      example: { holders: 4, adres_sleutel: 'ADR-19C2', min_holders: 3, wooninitiatief: 'nee', kvk_startdatum: '2023-05-01' },
    },
    atProviderAddress: {
      nl: '{holders} budgethouders wonen op het adres van de zorgverlener zelf ({adres_sleutel}): wonen en zorg uit één hand; drempel {min_holders_at_provider}. Wooninitiatief: {wooninitiatief}, KvK sinds {kvk_startdatum}.',
      en: '{holders} budget holders live at the provider’s own address ({adres_sleutel}): housing and care from the same hand; threshold {min_holders_at_provider}. Housing initiative: {wooninitiatief}, KvK since {kvk_startdatum}.',
      example: { holders: 2, adres_sleutel: 'ADR-0B7D', min_holders_at_provider: 2, wooninitiatief: 'onbekend', kvk_startdatum: 'onbekend' },
    },
  },
  compute(ds, p, ctx) {
    const holderFile = ds.files.budgethouders ?? 'budgethouders.csv';
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const signals: Finding<'clusterAtAddress' | 'atProviderAddress'>[] = [];
    const address = addressCodes(ds);
    const count = new Int32Array(address.keys.length);
    const firstSeen = new Int32Array(address.keys.length);
    const minEither = Math.min(p.minHoldersAtAddress, p.minHoldersAtProviderAddress);
    for (let pi = 0; pi < ds.providers.length; pi++) {
      const provider = ds.providers[pi];
      const established = isEstablished(provider, ctx.asOf, p.establishedYears);
      // Only holders who declared with this provider count: neighbours cared for by others are no cluster of its own.
      const holders = ds.holdersOfProvider[pi];
      // Counted per address number first: most providers have no address with enough holders, and for
      // them no group (nor a map keyed by string) is made. Addresses keep the order they are first met.
      let seen = 0;
      for (let i = 0; i < holders.length; i++) {
        const a = address.code[holders[i]];
        if (a < 0) continue;
        if (count[a] === 0) firstSeen[seen++] = a;
        count[a]++;
      }
      // count[a] becomes -(its group's place + 1) for the addresses kept, 0 for the rest.
      const groups: Array<[string, number[]]> = [];
      for (let i = 0; i < seen; i++) {
        const a = firstSeen[i];
        if (count[a] >= minEither) {
          groups.push([address.keys[a], []]);
          count[a] = -groups.length;
        } else count[a] = 0;
      }
      if (groups.length > 0) {
        for (let i = 0; i < holders.length; i++) {
          const a = address.code[holders[i]];
          if (a >= 0 && count[a] < 0) groups[-count[a] - 1][1].push(holders[i]);
        }
        for (let i = 0; i < seen; i++) count[firstSeen[i]] = 0;
      }
      for (const [key, group] of groups) {
        // Living at the provider's own address ties housing to care directly, so fewer holders suffice there.
        const atProvider = key === provider.adresSleutel;
        const min = atProvider ? p.minHoldersAtProviderAddress : p.minHoldersAtAddress;
        if (group.length < min) continue;
        // The declarations of these holders with this provider carry the amount involved.
        const declared = declarationEvidence(ds, providerRows(ds, pi, new Set(group)));
        const amount = declared.amount;
        const evidence: Evidence[] = [{ file: providerFile, line: provider.line, id: provider.id }, ...declared.evidence];
        for (const h of group) evidence.push({ file: holderFile, line: ds.holders[h].line, id: ds.holders[h].id });
        evidence.sort(compareEvidence);
        signals.push({
          messageId: atProvider ? 'atProviderAddress' : 'clusterAtAddress',
          entity: { kind: 'provider', id: provider.id },
          subject: { adres_sleutel: key },
          provider: provider.id,
          holders: group.map((h) => ds.holders[h].id).sort(),
          amount,
          strength: established ? p.establishedStrength : 1,
          observed: {
            adres_sleutel: key,
            holders: group.length,
            wooninitiatief: wooninitiatief(provider),
            kvk_startdatum: provider.kvkStartdatum === null ? 'onbekend' : formatDay(provider.kvkStartdatum),
          },
          threshold: atProvider ? { min_holders_at_provider: min } : { min_holders: min },
          evidence,
        });
      }
    }
    return { signals };
  },
});
