// The chart of scores and amounts as inline SVG: one row per provider, a bar for its score (0 to 100) and
// one for its amount (scaled to the largest shown). Deterministic: coordinates rounded to a tenth.
import { formatMoney, formatNumber, type Lang } from '../messages.js';
import type { ProviderView } from '../view.js';
import { htmlText } from './html-text.js';
import { shorten } from './network-svg.js';
import { HTML_WORDS } from './words.js';

const ROW = 22;
const TOP = 26;
const LABEL_W = 215;
const SCORE_X = 225;
const SCORE_W = 180;
const AMOUNT_X = 455;
const AMOUNT_W = 190;
const WIDTH = 760;
const NAME_CHARS = 24;

const TIER_COLOUR: Record<ProviderView['tier'], string> = { hoog: '#b3261e', midden: '#b26a00', laag: '#44617b' };

const r1 = (x: number) => String(Math.round(x * 10) / 10);

export function scoreChart(providers: ProviderView[], lang: Lang): string {
  const hw = HTML_WORDS[lang];
  const max = Math.max(0, ...providers.map((p) => p.amount));
  const height = TOP + providers.length * ROW + 6;
  const out: string[] = [];
  out.push(`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="grafiek-titel" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="grafiek-titel">${htmlText(hw.chartHeading)}</title>`);
  out.push(`<text class="small" x="${SCORE_X}" y="14">${htmlText(hw.chartScore)} (0–100)</text>`);
  out.push(`<text class="small" x="${AMOUNT_X}" y="14">${htmlText(hw.chartAmount)}</text>`);
  out.push(`<line class="axis" x1="${SCORE_X}" y1="${TOP - 6}" x2="${SCORE_X}" y2="${height}"/>`);
  out.push(`<line class="axis" x1="${AMOUNT_X}" y1="${TOP - 6}" x2="${AMOUNT_X}" y2="${height}"/>`);
  providers.forEach((p, i) => {
    const y = TOP + i * ROW;
    const scoreW = (SCORE_W * Math.min(100, Math.max(0, p.score))) / 100;
    const amountW = max > 0 ? (AMOUNT_W * Math.max(0, p.amount)) / max : 0;
    out.push(`<g><title>${htmlText(`${p.rank}. ${p.naam || p.id} (${p.id}): ${hw.chartScore} ${formatNumber(p.score, lang)}, € ${formatMoney(p.amount, lang)}`)}</title>`);
    out.push(`<text class="label" x="${LABEL_W}" y="${y + 14}" text-anchor="end">${htmlText(`${p.rank}. ${shorten(p.naam || p.id, NAME_CHARS)}`)}</text>`);
    out.push(`<rect x="${SCORE_X}" y="${y + 3}" width="${r1(scoreW)}" height="${ROW - 8}" fill="${TIER_COLOUR[p.tier]}"/>`);
    out.push(`<text class="small" x="${r1(SCORE_X + scoreW + 4)}" y="${y + 14}">${formatNumber(p.score, lang)}</text>`);
    out.push(`<rect x="${AMOUNT_X}" y="${y + 3}" width="${r1(amountW)}" height="${ROW - 8}" fill="#44617b"/>`);
    out.push(`<text class="small" x="${r1(AMOUNT_X + amountW + 4)}" y="${y + 14}">€ ${formatMoney(p.amount, lang)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
