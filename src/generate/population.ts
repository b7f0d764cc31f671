import type { ProviderSoort, Voorziening } from '../model/types.js';
import type { GenHolder, GenProvider, World } from './world.js';

/** Care a self-employed carer can give in a client's home; beschermd wonen needs an institution. */
export const ZZP_SUITED: ReadonlySet<Voorziening> = new Set([
  'begeleid_wonen',
  'begeleiding',
  'dagbesteding',
  'kortdurend_verblijf',
  'huishoudelijke_hulp',
  'overig',
]);
const INFORMEEL_SUITED: ReadonlySet<Voorziening> = new Set(['begeleid_wonen', 'begeleiding', 'huishoudelijke_hulp', 'overig']);

function providerKindCounts(world: World, total: number): Record<ProviderSoort, number> {
  const w = world.scenario.providerKinds;
  const sum = w.instelling + w.zzp + w.informeel;
  const instelling = Math.max(1, Math.round((total * w.instelling) / sum));
  const zzp = Math.min(total - instelling, Math.round((total * w.zzp) / sum));
  return { instelling, zzp, informeel: Math.max(0, total - instelling - zzp) };
}

/** Holders that fit one kind of carer, handed out in order; a cursor keeps this linear at national scale. */
class HolderQueue {
  private next = 0;
  constructor(
    private readonly holders: GenHolder[],
    private readonly taken: Set<GenHolder>,
  ) {}

  take(): GenHolder | null {
    while (this.next < this.holders.length) {
      const h = this.holders[this.next++];
      if (!this.taken.has(h)) {
        this.taken.add(h);
        return h;
      }
    }
    return null;
  }
}

/**
 * The clean base population. It must trip none of the indicators: carers' days stay
 * under 11 hours, at most two holders share an address (couples, siblings), a
 * representative acts for at most two holders, every provider has its own IBAN.
 */
export function buildBasePopulation(world: World, scale: number): void {
  const { rng, scenario: s } = world;
  const nProviders = Math.max(1, Math.round(s.providers * scale));
  const nHolders = Math.max(1, Math.round(s.holders * scale));
  const counts = providerKindCounts(world, nProviders);
  const institutions: GenProvider[] = [];
  const carers: GenProvider[] = [];
  const family: GenProvider[] = [];
  // Some institutions are registered wooninitiatieven whose clients live in their own homes: the flag alone is no signal.
  for (let i = 0; i < counts.instelling; i++) institutions.push(world.newProvider('instelling', { wooninitiatief: rng.chance(0.15) }));
  for (let i = 0; i < counts.zzp; i++) carers.push(world.newProvider('zzp'));
  for (let i = 0; i < counts.informeel; i++) family.push(world.newProvider('informeel'));

  const holders: GenHolder[] = [];
  for (let i = 0; i < nHolders; i++) holders.push(world.newHolder());
  const pool = rng.shuffle([...holders]);
  const taken = new Set<GenHolder>();
  const second = new Set(holders.filter(() => rng.chance(s.secondProviderShare)));
  const share = (h: GenHolder) => (second.has(h) ? 0.7 : 1);

  const forFamily = new HolderQueue(pool.filter((x) => INFORMEEL_SUITED.has(x.voorziening)), taken);
  const forCarers = new HolderQueue(pool.filter((x) => ZZP_SUITED.has(x.voorziening)), taken);
  for (const p of family) {
    const h = forFamily.take();
    if (h && !world.attach(h, p, { share: share(h) })) taken.delete(h);
  }
  for (const p of carers) {
    const wanted = rng.int(s.holdersPerZzp.min, s.holdersPerZzp.max);
    for (let k = 0; k < wanted; k++) {
      const h = forCarers.take();
      if (!h) break;
      if (!world.attach(h, p, { share: share(h) })) {
        taken.delete(h);
        break;
      }
    }
  }
  // Institutions differ in size: a few large ones carry most clients.
  const pickInstitution = rng.weightedSampler(institutions.map(() => rng.lognormalFactor(0.8, 0.1, 10)));
  for (const h of pool) {
    if (taken.has(h)) continue;
    taken.add(h);
    world.attach(h, institutions[pickInstitution()], { share: share(h) });
  }

  for (const h of holders) {
    if (!second.has(h)) continue;
    const first = h.plans[0].provider;
    let attached = false;
    if (ZZP_SUITED.has(h.voorziening) && carers.length > 0 && rng.chance(0.6)) {
      for (let tries = 0; tries < 4 && !attached; tries++) {
        const p = rng.pick(carers);
        if (p !== first && p.plans.every((pl) => pl.holder !== h)) attached = world.attach(h, p, { share: 0.3 }) !== null;
      }
    }
    if (!attached) {
      const p = institutions[pickInstitution()];
      if (p !== first) world.attach(h, p, { share: 0.3 });
    }
  }

  pairHouseholds(world, holders);
  shareHomeWithFamilyCarer(world, family);
}

/** Couples and siblings: two holders at one address, sometimes one representative for both. */
function pairHouseholds(world: World, holders: GenHolder[]): void {
  const { rng, scenario: s } = world;
  const pairs = Math.floor((holders.length * s.coupleShare) / 2);
  const order = rng.shuffle([...holders]);
  for (let i = 0; i < pairs; i++) {
    const a = order[2 * i];
    const b = order[2 * i + 1];
    if (!a || !b) break;
    b.address = a.address;
    if (a.rep !== null && b.rep !== null && rng.chance(0.5)) b.rep = a.rep;
  }
}

/** An informal carer often lives with the one person cared for; never with two. */
function shareHomeWithFamilyCarer(world: World, family: GenProvider[]): void {
  const { rng } = world;
  const residents = new Map<number, number>();
  for (const h of world.holders) residents.set(h.address, (residents.get(h.address) ?? 0) + 1);
  for (const p of family) {
    const holders = new Set(p.plans.map((pl) => pl.holder));
    if (holders.size !== 1) continue;
    const [h] = holders;
    if (residents.get(h.address) === 1 && rng.chance(0.4)) p.address = h.address;
  }
}
