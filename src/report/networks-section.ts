import type { NetworkResult } from '../networks/networks.js';
import { mdText as md } from './markdown-text.js';
import { formatMoney, type Lang } from './messages.js';
import { WORDING } from './wording.js';

/** The report.md section on provider networks: each network with members and links, then the keys too broadly shared to link. */
export function networksSection(result: NetworkResult, lang: Lang = 'nl'): string[] {
  const w = WORDING[lang].networks;
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
