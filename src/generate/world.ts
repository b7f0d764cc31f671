import type { DayNumber } from '../model/dates.js';
import { VOORZIENINGEN, WETTEN, type OvereenkomstSoort, type ProviderSoort, type Voorziening, type Wet } from '../model/types.js';
import { weekday, type Calendar } from './calendar.js';
import { providerName } from './names.js';
import type { Prng } from './prng.js';
import type { Scenario } from './scenario-schema.js';

export type DeclareStyle = 'monthly' | 'daily';

/** A block of care within one calendar day, in minutes since midnight. */
export interface Shift {
  begin: number;
  minutes: number;
}

export interface GenProvider {
  serial: number;
  id: string;
  naam: string;
  soort: ProviderSoort;
  kvk: string | null;
  agb: string | null;
  kvkStart: DayNumber | null;
  address: number;
  iban: number;
  wooninitiatief: boolean;
  rate: number;
  style: DeclareStyle;
  /** Hours a person can work per weekday (Monday first); institutions have no limit. */
  capacity: number[];
  load: number[];
  nextFree: number[];
  gap: number;
  plans: Plan[];
  /** Days on which only the listed plans have care, with exactly these shifts (planted long days). */
  overrides: Map<DayNumber, Map<Plan, Shift[]>>;
  /**
   * Per covered month: the one moment (day, minute of the day) at which all its declarations of that month were
   * submitted, as one batch. Months not listed are submitted holder by holder.
   */
  batches: Map<number, { day: DayNumber; minute: number }>;
}

export interface GenHolder {
  serial: number;
  id: string;
  gemeente: string;
  wet: Wet;
  voorziening: Voorziening;
  budgetStart: DayNumber;
  budgetEind: DayNumber | null;
  /** Yearly budget level that sets how much care is planned. */
  yearlyBudget: number;
  /** Share of budget_bedrag the declarations will use; budget_bedrag is derived from it after writing. */
  targetUse: number;
  /** Budget fixed in advance (flat billing schemes bill it exactly); null = derive from use. */
  presetBudget: number | null;
  indicatieFactor: number;
  geboortejaar: number;
  address: number;
  rep: number | null;
  /** A representative who is the provider itself (vertegenwoordiger_id = zorgverlener_id). */
  repProvider: GenProvider | null;
  ingeschrevenSinds: DayNumber;
  death: DayNumber | null;
  plans: Plan[];
  /** Euros declared with a care date inside the budget period; filled while declarations are written. */
  spend: number;
}

export interface Plan {
  serial: number;
  holder: GenHolder;
  provider: GenProvider;
  style: DeclareStyle;
  agreement: OvereenkomstSoort;
  tarief: number;
  /** First and last day care may be declared (inclusive). */
  start: DayNumber;
  end: DayNumber;
  weeklyHours: number;
  monthlyHours: number;
  byWeekday: Shift[][];
  /** Chance that a scheduled shift takes place, before the month's factor. */
  showRate: number;
  /** Per covered month: how much care that month gets, relative to the plan. */
  factors: number[];
  flat: { amount: number; hours: number } | null;
  /**
   * Per covered month: the share of the month's hours that is declared as uren, while bedrag stays the
   * full amount (care not given but billed, or a place kept during an admission). null = all hours.
   */
  hoursShare: number[] | null;
  /** Agreed hours per week as a share of the hours planned; 1 for an agreement that states the care given. */
  contractShare: number;
  contractId: string;
}

/** Kinds of absence in afwezigheden.csv. */
export type AbsenceKind = 'ziekenhuisopname' | 'ggz-opname' | 'wlz-opname' | 'detentie' | 'verhuisd' | 'buitenland' | 'overig';

/** A period a holder was not at home (afwezigheden.csv); tot null = not ended. */
export interface GenAbsence {
  holder: GenHolder;
  soort: AbsenceKind;
  van: DayNumber;
  tot: DayNumber | null;
}

/** An entry of the warning register (waarschuwingsregister.csv), keyed on a provider or on a value of elsewhere. */
export interface GenRegisterEntry {
  kind: 'kvk_nummer' | 'agb_code' | 'iban_sleutel' | 'adres_sleutel';
  /** The provider whose key is registered; null for an entry about someone outside the export. */
  provider: GenProvider | null;
  /** The value for an entry outside the export (a KvK or AGB number as the register writes it). */
  value: string | null;
  /** Write a KvK or AGB number without its leading zeros, as the register's own system does. */
  dropLeadingZeros: boolean;
  registered: DayNumber;
  expires: DayNumber | null;
  grond: string;
}

export interface ProviderOptions {
  naam?: string;
  kvk?: string;
  iban?: number;
  address?: number;
  kvkStart?: DayNumber;
  wooninitiatief?: boolean;
  rate?: number;
  style?: DeclareStyle;
  capacity?: number[];
  dayStart?: number;
  gap?: number;
}

export interface HolderOptions {
  voorziening?: Voorziening;
  wet?: Wet;
  /** Budget for the whole covered period, no death: planted cases stay predictable. */
  full?: boolean;
  address?: number;
  rep?: number | null;
  ingeschrevenSinds?: DayNumber;
  budgetStart?: DayNumber;
  budgetEind?: DayNumber | null;
  targetUse?: number;
  death?: DayNumber | null;
}

export interface AttachOptions {
  /** Share of the holder's care this plan provides. */
  share?: number;
  style?: DeclareStyle;
  start?: DayNumber;
  /** Last day billed; beyond the holder's budget end or death only in planted schemes. */
  end?: DayNumber;
  /** Bill the preset budget in equal monthly amounts. */
  flat?: boolean;
  showRate?: number;
  /** Explicit weekly shifts (Monday first), bypassing the carer's capacity. */
  shifts?: Shift[][];
  tarief?: number;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
const quarter = (hours: number): number => Math.round(hours * 4) / 4;
const floorQuarter = (hours: number): number => Math.floor(hours * 4) / 4;

/** The law usually paying for each kind of care (wet follows voorziening, it is not drawn freely). */
const WET_BY_VOORZIENING: Record<Voorziening, Partial<Record<Wet, number>>> = {
  beschermd_wonen: { wmo: 0.8, wlz: 0.2 },
  begeleid_wonen: { wmo: 0.8, jeugdwet: 0.1, wlz: 0.1 },
  begeleiding: { wmo: 0.55, jeugdwet: 0.3, wlz: 0.1, zvw: 0.05 },
  dagbesteding: { wmo: 0.6, wlz: 0.3, jeugdwet: 0.1 },
  kortdurend_verblijf: { wlz: 0.5, wmo: 0.3, jeugdwet: 0.2 },
  huishoudelijke_hulp: { wmo: 1 },
  overig: { zvw: 0.6, wmo: 0.3, wlz: 0.1 },
};

const AGREEMENT: Record<ProviderSoort, OvereenkomstSoort> = {
  instelling: 'zorginstelling',
  zzp: 'opdracht',
  informeel: 'familie',
};

/** Shared by every monthly plan: at national scale a week of empty arrays per plan adds up. */
const NO_SHIFTS: Shift[][] = Object.freeze([[], [], [], [], [], [], []].map((d) => Object.freeze(d))) as unknown as Shift[][];

/** Last minute a shift may end: planted and clean days alike stay inside one calendar day. */
export const LATEST_END = 23 * 60 + 45;

export class World {
  readonly holders: GenHolder[] = [];
  readonly providers: GenProvider[] = [];
  readonly plans: Plan[] = [];
  readonly absences: GenAbsence[] = [];
  readonly register: GenRegisterEntry[] = [];
  private addresses = 0;
  private ibans = 0;
  private reps = 0;
  private readonly codes = new Set<string>();

  constructor(
    readonly scenario: Scenario,
    readonly cal: Calendar,
    public rng: Prng,
  ) {}

  get addressCount(): number {
    return this.addresses;
  }
  get ibanCount(): number {
    return this.ibans;
  }
  get repCount(): number {
    return this.reps;
  }

  newAddress(): number {
    return this.addresses++;
  }
  newIban(): number {
    return this.ibans++;
  }
  newRep(): number {
    return this.reps++;
  }

  /** A KvK number not used by any provider, for register entries about firms outside the export. */
  newForeignKvk(): string {
    return this.code('');
  }

  /** A unique 8-digit code; about one in ten starts with a zero, as real KvK numbers do. */
  private code(prefix: string): string {
    for (;;) {
      const tail = 8 - prefix.length;
      const n = this.rng.int(prefix === '' ? 1_000_000 : 0, 10 ** tail - 1);
      const code = prefix + String(n).padStart(tail, '0');
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  newProvider(soort: ProviderSoort, o: ProviderOptions = {}): GenProvider {
    const { rng, scenario, cal } = this;
    const person = soort !== 'instelling';
    const rateSpec = scenario.rates[soort];
    const kvkStart =
      o.kvkStart ?? (soort === 'informeel' ? null : cal.start - (soort === 'instelling' ? rng.int(3 * 365, 30 * 365) : rng.int(400, 20 * 365)));
    const capacity =
      o.capacity ??
      (soort === 'zzp'
        ? [10, 10, 10, 10, 10, rng.pick([0, 4, 6]), rng.pick([0, 0, 4])]
        : soort === 'informeel'
          ? [8, 8, 8, 8, 8, 8, 8]
          : new Array<number>(7).fill(Number.POSITIVE_INFINITY));
    const dayStart = o.dayStart ?? rng.int(7 * 4, 9 * 4) * 15;
    const p: GenProvider = {
      serial: this.providers.length,
      id: '',
      naam: o.naam ?? providerName(rng, soort),
      soort,
      kvk: o.kvk ?? (soort === 'informeel' ? null : this.code('')),
      agb: soort === 'informeel' ? null : this.code(soort === 'zzp' ? '90' : rng.pick(['73', '75'])),
      kvkStart,
      address: o.address ?? this.newAddress(),
      iban: o.iban ?? this.newIban(),
      wooninitiatief: o.wooninitiatief ?? false,
      // Rates spread evenly within a band (a floor and the municipality's maximum tariff), so a
      // clean population has few Tukey outliers and a planted 2-3x rate stands out.
      rate: o.rate ?? round2(rateSpec.mean * (1 + rateSpec.spread * Math.sqrt(3) * rng.uniform(-1, 1))),
      style: o.style ?? scenario.declaring[soort],
      capacity,
      load: [0, 0, 0, 0, 0, 0, 0],
      nextFree: new Array<number>(7).fill(person ? dayStart : 0),
      gap: o.gap ?? 30,
      plans: [],
      overrides: new Map(),
      batches: new Map(),
    };
    this.providers.push(p);
    return p;
  }

  newHolder(o: HolderOptions = {}): GenHolder {
    const { rng, scenario: s, cal } = this;
    const voorziening = o.voorziening ?? VOORZIENINGEN[rng.weightedIndex(VOORZIENINGEN.map((v) => s.voorzieningen[v]))];
    const wetWeights = WET_BY_VOORZIENING[voorziening];
    const wet = o.wet ?? WETTEN[rng.weightedIndex(WETTEN.map((w) => wetWeights[w] ?? 0))];
    const age = wet === 'jeugdwet' ? rng.int(4, 17) : wet === 'wlz' ? rng.int(30, 92) : rng.int(18, 85);
    let budgetStart: DayNumber = cal.start;
    let budgetEind: DayNumber | null = cal.end;
    let death: DayNumber | null = null;
    if (!o.full && cal.months >= 3) {
      if (rng.chance(s.newHolderShare)) {
        const k = rng.int(1, cal.months - 2);
        budgetStart = cal.monthStart[k] + (rng.chance(0.5) ? 0 : rng.int(1, 14));
      }
      const r = rng.next();
      if (r < s.endingShare) {
        const k = rng.int(1, cal.months - 2);
        const candidate = rng.chance(0.5) ? cal.monthEnd[k] : cal.monthStart[k] + rng.int(9, 24);
        if (candidate >= budgetStart + 45) budgetEind = candidate;
      } else if (r < s.endingShare + s.openEndedShare) {
        budgetEind = null;
      }
      if (rng.chance(s.deathShare) && cal.end - budgetStart > 60) death = rng.int(budgetStart + 30, cal.end - 1);
    } else if (o.full && rng.chance(s.openEndedShare)) {
      budgetEind = null;
    }
    const spec = s.budgets[voorziening];
    const h: GenHolder = {
      serial: this.holders.length,
      id: '',
      gemeente: rng.pick(s.gemeenten),
      wet,
      voorziening,
      budgetStart: o.budgetStart ?? budgetStart,
      budgetEind: o.budgetEind !== undefined ? o.budgetEind : budgetEind,
      yearlyBudget: spec.mean * rng.lognormalFactor(spec.spread),
      targetUse: o.targetUse ?? rng.uniform(s.budgetUse.min, s.budgetUse.max),
      presetBudget: null,
      indicatieFactor: rng.uniform(1, 1.3),
      geboortejaar: cal.endYear - age,
      address: o.address ?? this.newAddress(),
      rep: o.rep !== undefined ? o.rep : wet === 'jeugdwet' || rng.chance(s.representativeShare) ? this.newRep() : null,
      repProvider: null,
      // Registered at the address for up to 25 years, never before birth.
      ingeschrevenSinds: o.ingeschrevenSinds ?? cal.start - rng.int(180, Math.max(200, Math.min(9000, (age - 1) * 365))),
      death: o.death !== undefined ? o.death : death,
      plans: [],
      spend: 0,
    };
    this.holders.push(h);
    return h;
  }

  /**
   * Varied months: a clean population never bills (near-)equal amounts month after month.
   * The spread is enforced on what the months will bill (factor x share of the month
   * active), over the months the plan is active, where the indicator looks.
   */
  private monthFactors(start: DayNumber, end: DayNumber): number[] {
    const { cal } = this;
    const minCv = 0.22;
    let f = Array.from({ length: cal.months }, () => this.rng.uniform(0.6, 1.4));
    const share = f.map((_, m) => {
      const days = Math.min(end, cal.monthEnd[m]) - Math.max(start, cal.monthStart[m]) + 1;
      return days > 0 ? days / (cal.monthEnd[m] - cal.monthStart[m] + 1) : 0;
    });
    const active = share.map((x) => x > 0);
    if (active.filter(Boolean).length < 2) return f;
    const stats = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return { mean, sd: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
    };
    for (let round = 0; round < 12; round++) {
      const billed = stats(f.map((x, m) => x * share[m]).filter((_, m) => active[m]));
      if (billed.sd / billed.mean >= minCv) break;
      const { mean } = stats(f.filter((_, m) => active[m]));
      f = f.map((x, m) => {
        // Equal factors have nothing to stretch: alternate them around the mean.
        const deviation = Math.abs(x - mean) < 1e-9 ? (m % 2 === 0 ? -0.1 : 0.1) * mean : x - mean;
        return Math.max(0.3, mean + deviation * 1.35);
      });
    }
    return f;
  }

  /** Fits a weekly care volume into a carer's free hours; null when the carer is full. */
  private scheduleCarer(p: GenProvider, weeklyHours: number): Shift[][] | null {
    const { rng } = this;
    const maxShift = p.soort === 'informeel' ? 8 : 6;
    const days = Math.min(6, Math.max(1, Math.ceil(weeklyHours / 5)));
    const length = quarter(Math.min(maxShift, Math.max(1, weeklyHours / days)));
    const order = rng.shuffle([0, 1, 2, 3, 4, 5, 6]).sort((a, b) => p.capacity[b] - p.load[b] - (p.capacity[a] - p.load[a]));
    const out: Shift[][] = [[], [], [], [], [], [], []];
    let placed = 0;
    for (const w of order) {
      if (placed === days) break;
      const free = floorQuarter(p.capacity[w] - p.load[w]);
      if (free < 1) continue;
      const hours = Math.min(length, free);
      const begin = p.nextFree[w];
      if (begin + hours * 60 > LATEST_END - 30) continue;
      out[w].push({ begin, minutes: Math.round(hours * 60) });
      p.load[w] += hours;
      p.nextFree[w] = begin + Math.round(hours * 60) + p.gap;
      placed++;
    }
    return placed > 0 ? out : null;
  }

  private scheduleInstitution(weeklyHours: number): Shift[][] {
    const { rng } = this;
    const days = Math.min(5, Math.max(1, Math.ceil(weeklyHours / 6)));
    const hours = quarter(Math.min(10, Math.max(1, weeklyHours / days)));
    const out: Shift[][] = [[], [], [], [], [], [], []];
    for (const w of rng.shuffle([0, 1, 2, 3, 4]).slice(0, days)) {
      out[w].push({ begin: rng.int(8 * 4, 12 * 4) * 15, minutes: Math.round(hours * 60) });
    }
    return out;
  }

  /** A care relation with the holder's share of care; null when a personal carer has no room left. */
  attach(h: GenHolder, p: GenProvider, o: AttachOptions = {}): Plan | null {
    const { rng, cal } = this;
    const style = o.style ?? p.style;
    const tarief = o.tarief ?? round2(p.rate * rng.uniform(0.97, 1.03));
    const start = o.start ?? Math.max(h.budgetStart, cal.start);
    const natural = Math.min(h.budgetEind ?? cal.end, h.death ?? cal.end, cal.end);
    const end = o.end ?? natural;
    // Care volume follows the budget level; budget_bedrag itself is derived from what is declared.
    const hoursPerYear = (h.yearlyBudget * 0.78 * (o.share ?? 1)) / tarief;
    const showRate = o.showRate ?? 0.7;
    let byWeekday: Shift[][] = NO_SHIFTS;
    let weeklyHours = hoursPerYear / 52;
    if (style === 'daily') {
      const target = hoursPerYear / 52 / showRate;
      const schedule = o.shifts ?? (p.soort === 'instelling' ? this.scheduleInstitution(target) : this.scheduleCarer(p, target));
      if (schedule === null) return null;
      byWeekday = schedule;
      weeklyHours = byWeekday.flat().reduce((a, s) => a + s.minutes / 60, 0) * showRate;
    }
    let flat: Plan['flat'] = null;
    let rate = tarief;
    if (o.flat) {
      // Fixed monthly hours at a rate chosen so that hours x rate is the amount to the cent,
      // and the budget is exactly the months' sum: 100% use.
      const months = cal.monthStart.filter((d, m) => d >= start && cal.monthEnd[m] <= end).length;
      const target = (Math.round((h.yearlyBudget * months) / 12 / 100) * 100) / months;
      const hours = Math.max(0.25, quarter(target / tarief));
      rate = round2(target / hours);
      const amount = round2(hours * rate);
      h.presetBudget = round2(amount * months);
      flat = { amount, hours };
      weeklyHours = (hours * 12) / 52;
    }
    const plan: Plan = {
      serial: this.plans.length,
      holder: h,
      provider: p,
      style,
      agreement: p.soort === 'informeel' && rng.chance(0.3) ? 'arbeidsovereenkomst' : AGREEMENT[p.soort],
      tarief: rate,
      start,
      end,
      weeklyHours,
      monthlyHours: hoursPerYear / 12,
      byWeekday,
      showRate,
      factors: this.monthFactors(start, end),
      flat,
      hoursShare: null,
      contractShare: 1,
      contractId: '',
    };
    this.plans.push(plan);
    h.plans.push(plan);
    p.plans.push(plan);
    return plan;
  }

  /** Days in [from, to] on a weekday from `weekdays` (Monday = 0). */
  days(from: DayNumber, to: DayNumber, weekdays = [0, 1, 2, 3, 4]): DayNumber[] {
    const out: DayNumber[] = [];
    for (let d = from; d <= to; d++) if (weekdays.includes(weekday(d))) out.push(d);
    return out;
  }

  /** Makes `day` one on which only the given plans have care, with exactly these shifts. */
  override(day: DayNumber, shifts: [Plan, Shift[]][]): void {
    const p = shifts[0][0].provider;
    p.overrides.set(day, new Map(shifts));
  }
}
