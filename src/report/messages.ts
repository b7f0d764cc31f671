// All wording of the product lives here, Dutch first, English second. Signals carry only a
// messageId and data; these templates turn them into sentences. Placeholders {key} are filled
// from the signal's observed and threshold values.
import type { Signal } from '../indicators/define.js';

export type Lang = 'nl' | 'en';
type Template = { nl: string; en: string };

export const SIGNAL_MESSAGES: Record<string, Record<string, Template>> = {
  'impossible-day-hours': {
    overDay: {
      nl: 'Zorgverlener declareerde op {days_over} dag(en) meer dan {max_hours_per_day} uur zorg, over alle budgethouders samen; het hoogste was {max_hours} uur op {max_day} ({holders} budgethouders).',
      en: 'Caregiver declared more than {max_hours_per_day} hours of care on {days_over} day(s), over all budget holders together; the highest was {max_hours} hours on {max_day} ({holders} budget holders).',
    },
    longDays: {
      nl: 'Zorgverlener declareerde in {months} maand(en) op {long_days_per_month} of meer dagen elk minstens {long_day_hours} uur; het meest in {month}: {max_long_days} zulke dagen (hoogste dag {max_hours} uur).',
      en: 'Caregiver declared at least {long_day_hours} hours a day on {long_days_per_month} or more days in {months} month(s); most in {month}: {max_long_days} such days (longest day {max_hours} hours).',
    },
  },
  'care-after-death': {
    afterDeath: {
      nl: 'Er is zorg gedeclareerd na het overlijden van de budgethouder op {overlijdensdatum}: {declarations} declaratie(s) van {first_day} tot {last_day}, tot {days_after} dagen na het overlijden.',
      en: 'Care was declared after the budget holder died on {overlijdensdatum}: {declarations} declaration(s) from {first_day} to {last_day}, up to {days_after} days after death.',
    },
  },
  'outside-entitlement': {
    beforeStart: {
      nl: 'Er is zorg gedeclareerd vóór de start van het budget op {budget_start}: {declarations} declaratie(s) van {first_day} tot {last_day}.',
      en: 'Care was declared before the budget started on {budget_start}: {declarations} declaration(s) from {first_day} to {last_day}.',
    },
    afterEnd: {
      nl: 'Er is zorg gedeclareerd na het einde van het budget op {budget_eind}: {declarations} declaratie(s) van {first_day} tot {last_day}.',
      en: 'Care was declared after the budget ended on {budget_eind}: {declarations} declaration(s) from {first_day} to {last_day}.',
    },
    overBudget: {
      nl: 'In de budgetperiode is € {declared} gedeclareerd op een budget van € {budget} ({used_pct}%, meer dan {tolerance_pct}% erboven), door {providers} zorgverlener(s).',
      en: 'In the budget period € {declared} was declared against a budget of € {budget} ({used_pct}%, more than {tolerance_pct}% over), by {providers} provider(s).',
    },
  },
  'shared-iban': {
    sharedAccount: {
      nl: 'Rekening {iban_sleutel} wordt gebruikt door {providers} zorgverleners van {firms} verschillende ondernemingen (ook: {other_providers}).',
      en: 'Account {iban_sleutel} is used by {providers} providers of {firms} different firms (also: {other_providers}).',
    },
  },
  'co-residence-cluster': {
    clusterAtAddress: {
      nl: '{holders} budgethouders van deze zorgverlener wonen op één adres ({adres_sleutel}); drempel {min_holders}. Wooninitiatief: {wooninitiatief}, KvK sinds {kvk_startdatum}.',
      en: '{holders} budget holders of this provider live at one address ({adres_sleutel}); threshold {min_holders}. Housing initiative: {wooninitiatief}, KvK since {kvk_startdatum}.',
    },
    atProviderAddress: {
      nl: '{holders} budgethouders wonen op het adres van de zorgverlener zelf ({adres_sleutel}): wonen en zorg uit één hand; drempel {min_holders_at_provider}. Wooninitiatief: {wooninitiatief}, KvK sinds {kvk_startdatum}.',
      en: '{holders} budget holders live at the provider’s own address ({adres_sleutel}): housing and care from the same hand; threshold {min_holders_at_provider}. Housing initiative: {wooninitiatief}, KvK since {kvk_startdatum}.',
    },
  },
  'representative-hub': {
    hub: {
      nl: 'Eén vertegenwoordiger ({vertegenwoordiger_id}) staat voor {holders} budgethouders die allen bij deze zorgverlener declareren; drempel {min_holders}.',
      en: 'One representative ({vertegenwoordiger_id}) acts for {holders} budget holders who all declare with this provider; threshold {min_holders}.',
    },
    representativeIsProvider: {
      nl: 'De vertegenwoordiger ({vertegenwoordiger_id}) van {holders} budgethouder(s) is de zorgverlener zelf.',
      en: 'The representative ({vertegenwoordiger_id}) of {holders} budget holder(s) is the provider itself.',
    },
    representativeAtProviderAddress: {
      nl: 'De vertegenwoordiger ({vertegenwoordiger_id}) van {holders} budgethouder(s) deelt een adres ({adres_sleutel}) met de zorgverlener.',
      en: 'The representative ({vertegenwoordiger_id}) of {holders} budget holder(s) shares an address ({adres_sleutel}) with the provider.',
    },
  },
  'tariff-outlier': {
    aboveFence: {
      nl: 'Mediaan uurtarief € {median_rate} ligt boven de bovengrens € {fence} van {n} vergelijkbare zorgverleners ({voorziening}, {soort}; Q1 € {q1}, Q3 € {q3}, {declarations} declaraties).',
      en: 'Median hourly rate € {median_rate} is above the upper fence € {fence} of {n} comparable providers ({voorziening}, {soort}; Q1 € {q1}, Q3 € {q3}, {declarations} declarations).',
    },
  },
  'flat-template-billing': {
    flatTemplate: {
      nl: 'Bij {holders_flat} van {holders_total} budgethouders ({share_pct}%) zijn de maandbedragen vrijwel gelijk (variatiecoëfficiënt tot {max_cv}) en is het budget voor minstens {min_budget_use_pct}% gebruikt.',
      en: 'For {holders_flat} of {holders_total} budget holders ({share_pct}%) the monthly amounts are almost equal (coefficient of variation up to {max_cv}) and at least {min_budget_use_pct}% of the budget is used.',
    },
  },
};

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
  const t = SIGNAL_MESSAGES[signal.indicator]?.[signal.messageId];
  if (!t) return `${signal.indicator}/${signal.messageId}`;
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
