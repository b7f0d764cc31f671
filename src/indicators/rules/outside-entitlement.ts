import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import { formatDay } from '../../model/dates.js';
import type { BudgetHolder } from '../../model/types.js';
import { budgetPeriodEnd, inBudgetPeriod } from '../budget-period.js';
import { compareEvidence, declarationEvidence, defineIndicator, roundCents, type Evidence, type Finding, type MessageTemplate } from '../define.js';

const params = z.strictObject({
  tolerancePct: z
    .number()
    .min(0)
    .default(2)
    .describe('overBudget fires when the amount declared in the budget period exceeds budget_bedrag by more than this (percent)'),
  graceDays: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Care dated up to this many days before budget_start or after budget_eind is tolerated (days)'),
});

const messages = {
  beforeStart: {
    nl: 'Er is zorg gedeclareerd vóór de start van het budget op {budget_start}: {declarations} declaratie(s) van {first_day} tot {last_day}.',
    en: 'Care was declared before the budget started on {budget_start}: {declarations} declaration(s) from {first_day} to {last_day}.',
    example: { budget_start: '2024-03-01', declarations: 2, first_day: '2024-02-12', last_day: '2024-02-26' },
  },
  afterEnd: {
    nl: 'Er is zorg gedeclareerd na het einde van het budget op {budget_eind}: {declarations} declaratie(s) van {first_day} tot {last_day}.',
    en: 'Care was declared after the budget ended on {budget_eind}: {declarations} declaration(s) from {first_day} to {last_day}.',
    example: { budget_eind: '2024-12-31', declarations: 4, first_day: '2025-01-02', last_day: '2025-01-30' },
  },
  overBudget: {
    nl: 'In de budgetperiode is € {declared} gedeclareerd op een budget van € {budget} ({used_pct}%, meer dan {tolerance_pct}% erboven), door {providers} zorgverlener(s).',
    en: 'In the budget period € {declared} was declared against a budget of € {budget} ({used_pct}%, more than {tolerance_pct}% over), by {providers} provider(s).',
    example: { declared: 23456.78, budget: 20000, used_pct: 117.28, tolerance_pct: 2, providers: 2 },
  },
} satisfies Record<string, MessageTemplate>;

type Bound = 'beforeStart' | 'afterEnd';

function groupByProvider(groups: Map<number, number[]> | null, provider: number, row: number): Map<number, number[]> {
  const out = groups ?? new Map<number, number[]>();
  const list = out.get(provider);
  if (list) list.push(row);
  else out.set(provider, [row]);
  return out;
}

function withHolder(ds: Dataset, holder: BudgetHolder, rows: number[]): { evidence: Evidence[]; amount: number } {
  const { evidence, amount } = declarationEvidence(ds, rows);
  evidence.push({ file: ds.files.budgethouders ?? 'budgethouders.csv', line: holder.line, id: holder.id });
  evidence.sort(compareEvidence);
  return { evidence, amount };
}

function boundSignal(ds: Dataset, holder: BudgetHolder, bound: Bound, pi: number, rows: number[], graceDays: number): Finding<Bound> {
  const t = ds.declarations;
  // The date that crosses the bound: a period's start before budget_start, its end after budget_eind.
  const careDay = bound === 'beforeStart' ? t.periodStart : t.periodEnd;
  let first = careDay[rows[0]];
  let last = first;
  for (const r of rows) {
    if (careDay[r] < first) first = careDay[r];
    if (careDay[r] > last) last = careDay[r];
  }
  const { evidence, amount } = withHolder(ds, holder, rows);
  const crossed: Record<string, string> =
    bound === 'beforeStart' ? { budget_start: formatDay(holder.budgetStart) } : { budget_eind: formatDay(holder.budgetEind!) };
  return {
    messageId: bound,
    entity: { kind: 'budgethouder', id: holder.id },
    subject: { zorgverlener_id: ds.providers[pi].id },
    provider: ds.providers[pi].id,
    holders: [holder.id],
    amount,
    strength: 1,
    observed: { ...crossed, first_day: formatDay(first), last_day: formatDay(last), declarations: rows.length },
    threshold: { grace_days: graceDays },
    evidence,
  };
}

function overBudgetSignal(
  ds: Dataset,
  h: number,
  asOf: number,
  declared: number,
  tolerancePct: number,
): Finding<'overBudget'> {
  const t = ds.declarations;
  const holder = ds.holders[h];
  const rows = ds.byHolder[h];
  const counted: number[] = [];
  const perProvider = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!inBudgetPeriod(holder, asOf, t.periodStart[r])) continue;
    counted.push(r);
    perProvider.set(t.provider[r], (perProvider.get(t.provider[r]) ?? 0) + t.amount[r]);
  }
  let top = '';
  let topAmount = -Infinity;
  for (const [pi, sum] of perProvider) {
    const id = ds.providers[pi].id;
    const cents = roundCents(sum);
    if (cents > topAmount || (cents === topAmount && id < top)) {
      top = id;
      topAmount = cents;
    }
  }
  const { evidence, amount } = withHolder(ds, holder, counted);
  return {
    messageId: 'overBudget',
    entity: { kind: 'budgethouder', id: holder.id },
    // The provider with the largest share can change from one night to the next; the holder's budget cannot.
    subject: {},
    provider: top,
    holders: [holder.id],
    amount,
    strength: 1,
    observed: {
      declared: roundCents(declared),
      budget: holder.budgetBedrag,
      used_pct: roundCents((declared / holder.budgetBedrag) * 100),
      providers: perProvider.size,
    },
    threshold: { tolerance_pct: tolerancePct },
    evidence,
  };
}


/** Per holder: the first and last day of care without a finding, and the budget period. */
interface HolderBounds {
  earliest: Float64Array;
  latest: Float64Array;
  periodStart: Float64Array;
  periodEnd: Float64Array;
}

/**
 * The budget period's sum per holder (added in row order, as the holder's own rows come) and whether any of
 * its rows lies outside the bounds. A loop of its own, so that it is compiled for speed soon on its one call.
 */
function readRows(t: DeclarationTable, b: HolderBounds, declaredOf: Float64Array, outside: Uint8Array): void {
  const { earliest, latest, periodStart, periodEnd } = b;
  for (let r = 0; r < t.length; r++) {
    const h = t.holder[r];
    // periodStart/periodEnd equal the day for daily declarations (see DeclarationTable).
    const ps = t.periodStart[r];
    if (ps < earliest[h] || t.periodEnd[r] > latest[h]) outside[h] = 1;
    if (ps >= periodStart[h] && ps <= periodEnd[h]) declaredOf[h] += t.amount[r];
  }
}

export default defineIndicator({
  id: 'outside-entitlement',
  version: 1,
  entity: 'budgethouder',
  title: { nl: 'Declaratie buiten budget', en: 'Declared outside the budget' },
  condition: {
    nl: 'Er is zorg gedeclareerd vóór budget_start of na budget_eind, of in de budgetperiode is meer dan 2% boven budget_bedrag gedeclareerd (standaardwaarde).',
    en: 'Care is declared before budget_start or after budget_eind, or more than 2% above budget_bedrag is declared within the budget period (default value).',
  },
  rationale: {
    nl: 'Een pgb mag alleen worden besteed aan zorg binnen de toegekende periode en het toegekende bedrag; de SVB toetst daarop. Dit is een zorg over de budgethouder, geen verdenking: veel fouten komen voort uit onbekendheid met de regels of uit een budgetwijziging die niet in de export staat. budget_bedrag geldt hier als het bedrag voor de hele budgetperiode.',
    en: 'A pgb may only be spent on care within the granted period and the granted amount; the SVB checks declarations against both. This is a concern about the budget holder, not a suspicion: many errors come from not knowing the rules or from a budget change missing from the export. budget_bedrag is read as the amount for the whole budget period.',
  },
  whatToCheck: {
    nl: [
      'De beschikking: begin, einde en bedrag van het budget, en of er een verlenging of ophoging is die niet in de export staat.',
      'De zorgovereenkomst: liep die in de gedeclareerde periode?',
      'Wie de declaraties buiten de periode of boven het budget indiende, en of de budgethouder daarvan wist.',
    ],
    en: [
      'The decision (beschikking): start, end and amount of the budget, and whether an extension or increase is missing from the export.',
      'The care agreement: did it run in the declared period?',
      'Who submitted the declarations outside the period or over the budget, and whether the budget holder knew.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een verlengde of opgehoogde beschikking die nog niet in de export is verwerkt.',
      'Een budget_bedrag dat per jaar geldt terwijl de budgetperiode langer is.',
      'Onbekendheid met de regels bij de budgethouder of een tikfout in een datum.',
    ],
    en: [
      'An extended or increased decision not yet processed in the export.',
      'A budget_bedrag that applies per year while the budget period is longer.',
      'The budget holder not knowing the rules, or a typing error in a date.',
    ],
  },
  source:
    'SVB, "Correct declareren" (declaring within the budget and the care contract) (https://www.svb.nl/int/nl/pgb/informatie_voor_zorgverleners_en_zorginstellingen/correct_declareren/); SVB, "Declareren voor uw zorgverlener" (https://svb.nl/nl/pgb/declareren-en-betalen/declareren-voor-uw-zorgverlener)',
  requires: [{ file: 'budgethouders', columns: ['budget_bedrag', 'budget_start'] }],
  params,
  defaultWeight: 0.4,
  holderConcern: true,
  messages,
  compute(ds, p, ctx) {
    const t = ds.declarations;
    const signals: Finding<keyof typeof messages>[] = [];
    const factor = 1 + p.tolerancePct / 100;
    let openEnded = 0;
    let withoutBudget = 0;
    // One pass in row order instead of each holder's rows scattered through the table: the budget period's
    // sum per holder (added in row order, as the holder's own rows come) and the rows outside the period.
    const n = ds.holders.length;
    const earliest = new Float64Array(n);
    const latest = new Float64Array(n);
    const periodStart = new Float64Array(n);
    const periodEnd = new Float64Array(n);
    for (let h = 0; h < n; h++) {
      const holder = ds.holders[h];
      earliest[h] = holder.budgetStart - p.graceDays;
      latest[h] = holder.budgetEind === null ? Infinity : holder.budgetEind + p.graceDays;
      periodStart[h] = holder.budgetStart;
      periodEnd[h] = budgetPeriodEnd(holder, ctx.asOf);
    }
    const declaredOf = new Float64Array(n);
    const outside = new Uint8Array(n);
    readRows(t, { earliest, latest, periodStart, periodEnd }, declaredOf, outside);
    for (let h = 0; h < n; h++) {
      const holder = ds.holders[h];
      if (holder.budgetEind === null) openEnded++;
      const declared = declaredOf[h];
      let before: Map<number, number[]> | null = null;
      let after: Map<number, number[]> | null = null;
      if (outside[h] === 1) {
        const rows = ds.byHolder[h];
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          if (t.periodStart[r] < earliest[h]) before = groupByProvider(before, t.provider[r], r);
          if (t.periodEnd[r] > latest[h]) after = groupByProvider(after, t.provider[r], r);
        }
      }
      for (const [pi, list] of before ?? []) signals.push(boundSignal(ds, holder, 'beforeStart', pi, list, p.graceDays));
      for (const [pi, list] of after ?? []) signals.push(boundSignal(ds, holder, 'afterEnd', pi, list, p.graceDays));
      // Without a positive budget there is no percentage to report; such rows are counted in stats.
      if (holder.budgetBedrag <= 0) {
        withoutBudget++;
        continue;
      }
      // Money is compared in whole cents: 20000 * 1.02 is 20400.000000000004 in binary.
      if (Math.round(declared * 100) > Math.round(holder.budgetBedrag * factor * 100)) {
        signals.push(overBudgetSignal(ds, h, ctx.asOf, declared, p.tolerancePct));
      }
    }
    return {
      signals,
      stats: { holders: ds.holders.length, open_ended_budgets: openEnded, holders_without_budget: withoutBudget },
    };
  },
});
