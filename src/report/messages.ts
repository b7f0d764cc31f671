// Formatting of the product's sentences: placeholder filling, numbers, money and dates, Dutch first.
// An indicator's own sentences live in its rule file (messages); this module finds them through the
// registry. Placeholders {key} are filled from the signal's observed and threshold values.
import type { MessageTemplate, Signal } from '../indicators/define.js';
import { INDICATORS } from '../indicators/index.js';

export type Lang = 'nl' | 'en';
type Template = { nl: string; en: string };

const MESSAGES_BY_INDICATOR = new Map<string, Record<string, MessageTemplate>>(INDICATORS.map((i) => [i.id, i.messages]));

/** The template of one message; throws on an unknown indicator or message id, which is a programming error. */
function signalTemplate(indicator: string, messageId: string): MessageTemplate {
  const messages = MESSAGES_BY_INDICATOR.get(indicator);
  if (messages === undefined) throw new Error(`no indicator '${indicator}' in the registry, so no message '${messageId}'`);
  if (!Object.hasOwn(messages, messageId)) throw new Error(`indicator '${indicator}' declares no message '${messageId}'`);
  return messages[messageId];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Numbers with at most two decimals (four below 0.1, for ratios such as a coefficient of
 *  variation); Dutch uses a decimal comma and '.' for thousands. */
export function formatNumber(x: number, lang: Lang): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0;
  const abs = Math.abs(x);
  let text = Number.isInteger(abs) ? abs.toFixed(0) : abs < 0.1 ? abs.toFixed(4) : (Math.round(abs * 100) / 100).toFixed(2);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [i, f] = text.split('.');
  const sepT = lang === 'nl' ? '.' : ',';
  const sepD = lang === 'nl' ? ',' : '.';
  return (neg ? '-' : '') + groupThousands(i, sepT) + (f ? sepD + f : '');
}

function formatValue(v: unknown, lang: Lang): string {
  if (typeof v === 'number') return formatNumber(v, lang);
  if (typeof v === 'string') {
    const m = ISO_DAY.exec(v);
    if (m && lang === 'nl') return `${m[3]}-${m[2]}-${m[1]}`;
    return v;
  }
  return String(v);
}

/** Euros always with cents: "€ 37.812,20", never "€ 37.812,2". */
export function formatMoney(x: number, lang: Lang): string {
  const [i, f] = Math.abs(x).toFixed(2).split('.');
  return (x < 0 ? '-' : '') + groupThousands(i, lang === 'nl' ? '.' : ',') + (lang === 'nl' ? ',' : '.') + f;
}

export function fillTemplate(template: string, data: Record<string, unknown>, lang: Lang): string {
  return template
    .replace(/€ \{([a-z0-9_]+)\}/g, (whole, key: string) =>
      typeof data[key] === 'number' ? `€ ${formatMoney(data[key] as number, lang)}` : whole,
    )
    .replace(/\{([a-z0-9_]+)\}/g, (whole, key: string) => (key in data ? formatValue(data[key], lang) : whole));
}

export function renderSignal(signal: Pick<Signal, 'indicator' | 'messageId' | 'observed' | 'threshold'>, lang: Lang): string {
  const t = signalTemplate(signal.indicator, signal.messageId);
  return fillTemplate(t[lang], { ...signal.threshold, ...signal.observed }, lang);
}

export const TIER_LABEL: Record<'hoog' | 'midden' | 'laag', Template> = {
  hoog: { nl: 'hoog', en: 'high' },
  midden: { nl: 'midden', en: 'medium' },
  laag: { nl: 'laag', en: 'low' },
};

export const HOLDER_LABEL: Template = { nl: 'zorgwekkend', en: 'of concern' };

/** The caveat every report carries (GDPR art. 22; SyRI ruling): a signal is a reason to look, not a finding. */
export const CAVEAT: Template = {
  nl: 'Een signaal is een reden om te kijken, geen bevinding en geen besluit. Elke score berust op gepubliceerde regels en is terug te voeren op regels in de invoer; beoordeling door een mens blijft nodig voordat er iets gebeurt. Budgethouders zijn vaak slachtoffer: hun lijst is een lijst van zorgen, niet van verdachten.',
  en: 'A signal is a reason to look, not a finding and not a decision. Every score rests on published rules and traces back to input rows; a person must review before anything is done. Budget holders are often victims: their list is a list of concerns, not of suspects.',
};
