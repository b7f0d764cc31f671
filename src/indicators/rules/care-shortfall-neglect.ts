import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { monthIndexLabel } from '../../model/dates.js';
import { budgetPeriodEnd } from '../budget-period.js';
import { careMonths, daysInMonth, firstDayOfMonth, monthOfDay, type MonthOfDayTable } from '../calendar.js';
import { compareEvidence, declarationEvidence, defineIndicator, type Evidence, type Finding, type MessageTemplate } from '../define.js';

const messages = {
  holderShortfall: {
    nl: 'In {months} opeenvolgende maand(en) ({first_month} tot {last_month}) is {hours_pct}% van de geïndiceerde uren gedeclareerd (drempel {max_share_pct}%), terwijl {amount_pct}% van het budget voor die maanden is besteed; gedeclareerd door {zorgverleners}.',
    en: 'In {months} consecutive month(s) ({first_month} to {last_month}) {hours_pct}% of the indicated hours were declared (threshold {max_share_pct}%), while {amount_pct}% of the budget for those months was spent; declared by {zorgverleners}.',
    example: { months: 4, first_month: '2025-03', last_month: '2025-06', hours_pct: 31.5, max_share_pct: 50, amount_pct: 97.2, zorgverleners: 'ZV0042' },
  },
  providerShortfall: {
    nl: 'Bij {holders} van de {wonen_holders} budgethouders met beschermd of begeleid wonen van deze zorgverlener is maandenlang minder dan {max_share_pct}% van de geïndiceerde uren gedeclareerd terwijl het budget wel werd besteed.',
    en: 'For {holders} of this provider\'s {wonen_holders} budget holders in sheltered or supported housing, less than {max_share_pct}% of the indicated hours were declared for months while the budget was spent.',
    example: { holders: 3, wonen_holders: 5, max_share_pct: 50 },
  },
} satisfies Record<string, MessageTemplate>;

const params = z.strictObject({
  maxSharePct: z
    .number()
    .gt(0)
    .max(100)
    .default(50)
    .describe('A month is short when the hours declared are below this share of the indication (indicatie_uren_per_week x days / 7) (percent)'),
  minMonths: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('The holder is flagged after at least this many consecutive short months (months)'),
  minBudgetSharePct: z
    .number()
    .min(0)
    .default(80)
    .describe("A short month counts only when the amount declared in it is at least this share of the budget's pro-rata share for the month (percent)"),
  minHolders: z
    .number()
    .int()
    .min(2)
    .default(3)
    .describe('providerShortfall fires when at least this many of the provider\'s holders show a shortfall (holders)'),
  minWonenSharePct: z
    .number()
    .gt(0)
    .max(100)
    .default(50)
    .describe("providerShortfall also fires when at least this share of the provider's housing holders with an indication show it, and at least two do (percent)"),
});

const WONEN = new Set(['beschermd_wonen', 'begeleid_wonen']);

/**
 * Months to leave out of holder h's judgement: they end a run of short months and never count as short.
 * A month is left out when absences in afwezigheden.csv (of any kind: an admission, detention or a stay
 * elsewhere all explain low hours) cover more than half its calendar days, so that a hospital stay does not
 * read as neglect. An absence covers van to tot inclusive (on both days the holder was away part of the
 * day); one without an end runs to `until`. Overlapping absences count each day once.
 */
function excludedMonths(ds: Dataset, h: number, until: number): ReadonlySet<number> {
  const absences = ds.absencesByHolder[h];
  if (absences.length === 0) return NO_MONTHS;
  const covered = new Map<number, number>();
  const addDays = (from: number, to: number) => {
    for (let m = monthOfDay(from); m <= monthOfDay(to); m++) {
      const days = Math.min(to, firstDayOfMonth(m + 1) - 1) - Math.max(from, firstDayOfMonth(m)) + 1;
      covered.set(m, (covered.get(m) ?? 0) + days);
    }
  };
  // absencesByHolder is sorted by van, so a sweep merges overlaps.
  let from = Number.NaN;
  let to = Number.NaN;
  for (const a of absences) {
    const end = Math.min(a.tot ?? until, until);
    if (end < a.van) continue;
    if (a.van <= to + 1) to = Math.max(to, end);
    else {
      if (from === from) addDays(from, to);
      from = a.van;
      to = end;
    }
  }
  if (from === from) addDays(from, to);
  const out = new Set<number>();
  for (const [m, days] of covered) if (days * 2 > daysInMonth(m)) out.add(m);
  return out;
}
const NO_MONTHS: ReadonlySet<number> = new Set();

interface Shortfall {
  holder: number;
  /** Months in runs of at least minMonths short months, ascending. */
  months: number[];
  hoursPct: number;
  amountPct: number;
}

/**
 * Per month of each judged holder's budget period (its months from base[h]; -1: not judged): declared hours
 * and euros, whether any row falls in the month, and whether a row with an amount but without hours makes
 * its hours unknown. Holds the months of one block of holders at a time.
 */
interface MonthCells {
  base: Int32Array;
  firstMonth: Int32Array;
  span: Int32Array;
  hoursIn: Float64Array;
  amountIn: Float64Array;
  seen: Uint8Array;
  unknown: Uint8Array;
}

/**
 * Months summed in one pass over the rows (9 MiB): a year for some 40,000 holders; more are summed in blocks
 * of this size, one pass over the rows each.
 */
const MONTH_CELLS = 1 << 19;

/**
 * Sums the months of holders [h0, h1) in row order: a holder's rows lie far apart in an export by month,
 * and each month still adds its rows in row order, as when reading one holder at a time.
 */
function sumMonths(ds: Dataset, cells: MonthCells, h0: number, h1: number, monthOf: MonthOfDayTable): void {
  const t = ds.declarations;
  const { base, firstMonth, span, hoursIn, amountIn, seen, unknown } = cells;
  const offset = base[h0];
  for (let r = 0; r < t.length; r++) {
    const h = t.holder[r];
    if (h < h0 || h >= h1 || base[h] < 0) continue;
    const first = firstMonth[h];
    const n = span[h];
    const from = t.periodStart[r];
    const to = t.periodEnd[r];
    const m0 = monthOf.of(from) - first;
    const m1 = monthOf.of(to) - first;
    if (m1 < 0 || m0 >= n) continue;
    const at = base[h] - offset;
    const hours = t.hours[r];
    const missing = hours !== hours && t.amount[r] > 0;
    for (let m = Math.max(0, m0); m <= Math.min(n - 1, m1); m++) {
      // A period counts pro rata for the days it has in each month.
      const share = m0 === m1 ? 1 : (Math.min(to, firstDayOfMonth(first + m + 1) - 1) - Math.max(from, firstDayOfMonth(first + m)) + 1) / (to - from + 1);
      seen[at + m] = 1;
      if (missing) unknown[at + m] = 1;
      else if (hours === hours) hoursIn[at + m] += hours * share;
      amountIn[at + m] += t.amount[r] * share;
    }
  }
}

/** Short months of holder h from its months summed (sumMonths), whose cells start at `at`; or null. */
function shortfallOf(ds: Dataset, h: number, asOf: number, p: z.output<typeof params>, cells: MonthCells, at: number): Shortfall | null {
  const holder = ds.holders[h];
  const start = holder.budgetStart;
  const end = budgetPeriodEnd(holder, asOf);
  const periodDays = end - start + 1;
  const firstMonth = cells.firstMonth[h];
  const span = cells.span[h];
  const { hoursIn, amountIn, seen, unknown } = cells;
  const excluded = excludedMonths(ds, h, end);
  const months: number[] = [];
  let indicated = 0;
  let declared = 0;
  let budgetShare = 0;
  let spent = 0;
  let run: { m: number; wanted: number; share: number }[] = [];
  const closeRun = () => {
    if (run.length >= p.minMonths)
      for (const x of run) {
        months.push(firstMonth + x.m);
        indicated += x.wanted;
        declared += hoursIn[at + x.m];
        budgetShare += x.share;
        spent += amountIn[at + x.m];
      }
    run = [];
  };
  for (let m = 0; m < span; m++) {
    // A month without declarations, or with hours unknown, is not short: no need to weigh it.
    if (seen[at + m] === 0 || unknown[at + m] === 1) {
      closeRun();
      continue;
    }
    // A month cut by the budget's start or end is judged on its days within the budget period.
    const days = Math.min(end, firstDayOfMonth(firstMonth + m + 1) - 1) - Math.max(start, firstDayOfMonth(firstMonth + m)) + 1;
    const wanted = (holder.indicatieUrenPerWeek! * days) / 7;
    const share = (holder.budgetBedrag * days) / periodDays;
    const short =
      !excluded.has(firstMonth + m) &&
      seen[at + m] === 1 &&
      unknown[at + m] === 0 &&
      hoursIn[at + m] * 100 < p.maxSharePct * wanted &&
      amountIn[at + m] * 100 >= p.minBudgetSharePct * share;
    if (short) run.push({ m, wanted, share });
    else closeRun();
  }
  closeRun();
  if (months.length === 0) return null;
  return {
    holder: h,
    months,
    hoursPct: Math.round((declared / indicated) * 1000) / 10,
    amountPct: Math.round((spent / budgetShare) * 1000) / 10,
  };
}

/** Declaration rows of holder h whose care touches one of the months (optionally of one provider only). */
function rowsInMonths(ds: Dataset, h: number, months: ReadonlySet<number>, provider = -1): number[] {
  const t = ds.declarations;
  const out: number[] = [];
  for (const r of ds.byHolder[h]) {
    if (provider >= 0 && t.provider[r] !== provider) continue;
    const last = monthOfDay(t.periodEnd[r]);
    for (let m = monthOfDay(t.periodStart[r]); m <= last; m++)
      if (months.has(m)) {
        out.push(r);
        break;
      }
  }
  return out;
}

export default defineIndicator({
  id: 'care-shortfall-neglect',
  version: 2,
  entity: 'budgethouder',
  title: { nl: 'Zorgtekort bij volle besteding (zorgwekkend)', en: 'Care shortfall while the budget is spent (concern)' },
  condition: {
    nl: 'Een budgethouder met beschermd of begeleid wonen en een indicatie in uren krijgt minstens 3 opeenvolgende kalendermaanden minder dan 50% van de geïndiceerde uren gedeclareerd, terwijl in die maanden minstens 80% van het budget naar rato wordt besteed (standaardwaarden). Eén budgethouder geeft de zorgverlener geen punten; de zorgverlener krijgt een eigen signaal vanaf 3 zulke budgethouders, of de helft van zijn wonen-budgethouders (minstens 2). Maanden die voor meer dan de helft van hun dagen onder een afwezigheid in afwezigheden.csv vallen (opname of verblijf elders, elke soort) tellen niet mee en onderbreken de reeks.',
    en: 'A budget holder in sheltered or supported housing with an indication in hours has less than 50% of the indicated hours declared for at least 3 consecutive calendar months, while at least 80% of the budget\'s pro-rata share is spent in those months (default values). One holder adds no points to the provider; the provider gets its own signal from 3 such holders, or half of its housing holders (at least 2). Months covered by an absence in afwezigheden.csv (an admission or stay elsewhere, of any kind) on more than half their days are left out and break the run.',
  },
  rationale: {
    nl: 'Bewoners die een fractie van hun zorg krijgen terwijl het budget volledig opgaat, is de kern van zorgverwaarlozing bij beschermd en begeleid wonen (IKZ 2019). Het is een zorg over de bewoner, geen verdenking van de bewoner: de budgethouder staat op de lijst zorgwekkend. Eén bewoner kan veel verklaren (opname, weigering van zorg); bij meerdere bewoners van één zorgverlener wijst het op de zorgverlener. Let op: zonder afwezigheden.csv kan een ziekenhuisopname dit signaal geven.',
    en: 'Residents who get a fraction of their care while the budget is spent in full is the core of neglect in sheltered and supported housing (IKZ 2019). It is a concern about the resident, not a suspicion of them: the holder is on the concern list. One resident can have many explanations (an admission, refusing care); several residents of one provider point to the provider. Caveat: without afwezigheden.csv a hospital stay can raise this signal.',
  },
  whatToCheck: {
    nl: [
      'Een huisbezoek bij de bewoner: welke begeleiding krijgt hij of zij werkelijk, en hoe vaak?',
      'Het zorgplan en de urenregistratie van de genoemde maanden tegenover de gedeclareerde bedragen.',
      'Of de bewoner in die maanden was opgenomen, gedetineerd of elders verbleef.',
    ],
    en: [
      'A home visit to the resident: what support does he or she really get, and how often?',
      'The care plan and hour records of the months named against the amounts declared.',
      'Whether the resident was admitted, detained or staying elsewhere in those months.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een opname, detentie of verblijf elders in die maanden die niet in afwezigheden.csv staat, of daar minder dan de halve maand beslaat.',
      'Een vast maandbedrag voor verblijf waarin de uren niet apart worden gedeclareerd.',
      'Een indicatie die hoger is dan de afgesproken zorg, bijvoorbeeld na een herindicatie.',
    ],
    en: [
      'An admission, detention or stay elsewhere in those months that is missing from afwezigheden.csv, or covers less than half a month there.',
      'A fixed monthly amount for residence in which the hours are not declared separately.',
      'An indication higher than the care agreed, for example after a reassessment.',
    ],
  },
  source:
    'IKZ 2019, "Fraude en zorgverwaarlozing bij beschermd en begeleid wonen" (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); Vektis/IKZ Wlz-pgb home visits 2017: less care than agreed, 50 cases of suspected neglect (https://www.telegraaf.nl/nieuws/2627539/inspecteurs-fraudevermoedens-bij-223-pgb-s)',
  requires: [
    { file: 'budgethouders', columns: ['indicatie_uren_per_week', 'budget_bedrag', 'budget_start'] },
    { file: 'declaraties', columns: ['uren'] },
  ],
  params,
  // Neglect of residents is the harm the scan exists to find, and several residents of one provider with
  // months of a fraction of their care at full spending is hard to explain innocently: as high as
  // impossible hours' weight class. The provider only gets points from its own, several-holder signal.
  defaultWeight: 0.5,
  holderConcern: true,
  messages,
  compute(ds, p, ctx) {
    const eligible = new Uint8Array(ds.holders.length);
    const monthOf = careMonths(ds);
    // The budget period's months of each holder judged, numbered across holders.
    const nh = ds.holders.length;
    const cells: MonthCells = {
      base: new Int32Array(nh).fill(-1),
      firstMonth: new Int32Array(nh),
      span: new Int32Array(nh),
      hoursIn: new Float64Array(0),
      amountIn: new Float64Array(0),
      seen: new Uint8Array(0),
      unknown: new Uint8Array(0),
    };
    let eligibleCount = 0;
    let total = 0;
    ds.holders.forEach((holder, h) => {
      if (!WONEN.has(holder.voorziening) || !(holder.indicatieUrenPerWeek! > 0) || !(holder.budgetBedrag > 0)) return;
      eligible[h] = 1;
      eligibleCount++;
      const end = budgetPeriodEnd(holder, ctx.asOf);
      if (end < holder.budgetStart) return;
      cells.base[h] = total;
      cells.firstMonth[h] = monthOf.of(holder.budgetStart);
      cells.span[h] = monthOf.of(end) - cells.firstMonth[h] + 1;
      total += cells.span[h];
    });
    const shortfalls: Shortfall[] = [];
    for (let h0 = 0; h0 < nh; ) {
      // Holders [h0, h1) with at most MONTH_CELLS months between them (or the one holder with more).
      while (h0 < nh && cells.base[h0] < 0) h0++;
      if (h0 === nh) break;
      let h1 = h0 + 1;
      let end = cells.base[h0] + cells.span[h0];
      for (let h = h1; h < nh; h++) {
        if (cells.base[h] < 0) continue;
        if (cells.base[h] + cells.span[h] - cells.base[h0] > MONTH_CELLS) break;
        end = cells.base[h] + cells.span[h];
        h1 = h + 1;
      }
      const size = end - cells.base[h0];
      if (cells.hoursIn.length < size) {
        cells.hoursIn = new Float64Array(size);
        cells.amountIn = new Float64Array(size);
        cells.seen = new Uint8Array(size);
        cells.unknown = new Uint8Array(size);
      } else {
        cells.hoursIn.fill(0);
        cells.amountIn.fill(0);
        cells.seen.fill(0);
        cells.unknown.fill(0);
      }
      sumMonths(ds, cells, h0, h1, monthOf);
      for (let h = h0; h < h1; h++) {
        if (cells.base[h] < 0) continue;
        const s = shortfallOf(ds, h, ctx.asOf, p, cells, cells.base[h] - cells.base[h0]);
        if (s) shortfalls.push(s);
      }
      h0 = h1;
    }

    const t = ds.declarations;
    const holderFile = ds.files.budgethouders ?? 'budgethouders.csv';
    const holderEvidence = (h: number): Evidence => ({ file: holderFile, line: ds.holders[h].line, id: ds.holders[h].id });
    const signals: Finding<keyof typeof messages>[] = [];
    /** Per provider index, the shortfall holders it declared for in their short months. */
    const byProvider = new Map<number, { holder: number; rows: number[] }[]>();
    for (const s of shortfalls) {
      const months = new Set(s.months);
      const rows = rowsInMonths(ds, s.holder, months);
      const providers = new Set<number>();
      for (const r of rows) if (t.amount[r] > 0) providers.add(t.provider[r]);
      for (const pi of providers) {
        const list = byProvider.get(pi) ?? [];
        list.push({ holder: s.holder, rows: rows.filter((r) => t.provider[r] === pi) });
        byProvider.set(pi, list);
      }
      const { evidence, amount } = declarationEvidence(ds, rows);
      evidence.push(holderEvidence(s.holder));
      evidence.sort(compareEvidence);
      const holder = ds.holders[s.holder];
      signals.push({
        messageId: 'holderShortfall',
        entity: { kind: 'budgethouder', id: holder.id },
        subject: {},
        // A single resident's shortfall has too many innocent explanations to score the provider;
        // providerShortfall below does that from several holders.
        provider: null,
        holders: [holder.id],
        amount,
        strength: 1,
        observed: {
          months: s.months.length,
          first_month: monthIndexLabel(s.months[0]),
          last_month: monthIndexLabel(s.months[s.months.length - 1]),
          hours_pct: s.hoursPct,
          amount_pct: s.amountPct,
          zorgverleners: [...providers].map((pi) => ds.providers[pi].id).sort().join(', '),
        },
        threshold: { max_share_pct: p.maxSharePct, min_months: p.minMonths, min_budget_share_pct: p.minBudgetSharePct },
        evidence,
      });
    }

    for (const [pi, list] of byProvider) {
      let wonen = 0;
      for (const h of ds.holdersOfProvider[pi]) wonen += eligible[h];
      const n = list.length;
      if (n < p.minHolders && (n < 2 || n * 100 < p.minWonenSharePct * wonen)) continue;
      const { evidence, amount } = declarationEvidence(
        ds,
        list.flatMap((x) => x.rows),
      );
      evidence.push(...list.map((x) => holderEvidence(x.holder)));
      evidence.sort(compareEvidence);
      const id = ds.providers[pi].id;
      signals.push({
        messageId: 'providerShortfall',
        entity: { kind: 'provider', id },
        subject: {},
        provider: id,
        holders: list.map((x) => ds.holders[x.holder].id).sort(),
        amount,
        strength: 1,
        observed: { holders: n, wonen_holders: wonen },
        threshold: { max_share_pct: p.maxSharePct, min_holders: p.minHolders, min_wonen_share_pct: p.minWonenSharePct },
        evidence,
      });
    }
    return { signals, stats: { wonen_holders_with_indication: eligibleCount, holders_with_shortfall: shortfalls.length } };
  },
});
