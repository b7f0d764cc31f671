import { z } from 'zod';
import { SUBMISSION_TIME } from '../../inputs/declaraties.js';
import type { Dataset } from '../../model/dataset.js';
import { NO_DAY, formatDay } from '../../model/dates.js';
import { declarationEvidence, defineIndicator, type Finding, type MessageTemplate } from '../define.js';
import { isEstablishedInstitution } from '../intake.js';

const messages = {
  bulk: {
    nl: 'Op {occasions} moment(en) zijn declaraties voor {min_holders} of meer verschillende budgethouders van deze zorgverlener in dezelfde minuut ingediend; het grootste moment was {max_moment} met {max_holders} budgethouders. Drempel: {min_occasions} momenten.',
    en: 'On {occasions} occasion(s), declarations for {min_holders} or more different budget holders of this provider were submitted in the same minute; the largest was {max_moment} with {max_holders} budget holders. Threshold: {min_occasions} occasions.',
    example: { occasions: 4, min_holders: 8, max_moment: '2025-03-31 21:14', max_holders: 11, min_occasions: 3 },
  },
} satisfies Record<string, MessageTemplate>;

const params = z.strictObject({
  minHolders: z
    .number()
    .int()
    .min(2)
    .default(8)
    .describe('An occasion is one submission minute carrying declarations for at least this many different holders of the provider (holders)'),
  minOccasions: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('The indicator fires from this many occasions on (occasions)'),
  establishedYears: z
    .number()
    .min(0)
    .default(5)
    .describe('An institution (soort instelling) with an AGB code and a KvK registration at least this many years old at its first occasion is exempt: its administration submits in batches (years)'),
});

const MINUTES_PER_DAY = 1440;

/**
 * The submission minute of every row, in one pass in row order, as an offset from `base` (minutes since
 * 1970); -1 without a time or for a correction (booked by the SVB or the administration, not submitted with
 * the holder's DigiD). Each provider then reads one value per row from its scattered rows instead of three.
 */
interface SubmissionMinutes {
  base: number;
  offset: Int32Array | Float64Array;
}

function submissionMinutes(t: Dataset['declarations']): SubmissionMinutes {
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < t.length; r++) {
    const d = t.submittedDay[r];
    if (d === NO_DAY) continue;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  // Minutes of a few years fit 32 bits; a span of thousands of years (a mistyped year) takes 64.
  const offset = ((last - first + 1) * MINUTES_PER_DAY < 2 ** 31 ? new Int32Array(t.length) : new Float64Array(t.length)).fill(-1);
  if (first === Infinity) return { base: 0, offset };
  for (let r = 0; r < t.length; r++) {
    if (t.submittedMinute[r] < 0 || t.submittedDay[r] === NO_DAY || t.amount[r] < 0) continue;
    offset[r] = (t.submittedDay[r] - first) * MINUTES_PER_DAY + t.submittedMinute[r];
  }
  return { base: first * MINUTES_PER_DAY, offset };
}

function formatMinute(minute: number): string {
  const day = Math.floor(minute / MINUTES_PER_DAY);
  const m = minute - day * MINUTES_PER_DAY;
  return `${formatDay(day)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The minutes of provider pi at which at least `min` declarations were submitted: a necessary condition for
 * `min` different holders, found with one typed-array sort and no object per row.
 */
function busyMinutes(ds: Dataset, pi: number, min: number, submitted: SubmissionMinutes, scratch: Float64Array): Set<number> {
  const rows = ds.byProvider[pi];
  const offset = submitted.offset;
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const m = offset[rows[i]];
    if (m !== -1) scratch[n++] = submitted.base + m;
  }
  const sorted = scratch.subarray(0, n).sort();
  const out = new Set<number>();
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    if (j - i >= min) out.add(sorted[i]);
    i = j;
  }
  return out;
}

interface Occasion {
  minute: number;
  holders: Set<number>;
  rows: number[];
}

export default defineIndicator({
  id: 'bulk-submission',
  version: 1,
  entity: 'provider',
  title: { nl: 'Declaraties in één keer ingediend', en: 'Bulk submission' },
  condition: {
    nl: 'Declaraties voor minstens 8 verschillende budgethouders van één zorgverlener dragen hetzelfde indienmoment (ingediend_op, tot op de minuut), op minstens 3 momenten (standaardwaarden). Vereist een tijdstip in ingediend_op; met alleen datums is de indicator niet toepasbaar. Correcties (negatief bedrag) tellen niet mee. Een gevestigde instelling (KvK minstens 5 jaar oud bij het eerste moment, met AGB-code) is uitgezonderd.',
    en: 'Declarations for at least 8 different budget holders of one provider carry the same submission moment (ingediend_op, to the minute), on at least 3 occasions (default values). Needs a time in ingediend_op; with dates alone the indicator is not applicable. Corrections (negative amount) do not count. An established institution (KvK registration at least 5 years old at the first occasion, with an AGB code) is exempt.',
  },
  rationale: {
    nl: 'Elke budgethouder dient zijn declaraties zelf in, met zijn eigen DigiD, of keurt ze goed. Declaraties van veel budgethouders in dezelfde minuut wijzen erop dat één persoon ze indient met de inloggegevens van al die budgethouders: dan controleert niemand meer of de zorg geleverd is, en de budgethouder verliest de greep op zijn budget. Een instelling met een eigen administratie die een maand in één batch indient, doet dat legitiem en is uitgezonderd; een zzp\'er of informele zorgverlener is één persoon, hoe lang ook ingeschreven.',
    en: 'Each budget holder submits his declarations himself, with his own DigiD, or approves them. Declarations of many holders in the same minute suggest that one person submits them with all those holders\' login details: then nobody checks any more whether the care was given, and the holder loses control of his budget. An institution with its own administration submitting a month in one batch does so legitimately and is exempt; a self-employed or informal carer is one person, however long registered.',
  },
  whatToCheck: {
    nl: [
      'Bij de SVB: vanaf welk account en apparaat de declaraties op de genoemde momenten zijn ingediend.',
      'Bij enkele budgethouders: dienen zij zelf in, wie kent hun DigiD, en herkennen zij de gedeclareerde zorg?',
      'Of de budgethouders een gezamenlijke vertegenwoordiger of bewindvoerder hebben die namens hen indient.',
    ],
    en: [
      'At the SVB: from which account and device the declarations were submitted at the moments named.',
      'With a few budget holders: do they submit themselves, who knows their DigiD, and do they recognise the care declared?',
      'Whether the budget holders share a representative or administrator who submits on their behalf.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Een bewindvoerder of administratiekantoor dat met machtiging voor meerdere budgethouders tegelijk indient.',
      'Een zorgverlener die zijn eigen declaraties via het SVB-portaal invoert, waarna iedere budgethouder ze afzonderlijk goedkeurt.',
      'Een tijdstip dat door het exportsysteem is gezet (verwerkingsmoment) in plaats van het moment van indienen.',
    ],
    en: [
      'An administrator or administration office submitting for several budget holders at once under a mandate.',
      'A provider entering its own declarations in the SVB portal, after which each budget holder approves them separately.',
      'A time set by the exporting system (processing moment) instead of the moment of submission.',
    ],
  },
  source:
    'IKZ 2019, "Fraude en zorgverwaarlozing bij beschermd en begeleid wonen": providers controlling the DigiD and administration of their clients (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen); SVB, "Declareren voor uw zorgverlener" (https://svb.nl/nl/pgb/declareren-en-betalen/declareren-voor-uw-zorgverlener)',
  requires: [{ file: 'declaraties', columns: [SUBMISSION_TIME] }],
  params,
  // Moderate, as representative-hub (0.4), which it resembles: both say one person acts for many holders.
  // Not impossible in itself, unlike care after death (0.6): a mandated administrator may submit in one
  // sitting. But three or more such sittings for eight or more holders of one carer is the DigiD pattern
  // the IKZ describes, and it takes the holder's own check out of the payment, so above the statistical
  // rules (tariff-outlier, flat-template-billing 0.25) and intake patterns (0.3).
  defaultWeight: 0.4,
  // Holders whose login another person uses have lost control of their budget: a concern about them.
  holderConcern: true,
  messages,
  compute(ds, p) {
    const t = ds.declarations;
    let max = 0;
    for (const rows of ds.byProvider) max = Math.max(max, rows.length);
    const scratch = new Float64Array(max);
    const submitted = submissionMinutes(t);
    const signals: Finding<keyof typeof messages>[] = [];
    let institutionsExempt = 0;
    for (let pi = 0; pi < ds.providers.length; pi++) {
      if (ds.holdersOfProvider[pi].length < p.minHolders) continue;
      const busy = busyMinutes(ds, pi, p.minHolders, submitted, scratch);
      if (busy.size < p.minOccasions) continue;
      const byMinute = new Map<number, Occasion>();
      for (const r of ds.byProvider[pi]) {
        if (submitted.offset[r] === -1) continue;
        const m = submitted.base + submitted.offset[r];
        if (!busy.has(m)) continue;
        let o = byMinute.get(m);
        if (o === undefined) byMinute.set(m, (o = { minute: m, holders: new Set(), rows: [] }));
        o.holders.add(t.holder[r]);
        o.rows.push(r);
      }
      const occasions = [...byMinute.values()].filter((o) => o.holders.size >= p.minHolders).sort((a, b) => a.minute - b.minute);
      if (occasions.length < p.minOccasions) continue;
      const provider = ds.providers[pi];
      if (isEstablishedInstitution(provider, Math.floor(occasions[0].minute / MINUTES_PER_DAY), p.establishedYears)) {
        institutionsExempt++;
        continue;
      }
      // The largest occasion, the earliest among equals.
      const largest = occasions.reduce((a, b) => (b.holders.size > a.holders.size ? b : a));
      const holders = new Set<number>();
      for (const o of occasions) for (const h of o.holders) holders.add(h);
      const { evidence, amount } = declarationEvidence(ds, occasions.flatMap((o) => o.rows));
      signals.push({
        messageId: 'bulk',
        entity: { kind: 'provider', id: provider.id },
        subject: {},
        provider: provider.id,
        holders: [...holders].map((h) => ds.holders[h].id).sort(),
        amount,
        strength: 1,
        observed: { occasions: occasions.length, max_moment: formatMinute(largest.minute), max_holders: largest.holders.size },
        threshold: { min_holders: p.minHolders, min_occasions: p.minOccasions, established_years: p.establishedYears },
        evidence,
      });
    }
    return { signals, stats: { institutions_exempt: institutionsExempt } };
  },
});
