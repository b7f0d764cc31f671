import { contractLongMonth, familyCarerPartTime, groupCare, hospitalStay, institutionBatch, registerExpired } from './care-schemes.js';
import { closureTransfer, establishedNewLocation } from './growth-schemes.js';
import { companions, daysOfMonth, fullMonths, shift, type PlantedCase } from './planted.js';
import type { DecoyKind } from './scenario-schema.js';
import type { Shift, World } from './world.js';

type Plant = (world: World, instance: number) => PlantedCase;

/** A wooninitiatief of 10+ years housing its clients, billing what it delivers: only co-residence may fire. */
const wooninitiatiefVaried: Plant = (world, instance) => {
  const { rng, cal } = world;
  const p = world.newProvider('instelling', {
    kvkStart: cal.start - rng.int(10 * 365 + 30, 25 * 365),
    wooninitiatief: true,
    style: 'monthly',
  });
  const housed = companions(world, p, rng.int(3, 6), {
    address: p.address,
    voorziening: rng.pick(['beschermd_wonen', 'begeleid_wonen'] as const),
    ingeschrevenSinds: cal.start - rng.int(100, 3000),
  });
  companions(world, p, rng.int(0, 2));
  return { kind: 'wooninitiatief-varied', instance, providers: [p], holders: housed };
};

/** A busy self-employed carer: many clients, 10-14 hour days, at most four days of 16+ hours a month. */
const busyZzp: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('zzp', { style: 'daily' });
  const clients = Array.from({ length: rng.int(8, 12) }, () =>
    world.newHolder({ full: true, voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) }),
  );
  // Whole working days filled back to back from 07:00: 11-13 hours on weekdays, a shorter Saturday.
  const weeks: Shift[][][] = clients.map(() => [[], [], [], [], [], [], []]);
  const turn = rng.shuffle(clients.map((_, i) => i));
  let next = 0;
  for (let w = 0; w < 6; w++) {
    const target = w < 5 ? rng.pick([11.5, 12, 12.5, 13]) : rng.pick([4, 5, 6]);
    let at = 7;
    let worked = 0;
    while (worked < target) {
      const hours = Math.min(target - worked, rng.pick([1.5, 2, 2.5, 3]));
      weeks[turn[next++ % turn.length]][w].push(shift(at, hours));
      at += hours + 0.25;
      worked += hours;
    }
  }
  const plans = clients.map((h, i) => world.attach(h, p, { shifts: weeks[i], showRate: 0.85 })!);
  const months = fullMonths(world, plans.slice(0, 3), 6);
  const atLimit = rng.pick(months);
  for (const m of months) {
    for (const day of rng.shuffle([...daysOfMonth(world, plans.slice(0, 3), m)]).slice(0, m === atLimit ? 4 : rng.int(2, 4))) {
      const [a, b, c] = rng.shuffle([...plans]).slice(0, 3);
      world.override(day, [
        [a, [shift(6.5, 5)]],
        [b, [shift(11.75, 5.25)]],
        [c, [shift(17.25, 5.75 + rng.pick([0, 0.25, 0.5]))]],
      ]);
    }
  }
  return { kind: 'busy-zzp', instance, providers: [p], holders: clients };
};

/** Care that ends on the day of death: billed up to and including that day, never after. */
const careUntilDeath: Plant = (world, instance) => {
  const { rng, cal } = world;
  const monthly = instance % 2 === 1;
  const p = monthly ? world.newProvider('instelling', { style: 'monthly' }) : world.newProvider('zzp', { style: 'daily' });
  const k = rng.int(1, Math.max(1, cal.months - 2));
  const death = Math.min(cal.end - 1, cal.monthStart[k] + rng.int(5, 20));
  const h = world.newHolder({ full: true, death, voorziening: rng.pick(['begeleid_wonen', 'begeleiding'] as const) });
  const plan = world.attach(h, p);
  if (!plan) throw new Error('generator: care-until-death could not attach');
  if (!monthly) world.override(death, [[plan, [shift(9, 3)]]]);
  companions(world, p, rng.int(2, 4));
  return { kind: 'care-until-death', instance, providers: [p], holders: [h] };
};

/** One firm, two locations: two provider ids, one KvK number, one account. */
const twoLocationsOneKvk: Plant = (world, instance) => {
  const { rng } = world;
  const first = world.newProvider('instelling', { style: 'monthly' });
  const base = first.naam;
  first.naam = `${base} locatie ${rng.pick(['Centrum', 'Noord', 'De Hoven'])}`;
  const second = world.newProvider('instelling', {
    style: 'monthly',
    kvk: first.kvk ?? undefined,
    iban: first.iban,
    kvkStart: first.kvkStart ?? undefined,
    naam: `${base} locatie ${rng.pick(['Zuid', 'Oost', 'Het Veld'])}`,
  });
  const holders = [...companions(world, first, rng.int(2, 4)), ...companions(world, second, rng.int(2, 4))];
  return { kind: 'two-locations-one-kvk', instance, providers: [first, second], holders };
};

/** A family carer with long but possible days: 8-12 hours, and 16 hours on at most four days a month. */
const devotedFamilyCarer: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('informeel', { style: 'daily', capacity: new Array<number>(7).fill(12) });
  const h = world.newHolder({ full: true, wet: 'wlz', voorziening: rng.pick(['begeleiding', 'begeleid_wonen'] as const) });
  const week: Shift[][] = [[], [], [], [], [], [], []];
  for (const w of rng.shuffle([0, 1, 2, 3, 4, 5, 6]).slice(0, rng.int(5, 6))) {
    week[w].push(shift(rng.pick([8, 8.5, 9]), rng.pick([8, 9, 10, 11, 11.5])));
  }
  const plan = world.attach(h, p, { shifts: week, showRate: 0.85 });
  if (!plan) throw new Error('generator: devoted-family-carer could not attach');
  if (rng.chance(0.5)) p.address = h.address;
  const months = fullMonths(world, [plan], 4);
  const atLimit = rng.pick(months);
  for (const m of months) {
    for (const day of rng.shuffle([...daysOfMonth(world, [plan], m)]).slice(0, m === atLimit ? 4 : rng.int(1, 4))) {
      world.override(day, [[plan, [shift(6.5, 16)]]]);
    }
  }
  return { kind: 'devoted-family-carer', instance, providers: [p], holders: [h] };
};

export const DECOYS: Record<DecoyKind, Plant> = {
  'wooninitiatief-varied': wooninitiatiefVaried,
  'busy-zzp': busyZzp,
  'care-until-death': careUntilDeath,
  'two-locations-one-kvk': twoLocationsOneKvk,
  'devoted-family-carer': devotedFamilyCarer,
  'established-new-location': establishedNewLocation,
  'closure-transfer': closureTransfer,
  'group-care': groupCare,
  'family-carer-part-time': familyCarerPartTime,
  'contract-long-month': contractLongMonth,
  'hospital-stay': hospitalStay,
  'register-expired': registerExpired,
  'institution-batch': institutionBatch,
};
