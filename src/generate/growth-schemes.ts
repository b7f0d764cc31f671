// Schemes about how a provider grows (intake, recruiting, restarts), with the legitimate look-alikes.
import type { DayNumber } from '../model/dates.js';
import type { Voorziening } from '../model/types.js';
import { companions, requireMonths, type PlantedCase } from './planted.js';
import type { GenHolder, GenProvider, World } from './world.js';

type Plant = (world: World, instance: number) => PlantedCase;

const WONEN = ['beschermd_wonen', 'begeleid_wonen'] as const;

function attachFrom(world: World, h: GenHolder, p: GenProvider, start: DayNumber, end?: DayNumber): void {
  if (!world.attach(h, p, { start, end, style: 'monthly' })) throw new Error(`generator: could not attach holder ${h.serial}`);
}

/**
 * Holders who start with `p` on the given days, their budgets starting then too. Registered at their address
 * `registeredBefore(day)` days before (long ago unless a scheme says otherwise).
 */
function intake(world: World, p: GenProvider, days: DayNumber[], voorziening: Voorziening, registeredBefore?: (day: DayNumber) => number, address?: () => number): GenHolder[] {
  return days.map((day) => {
    const h = world.newHolder({
      full: true,
      voorziening,
      budgetStart: day,
      ...(registeredBefore ? { ingeschrevenSinds: day - registeredBefore(day) } : {}),
      ...(address ? { address: address() } : {}),
    });
    attachFrom(world, h, p, day);
    return h;
  });
}

/** `n` days spread over the months [from, from + span), sorted. */
function spreadDays(world: World, n: number, fromMonth: number, span: number): DayNumber[] {
  const { rng, cal } = world;
  const lo = cal.monthStart[fromMonth];
  const hi = cal.monthEnd[Math.min(cal.months - 1, fromMonth + span - 1)];
  return Array.from({ length: n }, () => rng.int(lo, hi)).sort((a, b) => a - b);
}

/** A firm registered with the KvK months ago takes in 9-12 holders within five months (IKZ: most signalled providers are new). */
export const rapidIntake: Plant = (world, instance) => {
  requireMonths(world, 'rapid-intake', 8);
  const { rng, cal } = world;
  const from = rng.int(2, cal.months - 6);
  const p = world.newProvider('instelling', { kvkStart: cal.monthStart[from] - rng.int(60, 300), style: 'monthly' });
  const holders = intake(world, p, spreadDays(world, rng.int(9, 12), from, 5), rng.pick(WONEN));
  return { kind: 'rapid-intake', instance, providers: [p], holders };
};

/**
 * A provider three years old whose new clients nearly all registered in town weeks before they came: people
 * recruited elsewhere (shelters, prison gates) and housed here to be billed for.
 */
export const recruitedInflow: Plant = (world, instance) => {
  requireMonths(world, 'recruited-inflow', 8);
  const { rng, cal } = world;
  const p = world.newProvider('instelling', { kvkStart: cal.start - rng.int(2 * 365, 4 * 365), style: 'monthly' });
  companions(world, p, rng.int(1, 2));
  const from = rng.int(2, cal.months - 6);
  const holders = intake(world, p, spreadDays(world, rng.int(5, 7), from, 5), rng.pick(WONEN), () => rng.int(5, 90));
  return { kind: 'recruited-inflow', instance, providers: [p], holders };
};

/**
 * A provider stops mid-year and a firm registered around then, at the same address (and sometimes paid into
 * the same account), takes over most of its clients within weeks. The predecessor is evidence, not a second
 * planted provider: it raises no signal of its own.
 */
export const phoenixRestart: Plant = (world, instance) => {
  requireMonths(world, 'phoenix-restart', 8);
  const { rng, cal } = world;
  const k = rng.int(3, cal.months - 4);
  const end = cal.monthEnd[k];
  const old = world.newProvider('instelling', { kvkStart: cal.start - rng.int(3 * 365, 8 * 365), style: 'monthly' });
  const successor = world.newProvider('instelling', { kvkStart: end - rng.int(15, 120), address: old.address, style: 'monthly' });
  const n = rng.int(5, 7);
  const voorziening = rng.pick(WONEN);
  const moved: GenHolder[] = [];
  for (let i = 0; i < n; i++) {
    const h = world.newHolder({ full: true, voorziening, budgetEind: cal.end });
    attachFrom(world, h, old, cal.start, end);
    // One client goes elsewhere (or stops): a restart rarely takes everyone.
    if (i === n - 1) continue;
    attachFrom(world, h, successor, end + 1 + rng.int(0, 20));
    moved.push(h);
  }
  return { kind: 'phoenix-restart', instance, providers: [successor], holders: moved };
};

/**
 * Look-alike of rapid intake and of recruited inflow: an institution of many years opens a new location and
 * its residents, who all moved there, come in within weeks.
 */
export const establishedNewLocation: Plant = (world, instance) => {
  requireMonths(world, 'established-new-location', 6);
  const { rng, cal } = world;
  const p = world.newProvider('instelling', { kvkStart: cal.start - rng.int(8 * 365, 25 * 365), style: 'monthly' });
  companions(world, p, rng.int(2, 3));
  const opening = cal.monthStart[rng.int(2, cal.months - 4)] + rng.int(0, 10);
  const days = Array.from({ length: rng.int(9, 11) }, () => opening + rng.int(0, 25)).sort((a, b) => a - b);
  // Apartments of one complex: each its own address, registered the week of moving in.
  const holders = intake(world, p, days, rng.pick(WONEN), () => rng.int(0, 20), () => world.newAddress());
  return { kind: 'established-new-location', instance, providers: [p], holders };
};

/**
 * Look-alike of a restart: a provider closes and its clients move together to an established provider that
 * shares nothing with it (the municipality found them a new place).
 */
export const closureTransfer: Plant = (world, instance) => {
  requireMonths(world, 'closure-transfer', 8);
  const { rng, cal } = world;
  const k = rng.int(3, cal.months - 4);
  const end = cal.monthEnd[k];
  const old = world.newProvider('instelling', { kvkStart: cal.start - rng.int(3 * 365, 8 * 365), style: 'monthly' });
  const next = world.newProvider('instelling', { kvkStart: cal.start - rng.int(10 * 365, 25 * 365), style: 'monthly' });
  companions(world, next, rng.int(2, 3));
  const holders: GenHolder[] = [];
  const voorziening = rng.pick(WONEN);
  for (let i = rng.int(4, 6); i > 0; i--) {
    const h = world.newHolder({ full: true, voorziening, budgetEind: cal.end });
    attachFrom(world, h, old, cal.start, end);
    attachFrom(world, h, next, end + 1 + rng.int(0, 25));
    holders.push(h);
  }
  return { kind: 'closure-transfer', instance, providers: [old, next], holders };
};
