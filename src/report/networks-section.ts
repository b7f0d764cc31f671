import type { NetworkResult } from '../networks/networks.js';
import { mdText as md } from './markdown-text.js';
import { formatMoney, type Lang } from './messages.js';

/** The section's words, Dutch first; kept beside the one renderer that uses them. */
export const NETWORK_WORDS = {
  nl: {
    heading: 'Netwerken van zorgverleners',
    intro:
      'Zorgverleners die een rekening, adres, KvK-nummer of AGB-code delen, dezelfde vertegenwoordiger als spil hebben, of elkaar opvolgen, ' +
      'vormen een netwerk als ten minste één van hen een signaal heeft. De rangorde blijft per zorgverlener; een netwerk zegt waar verder te kijken.',
    none: 'Geen netwerken gevonden.',
    network: (id: string, n: number, amount: string) => `Netwerk ${id}: ${n} zorgverleners, € ${amount} gedeclareerd`,
    members: 'Leden',
    flagged: 'signaal',
    kinds: {
      iban_sleutel: 'zelfde rekening',
      adres_sleutel: 'zelfde adres',
      kvk_nummer: 'zelfde KvK-nummer',
      agb_code: 'zelfde AGB-code',
      vertegenwoordiger: 'zelfde vertegenwoordiger bij beide',
      opvolging: 'opvolger van',
    } as Record<string, string>,
    tooBroad: 'Te breed gedeeld (verbindt niets, bijvoorbeeld het adres van een grote instelling of de rekening van een administratiekantoor):',
    providers: 'zorgverleners',
  },
  en: {
    heading: 'Provider networks',
    intro:
      'Providers that share an account, address, KvK number or AGB code, have the same representative as a hub, or succeed one another ' +
      'form a network when at least one of them has a signal. The ranking stays per provider; a network says where to look further.',
    none: 'No networks found.',
    network: (id: string, n: number, amount: string) => `Network ${id}: ${n} providers, € ${amount} declared`,
    members: 'Members',
    flagged: 'signal',
    kinds: {
      iban_sleutel: 'same account',
      adres_sleutel: 'same address',
      kvk_nummer: 'same KvK number',
      agb_code: 'same AGB code',
      vertegenwoordiger: 'same representative for both',
      opvolging: 'successor of',
    } as Record<string, string>,
    tooBroad: "Shared too widely (links nothing, for instance a large institution's address or an administration office's account):",
    providers: 'providers',
  },
};

/** The report.md section on provider networks: each network with members and links, then the keys too broadly shared to link. */
export function networksSection(result: NetworkResult, lang: Lang = 'nl'): string[] {
  const w = NETWORK_WORDS[lang];
  const out = [`## ${w.heading}`, '', w.intro, ''];
  if (result.networks.length === 0) out.push(w.none, '');
  for (const n of result.networks) {
    out.push(`### ${w.network(md(n.id), n.members.length, formatMoney(n.amount, lang))}`, '');
    out.push(`${w.members}: ${n.members.map((m) => (n.flagged.includes(m) ? `${md(m)} (${w.flagged})` : md(m))).join(', ')}.`, '');
    for (const l of n.links) {
      const who =
        l.kind === 'opvolging'
          ? `${l.providers.filter((p) => p !== l.key).map(md).join(', ')} ${w.kinds[l.kind]} ${md(l.key)}`
          : `${l.providers.map(md).join(', ')}: ${w.kinds[l.kind]} (${l.kind} ${md(l.key)})`;
      out.push(`- ${who}`);
    }
    out.push('');
  }
  if (result.tooBroad.length > 0) {
    out.push(w.tooBroad, '');
    for (const b of result.tooBroad) out.push(`- ${b.kind} ${md(b.key)}: ${b.providers} ${w.providers}`);
    out.push('');
  }
  return out;
}
