import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import type { Provider } from '../../model/types.js';
import { compareEvidence, declarationEvidence, defineIndicator, providerRows, type Evidence, type Finding, type MessageTemplate } from '../define.js';

const params = z.strictObject({
  minHolders: z
    .number()
    .int()
    .min(2)
    .default(3)
    .describe('Minimum number of budget holders with one representative who all declare with the same provider'),
});

const messages = {
  hub: {
    nl: 'Eén vertegenwoordiger ({vertegenwoordiger_id}) staat voor {holders} budgethouders die allen bij deze zorgverlener declareren; drempel {min_holders}.',
    en: 'One representative ({vertegenwoordiger_id}) acts for {holders} budget holders who all declare with this provider; threshold {min_holders}.',
    example: { vertegenwoordiger_id: 'VT-0042', holders: 5, min_holders: 3 },
  },
  representativeIsProvider: {
    nl: 'De vertegenwoordiger ({vertegenwoordiger_id}) van {holders} budgethouder(s) is de zorgverlener zelf.',
    en: 'The representative ({vertegenwoordiger_id}) of {holders} budget holder(s) is the provider itself.',
    example: { vertegenwoordiger_id: 'ZV014', holders: 2 },
  },
  representativeAtProviderAddress: {
    nl: 'De vertegenwoordiger ({vertegenwoordiger_id}) van {holders} budgethouder(s) deelt een adres ({adres_sleutel}) met de zorgverlener.',
    en: 'The representative ({vertegenwoordiger_id}) of {holders} budget holder(s) shares an address ({adres_sleutel}) with the provider.',
    example: { vertegenwoordiger_id: 'VT-0007', holders: 1, adres_sleutel: 'ADR-55E1' },
  },
} satisfies Record<string, MessageTemplate>;

function isProvider(rep: string, provider: Provider): boolean {
  return rep === provider.id || rep === provider.kvkNummer || rep === provider.agbCode;
}

/** Rows (a holder and/or another provider with the rep's id) whose address is the provider's address. */
function addressRows(ds: Dataset, rep: string, p: number): Evidence[] {
  const key = ds.providers[p].adresSleutel;
  if (!key) return [];
  const rows: Evidence[] = [];
  const h = ds.holderIndex.get(rep);
  if (h !== undefined && ds.holders[h].adresSleutel === key) {
    rows.push({ file: ds.files.budgethouders ?? 'budgethouders.csv', line: ds.holders[h].line, id: rep });
  }
  const other = ds.providerIndex.get(rep);
  if (other !== undefined && other !== p && ds.providers[other].adresSleutel === key) {
    rows.push({ file: ds.files.zorgverleners ?? 'zorgverleners.csv', line: ds.providers[other].line, id: rep });
  }
  return rows;
}

export default defineIndicator({
  id: 'representative-hub',
  version: 1,
  entity: 'provider',
  title: { nl: 'Vertegenwoordiger als spil', en: 'Representative hub' },
  condition: {
    nl: 'Eén vertegenwoordiger staat voor meerdere budgethouders die allen bij dezelfde zorgverlener declareren, of de vertegenwoordiger is de zorgverlener zelf of woont op diens adres.',
    en: 'One representative acts for several budget holders who all declare with the same provider, or the representative is the provider or shares its address.',
  },
  rationale: {
    nl: 'De vertegenwoordiger (gewaarborgde hulp) moet de budgethouder beschermen; als die aan de kant van de zorgverlener staat, valt die controle weg. In fraudezaken waren bewindvoerders en vertegenwoordigers medeverdachten. Een professionele bewindvoerder met veel cliënten is op zich normaal; het signaal telt alleen cliënten bij één zorgverlener.',
    en: "The representative (gewaarborgde hulp) is meant to protect the budget holder; when the representative sits on the provider's side, that check disappears. In fraud cases, guardians and representatives were among the suspects. A professional guardian with many clients is normal in itself; the signal only counts clients of one provider.",
  },
  whatToCheck: {
    nl: [
      'Wie de vertegenwoordiger is (familie, bewindvoerder, medewerker of eigenaar van de zorgverlener) en welke band die met de zorgverlener heeft.',
      'Of de vertegenwoordiger de budgethouders kent en de zorgovereenkomsten en declaraties zelf heeft beoordeeld.',
      'Of de budgethouders vrij een zorgverlener konden kiezen.',
    ],
    en: [
      'Who the representative is (family, guardian, employee or owner of the provider) and how they are tied to the provider.',
      'Whether the representative knows the budget holders and reviewed the care agreements and declarations personally.',
      'Whether the budget holders were free to choose a provider.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een professionele bewindvoerder of mentor wiens cliënten toevallig bij dezelfde zorgverlener zitten.',
      'Een ouder die vertegenwoordiger is van meerdere kinderen met zorg van dezelfde zorgverlener.',
      'Een familielid dat informele zorg geeft en ook vertegenwoordiger is, wat binnen de regels kan.',
    ],
    en: [
      'A professional guardian or mentor whose clients happen to use the same provider.',
      'A parent representing several children cared for by the same provider.',
      'A relative who gives informal care and is also the representative, which the rules can allow.',
    ],
  },
  source:
    "'Gewaarborgde hulp in pgb-verstrekking' (2021, https://5dok.net/document/zpnx7pno-sturingsinformatie-pgb-toekenning-gebaat-juridisch-borgen-gewaarborgde-betere.html); RegioZorg case (bewindvoerders suspected); Zaanstad/Tilburg case with bewindvoering firms among the suspects (https://zaanstad.nieuws.nl/actueel/6157/fraude-pgbs-is-al-jaren-terugkerend-probleem/); IKZ 2019 (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen)",
  requires: [{ file: 'budgethouders', columns: ['vertegenwoordiger_id'] }],
  params,
  defaultWeight: 0.4,
  holderConcern: true,
  messages,
  compute(ds, p) {
    const holderFile = ds.files.budgethouders ?? 'budgethouders.csv';
    const providerFile = ds.files.zorgverleners ?? 'zorgverleners.csv';
    const signals: Finding<keyof typeof messages>[] = [];
    for (let pi = 0; pi < ds.providers.length; pi++) {
      const provider = ds.providers[pi];
      // Counted per provider: a professional guardian whose many clients use different providers is normal.
      const byRep = new Map<string, number[]>();
      for (const h of ds.holdersOfProvider[pi]) {
        const rep = ds.holders[h].vertegenwoordigerId;
        if (!rep) continue;
        const group = byRep.get(rep);
        if (group) group.push(h);
        else byRep.set(rep, [h]);
      }
      const emit = (
        messageId: keyof typeof messages,
        rep: string,
        group: number[],
        extraRows: Evidence[],
        observed: Record<string, string | number>,
        threshold: Record<string, number>,
      ): void => {
        // The declarations of these holders with this provider carry the amount involved.
        const declared = declarationEvidence(ds, providerRows(ds, pi, new Set(group)));
        const amount = declared.amount;
        const evidence: Evidence[] = [{ file: providerFile, line: provider.line, id: provider.id }, ...extraRows, ...declared.evidence];
        for (const h of group) evidence.push({ file: holderFile, line: ds.holders[h].line, id: ds.holders[h].id });
        evidence.sort(compareEvidence);
        // The rep may itself be one of the holders it represents; cite that row once.
        const unique = evidence.filter((e, i) => i === 0 || compareEvidence(e, evidence[i - 1]) !== 0);
        signals.push({
          messageId,
          entity: { kind: 'provider', id: provider.id },
          subject: { vertegenwoordiger_id: rep },
          provider: provider.id,
          holders: group.map((h) => ds.holders[h].id).sort(),
          amount,
          strength: 1,
          observed: { vertegenwoordiger_id: rep, ...observed, holders: group.length },
          threshold,
          evidence: unique,
        });
      };
      for (const [rep, group] of byRep) {
        if (group.length >= p.minHolders) emit('hub', rep, group, [], {}, { min_holders: p.minHolders });
        if (isProvider(rep, provider)) {
          emit('representativeIsProvider', rep, group, [], {}, {});
          // Being the provider already implies its address; a second signal would count the same fact twice.
          continue;
        }
        const rows = addressRows(ds, rep, pi);
        if (rows.length > 0) {
          emit('representativeAtProviderAddress', rep, group, rows, { adres_sleutel: provider.adresSleutel! }, {});
        }
      }
    }
    return { signals };
  },
});
