import { quantileSorted } from 'simple-statistics';
import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { PROVIDER_SOORTEN, VOORZIENINGEN } from '../../model/types.js';
import { declarationEvidence, defineIndicator, roundCents, type Finding } from '../define.js';

const params = z.strictObject({
  iqrMultiplier: z
    .number()
    .positive()
    .default(1.5)
    .describe('k in the upper Tukey fence Q3 + k * IQR over the median hourly rates (euros per hour) of the peer providers'),
  minPeers: z
    .number()
    .int()
    .min(2)
    .default(10)
    .describe('Minimum number of providers in a peer group (voorziening x provider soort); smaller groups are skipped'),
});

const VOORZIENING_INDEX = new Map<string, number>(VOORZIENINGEN.map((v, i) => [v, i]));
const SOORT_INDEX = new Map<string, number>(PROVIDER_SOORTEN.map((s, i) => [s, i]));

interface Member {
  provider: number;
  median: number;
  declarations: number;
}

interface PeerGroupStats {
  voorziening: string;
  soort: string;
  n: number;
  q1: number;
  q3: number;
  fence: number;
  skipped?: 'too_few_peers' | 'zero_iqr';
}

// NaN hours fail the comparison, so rows without hours drop out here too.
const isRated = (hours: Float64Array, amount: Float64Array, r: number): boolean => hours[r] > 0 && amount[r] > 0;

/**
 * Reorders a so that a[k] holds the value it would hold sorted, smaller or equal values before it and greater
 * or equal after (Hoare's selection): a provider's median without sorting all its rates.
 */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi - lo > 16) {
    // Median of three as the pivot: rates of one provider are often all alike, or already in order.
    const mid = (lo + hi) >> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const v = a[i];
        a[i] = a[j];
        a[j] = v;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  // A short range: insertion sort.
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** The median as the mean of the middle two values (the middle one twice for an odd count); reorders a. */
function medianInPlace(a: Float64Array): number {
  const lower = (a.length - 1) >> 1;
  selectInPlace(a, lower);
  if (a.length % 2 === 1) return (a[lower] + a[lower]) / 2;
  let upper = a[lower + 1];
  for (let i = lower + 2; i < a.length; i++) if (a[i] < upper) upper = a[i];
  return (a[lower] + upper) / 2;
}

/** Rates held at once (8 MB): an export of up to a million rated rows takes one pass, 10M rows about ten. */
const RATES_PER_PASS = 1_000_000;

/** The most rates one provider has: its rates must fit in one pass. */
function largestProvider(offsets: Int32Array, nV: number): number {
  let max = 0;
  for (let k = nV; k < offsets.length; k += nV) max = Math.max(max, offsets[k] - offsets[k - nV]);
  return max;
}

/** Per holder index, the index of its voorziening (overig when unknown). */
function holderVoorziening(ds: Dataset): Uint8Array {
  const holderV = new Uint8Array(ds.holders.length);
  ds.holders.forEach((h, i) => (holderV[i] = VOORZIENING_INDEX.get(h.voorziening) ?? VOORZIENINGEN.length - 1));
  return holderV;
}

/**
 * Each provider's median hourly rate per voorziening, as members of its peer group (keyed
 * voorziening * soorten + soort), providers in index order. The rates of providers are held
 * ratesPerPass at a time (or one provider's, when it has more): the same medians, in more passes.
 */
export function peerGroupMedians(ds: Dataset, holderV: Uint8Array = holderVoorziening(ds), ratesPerPass = RATES_PER_PASS): Map<number, Member[]> {
  const t = ds.declarations;
  const nV = VOORZIENINGEN.length;
  // Rates are bucketed per (provider, voorziening) by a counting sort in sequential passes over the
  // table: scattered reads through byProvider cost more than the arithmetic at millions of rows.
  const offsets = new Int32Array(ds.providers.length * nV + 1);
  for (let r = 0; r < t.length; r++) if (isRated(t.hours, t.amount, r)) offsets[t.provider[r] * nV + holderV[t.holder[r]] + 1]++;
  for (let k = 1; k < offsets.length; k++) offsets[k] += offsets[k - 1];
  const cursor = offsets.slice(0, -1);
  // A rate for every rated row at once (80 MB at 10M rows) outlived the indicator to the scan's peak memory.
  const rates = new Float64Array(Math.min(offsets[offsets.length - 1], Math.max(ratesPerPass, largestProvider(offsets, nV))));

  // A provider has one soort, so its groups differ only by the voorziening of the holders it declared for.
  const groups = new Map<number, Member[]>();
  for (let from = 0; from < ds.providers.length; ) {
    const base = offsets[from * nV];
    let to = from + 1;
    while (to < ds.providers.length && offsets[(to + 1) * nV] - base <= rates.length) to++;
    for (let r = 0; r < t.length; r++) {
      const p = t.provider[r];
      if (p >= from && p < to && isRated(t.hours, t.amount, r)) rates[cursor[p * nV + holderV[t.holder[r]]]++ - base] = t.amount[r] / t.hours[r];
    }
    for (let pi = from; pi < to; pi++) {
      const soort = SOORT_INDEX.get(ds.providers[pi].soort) ?? 0;
      for (let v = 0; v < nV; v++) {
        const start = offsets[pi * nV + v];
        const end = offsets[pi * nV + v + 1];
        if (start === end) continue;
        const key = v * PROVIDER_SOORTEN.length + soort;
        const member: Member = { provider: pi, median: medianInPlace(rates.subarray(start - base, end - base)), declarations: end - start };
        const list = groups.get(key);
        if (list) list.push(member);
        else groups.set(key, [member]);
      }
    }
    from = to;
  }
  return groups;
}

export default defineIndicator({
  id: 'tariff-outlier',
  version: 1,
  entity: 'provider',
  title: { nl: 'Uurtarief uitschieter', en: 'Hourly rate outlier' },
  condition: {
    nl: 'Het mediane uurtarief van een zorgverlener ligt boven de bovenste Tukey-grens (Q3 + k·IQR) van vergelijkbare zorgverleners voor dezelfde voorziening.',
    en: "A provider's median hourly rate lies above the upper Tukey fence (Q3 + k·IQR) of comparable providers for the same service.",
  },
  rationale: {
    nl: 'Duurdere zorg declareren dan er geleverd is, was het meest gemelde fraudetype (27% van de IKZ-signalen in 2017). Een hoog tarief kan terecht zijn bij specialistische zorg of een duurdere gemeente-indicatie; vergelijk daarom met de zorgovereenkomst.',
    en: 'Declaring more expensive care than was given was the most reported fraud type (27% of IKZ signals in 2017). A high rate can be justified for specialist care or a costlier indication; compare it with the care contract.',
  },
  whatToCheck: {
    nl: [
      'Het tarief in de zorgovereenkomst en of de declaraties daarmee kloppen.',
      'Of de geleverde zorg specialistisch is of een zwaardere indicatie vraagt dan bij vergelijkbare zorgverleners.',
      'Of uren en bedrag in de declaraties bij elkaar passen (te weinig uren bij een vol bedrag).',
    ],
    en: [
      'The rate in the care agreement, and whether the declarations match it.',
      'Whether the care given is specialist or needs a heavier indication than at comparable providers.',
      'Whether hours and amount in the declarations fit together (too few hours for a full amount).',
    ],
  },
  innocentExplanations: {
    nl: [
      'Specialistische of intensieve zorg met een hoger afgesproken tarief.',
      'Toeslagen voor avond, nacht of weekend, of reiskosten die in het bedrag zijn meegenomen.',
      'Een gemeente die een hoger maximumtarief hanteert dan de andere gemeenten in de export.',
    ],
    en: [
      'Specialist or intensive care at a higher agreed rate.',
      'Evening, night or weekend surcharges, or travel costs included in the amount.',
      'A municipality with a higher maximum rate than the others in the export.',
    ],
  },
  source:
    'IKZ 2017: 27% of signals concerned more expensive care declared than given (https://www.skipr.nl/actueel/id34911-aantal-meldingen-zorgfraude-helft-toegenomen.html); Tukey fences as in OCDS Cardinal R024 (https://github.com/open-contracting/cardinal-rs)',
  requires: [{ file: 'declaraties', columns: ['uren', 'bedrag'] }],
  params,
  defaultWeight: 0.25,
  holderConcern: false,
  messages: {
    aboveFence: {
      nl: 'Mediaan uurtarief € {median_rate} ligt boven de bovengrens € {fence} van {n} vergelijkbare zorgverleners ({voorziening}, {soort}; Q1 € {q1}, Q3 € {q3}, {declarations} declaraties).',
      en: 'Median hourly rate € {median_rate} is above the upper fence € {fence} of {n} comparable providers ({voorziening}, {soort}; Q1 € {q1}, Q3 € {q3}, {declarations} declarations).',
      example: { median_rate: 92.5, fence: 71.25, n: 14, voorziening: 'begeleiding', soort: 'zzp', q1: 52, q3: 60, declarations: 118 },
    },
  },
  compute(ds, p) {
    const t = ds.declarations;
    const holderV = holderVoorziening(ds);
    const groups = peerGroupMedians(ds, holderV);

    const signals: Finding<'aboveFence'>[] = [];
    const stats: PeerGroupStats[] = [];
    for (const key of [...groups.keys()].sort((a, b) => a - b)) {
      const members = groups.get(key)!;
      const v = Math.floor(key / PROVIDER_SOORTEN.length);
      const voorziening = VOORZIENINGEN[v];
      const soort = PROVIDER_SOORTEN[key % PROVIDER_SOORTEN.length];
      // Quartiles over the providers' medians (one vote per provider, so a big provider cannot set its
      // own norm), by linear interpolation between order statistics (R type 7, numpy's default).
      const medians = members.map((m) => m.median).sort((a, b) => a - b);
      const q1 = quantileSorted(medians, 0.25);
      const q3 = quantileSorted(medians, 0.75);
      const iqr = q3 - q1;
      const fence = q3 + p.iqrMultiplier * iqr;
      const n = members.length;
      const groupStats: PeerGroupStats = { voorziening, soort, n, q1: roundCents(q1), q3: roundCents(q3), fence: roundCents(fence) };
      stats.push(groupStats);
      if (n < p.minPeers) {
        groupStats.skipped = 'too_few_peers';
        continue;
      }
      // With IQR 0 the fence equals Q3 and any rate above the common one would be an "outlier".
      if (iqr === 0) {
        groupStats.skipped = 'zero_iqr';
        continue;
      }
      for (const m of members) {
        if (!(m.median > fence)) continue;
        const rows: number[] = [];
        for (const r of ds.byProvider[m.provider]) if (isRated(t.hours, t.amount, r) && holderV[t.holder[r]] === v) rows.push(r);
        const { evidence, amount } = declarationEvidence(ds, rows);
        const provider = ds.providers[m.provider];
        signals.push({
          messageId: 'aboveFence',
          entity: { kind: 'provider', id: provider.id },
          // A provider is compared once per service it gives; its own soort is fixed.
          subject: { voorziening },
          provider: provider.id,
          holders: [...new Set(rows.map((r) => ds.holders[t.holder[r]].id))].sort(),
          amount,
          strength: 1,
          observed: {
            median_rate: roundCents(m.median),
            q1: roundCents(q1),
            q3: roundCents(q3),
            fence: roundCents(fence),
            n,
            voorziening,
            soort,
            declarations: m.declarations,
          },
          threshold: { iqr_multiplier: p.iqrMultiplier, min_peers: p.minPeers },
          evidence,
        });
      }
    }
    return { signals, stats: { groups: stats } };
  },
});
