import { z } from 'zod';
import { declaredInBudgetPeriod } from '../budget-period.js';
import { declarationEvidence, defineIndicator, type Finding } from '../define.js';
import { monthOfDay } from '../calendar.js';

const params = z.strictObject({
  maxCv: z
    .number()
    .positive()
    .default(0.02)
    .describe('A holder is flat when the coefficient of variation (population sd / mean) of its monthly amounts is below this (unitless)'),
  minMonths: z
    .number()
    .int()
    .min(2)
    .default(6)
    .describe('Minimum number of calendar months with declarations for a holder to be judged flat'),
  minBudgetUsePct: z
    .number()
    .min(0)
    .default(98)
    .describe("Minimum budget use of a flat holder, in percent: declared by all providers within the budget period / budget_bedrag * 100"),
  minSharePct: z
    .number()
    .gt(0)
    .max(100)
    .default(75)
    .describe("Minimum share of the provider's holders that are flat, in percent"),
  minHolders: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe('Minimum number of holders the provider declared for; one holder on a fixed monthly wage is a legal SVB arrangement'),
});

// Month keys stay below 2^17 up to the year 9999, so provider * 2^17 + month is an exact integer key.
const MONTH_SPAN = 131_072;

/** Coefficient of variation with the population sd; NaN when the mean is not positive. */
function coefficientOfVariation(xs: number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (!(mean > 0)) return Number.NaN;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return Math.sqrt(ss / xs.length) / mean;
}

interface FlatHolder {
  holder: number;
  cv: number;
  budgetUsePct: number;
}


const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

export default defineIndicator({
  id: 'flat-template-billing',
  version: 1,
  entity: 'provider',
  title: { nl: 'Sjabloondeclaraties', en: 'Template billing' },
  condition: {
    nl: 'Bij een zorgverlener declareert het merendeel van de budgethouders maand na maand vrijwel hetzelfde bedrag, terwijl hun budget vrijwel op is.',
    en: "For most of a provider's budget holders the same amount is declared month after month while their budget is nearly used up.",
  },
  rationale: {
    nl: 'Echte zorg schommelt; identieke maandbedragen die het budget precies opmaken, wijzen op declareren volgens sjabloon in plaats van op geleverde zorg. Een vast maandbedrag is bij de SVB een toegestane werkwijze (werkwijze B), dus dit telt alleen mee naast budgetuitputting bij meerdere budgethouders en weegt licht.',
    en: 'Real care fluctuates; identical monthly amounts that exactly exhaust the budget suggest billing by template rather than care delivered. A fixed monthly amount is a permitted SVB arrangement (werkwijze B), so this only counts beside budget exhaustion across several holders and carries a low weight.',
  },
  whatToCheck: {
    nl: [
      'Of de zorgovereenkomsten een vast maandbedrag (werkwijze B) afspreken, en of dat past bij de indicatie.',
      'Roosters of urenregistratie: schommelt de geleverde zorg terwijl de declaraties gelijk blijven?',
      'Bij de budgethouders: krijgen zij de zorg die het maandbedrag veronderstelt?',
    ],
    en: [
      'Whether the care agreements set a fixed monthly amount (werkwijze B), and whether it fits the indication.',
      'Rosters or hour records: does the care delivered vary while the declarations stay equal?',
      'With the budget holders: do they receive the care the monthly amount implies?',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een vast maandbedrag volgens werkwijze B van de SVB, wat is toegestaan.',
      'Een instelling met een vast dagtarief voor verblijf, waar elke maand hetzelfde kost.',
      'Een budget dat bewust op de vaste zorg is afgestemd en daardoor precies opgaat.',
    ],
    en: [
      'A fixed monthly amount under SVB werkwijze B, which is allowed.',
      'An institution with a fixed daily rate for residence, where every month costs the same.',
      'A budget deliberately sized to fixed care, which is therefore used exactly.',
    ],
  },
  source:
    'IKZ 2019, more care declared than delivered (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); SVB model contract, werkwijze B fixed monthly amount (https://lawinsider.com/nl/contracts/eBjahdmfOh); EVV rounding literature',
  requires: [
    { file: 'budgethouders', columns: ['budget_bedrag', 'budget_start'] },
    { file: 'declaraties', columns: ['bedrag'] },
  ],
  params,
  defaultWeight: 0.25,
  holderConcern: true,
  messages: {
    flatTemplate: {
      nl: 'Bij {holders_flat} van {holders_total} budgethouders ({share_pct}%) zijn de maandbedragen vrijwel gelijk (variatiecoëfficiënt tot {max_cv}) en is het budget voor minstens {min_budget_use_pct}% gebruikt.',
      en: 'For {holders_flat} of {holders_total} budget holders ({share_pct}%) the monthly amounts are almost equal (coefficient of variation up to {max_cv}) and at least {min_budget_use_pct}% of the budget is used.',
      example: { holders_flat: 4, holders_total: 5, share_pct: 80, max_cv: 0.0041, min_budget_use_pct: 99.2 },
    },
  },
  compute(ds, p, ctx) {
    const t = ds.declarations;
    const flatByProvider = new Map<number, FlatHolder[]>();
    for (let h = 0; h < ds.holders.length; h++) {
      const holder = ds.holders[h];
      const rows = ds.byHolder[h];
      if (rows.length < p.minMonths || !(holder.budgetBedrag > 0)) continue;
      const used = declaredInBudgetPeriod(ds, h, ctx.asOf);
      // Compared multiplied out, so 98.0% is not lost to a division rounding just below it.
      if (used * 100 < p.minBudgetUsePct * holder.budgetBedrag) continue;

      const monthly = new Map<number, number>();
      for (const r of rows) {
        const key = t.provider[r] * MONTH_SPAN + monthOfDay(t.periodStart[r]);
        monthly.set(key, (monthly.get(key) ?? 0) + t.amount[r]);
      }
      const byProvider = new Map<number, number[]>();
      for (const [key, amount] of monthly) {
        const provider = Math.floor(key / MONTH_SPAN);
        const list = byProvider.get(provider);
        if (list) list.push(amount);
        else byProvider.set(provider, [amount]);
      }
      for (const [provider, amounts] of byProvider) {
        if (amounts.length < p.minMonths) continue;
        const cv = coefficientOfVariation(amounts);
        if (!(cv < p.maxCv)) continue;
        const flat: FlatHolder = { holder: h, cv, budgetUsePct: (used / holder.budgetBedrag) * 100 };
        const list = flatByProvider.get(provider);
        if (list) list.push(flat);
        else flatByProvider.set(provider, [flat]);
      }
    }

    const signals: Finding<'flatTemplate'>[] = [];
    for (const [pi, flat] of flatByProvider) {
      const total = ds.holdersOfProvider[pi].length;
      if (total < p.minHolders || flat.length * 100 < p.minSharePct * total) continue;
      const flatSet = new Set(flat.map((f) => f.holder));
      const rows: number[] = [];
      for (const r of ds.byProvider[pi]) if (flatSet.has(t.holder[r])) rows.push(r);
      const { evidence, amount } = declarationEvidence(ds, rows);
      const provider = ds.providers[pi];
      signals.push({
        messageId: 'flatTemplate',
        entity: { kind: 'provider', id: provider.id },
        subject: {},
        provider: provider.id,
        holders: flat.map((f) => ds.holders[f.holder].id).sort(),
        amount,
        strength: 1,
        observed: {
          holders_flat: flat.length,
          holders_total: total,
          share_pct: round((flat.length / total) * 100, 2),
          max_cv: round(flat.reduce((m, f) => Math.max(m, f.cv), 0), 4),
          min_budget_use_pct: round(flat.reduce((m, f) => Math.min(m, f.budgetUsePct), Infinity), 2),
        },
        threshold: {
          max_cv: p.maxCv,
          min_months: p.minMonths,
          min_budget_use_pct: p.minBudgetUsePct,
          min_share_pct: p.minSharePct,
        },
        evidence,
      });
    }
    return { signals };
  },
});
