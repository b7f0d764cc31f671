import { AppError } from '../errors.js';
import type { DayNumber } from '../model/dates.js';
import { VOORZIENINGEN, type ProviderSoort, type Voorziening } from '../model/types.js';
import { monthOfDay } from './calendar.js';
import { ZZP_SUITED } from './population.js';
import type { AttachOptions, GenHolder, GenProvider, HolderOptions, Plan, Shift, World } from './world.js';

/** A planted scheme or decoy, by entity; ids are read once they are assigned. */
export interface PlantedCase {
  kind: string;
  instance: number;
  providers: GenProvider[];
  holders: GenHolder[];
  /** Indicators per provider where the scheme's providers should trip different ones. */
  expectedByProvider?: Map<GenProvider, string[]>;
}

export function drawVoorziening(world: World, suited?: ReadonlySet<Voorziening>): Voorziening {
  const weights = VOORZIENINGEN.map((v) => (suited && !suited.has(v) ? 0 : world.scenario.voorzieningen[v]));
  if (!weights.some((w) => w > 0)) return suited ? [...suited][0] : 'begeleiding';
  return VOORZIENINGEN[world.rng.weightedIndex(weights)];
}

/** Ordinary clients beside the planted one(s), so a planted provider looks like any other. */
export function companions(world: World, p: GenProvider, n: number, o: HolderOptions = {}, care: AttachOptions = {}): GenHolder[] {
  const out: GenHolder[] = [];
  for (let i = 0; i < n; i++) {
    const voorziening = o.voorziening ?? drawVoorziening(world, p.soort === 'instelling' ? undefined : ZZP_SUITED);
    const h = world.newHolder({ full: true, ...o, voorziening });
    if (!world.attach(h, p, care)) {
      // A carer without room: the holder goes to nobody, so drop it again.
      world.holders.pop();
      break;
    }
    out.push(h);
  }
  return out;
}

/** Weekdays on which all plans are active, grouped by covered month. */
function weekdaysByMonth(world: World, plans: Plan[]): DayNumber[][] {
  const from = Math.max(...plans.map((p) => p.start));
  const to = Math.min(...plans.map((p) => p.end));
  const byMonth: DayNumber[][] = Array.from({ length: world.cal.months }, () => []);
  for (const d of world.days(from, to)) byMonth[monthOfDay(world.cal, d)].push(d);
  return byMonth;
}

/** Up to `perMonth` distinct days in each of `months` months, spread by the generator. */
export function pickDays(world: World, plans: Plan[], count: number, perMonth: number): DayNumber[] {
  const { rng } = world;
  const byMonth = weekdaysByMonth(world, plans);
  const months = rng.shuffle(byMonth.map((_, m) => m).filter((m) => byMonth[m].length > 0));
  const out: DayNumber[] = [];
  for (const m of months) {
    const days = rng.shuffle([...byMonth[m]]).slice(0, Math.min(perMonth, count - out.length));
    out.push(...days);
    if (out.length >= count) break;
  }
  return out.sort((a, b) => a - b);
}

/** Month indices in which all plans have at least `need` weekdays. */
export function fullMonths(world: World, plans: Plan[], need: number): number[] {
  const byMonth = weekdaysByMonth(world, plans);
  return byMonth.map((d, m) => (d.length >= need ? m : -1)).filter((m) => m >= 0);
}

export function daysOfMonth(world: World, plans: Plan[], month: number): DayNumber[] {
  return weekdaysByMonth(world, plans)[month];
}

export const shift = (beginHour: number, hours: number): Shift => ({
  begin: Math.round(beginHour * 60),
  minutes: Math.round(hours * 60),
});

/** Impossible and long days need daily declarations, whatever the scenario says carers use. */
export function newCarer(world: World, soort: Exclude<ProviderSoort, 'instelling'>): GenProvider {
  return world.newProvider(soort, { style: 'daily' });
}

export function requireMonths(world: World, kind: string, months: number): void {
  if (world.cal.months < months) {
    throw new AppError('SCENARIO_INVALID', `scheme '${kind}' needs at least ${months} covered months; the scenario has ${world.cal.months}`, {
      kind,
    });
  }
}

/** A case that lives in an optional file is refused without it, rather than planted where nobody can see it. */
export function requireFile(world: World, kind: string, flag: 'contractsFile' | 'absencesFile' | 'registerFile' | 'submissionTimes'): void {
  if (!world.scenario[flag]) {
    throw new AppError('SCENARIO_INVALID', `scheme '${kind}' needs "${flag}": true in the scenario: its evidence is there`, { kind });
  }
}
