import { AppError } from '../errors.js';
import type { Voorziening } from '../model/types.js';
import { beyondContract, bulkSubmission, careNeglect, careWhileAdmitted, familyOverwork, overlappingSessions, registerListed } from './care-schemes.js';
import { phoenixRestart, rapidIntake, recruitedInflow } from './growth-schemes.js';
import { companions, drawVoorziening, fullMonths, daysOfMonth, newCarer, pickDays, requireMonths, shift, type PlantedCase } from './planted.js';
import { ZZP_SUITED } from './population.js';
import type { SchemeKind } from './scenario-schema.js';
import type { AttachOptions, GenHolder, GenProvider, Plan, World } from './world.js';

type Plant = (world: World, instance: number) => PlantedCase;

function attachOrFail(world: World, h: GenHolder, p: GenProvider, o?: AttachOptions): Plan {
  const plan = world.attach(h, p, o);
  if (!plan) throw new Error(`generator: could not attach holder ${h.serial}`);
  return plan;
}

/**
 * Zorgcowboy house (IKZ 2019): a young firm houses its clients at its own address, one
 * representative signs for most of them, and every budget is billed in full, flat.
 */
const zorgcowboyHouse: Plant = (world, instance) => {
  requireMonths(world, 'zorgcowboy-house', 6);
  const { rng, cal } = world;
  // Founded 13-17 months before the end: young, yet before the first month it bills.
  const kvkStart = cal.end - rng.int(400, 525);
  const p = world.newProvider('instelling', { kvkStart, wooninitiatief: rng.chance(0.5), style: 'monthly' });
  const start = cal.monthStart.find((d) => d > kvkStart + 20) ?? cal.start;
  const n = rng.int(3, 6);
  const rep = world.newRep();
  const withRep = Math.max(3, n - 1);
  const voorziening: Voorziening = rng.pick(['beschermd_wonen', 'begeleid_wonen']);
  const holders: GenHolder[] = [];
  for (let i = 0; i < n; i++) {
    const h = world.newHolder({
      voorziening,
      full: true,
      budgetStart: start,
      budgetEind: cal.end,
      address: p.address,
      rep: i < withRep ? rep : null,
      ingeschrevenSinds: rng.int(kvkStart + 10, start - 1),
    });
    attachOrFail(world, h, p, { flat: true, start, style: 'monthly' });
    holders.push(h);
  }
  return { kind: 'zorgcowboy-house', instance, providers: [p], holders };
};

/** One self-employed carer declares more than 24 hours on single days, across clients. */
const impossibleDays: Plant = (world, instance) => {
  const { rng } = world;
  const p = newCarer(world, 'zzp');
  const clients = companions(world, p, rng.int(3, 4));
  if (clients.length < 2) throw new Error('generator: impossible-days carer got fewer than two clients');
  const plans = clients.map((h) => h.plans[0]);
  const involved = new Set<GenHolder>();
  // One or two such days per month keeps the month below the softer long-days rule: only 'overDay'.
  for (const day of pickDays(world, plans, rng.int(3, 5), 2)) {
    const [a, b] = rng.shuffle([...plans]).slice(0, 2);
    world.override(day, [
      [a, [shift(rng.pick([0.5, 1, 1.5]), rng.pick([12.5, 13, 13.5]))]],
      [b, [shift(rng.pick([7, 7.5, 8]), rng.pick([12, 12.5, 13]))]],
    ]);
    involved.add(a.holder).add(b.holder);
  }
  return { kind: 'impossible-days', instance, providers: [p], holders: [...involved] };
};

/** A holder dies mid-period and the provider keeps billing for at least two more months. */
const careAfterDeath: Plant = (world, instance) => {
  requireMonths(world, 'care-after-death', 4);
  const { rng, cal } = world;
  const p = instance % 2 === 1 ? world.newProvider('instelling', { style: 'monthly' }) : newCarer(world, 'zzp');
  const k = rng.int(1, cal.months - 3);
  const death = cal.monthStart[k] + rng.int(3, 24);
  const voorziening = drawVoorziening(world, p.soort === 'instelling' ? undefined : ZZP_SUITED);
  const h = world.newHolder({ voorziening, full: true, death });
  attachOrFail(world, h, p, { end: cal.end });
  companions(world, p, rng.int(2, 4));
  return { kind: 'care-after-death', instance, providers: [p], holders: [h] };
};

/** Two firms with their own KvK numbers are paid into one account; one bills past a budget's end. */
const sharedAccountFirms: Plant = (world, instance) => {
  requireMonths(world, 'shared-account-firms', 4);
  const { rng, cal } = world;
  const iban = world.newIban();
  const first = world.newProvider('instelling', { iban, style: 'monthly' });
  const second = world.newProvider('instelling', { iban, style: 'monthly' });
  companions(world, first, rng.int(2, 4));
  companions(world, second, rng.int(2, 4));
  const k = rng.int(1, cal.months - 3);
  const h = world.newHolder({ full: true, budgetEind: cal.monthEnd[k] });
  attachOrFail(world, h, first, { end: cal.end });
  return {
    kind: 'shared-account-firms',
    instance,
    providers: [first, second],
    holders: [h],
    expectedByProvider: new Map([
      [first, ['outside-entitlement', 'shared-iban']],
      [second, ['shared-iban']],
    ]),
  };
};

/** A self-employed carer billing 2-3x the hourly rate of its peer group (voorziening x zzp). */
const rateOutlier: Plant = (world, instance) => {
  const { rng } = world;
  const peers = new Map<Voorziening, Set<number>>();
  const rates = new Map<Voorziening, number[]>();
  for (const plan of world.plans) {
    if (plan.provider.soort !== 'zzp') continue;
    const v = plan.holder.voorziening;
    if (!peers.has(v)) peers.set(v, new Set());
    peers.get(v)!.add(plan.provider.serial);
    if (!rates.has(v)) rates.set(v, []);
    rates.get(v)!.push(plan.tarief);
  }
  let best: Voorziening | null = null;
  for (const [v, set] of [...peers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!best || set.size > peers.get(best)!.size) best = v;
  }
  // The tariff indicator skips peer groups under 10 providers: the outlier must have 9 peers.
  if (!best || peers.get(best)!.size < 9) {
    throw new AppError(
      'SCENARIO_INVALID',
      `scheme 'rate-outlier' needs a peer group of at least 10 self-employed carers; the largest has ${best ? peers.get(best)!.size + 1 : 1}: add providers or raise providerKinds.zzp`,
      { kind: 'rate-outlier' },
    );
  }
  const sorted = [...rates.get(best)!].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const p = world.newProvider('zzp', { rate: Math.round(median * rng.uniform(2.2, 2.8) * 100) / 100 });
  const holders = companions(world, p, rng.int(3, 5), { voorziening: best });
  return { kind: 'rate-outlier', instance, providers: [p], holders };
};

/** One holder's declarations exceed the budget by 12-30%. */
const overBudget: Plant = (world, instance) => {
  const { rng } = world;
  const p = rng.chance(0.5) ? world.newProvider('instelling') : world.newProvider('zzp');
  const voorziening = drawVoorziening(world, p.soort === 'instelling' ? undefined : ZZP_SUITED);
  const h = world.newHolder({ voorziening, full: true, targetUse: rng.uniform(1.12, 1.3) });
  attachOrFail(world, h, p);
  companions(world, p, rng.int(2, 4));
  return { kind: 'over-budget', instance, providers: [p], holders: [h] };
};

/** The carer is also the holder's legal representative (vertegenwoordiger_id = zorgverlener_id). */
const representativeIsProvider: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('zzp');
  const h = world.newHolder({ voorziening: drawVoorziening(world, ZZP_SUITED), full: true, rep: null });
  h.repProvider = p;
  attachOrFail(world, h, p);
  companions(world, p, rng.int(1, 3));
  return { kind: 'representative-is-provider', instance, providers: [p], holders: [h] };
};

/** Four clients of one provider registered at one address that is not the provider's. */
const addressCluster: Plant = (world, instance) => {
  const { rng } = world;
  const p = world.newProvider('instelling');
  companions(world, p, rng.int(1, 3));
  const address = world.newAddress();
  const holders = companions(world, p, 4, {
    address,
    voorziening: rng.pick(['begeleid_wonen', 'beschermd_wonen', 'begeleiding'] as const),
  });
  return { kind: 'address-cluster', instance, providers: [p], holders };
};

/** The same amount every month for every client, each budget billed to the last euro. */
const templateBilling: Plant = (world, instance) => {
  requireMonths(world, 'template-billing', 6);
  const { rng } = world;
  const p = world.newProvider('instelling', { style: 'monthly' });
  const holders: GenHolder[] = [];
  for (let i = rng.int(3, 5); i > 0; i--) {
    const h = world.newHolder({ full: true, budgetEind: world.cal.end });
    attachOrFail(world, h, p, { flat: true, style: 'monthly' });
    holders.push(h);
  }
  return { kind: 'template-billing', instance, providers: [p], holders };
};

/** A carer with 6-8 days of 17-20 hours in a month: possible once, not as a pattern. */
const longDays: Plant = (world, instance) => {
  const { rng } = world;
  const p = newCarer(world, rng.chance(0.5) ? 'zzp' : 'informeel');
  const clients = companions(world, p, p.soort === 'zzp' ? rng.int(2, 3) : 2);
  if (clients.length < 2) throw new Error('generator: long-days carer got fewer than two clients');
  const plans = clients.map((h) => h.plans[0]);
  const months = rng.shuffle(fullMonths(world, plans, 10)).slice(0, rng.int(1, 2));
  const involved = new Set<GenHolder>();
  for (const m of months) {
    for (const day of rng.shuffle([...daysOfMonth(world, plans, m)]).slice(0, rng.int(6, 8))) {
      const [a, b] = rng.shuffle([...plans]).slice(0, 2);
      const first = rng.pick([8, 8.5, 9]);
      const beginA = rng.pick([4.5, 5, 5.5]);
      const total = rng.pick([17, 17.5, 18, 18.5, 19, 19.5]);
      world.override(day, [
        [a, [shift(beginA, first)]],
        [b, [shift(beginA + first + 0.25, Math.min(total - first, 23.75 - (beginA + first + 0.25)))]],
      ]);
      involved.add(a.holder).add(b.holder);
    }
  }
  return { kind: 'long-days', instance, providers: [p], holders: [...involved] };
};

export const SCHEMES: Record<SchemeKind, Plant> = {
  'zorgcowboy-house': zorgcowboyHouse,
  'impossible-days': impossibleDays,
  'care-after-death': careAfterDeath,
  'shared-account-firms': sharedAccountFirms,
  'rate-outlier': rateOutlier,
  'over-budget': overBudget,
  'representative-is-provider': representativeIsProvider,
  'address-cluster': addressCluster,
  'template-billing': templateBilling,
  'long-days': longDays,
  'rapid-intake': rapidIntake,
  'recruited-inflow': recruitedInflow,
  'phoenix-restart': phoenixRestart,
  'overlapping-sessions': overlappingSessions,
  'family-overwork': familyOverwork,
  'beyond-contract': beyondContract,
  'care-neglect': careNeglect,
  'register-listed': registerListed,
  'bulk-submission': bulkSubmission,
  'care-while-admitted': careWhileAdmitted,
};
