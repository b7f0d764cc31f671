import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { compareEvidence, declarationEvidence, defineIndicator, providerRows, type Evidence, type Finding } from '../define.js';

const params = z.strictObject({
  minProviders: z
    .number()
    .int()
    .min(2)
    .default(2)
    .describe('Fires when one iban_sleutel is used by at least this many distinct firms (providers, those with one kvk_nummer counted once)'),
});

/** Providers with one kvk_nummer are one firm (e.g. two locations); each provider without one is its own. */
function countFirms(ds: Dataset, members: number[]): number {
  const kvks = new Set<string>();
  let withoutKvk = 0;
  for (const m of members) {
    const kvk = ds.providers[m].kvkNummer;
    if (kvk) kvks.add(kvk);
    else withoutKvk++;
  }
  return kvks.size + withoutKvk;
}

export default defineIndicator({
  id: 'shared-iban',
  version: 1,
  entity: 'provider',
  title: { nl: 'Gedeeld rekeningnummer', en: 'Shared bank account' },
  condition: {
    nl: 'Eén rekeningnummer (iban_sleutel) wordt gebruikt door 2 of meer zorgverleners die niet hetzelfde KvK-nummer hebben (standaardwaarde).',
    en: 'One bank account (iban_sleutel) is used by 2 or more providers that do not share a KvK number (default value).',
  },
  rationale: {
    nl: 'Zorggeld van verschillende zorgverleners dat op één rekening binnenkomt kan wijzen op een katvanger- of frontrekening, of op één partij achter meerdere zorgverleners. Let op: een administratiekantoor, bewindvoerder of een groep verwante bedrijven met eigen KvK-nummers kan ook één rekening gebruiken.',
    en: 'Care money of different providers arriving in one account can point to a front account, or to one party behind several providers. Caveat: an administration office, a financial guardian, or a group of related firms with their own KvK numbers may also use one account.',
  },
  whatToCheck: {
    nl: [
      'Op wiens naam de rekening staat (tenaamstelling) en of die past bij elk van de zorgverleners.',
      'Of de zorgverleners dezelfde eigenaar, bestuurder, contactpersoon of administratie hebben.',
      'Of de rekening kort voor grote betalingen is gewijzigd.',
    ],
    en: [
      'In whose name the account is held, and whether that fits each of the providers.',
      'Whether the providers share an owner, director, contact person or administration.',
      'Whether the account was changed shortly before large payments.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een administratiekantoor of bewindvoerder die betalingen voor meerdere zorgverleners ontvangt.',
      'Een groep verwante bedrijven (holding met werkmaatschappijen) met eigen KvK-nummers.',
      'Een overname waarbij de rekening van de oude zorgverlener is doorgeschreven.',
    ],
    en: [
      'An administration office or financial guardian receiving payments for several providers.',
      'A group of related firms (a holding with subsidiaries) with their own KvK numbers.',
      'A takeover in which the old provider\'s account was carried over.',
    ],
  },
  source:
    'SVB front-account case, nu.nl 2022: IBANs changed on forged care contracts (https://www.nu.nl/economie/6195997/medewerkers-sociale-verzekeringsbank-aangehouden-om-fraude-met-zorggeld.html); IKZ Jaarbeeld 2021: restarts under new names, opaque company structures (https://www.skipr.nl/nieuws/igj-iets-minder-signalen-van-zorgfraude/)',
  requires: [{ file: 'zorgverleners', columns: ['iban_sleutel'] }],
  params,
  defaultWeight: 0.5,
  holderConcern: false,
  messages: {
    sharedAccount: {
      nl: 'Rekening {iban_sleutel} wordt gebruikt door {providers} zorgverleners van {firms} verschillende ondernemingen (ook: {other_providers}).',
      en: 'Account {iban_sleutel} is used by {providers} providers of {firms} different firms (also: {other_providers}).',
      example: { iban_sleutel: 'IBAN-7F3A', providers: 3, firms: 3, other_providers: 'ZV002, ZV017' },
    },
  },
  compute(ds, p) {
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const byIban = new Map<string, number[]>();
    for (let pi = 0; pi < ds.providers.length; pi++) {
      const key = ds.providers[pi].ibanSleutel;
      if (!key) continue;
      const list = byIban.get(key);
      if (list) list.push(pi);
      else byIban.set(key, [pi]);
    }
    const signals: Finding<'sharedAccount'>[] = [];
    let sharedIbans = 0;
    let firingGroups = 0;
    for (const [iban, members] of byIban) {
      if (members.length < 2) continue;
      sharedIbans++;
      const firms = countFirms(ds, members);
      if (firms < p.minProviders) continue;
      firingGroups++;
      const ids = members.map((m) => ds.providers[m].id).sort();
      const evidence: Evidence[] = members
        .map((m) => ({ file: providerFile, line: ds.providers[m].line, id: ds.providers[m].id }))
        .sort(compareEvidence);
      for (const m of members) {
        const id = ds.providers[m].id;
        // Everything this provider was paid went to the shared account: its declarations are the amount involved.
        const declared = declarationEvidence(ds, providerRows(ds, m, null));
        signals.push({
          messageId: 'sharedAccount',
          entity: { kind: 'provider', id },
          subject: { iban_sleutel: iban },
          provider: id,
          holders: Array.from(ds.holdersOfProvider[m], (h) => ds.holders[h].id).sort(),
          amount: declared.amount,
          strength: 1,
          observed: {
            iban_sleutel: iban,
            providers: members.length,
            firms,
            other_providers: ids.filter((other) => other !== id).join(', '),
          },
          threshold: { min_providers: p.minProviders },
          evidence: [...evidence, ...declared.evidence].sort(compareEvidence),
        });
      }
    }
    return { signals, stats: { ibans: byIban.size, shared_ibans: sharedIbans, firing_groups: firingGroups } };
  },
});
