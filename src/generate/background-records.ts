import type { Prng } from './prng.js';
import type { World } from './world.js';

/**
 * Short hospital stays of ordinary holders. Only holders whose care is all declared per month get one: a
 * monthly period only partly overlapping a stay is normal (the look-alike of care during an absence), while a
 * daily declaration inside the stay would be a finding the clean population must not carry.
 */
export function plantBackgroundAbsences(world: World, rng: Prng): void {
  const { cal } = world;
  const planted = new Set(world.absences.map((a) => a.holder));
  for (const h of world.holders) {
    if (planted.has(h) || h.plans.length === 0 || h.plans.some((p) => p.style !== 'monthly')) continue;
    if (!rng.chance(world.scenario.absenceShare)) continue;
    const from = Math.max(...h.plans.map((p) => p.start));
    const to = Math.min(...h.plans.map((p) => p.end));
    if (to - from < 40) continue;
    const van = rng.int(from, to - 30);
    const tot = Math.min(cal.end, van + rng.int(2, 16));
    world.absences.push({ holder: h, soort: rng.pick(['ziekenhuisopname', 'ziekenhuisopname', 'buitenland', 'overig'] as const), van, tot });
  }
}

const GRONDEN = ['valsheid in geschrifte', 'onrechtmatige declaraties', 'terugvordering pgb', 'niet geleverde zorg'];

/**
 * Register entries about firms outside this export: a national register holds far more than one
 * municipality's providers. A third are written as the register's system writes them, without leading zeros.
 */
export function plantBackgroundRegister(world: World, rng: Prng): void {
  const { cal } = world;
  const n = 6 + Math.round(world.providers.length / 40);
  for (let i = 0; i < n; i++) {
    const registered = cal.start - rng.int(30, 6 * 365);
    world.register.push({
      kind: 'kvk_nummer',
      provider: null,
      value: world.newForeignKvk(),
      dropLeadingZeros: rng.chance(0.35),
      registered,
      expires: rng.chance(0.5) ? null : registered + rng.int(3 * 365, 5 * 365),
      grond: rng.pick(GRONDEN),
    });
  }
}
