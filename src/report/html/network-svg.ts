// The picture of one provider network as inline SVG: members on a circle in id order, one line per pair
// that shares something, labelled by what they share. A pure function of the network, so the bytes are
// the same on every run; coordinates are rounded to a tenth of a pixel.
import { LINK_KINDS, type NetworkLink, type ProviderNetwork } from '../../networks/networks.js';
import type { Lang } from '../messages.js';
import { htmlText } from './html-text.js';
import { HTML_WORDS } from './words.js';

/** More members than this make an unreadable ring; the flagged ones are drawn first. */
export const MAX_MEMBERS_DRAWN = 24;
/** A key shared by more providers than this is drawn as a chain in id order rather than every pair. */
const MAX_CLIQUE = 6;
const NODE_R = 7;
const LABEL_CHARS = 22;
/** More lines than this get no text of their own (it would only clutter): the legend and each line's tooltip say what they share. */
const MAX_LABELLED_EDGES = 8;
const LEGEND_ROW = 16;

const KIND_COLOUR: Record<NetworkLink['kind'], string> = {
  iban_sleutel: '#6a1b9a',
  adres_sleutel: '#1565c0',
  kvk_nummer: '#2e7d32',
  agb_code: '#00838f',
  vertegenwoordiger: '#ef6c00',
  opvolging: '#37474f',
};

const r1 = (x: number) => String(Math.round(x * 10) / 10);

/** At most n characters (code points, so no half of a surrogate pair), with an ellipsis when cut. */
export function shorten(text: string, n: number): string {
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}

interface Edge {
  from: string;
  to: string;
  kinds: NetworkLink['kind'][];
  /** A succession: drawn as an arrow from the predecessor. */
  directed: boolean;
}

function edgesOf(links: NetworkLink[], drawn: Set<string>): Edge[] {
  const byPair = new Map<string, Edge>();
  // One line per pair, whatever and however much they share; a succession gives it the predecessor's direction.
  const add = (from: string, to: string, kind: NetworkLink['kind'], directed: boolean) => {
    if (!drawn.has(from) || !drawn.has(to) || from === to) return;
    const key = from < to ? `${from}\u0000${to}` : `${to}\u0000${from}`;
    let e = byPair.get(key);
    if (e === undefined) byPair.set(key, (e = { from: from < to ? from : to, to: from < to ? to : from, kinds: [], directed: false }));
    if (!e.kinds.includes(kind)) e.kinds.push(kind);
    if (directed) Object.assign(e, { from, to, directed: true });
  };
  for (const l of links) {
    if (l.kind === 'opvolging') {
      for (const p of l.providers) add(l.key, p, l.kind, true);
      continue;
    }
    const ps = l.providers.filter((p) => drawn.has(p));
    if (ps.length > MAX_CLIQUE) for (let i = 1; i < ps.length; i++) add(ps[i - 1], ps[i], l.kind, false);
    else for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) add(ps[i], ps[j], l.kind, false);
  }
  // Kinds in LINK_KINDS order, pairs in key order: the same bytes whatever order the links came in.
  for (const e of byPair.values()) e.kinds.sort((a, b) => LINK_KINDS.indexOf(a) - LINK_KINDS.indexOf(b));
  return [...byPair.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** The members drawn: all of them, or the flagged ones first up to the limit; always in id order. */
function drawnMembers(n: ProviderNetwork): string[] {
  if (n.members.length <= MAX_MEMBERS_DRAWN) return n.members;
  const flagged = new Set(n.flagged);
  const pick = [...n.flagged, ...n.members.filter((m) => !flagged.has(m))].slice(0, MAX_MEMBERS_DRAWN);
  return pick.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One network as a figure; `index` makes the ids inside the SVG unique on the page. */
export function networkFigure(n: ProviderNetwork, index: number, lang: Lang): string {
  const hw = HTML_WORDS[lang];
  const members = drawnMembers(n);
  const flagged = new Set(n.flagged);
  const count = members.length;
  const radius = Math.max(90, Math.min(220, count * 16));
  // Start on the left and go clockwise: two members lie side by side, their labels outward.
  const pos = new Map(
    members.map((m, i) => {
      const a = Math.PI + (2 * Math.PI * i) / count;
      return [m, { x: radius * Math.cos(a), y: radius * Math.sin(a), cos: Math.cos(a), sin: Math.sin(a) }];
    }),
  );
  // The box around the members, with room for the labels beside (left, right) and under or over them.
  const edges = edgesOf(n.links, new Set(members));
  const kinds = LINK_KINDS.filter((k) => edges.some((e) => e.kinds.includes(k)));
  // The box around the members, with room for the labels beside (left, right) and under or over them,
  // and the legend of line colours below.
  const ys = [...pos.values()].map((p) => p.y);
  const top = Math.floor(Math.min(...ys) - 34);
  const legendTop = Math.ceil(Math.max(...ys) + 34);
  const height = legendTop + kinds.length * LEGEND_ROW + 6 - top;
  const left = -radius - 180;
  const width = 2 * (radius + 180);
  const titleId = `net-${index}-title`;
  const arrowId = `net-${index}-arrow`;
  const out: string[] = [];
  out.push(`<figure id="netwerk-${index}">`);
  out.push(`<svg viewBox="${left} ${top} ${width} ${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="${titleId}">${htmlText(hw.networkPicture(n.id))}</title>`);
  out.push(
    `<defs><marker id="${arrowId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${KIND_COLOUR.opvolging}"/></marker></defs>`,
  );
  for (const e of edges) {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    // Stop at the node's edge so an arrowhead is not hidden under it.
    const x1 = a.x + (dx / len) * NODE_R;
    const y1 = a.y + (dy / len) * NODE_R;
    const x2 = b.x - (dx / len) * (NODE_R + 1);
    const y2 = b.y - (dy / len) * (NODE_R + 1);
    const label = e.kinds.map((k) => hw.linkKinds[k]).join(', ');
    const dash = e.kinds.length > 1 ? ' stroke-dasharray="6 3"' : '';
    const marker = e.directed ? ` marker-end="url(#${arrowId})"` : '';
    out.push(
      `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${KIND_COLOUR[e.kinds[0]]}" stroke-width="2"${dash}${marker}><title>${htmlText(`${e.from} – ${e.to}: ${label}`)}</title></line>`,
    );
    if (edges.length <= MAX_LABELLED_EDGES)
      out.push(`<text class="edge-label" x="${r1((a.x + b.x) / 2)}" y="${r1((a.y + b.y) / 2 - 6)}" text-anchor="middle">${htmlText(label)}</text>`);
  }
  for (const m of members) {
    const p = pos.get(m)!;
    const isFlagged = flagged.has(m);
    // Labels point outward; only a member straight above or below the centre has its label centred.
    const anchor = p.cos > 0.01 ? 'start' : p.cos < -0.01 ? 'end' : 'middle';
    const lx = p.x + p.cos * (NODE_R + 6);
    const ly = p.y + p.sin * (NODE_R + 10) + 4;
    out.push(
      `<circle cx="${r1(p.x)}" cy="${r1(p.y)}" r="${NODE_R}" fill="${isFlagged ? '#b3261e' : '#9aa0a6'}"><title>${htmlText(`${m} (${isFlagged ? hw.flaggedMember : hw.otherMember})`)}</title></circle>`,
    );
    out.push(`<text class="label" x="${r1(lx)}" y="${r1(ly)}" text-anchor="${anchor}">${htmlText(shorten(m, LABEL_CHARS))}</text>`);
  }
  kinds.forEach((k, i) => {
    const y = legendTop + i * LEGEND_ROW + 8;
    out.push(`<line x1="${left + 10}" y1="${y}" x2="${left + 40}" y2="${y}" stroke="${KIND_COLOUR[k]}" stroke-width="2"/>`);
    out.push(`<text class="small" x="${left + 46}" y="${y + 4}">${htmlText(`${hw.linkLegend}: ${hw.linkKinds[k]}`)}</text>`);
  });
  out.push('</svg>');
  const notDrawn = n.members.length - members.length;
  out.push(`<figcaption>${htmlText(hw.networkLegend)}${notDrawn > 0 ? ` ${htmlText(hw.membersNotDrawn(notDrawn))}` : ''}</figcaption>`);
  out.push('</figure>');
  return out.join('\n');
}
