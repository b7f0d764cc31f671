import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { formatDay } from '../../model/dates.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import type { CareContract } from '../../model/types.js';
import { careDaySpan, firstDayOfIsoWeek, isoWeekOfDay } from '../calendar.js';
import { namedContracts } from '../contract-ids.js';
import { compareEvidence, declarationEvidence, defineIndicator, roundCents, type Finding, type MessageTemplate } from '../define.js';

const messages = {
  hoursOverContract: {
    nl: 'In {weeks_over} week/weken zijn meer uren gedeclareerd dan de zorgovereenkomst toestaat ({uren_per_week} uur per week plus {tolerance_pct}%), en gemiddeld {average_hours} uur per week over {weeks} weken met zorg; het meest {max_week_hours} uur in de week van {max_week}.',
    en: 'In {weeks_over} week(s) more hours were declared than the care agreement allows ({uren_per_week} hours a week plus {tolerance_pct}%), and {average_hours} hours a week on average over {weeks} weeks of care; the most was {max_week_hours} hours in the week of {max_week}.',
    example: { weeks_over: 6, uren_per_week: 12, tolerance_pct: 10, average_hours: 14.2, weeks: 26, max_week_hours: 21.5, max_week: '2025-03-10' },
  },
  rateOverContract: {
    nl: '{declarations} declaratie(s) met een uurtarief boven het tarief van de zorgovereenkomst (€ {tarief} plus {rate_tolerance_pct}%); het hoogste € {max_rate}.',
    en: '{declarations} declaration(s) at an hourly rate above the care agreement\'s rate (€ {tarief} plus {rate_tolerance_pct}%); the highest € {max_rate}.',
    example: { declarations: 8, tarief: 45, rate_tolerance_pct: 2, max_rate: 62.5 },
  },
  outsideTerm: {
    nl: '{declarations} declaratie(s) met zorg buiten de looptijd van de zorgovereenkomst ({start} tot {eind}), van {first_day} tot {last_day}.',
    en: '{declarations} declaration(s) with care outside the term of the care agreement ({start} to {eind}), from {first_day} to {last_day}.',
    example: { declarations: 3, start: '2025-01-01', eind: '2025-06-30', first_day: '2025-07-01', last_day: '2025-09-30' },
  },
} satisfies Record<string, MessageTemplate>;

type MessageId = keyof typeof messages;

const params = z.strictObject({
  tolerancePct: z
    .number()
    .min(0)
    .default(10)
    .describe('A week is over when its declared hours exceed uren_per_week by more than this (percent)'),
  minWeeks: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe('hoursOverContract fires when at least this many ISO weeks are over (weeks)'),
  averageTolerancePct: z
    .number()
    .min(0)
    .default(20)
    .describe('hoursOverContract also needs the weekly average over the span of care (first to last week with care) above uren_per_week by more than this (percent)'),
  minExcessHours: z
    .number()
    .min(0)
    .default(1)
    .describe('hoursOverContract also needs that average at least this many hours a week above uren_per_week, so that a quarter hour of rounding on a small agreement is no finding (hours)'),
  fullStrengthPct: z
    .number()
    .gt(0)
    .default(50)
    .describe('hoursOverContract counts fully when the average is at least this far above uren_per_week, half below it (percent)'),
  rateTolerancePct: z
    .number()
    .min(0)
    .default(2)
    .describe('A declaration is over when its hourly rate exceeds the agreed tarief by more than this (percent)'),
});

/**
 * Agreement × week cells summed in one pass over the rows (8 MiB): a year of weeks for some 20,000 agreements
 * whose hours may be over; more are summed in blocks of this size, one pass over the rows each.
 */
const WEEK_CELLS = 1 << 20;

/** Days between a care period and the agreement's term (0 when they meet), to pick the agreement a stray row belongs to. */
function distance(c: CareContract, from: number, to: number): number {
  if (c.start !== null && to < c.start) return c.start - to;
  if (c.eind !== null && from > c.eind) return from - c.eind;
  return 0;
}

/** For each declaration, the index of its agreement in ds.contracts, or -1: by zorgovereenkomst_id, else by holder and provider. */
function joinContracts(ds: Dataset, contracts: readonly CareContract[]): ArrayLike<number> {
  const t = ds.declarations;
  const named = namedContracts(ds);
  const byPair = new Map<number, number[]>();
  const nProviders = ds.providers.length;
  for (let i = 0; i < contracts.length; i++) {
    const c = contracts[i];
    const key = c.holder * nProviders + c.provider;
    const list = byPair.get(key);
    if (list) list.push(i);
    else byPair.set(key, [i]);
  }
  // namedContracts is shared with other rules: the joins by pair go into a copy.
  // Usually every row names its agreement: then the shared join is the answer, and no row-sized copy is made.
  let out: Int32Array | null = null;
  for (let r = 0; r < t.length; r++) {
    if (named[r] >= 0) continue;
    const list = byPair.get(t.holder[r] * nProviders + t.provider[r]);
    if (list === undefined) continue;
    let best = list[0];
    let bestDistance = Infinity;
    for (const i of list) {
      const d = distance(contracts[i], t.periodStart[r], t.periodEnd[r]);
      if (d < bestDistance) [best, bestDistance] = [i, d];
    }
    if (out === null) {
      out = new Int32Array(t.length);
      out.set(named);
    }
    out[r] = best;
  }
  return out ?? named;
}

/** What the row loops read of each agreement, as typed arrays beside the rows rather than an object per row. */
interface AgreementTerms {
  termStart: Float64Array;
  termEnd: Float64Array;
  rateLimitCents: Float64Array;
  checkHours: Uint8Array;
}

function agreementTerms(contracts: readonly CareContract[], rateTolerancePct: number): AgreementTerms {
  const n = contracts.length;
  const terms = { termStart: new Float64Array(n), termEnd: new Float64Array(n), rateLimitCents: new Float64Array(n), checkHours: new Uint8Array(n) };
  for (let ci = 0; ci < n; ci++) {
    const c = contracts[ci];
    terms.termStart[ci] = c.start ?? -Infinity;
    terms.termEnd[ci] = c.eind ?? Infinity;
    terms.rateLimitCents[ci] = c.tarief === null ? Infinity : Math.round(c.tarief * (100 + rateTolerancePct));
    terms.checkHours[ci] = c.urenPerWeek !== null ? 1 : 0;
  }
  return terms;
}

/** Per agreement: first and last week with positive hours (none while lo > hi), those hours, and the rows outside its term or over its rate. */
interface AgreementRows {
  lo: Int32Array;
  hi: Int32Array;
  positiveHours: Float64Array;
  outside: Array<number[] | undefined>;
  overRate: Array<number[] | undefined>;
  rowsJoined: number;
}

/**
 * One pass over the rows in row order: an agreement's rows lie far apart in an export by month, and each sum
 * still adds its rows in row order, as when reading one agreement at a time. A function of its own (as
 * sumWeeks), so that its loop is compiled for speed soon on its one call.
 */
function readRows(t: DeclarationTable, joined: ArrayLike<number>, terms: AgreementTerms, n: number, firstWeek: number): AgreementRows {
  const { termStart, termEnd, rateLimitCents, checkHours } = terms;
  const lo = new Int32Array(n).fill(0x7fffffff);
  const hi = new Int32Array(n).fill(-1);
  const positiveHours = new Float64Array(n);
  const outside = new Array<number[] | undefined>(n);
  const overRate = new Array<number[] | undefined>(n);
  let rowsJoined = 0;
  for (let r = 0; r < t.length; r++) {
    const ci = joined[r];
    if (ci < 0) continue;
    rowsJoined++;
    const start = t.periodStart[r];
    const end = t.periodEnd[r];
    // Outside the term: a daily row by its day, a period only when wholly outside.
    if (end < termStart[ci] || start > termEnd[ci]) {
      (outside[ci] ??= []).push(r);
      continue;
    }
    const hours = t.hours[r];
    if (checkHours[ci] === 1 && hours > 0) {
      const w0 = isoWeekOfDay(start) - firstWeek;
      const w1 = isoWeekOfDay(end) - firstWeek;
      if (w0 < lo[ci]) lo[ci] = w0;
      if (w1 > hi[ci]) hi[ci] = w1;
      positiveHours[ci] += hours;
    }
    if (rateLimitCents[ci] !== Infinity && t.amount[r] > 0) {
      const rate = t.tariff[r] >= 0 ? t.tariff[r] : hours > 0 ? t.amount[r] / hours : Number.NaN;
      // In cents, so bedrag / uren at the agreed rate does not tip over on binary noise.
      if (Math.round(rate * 100) > rateLimitCents[ci]) (overRate[ci] ??= []).push(r);
    }
  }
  return { lo, hi, positiveHours, outside, overRate, rowsJoined };
}

/** Sums the hours per week of candidates [k0, k1) (candidate[ci]: the agreement's number among them) in row order, `weeks` cells each. */
function sumWeeks(
  t: DeclarationTable,
  joined: ArrayLike<number>,
  terms: AgreementTerms,
  candidate: Int32Array,
  k0: number,
  k1: number,
  weeks: number,
  firstWeek: number,
  weekHours: Float64Array,
): void {
  const { termStart, termEnd } = terms;
  for (let r = 0; r < t.length; r++) {
    const ci = joined[r];
    if (ci < 0) continue;
    const k = candidate[ci];
    if (k < k0 || k >= k1) continue;
    const start = t.periodStart[r];
    const end = t.periodEnd[r];
    const hours = t.hours[r];
    if (end < termStart[ci] || start > termEnd[ci] || hours !== hours) continue;
    const base = (k - k0) * weeks;
    const w0 = isoWeekOfDay(start) - firstWeek;
    const w1 = isoWeekOfDay(end) - firstWeek;
    if (w0 === w1) weekHours[base + w0] += hours;
    else {
      // A period counts pro rata for the days it has in each week.
      const perDay = hours / (end - start + 1);
      for (let w = w0; w <= w1; w++) {
        const a = Math.max(start, firstDayOfIsoWeek(w + firstWeek));
        const b = Math.min(end, firstDayOfIsoWeek(w + firstWeek + 1) - 1);
        weekHours[base + w] += perDay * (b - a + 1);
      }
    }
  }
}

/**
 * The evidence of the hours findings of candidates [k0, k0 + overLimit.length): each one's rows with care in a
 * week over its limit (overLimit; NaN for a candidate without a finding), in row order.
 */
function weeksOverRows(
  t: DeclarationTable,
  joined: ArrayLike<number>,
  terms: AgreementTerms,
  candidate: Int32Array,
  k0: number,
  weeks: number,
  firstWeek: number,
  weekHours: Float64Array,
  overLimit: Float64Array,
  findings: ReadonlyMap<number, { rows: number[] }>,
): void {
  const { termStart, termEnd } = terms;
  for (let r = 0; r < t.length; r++) {
    const ci = joined[r];
    if (ci < 0) continue;
    const k = candidate[ci] - k0;
    if (k < 0 || k >= overLimit.length) continue;
    const limit = overLimit[k];
    const start = t.periodStart[r];
    const end = t.periodEnd[r];
    if (limit !== limit || end < termStart[ci] || start > termEnd[ci] || !Number.isFinite(t.hours[r])) continue;
    const base = k * weeks;
    const w1 = isoWeekOfDay(end) - firstWeek;
    for (let w = isoWeekOfDay(start) - firstWeek; w <= w1; w++)
      if (Math.round(weekHours[base + w] * 1e6) / 1e6 > limit) {
        findings.get(ci)!.rows.push(r);
        break;
      }
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export default defineIndicator({
  id: 'declared-exceeds-contract',
  version: 1,
  entity: 'budgethouder',
  title: { nl: 'Meer gedeclareerd dan overeengekomen', en: 'Declared beyond the care agreement' },
  condition: {
    nl: 'Tegen de zorgovereenkomst (op zorgovereenkomst_id, anders op budgethouder en zorgverlener): in minstens 4 ISO-weken meer uren dan uren_per_week plus 10% (periodedeclaraties naar rato: uren × 7 / dagen) terwijl ook het gemiddelde per week over de periode met zorg meer dan 20% en minstens 1 uur erboven ligt (volledig vanaf 50% erboven, daaronder half), of een uurtarief meer dan 2% boven het afgesproken tarief, of zorg buiten de looptijd (standaardwaarden).',
    en: 'Against the care agreement (by zorgovereenkomst_id, else by holder and provider): in at least 4 ISO weeks more hours than uren_per_week plus 10% (period declarations pro rata: hours × 7 / days) while the weekly average over the span of care is more than 20% and at least 1 hour above it too (fully from 50% above, half below), or an hourly rate more than 2% above the agreed rate, or care outside the term (default values).',
  },
  rationale: {
    nl: 'De zorgovereenkomst legt vast hoeveel zorg tegen welk tarief en in welke periode geleverd wordt; de SVB toetst declaraties eraan. Structureel meer uren, een hoger tarief of zorg buiten de looptijd betekent dat het budget sneller opgaat dan afgesproken, vaak zonder dat de budgethouder het weet. Een paar procent meer in een lange maand valt binnen de marge, en omdat de uren per week in de overeenkomst een gemiddelde zijn, tellen drukke weken alleen als ook het gemiddelde te hoog is.',
    en: 'The care agreement sets how much care at which rate in which period; the SVB checks declarations against it. Structurally more hours, a higher rate or care outside the term means the budget is spent faster than agreed, often without the holder knowing. A few percent more in a long month falls within the margin, and because the agreement\'s hours a week are an average, busy weeks count only when the average is too high as well.',
  },
  whatToCheck: {
    nl: [
      'De getekende zorgovereenkomst en eventuele wijzigingen: uren, tarief, begin- en einddatum.',
      'Of de budgethouder of vertegenwoordiger de extra uren of het hogere tarief kent en heeft goedgekeurd.',
      'Roosters of urenregistratie in de weken met de meeste uren.',
    ],
    en: [
      'The signed care agreement and any amendments: hours, rate, start and end date.',
      'Whether the holder or representative knows of and approved the extra hours or the higher rate.',
      'Rosters or hour records in the weeks with the most hours.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een gewijzigde overeenkomst (meer uren, nieuw tarief of verlenging) die nog niet in de export staat.',
      'Tijdelijk extra zorg bij ziekte of crisis, in overleg met de gemeente.',
      'Een declaratie die op de verkeerde overeenkomst is geboekt.',
    ],
    en: [
      'An amended agreement (more hours, a new rate or an extension) not yet in the export.',
      'Temporary extra care during illness or a crisis, agreed with the municipality.',
      'A declaration booked on the wrong agreement.',
    ],
  },
  source:
    'SVB, correct declareren: declarations are checked against the care agreement (https://www.svb.nl/int/nl/pgb/informatie_voor_zorgverleners_en_zorginstellingen/correct_declareren/); IKZ 2019, more care declared than delivered (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); IKZ 2017, declaring more expensive care than given (https://www.skipr.nl/actueel/id34911-aantal-meldingen-zorgfraude-helft-toegenomen.html)',
  requires: [{ file: 'zorgovereenkomsten', columns: ['zorgovereenkomst_id', 'budgethouder_id', 'zorgverlener_id'] }],
  params,
  // Near-deterministic against a signed document, like outside-entitlement (0.4), and checkable on paper;
  // a little higher because it names the agreement breached. Below care after death or a register match:
  // an amendment missing from the export explains it innocently.
  defaultWeight: 0.45,
  holderConcern: true,
  messages,
  compute(ds, p) {
    const contracts = ds.contracts ?? [];
    const t = ds.declarations;
    const joined = joinContracts(ds, contracts);
    // Hours per ISO week of each agreement, indexed from the export's first care week.
    const { first: minDay, last: maxDay } = careDaySpan(ds);
    const firstWeek = t.length > 0 ? isoWeekOfDay(minDay) : 0;
    const weeks = t.length > 0 ? isoWeekOfDay(maxDay) - firstWeek + 1 : 0;

    const signals: Finding<MessageId>[] = [];
    const contractFile = ds.files.zorgovereenkomsten ?? 'zorgovereenkomsten.csv';
    const finding = (c: CareContract, messageId: MessageId, rows: number[], observed: Finding['observed'], threshold: Finding['threshold'], strength = 1): Finding<MessageId> => {
      const holder = ds.holders[c.holder];
      const { evidence, amount } = declarationEvidence(ds, rows);
      evidence.push({ file: contractFile, line: c.line, id: c.id });
      evidence.sort(compareEvidence);
      return {
        messageId,
        entity: { kind: 'budgethouder', id: holder.id },
        subject: { zorgovereenkomst_id: c.id },
        provider: ds.providers[c.provider].id,
        holders: [holder.id],
        amount,
        strength,
        observed,
        threshold,
        evidence,
      };
    };

    const n = contracts.length;
    const terms = agreementTerms(contracts, p.rateTolerancePct);
    const { lo, hi, positiveHours, outside, overRate, rowsJoined } = readRows(t, joined, terms, n, firstWeek);

    // The weeks' total is at most the positive hours: when even they average clearly below the limit on the
    // average, no week count can make a finding and the weeks need no summing (most agreements).
    const candidate = new Int32Array(n).fill(-1);
    const candidates: number[] = [];
    for (let ci = 0; ci < n; ci++) {
      const c = contracts[ci];
      if (c.urenPerWeek === null || lo[ci] > hi[ci]) continue;
      const averageLimit = (c.urenPerWeek * (100 + p.averageTolerancePct)) / 100;
      if ((positiveHours[ci] * (1 + 1e-9)) / (hi[ci] - lo[ci] + 1) >= averageLimit * (1 - 1e-9) - 1e-5) {
        candidate[ci] = candidates.length;
        candidates.push(ci);
      }
    }

    // The hours findings by agreement, with their evidence rows.
    const hoursFindings = new Map<number, { rows: number[]; observed: Finding['observed']; strength: number }>();
    const perBlock = Math.max(1, Math.floor(WEEK_CELLS / Math.max(1, weeks)));
    const weekHours = new Float64Array(Math.min(candidates.length, perBlock) * weeks);
    for (let k0 = 0; k0 < candidates.length; k0 += perBlock) {
      const k1 = Math.min(candidates.length, k0 + perBlock);
      if (k0 > 0) weekHours.fill(0);
      sumWeeks(t, joined, terms, candidate, k0, k1, weeks, firstWeek, weekHours);

      // The week limit of each agreement of this block whose hours make a finding, NaN for the others.
      const overLimit = new Float64Array(k1 - k0).fill(Number.NaN);
      for (let k = k0; k < k1; k++) {
        const ci = candidates[k];
        const c = contracts[ci];
        const urenPerWeek = c.urenPerWeek!;
        const base = (k - k0) * weeks;
        const span = hi[ci] - lo[ci] + 1;
        // uren_per_week in the SVB model agreements is an average: single busy weeks (or a busy month of
        // monthly declarations) are normal as long as the average holds. So the weeks over count only when
        // the average over the span of care (first to last week with care, quiet weeks as 0) is over too,
        // by a share and by a number of hours (agreements are rounded to quarter hours).
        const limit = Math.round(urenPerWeek * (1 + p.tolerancePct / 100) * 1e6) / 1e6;
        let over = 0;
        let total = 0;
        let maxHours = 0;
        let maxWeek = 0;
        // A week more than a micro-hour under the limit stays under after rounding: most weeks skip the rounding.
        const clearlyUnder = limit - 1e-5;
        for (let w = lo[ci]; w <= hi[ci]; w++) {
          const wh = weekHours[base + w];
          total += wh;
          if (wh < clearlyUnder) continue;
          // Micro-hours: pro-rata shares of a month carry binary noise that must not tip a week over.
          const h = Math.round(wh * 1e6) / 1e6;
          if (h <= limit) continue;
          over++;
          if (h > maxHours) [maxHours, maxWeek] = [h, w];
        }
        const average = Math.round((total / span) * 1e6) / 1e6;
        const excess = average - urenPerWeek;
        if (
          over >= p.minWeeks &&
          average * 100 > urenPerWeek * (100 + p.averageTolerancePct) &&
          Math.round(excess * 1e6) >= Math.round(p.minExcessHours * 1e6)
        ) {
          overLimit[k - k0] = limit;
          hoursFindings.set(ci, {
            rows: [],
            observed: {
              weeks_over: over,
              uren_per_week: urenPerWeek,
              average_hours: round2(average),
              weeks: span,
              max_week_hours: round2(maxHours),
              max_week: formatDay(firstDayOfIsoWeek(maxWeek + firstWeek)),
            },
            // Agreed hours are an average and a schedule drifts: 20 to 50% over on average is a reason to
            // read the agreement and counts half; half again as much as agreed counts fully.
            strength: excess * 100 >= urenPerWeek * p.fullStrengthPct ? 1 : 0.5,
          });
        }
      }
      if (overLimit.some((limit) => limit === limit)) weeksOverRows(t, joined, terms, candidate, k0, weeks, firstWeek, weekHours, overLimit, hoursFindings);
    }

    for (let ci = 0; ci < n; ci++) {
      const c = contracts[ci];
      const hoursOver = hoursFindings.get(ci);
      if (hoursOver !== undefined)
        signals.push(
          finding(
            c,
            'hoursOverContract',
            hoursOver.rows,
            hoursOver.observed,
            {
              tolerance_pct: p.tolerancePct,
              min_weeks: p.minWeeks,
              average_tolerance_pct: p.averageTolerancePct,
              min_excess_hours: p.minExcessHours,
              full_strength_pct: p.fullStrengthPct,
            },
            hoursOver.strength,
          ),
        );

      const rated = overRate[ci];
      if (rated !== undefined) {
        let maxRate = 0;
        for (const r of rated) maxRate = Math.max(maxRate, t.tariff[r] >= 0 ? t.tariff[r] : t.amount[r] / t.hours[r]);
        signals.push(finding(c, 'rateOverContract', rated, { declarations: rated.length, tarief: c.tarief!, max_rate: roundCents(maxRate) }, { rate_tolerance_pct: p.rateTolerancePct }));
      }

      const strays = outside[ci];
      if (strays !== undefined) {
        let first = Infinity;
        let last = -Infinity;
        for (const r of strays) {
          first = Math.min(first, t.periodStart[r]);
          last = Math.max(last, t.periodEnd[r]);
        }
        signals.push(
          finding(
            c,
            'outsideTerm',
            strays,
            {
              declarations: strays.length,
              start: c.start === null ? 'open' : formatDay(c.start),
              eind: c.eind === null ? 'open' : formatDay(c.eind),
              first_day: formatDay(first),
              last_day: formatDay(last),
            },
            {},
          ),
        );
      }
    }
    return { signals, stats: { agreements: contracts.length, declarations_joined: rowsJoined, declarations_unjoined: t.length - rowsJoined } };
  },
});
