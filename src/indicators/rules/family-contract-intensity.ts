import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import type { DeclarationTable } from '../../model/declaration-table.js';
import { monthIndexLabel } from '../../model/dates.js';
import { OVEREENKOMST_SOORTEN } from '../../model/types.js';
import { namedContracts } from '../contract-ids.js';
import { careDaySpan, careMonths, daysInMonth, firstDayOfMonth, spreadOverBuckets, type MonthOfDayTable } from '../calendar.js';
import { declarationEvidence, defineIndicator, roundCents, type Finding, type MessageTemplate } from '../define.js';

const messages = {
  hoursPerWeek: {
    nl: 'Onder familie- of informele overeenkomsten declareerde deze zorgverlener gemiddeld {avg_hours_per_week} uur per week over {months} maand(en) met zorg ({first_month} tot {last_month}, {holders} budgethouder(s)); drempel {max_hours_per_week} uur.',
    en: 'Under family or informal agreements this caregiver declared on average {avg_hours_per_week} hours a week over {months} month(s) with care ({first_month} to {last_month}, {holders} budget holder(s)); threshold {max_hours_per_week} hours.',
    example: { avg_hours_per_week: 52.5, months: 10, first_month: '2025-01', last_month: '2025-10', holders: 1, max_hours_per_week: 40 },
  },
  rateAboveInformal: {
    nl: '{declarations} declaratie(s) onder een familie- of informele overeenkomst met een uurtarief boven het informele tarief van de gemeente; het hoogste € {max_rate} tegen € {informal_rate}.',
    en: '{declarations} declaration(s) under a family or informal agreement at an hourly rate above the municipality\'s informal rate; the highest € {max_rate} against € {informal_rate}.',
    example: { declarations: 12, max_rate: 48.5, informal_rate: 26 },
  },
} satisfies Record<string, MessageTemplate>;

const params = z.strictObject({
  maxHoursPerWeek: z
    .number()
    .positive()
    .default(40)
    .describe('hoursPerWeek fires at this many declared hours a week or more, on average over the months with family care (hours)'),
  fullStrengthHoursPerWeek: z
    .number()
    .positive()
    .default(60)
    .describe('From this many hours a week on average hoursPerWeek counts fully; between maxHoursPerWeek and this it counts half, as a live-in family member can give that much (hours)'),
  maxInformalRate: z
    .number()
    .positive()
    .default(26)
    .describe('The informal (family) hourly rate; each municipality sets its own, so set it in the config (euros per hour)'),
  maxInformalRateByGemeente: z
    .record(z.string().regex(/^GM\d{4}$/), z.number().positive())
    .default({})
    .describe('Informal hourly rate per gemeente_code of the budget holder, overriding maxInformalRate, for exports spanning municipalities (euros per hour)'),
});

const FAMILIE = OVEREENKOMST_SOORTEN.indexOf('familie');

/**
 * The family-care rows (by the declaration, its agreement, or an informal provider) with a non-negative amount,
 * per provider index in row order: a counting sort in two passes in row order, so that each provider then
 * reads only its own family rows instead of testing all its rows scattered through the table.
 */
function familyRowsByProvider(ds: Dataset): { offsets: Int32Array; rows: Int32Array } {
  const t = ds.declarations;
  const informal = new Uint8Array(ds.providers.length);
  ds.providers.forEach((p, i) => (informal[i] = p.soort === 'informeel' ? 1 : 0));
  const contracts = ds.contracts ?? [];
  const familyContract = new Uint8Array(contracts.length);
  contracts.forEach((c, i) => (familyContract[i] = c.soort === 'familie' ? 1 : 0));
  const named = familyContract.includes(1) ? namedContracts(ds) : null;
  const family = new Uint8Array(t.length);
  const offsets = new Int32Array(ds.providers.length + 1);
  for (let r = 0; r < t.length; r++) {
    if (t.amount[r] < 0) continue;
    const c = named === null ? -1 : named[r];
    if (t.agreementKind[r] === FAMILIE || informal[t.provider[r]] === 1 || (c >= 0 && familyContract[c] === 1)) {
      family[r] = 1;
      offsets[t.provider[r] + 1]++;
    }
  }
  for (let p = 0; p < ds.providers.length; p++) offsets[p + 1] += offsets[p];
  const fill = offsets.slice(0, ds.providers.length);
  const rows = new Int32Array(offsets[ds.providers.length]);
  for (let r = 0; r < t.length; r++) if (family[r] === 1) rows[fill[t.provider[r]]++] = r;
  return { offsets, rows };
}

/**
 * Hours per month of one provider at a time, indexed from the first month of care, and the months in the
 * order they were first touched: the order of adding them up, so that the average comes out the same.
 */
class MonthHours {
  readonly hoursInMonth: Float64Array;
  readonly touched: Uint8Array;
  readonly monthOrder: number[] = [];
  readonly add = (m: number, hours: number): void => {
    const i = m - this.firstMonth;
    if (this.touched[i] === 0) {
      this.touched[i] = 1;
      this.monthOrder.push(i);
    }
    this.hoursInMonth[i] += hours;
  };
  readonly monthOfDay = (d: number): number => this.monthOf.of(d);

  constructor(
    readonly monthOf: MonthOfDayTable,
    readonly firstMonth: number,
    lastMonth: number,
  ) {
    this.hoursInMonth = new Float64Array(lastMonth - firstMonth + 1);
    this.touched = new Uint8Array(this.hoursInMonth.length);
  }
}

/**
 * Adds the hours of one provider's family rows to its months, and collects the rows above the informal rate
 * with the highest rate. A function of its own rather than a loop in compute, so that it is compiled for
 * speed soon.
 */
function readFamilyRows(
  t: DeclarationTable,
  rows: Int32Array,
  months: MonthHours,
  rateOf: readonly number[],
  overRate: number[],
): { maxRate: number; maxRateLimit: number } {
  const monthOf = months.monthOf;
  let maxRate = 0;
  let maxRateLimit = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const hours = t.hours[r];
    if (hours > 0) {
      const m = monthOf.of(t.periodStart[r]);
      if (m === monthOf.of(t.periodEnd[r])) months.add(m, hours);
      else spreadOverBuckets(t.periodStart[r], t.periodEnd[r], hours, months.monthOfDay, firstDayOfMonth, months.add);
    }
    const rate = t.tariff[r] >= 0 ? t.tariff[r] : hours > 0 ? t.amount[r] / hours : Number.NaN;
    const limit = rateOf[t.holder[r]];
    // Compared in cents: bedrag / uren of an at-limit row carries binary noise.
    if (Math.round(rate * 100) > Math.round(limit * 100)) {
      overRate.push(r);
      // Ties go to the lower informal rate, whatever the row order.
      if (rate > maxRate || (rate === maxRate && limit < maxRateLimit)) {
        maxRate = rate;
        maxRateLimit = limit;
      }
    }
  }
  return { maxRate, maxRateLimit };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export default defineIndicator({
  id: 'family-contract-intensity',
  version: 1,
  entity: 'provider',
  title: { nl: 'Intensieve familieovereenkomst', en: 'High-intensity family contract' },
  condition: {
    nl: 'Onder familieovereenkomsten (overeenkomst_soort familie, een familie-zorgovereenkomst of een zorgverlener van soort informeel) declareert één zorgverlener gemiddeld 40 uur per week of meer over de maanden met zorg (volledig vanaf 60 uur, daaronder half), of een uurtarief boven het informele tarief van de gemeente (standaard € 26; stel het in).',
    en: 'Under family agreements (overeenkomst_soort familie, a family care agreement, or a provider of soort informeel) one caregiver declares on average 40 hours a week or more over the months with care (fully from 60 hours, half below), or an hourly rate above the municipality\'s informal rate (default € 26; set it).',
  },
  rationale: {
    nl: 'Een familielid dat naast het eigen leven voltijds of meer zorg declareert, of tegen een professioneel tarief, was het patroon in zaken waarin het budget van een budgethouder naar familie of hun bedrijf vloeide terwijl de zorg door anderen of niet werd geleverd. Veel familiezorg is toegewijd en legitiem: 25 tot 30 uur per week tegen het informele tarief valt er niet onder.',
    en: 'A family member declaring full-time care or more beside their own life, or at a professional rate, was the pattern in cases where a holder\'s budget flowed to relatives or their company while the care was given by others or not at all. Much family care is devoted and legitimate: 25 to 30 hours a week at the informal rate is not caught.',
  },
  whatToCheck: {
    nl: [
      'De zorgovereenkomst: welk tarief en hoeveel uur zijn afgesproken, en past dat bij de indicatie?',
      'Of het familielid werk, studie of andere zorgtaken heeft naast de gedeclareerde uren.',
      'Of het gemeentelijke informele tarief in de configuratie klopt (maxInformalRate, per gemeente).',
    ],
    en: [
      'The care agreement: which rate and how many hours were agreed, and does that fit the indication?',
      'Whether the family member has a job, studies or other care tasks beside the declared hours.',
      'Whether the municipal informal rate in the config is right (maxInformalRate, per municipality).',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een inwonend familielid bij een zeer zware zorgvraag, met toestemming van de gemeente voor meer uren.',
      'Een familielid met een zorgberoep dat met toestemming het professionele tarief krijgt.',
      'Een gemeente met een hoger informeel tarief dan in de configuratie staat.',
    ],
    en: [
      'A live-in family member for a very heavy care need, with the municipality\'s consent to more hours.',
      'A family member with a care qualification who is allowed the professional rate.',
      'A municipality with a higher informal rate than the config holds.',
    ],
  },
  source:
    'EenVandaag 2025, a Wlz budget of € 132k a year flowing to a son\'s company (https://eenvandaag.avrotros.nl/item/zorgkantoor-cz-wil-meer-bevoegdheden-om-op-pgb-fraude-te-controleren-we-voelen-dat-het-niet-pluis-is-maar-kunnen-niets/); SVB model agreement with a family member (https://svb.nl/nl/pgb/zorgovereenkomsten/zorgovereenkomst-kiezen); CIPFA, theft and abuse by family members in personal budgets (http://studylib.net/doc/9538170/fraud-risk-and-personal-budgets)',
  requires: [
    { file: 'declaraties', columns: ['uren'] },
    { file: 'zorgverleners', columns: ['soort'] },
  ],
  params,
  // Moderate: neither pattern is impossible or unlawful in itself (a municipality can consent to more hours
  // or a higher rate), unlike care after death or a register match; it is a reason to read the agreement.
  defaultWeight: 0.35,
  holderConcern: true,
  messages,
  compute(ds, p) {
    const t = ds.declarations;
    const family = familyRowsByProvider(ds);
    const monthOf = careMonths(ds);
    const rateOf = ds.holders.map((h) => p.maxInformalRateByGemeente[h.gemeenteCode] ?? p.maxInformalRate);
    const signals: Finding<keyof typeof messages>[] = [];
    const span = careDaySpan(ds);
    const monthHours = new MonthHours(monthOf, t.length > 0 ? monthOf.of(span.first) : 0, t.length > 0 ? monthOf.of(span.last) : -1);
    const { hoursInMonth, touched, monthOrder, firstMonth } = monthHours;
    let familyProviders = 0;
    for (let pi = 0; pi < ds.providers.length; pi++) {
      const from = family.offsets[pi];
      const to = family.offsets[pi + 1];
      if (from === to) continue;
      const familyRowList = family.rows.subarray(from, to);
      const overRate: number[] = [];
      const { maxRate, maxRateLimit } = readFamilyRows(t, familyRowList, monthHours, rateOf, overRate);
      familyProviders++;
      const id = ds.providers[pi].id;

      const months = monthOrder.length;
      if (months > 0) {
        let hours = 0;
        let days = 0;
        let first = Infinity;
        let last = -Infinity;
        for (const i of monthOrder) {
          const m = firstMonth + i;
          hours += hoursInMonth[i];
          days += daysInMonth(m);
          first = Math.min(first, m);
          last = Math.max(last, m);
          hoursInMonth[i] = 0;
          touched[i] = 0;
        }
        monthOrder.length = 0;
        const perWeek = (hours * 7) / days;
        const avg = round2(perWeek);
        if (avg >= p.maxHoursPerWeek) {
          const { evidence, amount } = declarationEvidence(ds, familyRowList);
          const holders = [...new Set(Array.from(familyRowList, (r) => ds.holders[t.holder[r]].id))].sort();
          signals.push({
            messageId: 'hoursPerWeek',
            entity: { kind: 'provider', id },
            subject: {},
            provider: id,
            holders,
            amount,
            // 40 to 60 hours a week is heavy but within what a live-in family member gives (the devoted carer
            // of a Wlz holder); beyond that it is more than one person can give beside their own life.
            strength: avg >= p.fullStrengthHoursPerWeek ? 1 : 0.5,
            observed: {
              avg_hours_per_week: avg,
              months,
              first_month: monthIndexLabel(first),
              last_month: monthIndexLabel(last),
              holders: holders.length,
            },
            threshold: { max_hours_per_week: p.maxHoursPerWeek, full_strength_hours_per_week: p.fullStrengthHoursPerWeek },
            evidence,
          });
        }
      }

      if (overRate.length > 0) {
        const { evidence, amount } = declarationEvidence(ds, overRate);
        signals.push({
          messageId: 'rateAboveInformal',
          entity: { kind: 'provider', id },
          subject: {},
          provider: id,
          holders: [...new Set(overRate.map((r) => ds.holders[t.holder[r]].id))].sort(),
          amount,
          strength: 1,
          observed: { declarations: overRate.length, max_rate: roundCents(maxRate), informal_rate: maxRateLimit },
          threshold: { max_informal_rate: p.maxInformalRate },
          evidence,
        });
      }
    }
    return { signals, stats: { providers_with_family_care: familyProviders } };
  },
});
