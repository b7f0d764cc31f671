// Schemes about the care itself (who gives how much, when, against which agreement), with look-alikes.
import type { DayNumber } from '../model/dates.js';
import { companions, pickDays, requireFile, requireMonths, shift, type PlantedCase } from './planted.js';
import type { GenHolder, GenProvider, Plan, Shift, World } from './world.js';

type Plant = (world: World, instance: number) => PlantedCase;

const WONEN = ['beschermd_wonen', 'begeleid_wonen'] as const;

function attachOrFail(world: World, h: GenHolder, p: GenProvider, o: Parameters<World['attach']>[2] = {}): Plan {
  const plan = world.attach(h, p, o);
  if (!plan) throw new Error(`generator: could not attach holder ${h.serial}`);
  return plan;
}

const weekOf = (days: number, make: () => Shift): Shift[][] => Array.from({ length: 7 }, (_, w) => (w < days ? [make()] : []));

/** A self-employed carer declares sessions with two clients at the same time, on 4-6 days. */
export const overlappingSessions: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('zzp', { style: 'daily' });
  const clients = companions(world, p, rng.int(3, 4), { voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) });
  if (clients.length < 2) throw new Error('generator: overlapping-sessions carer got fewer than two clients');
  const plans = clients.map((h) => h.plans[0]);
  const involved = new Set<GenHolder>();
  for (const day of pickDays(world, plans, rng.int(4, 6), 2)) {
    const [a, b] = rng.shuffle([...plans]).slice(0, 2);
    const begin = rng.pick([8.5, 9, 9.5]);
    world.override(day, [
      [a, [shift(begin, rng.pick([2.5, 3]))]],
      [b, [shift(begin + rng.pick([0.75, 1, 1.5]), rng.pick([2, 2.5, 3]))]],
    ]);
    involved.add(a.holder).add(b.holder);
  }
  return { kind: 'overlapping-sessions', instance, providers: [p], holders: [...involved] };
};

/** Look-alike of overlapping sessions: a self-employed carer runs a day-activity group, all clients at once. */
export const groupCare: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('zzp', { style: 'daily' });
  const begin = rng.pick([9.5, 10]);
  const hours = rng.pick([3, 3.5]);
  // Four clients of 3-3.5 hours stay below the 16-hour long day of impossible-day-hours.
  const days = new Set(rng.shuffle([0, 1, 2, 3, 4]).slice(0, rng.int(2, 3)));
  const week: Shift[][] = Array.from({ length: 7 }, (_, w) => (days.has(w) ? [shift(begin, hours)] : []));
  const holders = Array.from({ length: 4 }, () => {
    const h = world.newHolder({ full: true, voorziening: 'dagbesteding' });
    attachOrFail(world, h, p, { shifts: week, showRate: 0.9 });
    return h;
  });
  return { kind: 'group-care', instance, providers: [p], holders };
};

/** A family carer declares 10-11 hours every day of the week: over 60 hours a week, month after month. */
export const familyOverwork: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('informeel', { style: 'daily', capacity: new Array<number>(7).fill(12) });
  const h = world.newHolder({ full: true, wet: 'wlz', voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) });
  const week = weekOf(7, () => shift(rng.pick([7.5, 8]), rng.pick([10.5, 11, 11.5])));
  attachOrFail(world, h, p, { shifts: week, showRate: 0.97 });
  return { kind: 'family-overwork', instance, providers: [p], holders: [h] };
};

/** Look-alike of family overwork: a devoted family carer at 25-30 hours a week at the informal rate. */
export const familyCarerPartTime: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('informeel', { style: 'daily' });
  const h = world.newHolder({ full: true, voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) });
  const week = weekOf(5, () => shift(rng.pick([9, 9.5, 10]), rng.pick([5.5, 6, 6.5])));
  attachOrFail(world, h, p, { shifts: week, showRate: 0.85 });
  return { kind: 'family-carer-part-time', instance, providers: [p], holders: [h] };
};

/** Care declared 60-90% above the hours of the care agreement, all year. Needs zorgovereenkomsten.csv. */
export const beyondContract: Plant = (world, instance) => {
  requireFile(world, 'beyond-contract', 'contractsFile');
  const { rng } = world;
  const p = world.newProvider('instelling', { style: 'monthly' });
  // Enough care that the excess is hours, not quarters: household help at one hour a week would hide it.
  const h = world.newHolder({ full: true, voorziening: rng.pick(['begeleiding', 'begeleid_wonen', 'beschermd_wonen'] as const) });
  const plan = attachOrFail(world, h, p);
  plan.contractShare = 1 / rng.uniform(1.6, 1.9);
  companions(world, p, rng.int(2, 3));
  return { kind: 'beyond-contract', instance, providers: [p], holders: [h] };
};

/** Look-alike of declaring beyond the agreement: a few percent over on average, more in a long month. */
export const contractLongMonth: Plant = (world, instance) => {
  requireFile(world, 'contract-long-month', 'contractsFile');
  const { rng } = world;
  const p = world.newProvider('instelling', { style: 'monthly' });
  const h = world.newHolder({ full: true });
  const plan = attachOrFail(world, h, p);
  plan.contractShare = 1 / rng.uniform(1.02, 1.06);
  companions(world, p, rng.int(2, 3));
  return { kind: 'contract-long-month', instance, providers: [p], holders: [h] };
};

/** `len` consecutive months (starting at a random one) in which a plan bills a full month's amount. */
function fullBilledRun(world: World, plan: Plan, len: number): number[] {
  const { rng, cal } = world;
  const first = rng.int(1, cal.months - len - 1);
  const run = Array.from({ length: len }, (_, i) => first + i);
  for (const m of run) plan.factors[m] = rng.uniform(0.97, 1.08);
  plan.hoursShare = new Array<number>(cal.months).fill(1);
  return run;
}

/**
 * Neglect (IKZ 2019): residents of a housing provider get a quarter to a third of their indicated hours for
 * four to seven months while their budgets are billed as usual.
 */
export const careNeglect: Plant = (world, instance) => {
  requireMonths(world, 'care-neglect', 8);
  const { rng } = world;
  const p = world.newProvider('instelling', { style: 'monthly' });
  const voorziening = rng.pick(WONEN);
  const holders: GenHolder[] = [];
  for (let i = rng.int(3, 4); i > 0; i--) {
    const h = world.newHolder({ full: true, voorziening, budgetEind: world.cal.end, targetUse: rng.uniform(0.93, 0.97) });
    const plan = attachOrFail(world, h, p);
    for (const m of fullBilledRun(world, plan, rng.int(4, 7))) plan.hoursShare![m] = rng.uniform(0.24, 0.32);
    holders.push(h);
  }
  companions(world, p, rng.int(1, 2), { voorziening });
  return { kind: 'care-neglect', instance, providers: [p], holders };
};

/**
 * Look-alike of neglect: a resident admitted (hospital or mental health clinic) for three to four months; the
 * place is kept and billed, the hours fall, and afwezigheden.csv holds the stay.
 */
export const hospitalStay: Plant = (world, instance) => {
  requireMonths(world, 'hospital-stay', 7);
  requireFile(world, 'hospital-stay', 'absencesFile');
  const { rng, cal } = world;
  const p = world.newProvider('instelling', { style: 'monthly' });
  const voorziening = rng.pick(WONEN);
  const h = world.newHolder({ full: true, voorziening, budgetEind: cal.end, targetUse: rng.uniform(0.93, 0.97) });
  const plan = attachOrFail(world, h, p);
  const run = fullBilledRun(world, plan, rng.int(3, 4));
  for (const m of run) plan.hoursShare![m] = rng.uniform(0.05, 0.15);
  const van: DayNumber = cal.monthStart[run[0]] - rng.int(0, 6);
  const tot: DayNumber = cal.monthEnd[run[run.length - 1]] - rng.int(0, 8);
  const soort = rng.pick(['ziekenhuisopname', 'ggz-opname'] as const);
  // Two days' home leave mid-month in each month of the stay (drawn without the generator's random stream, so
  // the rest of a population stays as it was): no billed month lies wholly within one absence, which would be
  // care during an absence, while the stay still covers more than half of every month in the run.
  let from = van;
  for (const m of run) {
    const leave = cal.monthStart[m] + 14;
    world.absences.push({ holder: h, soort, van: from, tot: leave - 1 });
    from = leave + 2;
  }
  world.absences.push({ holder: h, soort, van: from, tot });
  companions(world, p, rng.int(2, 3), { voorziening });
  return { kind: 'hospital-stay', instance, providers: [p], holders: [h] };
};

/**
 * Care during an absence (IKZ 2019): a client is admitted to hospital or detained for three to six weeks, and
 * the carer keeps declaring its daily visits at home all through the stay. Needs afwezigheden.csv.
 */
export const careWhileAdmitted: Plant = (world, instance) => {
  requireMonths(world, 'care-while-admitted', 4);
  requireFile(world, 'care-while-admitted', 'absencesFile');
  const { rng, cal } = world;
  const p = world.newProvider('zzp', { style: 'daily' });
  const h = world.newHolder({ full: true, voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) });
  // The carer's own schedule (so its other clients' visits do not overlap these), kept nearly every week: the
  // weeks of the stay carry declarations inside it.
  attachOrFail(world, h, p, { showRate: 0.95 });
  const m = rng.int(1, cal.months - 3);
  const van: DayNumber = cal.monthStart[m] + rng.int(2, 12);
  world.absences.push({ holder: h, soort: rng.pick(['ziekenhuisopname', 'detentie'] as const), van, tot: van + rng.int(21, 42) });
  companions(world, p, rng.int(1, 2));
  return { kind: 'care-while-admitted', instance, providers: [p], holders: [h] };
};

/**
 * A provider in the warning register (Wbsrz) while it declares: the entry, on its KvK number, AGB code or
 * account, is valid on its care dates. KvK and AGB numbers with a leading zero are written without it, as the
 * register's system does.
 */
export const registerListed: Plant = (world, instance) => {
  requireFile(world, 'register-listed', 'registerFile');
  const { rng, cal } = world;
  const p = world.newProvider(rng.chance(0.5) ? 'instelling' : 'zzp');
  companions(world, p, rng.int(2, 4));
  const kind = rng.pick(['kvk_nummer', 'agb_code', 'iban_sleutel'] as const);
  const registered = cal.start - rng.int(60, 2 * 365);
  world.register.push({ kind, provider: p, value: null, dropLeadingZeros: true, registered, expires: null, grond: 'onrechtmatige declaraties' });
  return { kind: 'register-listed', instance, providers: [p], holders: [] };
};

/** Look-alike of a register match: the provider's entry expired before the care in this export. */
export const registerExpired: Plant = (world, instance) => {
  requireFile(world, 'register-expired', 'registerFile');
  const { rng, cal } = world;
  const p = world.newProvider('instelling');
  companions(world, p, rng.int(2, 4));
  const expires = cal.start - rng.int(20, 300);
  world.register.push({
    kind: 'kvk_nummer',
    provider: p,
    value: null,
    dropLeadingZeros: false,
    registered: expires - rng.int(3 * 365, 5 * 365),
    expires,
    grond: 'niet geleverde zorg',
  });
  return { kind: 'register-expired', instance, providers: [p], holders: [] };
};

/** Batches of all of a provider's declarations for a month, at one minute, in `months` of the covered months. */
function batchMonths(world: World, p: GenProvider, months: number[]): void {
  const { rng, cal } = world;
  for (const m of months) p.batches.set(m, { day: cal.monthEnd[m] + rng.int(1, 6), minute: rng.int(8 * 60, 22 * 60) });
}

/**
 * One person submits the declarations of 8-10 holders at the same minute, in 3-5 months: the pattern of a carer
 * holding its clients' DigiD. Needs submission times (`submissionTimes`).
 */
export const bulkSubmission: Plant = (world, instance) => {
  requireFile(world, 'bulk-submission', 'submissionTimes');
  const { rng, cal } = world;
  // Light care (household help, a few hours a week each) leaves room in one person's week for this many clients.
  const p = world.newProvider('zzp', { style: 'daily', capacity: [12, 12, 12, 12, 12, 6, 0] });
  const holders = companions(world, p, rng.int(8, 10), { voorziening: 'huishoudelijke_hulp' });
  if (holders.length < 8) throw new Error('generator: bulk-submission carer got fewer than eight clients');
  batchMonths(world, p, rng.shuffle(Array.from({ length: cal.months - 1 }, (_, m) => m)).slice(0, rng.int(3, 5)));
  return { kind: 'bulk-submission', instance, providers: [p], holders };
};

/** Look-alike of bulk submission: an established institution's administration submits every month in one batch. */
export const institutionBatch: Plant = (world, instance) => {
  requireFile(world, 'institution-batch', 'submissionTimes');
  const { rng, cal } = world;
  const p = world.newProvider('instelling', { kvkStart: cal.start - rng.int(8 * 365, 25 * 365), style: 'monthly' });
  const holders = companions(world, p, rng.int(9, 12));
  batchMonths(world, p, Array.from({ length: cal.months }, (_, m) => m));
  return { kind: 'institution-batch', instance, providers: [p], holders };
};
