import { z } from 'zod';
import type { Dataset } from '../../model/dataset.js';
import { NO_DAY, formatDay } from '../../model/dates.js';
import { careDaySpan } from '../calendar.js';
import { declarationEvidence, defineIndicator, type Finding, type MessageTemplate } from '../define.js';

const messages = {
  overlap: {
    nl: 'Deze zorgverlener (één persoon) declareerde op {days} dag(en) zorg bij twee of meer budgethouders tegelijk, telkens minstens {min_overlap_minutes} minuten; de langste overlap was {max_overlap_minutes} minuten op {max_day} ({holders} budgethouders).',
    en: 'This caregiver (one person) declared care for two or more budget holders at the same time on {days} day(s), each time for at least {min_overlap_minutes} minutes; the longest overlap was {max_overlap_minutes} minutes on {max_day} ({holders} budget holders).',
    example: { days: 4, min_overlap_minutes: 15, max_overlap_minutes: 120, max_day: '2025-03-12', holders: 3 },
  },
} satisfies Record<string, MessageTemplate>;

const params = z.strictObject({
  minOverlapMinutes: z
    .number()
    .int()
    .min(1)
    .default(15)
    .describe('Two sessions for different holders overlap when they share at least this many minutes (minutes)'),
  minDays: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('The indicator fires when overlaps begin on at least this many distinct days (days)'),
});

const MINUTES_PER_DAY = 1440;

// Group care: one carer with several clients at once is the service itself.
const GROUP_CARE = new Set(['dagbesteding', 'kortdurend_verblijf']);

/** Scratch arrays sized to the largest provider, reused for every provider: one allocation per run, not per provider. */
interface Sessions {
  rows: Int32Array;
  start: Float64Array;
  end: Float64Array;
  keys: Float64Array;
  candidates: Int32Array;
  active: Int32Array;
  count: number;
}

function scratch(ds: Dataset): Sessions {
  let max = 0;
  for (const rows of ds.byProvider) max = Math.max(max, rows.length);
  return {
    rows: new Int32Array(max),
    start: new Float64Array(max),
    end: new Float64Array(max),
    keys: new Float64Array(max),
    candidates: new Int32Array(max),
    active: new Int32Array(max),
    count: 0,
  };
}

/**
 * Per row, in one pass in row order, the session it is: its start in minutes from the first care day's
 * midnight (-1 when the row is no session: no care day or times, a correction, group care) and its length
 * (an end before the start crosses midnight, README begintijd/eindtijd). A provider then reads one value
 * per row from its scattered rows instead of five.
 */
interface SessionTimes {
  /** Minute of the first care day's midnight since 1970: start = base + offset. */
  base: number;
  offset: Int32Array | Float64Array;
  length: Int16Array;
}

function sessionTimes(ds: Dataset, groupHolder: Uint8Array): SessionTimes {
  const t = ds.declarations;
  const { first, last } = t.length > 0 ? careDaySpan(ds) : { first: 0, last: 0 };
  // Minutes of a few years fit 32 bits; a span of thousands of years (a mistyped year) takes 64.
  const offset = (last - first + 2) * MINUTES_PER_DAY < 2 ** 31 ? new Int32Array(t.length) : new Float64Array(t.length);
  const length = new Int16Array(t.length);
  for (let r = 0; r < t.length; r++) {
    const begin = t.beginMinute[r];
    const end = t.endMinute[r];
    if (t.day[r] === NO_DAY || begin < 0 || end < 0 || t.amount[r] < 0 || groupHolder[t.holder[r]] === 1) {
      offset[r] = -1;
      continue;
    }
    offset[r] = (t.day[r] - first) * MINUTES_PER_DAY + begin;
    length[r] = end - begin + (end < begin ? MINUTES_PER_DAY : 0);
  }
  return { base: first * MINUTES_PER_DAY, offset, length };
}

// Row positions below 2^23 and start minutes below 2^29 (the year 2990) pack into one exact float64 key, so
// a provider's sessions sort with the typed-array sort instead of a comparator call per comparison.
const POSITION_SPAN = 2 ** 23;

/** Fills s with the provider's timed daily sessions as absolute minutes, sorted by start; group care and corrections left out. */
function loadSessions(ds: Dataset, pi: number, times: SessionTimes, s: Sessions): void {
  const src = ds.byProvider[pi];
  const candidates = s.candidates;
  const offset = times.offset;
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const r = src[i];
    if (offset[r] !== -1) candidates[n++] = r;
  }
  s.count = n;
  if (n < 2) return;
  const keys = s.keys.subarray(0, n);
  const packable = n < POSITION_SPAN;
  for (let i = 0; i < n; i++) {
    const start = times.base + offset[candidates[i]];
    keys[i] = packable ? start * POSITION_SPAN + i : start;
  }
  let order: ArrayLike<number> | null = null;
  if (packable) keys.sort();
  else order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  for (let i = 0; i < n; i++) {
    const r = candidates[order === null ? keys[i] % POSITION_SPAN : order[i]];
    s.rows[i] = r;
    s.start[i] = times.base + offset[r];
    s.end[i] = s.start[i] + times.length[r];
  }
}

export default defineIndicator({
  id: 'overlapping-care-sessions',
  version: 1,
  entity: 'provider',
  title: { nl: 'Overlappende zorgmomenten', en: 'Overlapping care sessions' },
  condition: {
    nl: 'Eén zzp\'er of informele zorgverlener declareert zorg met begin- en eindtijd bij twee verschillende budgethouders op overlappende tijden, minstens 15 minuten overlap, op minstens 3 dagen (standaardwaarden). Dagbesteding en kortdurend verblijf tellen niet mee.',
    en: 'One self-employed or informal caregiver declares care with start and end times for two different budget holders at overlapping times, overlapping at least 15 minutes, on at least 3 days (default values). Day activities and short stays do not count.',
  },
  rationale: {
    nl: 'Eén persoon kan niet op twee plaatsen tegelijk individuele zorg geven; minstens één van de overlappende declaraties is niet (zo) geleverd. Groepszorg (dagbesteding, kortdurend verblijf) mag overlappen en telt niet mee; instellingen zijn uitgezonderd omdat hun uren door veel medewerkers worden gemaakt. Eén overlap kan een vergissing in de tijden zijn, daarom telt het pas vanaf enkele dagen.',
    en: 'One person cannot give individual care in two places at once, so at least one of the overlapping declarations was not delivered (as declared). Group care (day activities, short stays) may overlap and does not count; institutions are exempt because many employees make their hours. One overlap can be a mistake in the times, so it counts only from a few days on.',
  },
  whatToCheck: {
    nl: [
      'Roosters of urenregistratie van de zorgverlener op de genoemde dagen: waar was hij of zij op die tijden?',
      'Of de budgethouders samenwonen en de zorg samen kregen (dan is het groepszorg en hoort dat in de overeenkomst).',
      'Of anderen (familie, collega\'s, onderaannemers) onder dit nummer hebben gewerkt.',
    ],
    en: [
      'The caregiver\'s rosters or hour records on the days named: where was he or she at those times?',
      'Whether the budget holders live together and received the care together (then it is group care and belongs in the agreement).',
      'Whether others (family, colleagues, subcontractors) worked under this number.',
    ],
  },
  innocentExplanations: {
    nl: [
      'Begeleiding van twee huisgenoten tegelijk, bijvoorbeeld samen boodschappen doen of een gezamenlijke activiteit.',
      'Verkeerd ingevulde tijden: een standaardtijd ingevuld in plaats van de werkelijke tijd.',
      'Een zorgverlener die als zzp\'er is geregistreerd maar een team inzet (dan hoort soort instelling).',
    ],
    en: [
      'Support for two housemates at once, for example shopping together or a joint activity.',
      'Times filled in wrongly: a standard time entered instead of the real one.',
      'A provider registered as self-employed who deploys a team (then soort should be instelling).',
    ],
  },
  source:
    "HHS-OIG, Medicaid personal care services: one caregiver with two patients in different places at the same time (summary: https://www.frankrubino.com/blog/2017/03/an-increase-in-federal-scrutiny-of-medicaid-fraud-in-home-care-could-lead-to-an-increase-in-false-arrests/); UnitedHealthcare EVV overlapping-visit rule (https://www.uhcprovider.com/en/health-plans-by-state/tennessee-health-plans/tn-comm-plan-home/tn-cp-news/practice-matters-tx/practice-matters-tn-evv-overlapping-visits.html); IKZ 2019, more care declared than delivered (https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen)",
  requires: [
    { file: 'declaraties', columns: ['zorgdatum', 'begintijd', 'eindtijd'] },
    { file: 'zorgverleners', columns: ['soort'] },
  ],
  params,
  // As impossible-day-hours (0.6) in kind: one person in two places is physically impossible. Somewhat lower,
  // because the legitimate look-alike (two housemates supported together outside a group-care
  // voorziening) is common in begeleid wonen and the times are often typed in by hand.
  defaultWeight: 0.5,
  holderConcern: true,
  messages,
  compute(ds, p) {
    const t = ds.declarations;
    const groupHolder = new Uint8Array(ds.holders.length);
    ds.holders.forEach((h, i) => (groupHolder[i] = GROUP_CARE.has(h.voorziening) ? 1 : 0));
    const signals: Finding<keyof typeof messages>[] = [];
    const s = scratch(ds);
    const times = sessionTimes(ds, groupHolder);
    let caregivers = 0;
    let institutionsSkipped = 0;
    for (let pi = 0; pi < ds.providers.length; pi++) {
      if (ds.providers[pi].soort === 'instelling') {
        institutionsSkipped++;
        continue;
      }
      // Overlaps count between different holders only: with fewer than two outside group care there are none.
      let individual = 0;
      for (const h of ds.holdersOfProvider[pi]) if (groupHolder[h] === 0 && ++individual === 2) break;
      if (individual < 2) continue;
      loadSessions(ds, pi, times, s);
      if (s.count < 2) continue;
      caregivers++;
      const days = new Set<number>();
      let maxOverlap = 0;
      let maxDay = NO_DAY;
      let inEvidence: Uint8Array | null = null;
      // Sweep in start order, keeping the sessions still running: one person has few at a time, so the
      // active list stays short and the cost stays near the sort.
      const active = s.active;
      let nActive = 0;
      for (let i = 0; i < s.count; i++) {
        const startI = s.start[i];
        let kept = 0;
        for (let k = 0; k < nActive; k++) if (s.end[active[k]] > startI) active[kept++] = active[k];
        nActive = kept;
        for (let k = 0; k < nActive; k++) {
          const j = active[k];
          if (t.holder[s.rows[j]] === t.holder[s.rows[i]]) continue;
          const overlap = Math.min(s.end[i], s.end[j]) - startI;
          if (overlap < p.minOverlapMinutes) continue;
          inEvidence ??= new Uint8Array(s.count);
          inEvidence[i] = 1;
          inEvidence[j] = 1;
          const day = Math.floor(startI / MINUTES_PER_DAY);
          days.add(day);
          if (overlap > maxOverlap || (overlap === maxOverlap && day < maxDay)) {
            maxOverlap = overlap;
            maxDay = day;
          }
        }
        active[nActive++] = i;
      }
      if (days.size < p.minDays) continue;
      const rows: number[] = [];
      for (let i = 0; i < s.count; i++) if (inEvidence![i] === 1) rows.push(s.rows[i]);
      const { evidence, amount } = declarationEvidence(ds, rows);
      const holders = [...new Set(rows.map((r) => ds.holders[t.holder[r]].id))].sort();
      const id = ds.providers[pi].id;
      signals.push({
        messageId: 'overlap',
        entity: { kind: 'provider', id },
        subject: {},
        provider: id,
        holders,
        amount,
        strength: 1,
        observed: { days: days.size, max_overlap_minutes: maxOverlap, max_day: formatDay(maxDay), holders: holders.length },
        threshold: { min_overlap_minutes: p.minOverlapMinutes, min_days: p.minDays },
        evidence,
      });
    }
    // caregivers_checked: self-employed or informal carers with timed sessions for at least two holders.
    return { signals, stats: { caregivers_checked: caregivers, institutions_skipped: institutionsSkipped } };
  },
});
