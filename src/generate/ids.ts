import type { Prng } from './prng.js';
import type { World } from './world.js';

/** Zero-padded to a width fixed per run, so ids sort as text. */
export function paddedId(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}

export function idWidth(count: number, minimum: number): number {
  return Math.max(minimum, String(count).length);
}

/** lowbias32 (Chris Wellons): a bijection on 32 bits, so distinct serials give distinct keys. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Pseudonymous keys as an export would carry them: equal key = same address or account, nothing else readable. */
export class KeyMaker {
  constructor(
    private readonly prefix: string,
    private readonly salt: number,
  ) {}

  key(serial: number): string {
    return this.prefix + mix32((serial ^ this.salt) >>> 0).toString(16).toUpperCase().padStart(8, '0');
  }
}

/** Id numbers for n entities in a random order: a planted case must not stand out by its id. */
function permutedNumbers(rng: Prng, n: number): number[] {
  return rng.shuffle(Array.from({ length: n }, (_, i) => i + 1));
}

export interface RepresentativeIds {
  id(serial: number): string;
}

/** Assigns holder and provider ids; returns the representative id lookup. */
export function assignIds(world: World, rng: Prng): RepresentativeIds {
  const providerNumbers = permutedNumbers(rng, world.providers.length);
  const providerWidth = idWidth(world.providers.length, 4);
  world.providers.forEach((p, i) => (p.id = paddedId('ZV', providerNumbers[i], providerWidth)));
  const holderNumbers = permutedNumbers(rng, world.holders.length);
  const holderWidth = idWidth(world.holders.length, 6);
  world.holders.forEach((h, i) => (h.id = paddedId('BH', holderNumbers[i], holderWidth)));
  const repNumbers = permutedNumbers(rng, world.repCount);
  const repWidth = idWidth(world.repCount, 6);
  return { id: (serial) => paddedId('VT', repNumbers[serial], repWidth) };
}
