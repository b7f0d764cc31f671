import type { NetworkResult } from '../networks/networks.js';
import { mdText as md } from './markdown-text.js';
import { formatMoney } from './messages.js';

const KIND_NL: Record<string, string> = {
  iban_sleutel: 'zelfde rekening',
  adres_sleutel: 'zelfde adres',
  kvk_nummer: 'zelfde KvK-nummer',
  agb_code: 'zelfde AGB-code',
  vertegenwoordiger: 'zelfde vertegenwoordiger bij beide',
  opvolging: 'opvolger van',
};

/** The report.md section on provider networks: each network with members and links, then the keys too broadly shared to link. */
export function networksSection(result: NetworkResult): string[] {
  const out = ['## Netwerken van zorgverleners', ''];
  out.push(
    'Zorgverleners die een rekening, adres, KvK-nummer of AGB-code delen, dezelfde vertegenwoordiger als spil hebben, of elkaar opvolgen, ' +
      'vormen een netwerk als ten minste één van hen een signaal heeft. De rangorde blijft per zorgverlener; een netwerk zegt waar verder te kijken.',
    '',
  );
  if (result.networks.length === 0) out.push('Geen netwerken gevonden.', '');
  for (const n of result.networks) {
    out.push(`### Netwerk ${md(n.id)}: ${n.members.length} zorgverleners, € ${formatMoney(n.amount, 'nl')} gedeclareerd`, '');
    out.push(`Leden: ${n.members.map((m) => (n.flagged.includes(m) ? `${md(m)} (signaal)` : md(m))).join(', ')}.`, '');
    for (const l of n.links) {
      const who = l.kind === 'opvolging' ? `${l.providers.filter((p) => p !== l.key).map(md).join(', ')} ${KIND_NL[l.kind]} ${md(l.key)}` : `${l.providers.map(md).join(', ')}: ${KIND_NL[l.kind]} (${l.kind} ${md(l.key)})`;
      out.push(`- ${who}`);
    }
    out.push('');
  }
  if (result.tooBroad.length > 0) {
    out.push('Te breed gedeeld (verbindt niets, bijvoorbeeld het adres van een grote instelling of de rekening van een administratiekantoor):', '');
    for (const b of result.tooBroad) out.push(`- ${b.kind} ${md(b.key)}: ${b.providers} zorgverleners`);
    out.push('');
  }
  return out;
}
