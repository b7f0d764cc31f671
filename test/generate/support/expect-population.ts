// Shared assertions: the planted cases trip their conditions, and nothing else does.
import { expect } from 'vitest';
import type { Truth } from '../../../src/generate/truth.js';
import {
  afterDeathHolders,
  budgetUse,
  caregiverDays,
  coResidenceProviders,
  maxDayHours,
  maxLongDaysInMonth,
  monthlyCv,
  outsideBudgetHolders,
  representativeHubProviders,
  sharedIbanProviders,
  tariffOutliers,
} from './checks.js';
import type { ExportData } from './read-export.js';

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

export function providersOf(truth: Truth, ...kinds: string[]): string[] {
  return sorted([...truth.schemes, ...truth.decoys].filter((c) => kinds.includes(c.kind)).flatMap((c) => c.providers));
}

export function holdersOf(truth: Truth, ...kinds: string[]): string[] {
  return sorted([...truth.schemes, ...truth.decoys].filter((c) => kinds.includes(c.kind)).flatMap((c) => c.holders));
}

/** Every provider named in truth, schemes and decoys alike. */
export function plantedProviders(truth: Truth): Set<string> {
  return new Set([...truth.schemes, ...truth.decoys].flatMap((c) => c.providers));
}

export function expectPlantedAndClean(data: ExportData, truth: Truth): void {
  const planted = plantedProviders(truth);
  const days = caregiverDays(data);

  const overDay = sorted([...days].filter(([, d]) => maxDayHours(d) > 24).map(([p]) => p));
  expect(overDay).toEqual(providersOf(truth, 'impossible-days'));

  const longDays = sorted([...days].filter(([, d]) => maxLongDaysInMonth(d) >= 5).map(([p]) => p));
  expect(longDays).toEqual(providersOf(truth, 'long-days'));

  // Clean carers stay far from the 16-hour mark; the busy and devoted decoys reach it at most 4 days a month.
  for (const [p, d] of days) {
    if (planted.has(p)) continue;
    expect(maxDayHours(d), `clean carer ${p}`).toBeLessThan(12);
  }
  for (const p of providersOf(truth, 'busy-zzp', 'devoted-family-carer')) {
    const d = days.get(p)!;
    expect(maxLongDaysInMonth(d), `decoy ${p}`).toBe(4);
    expect(maxDayHours(d)).toBeLessThanOrEqual(24);
  }
  for (const p of providersOf(truth, 'busy-zzp')) {
    const d = [...days.get(p)!.values()];
    const average = d.reduce((a, b) => a + b, 0) / d.length;
    expect(average, `busy-zzp ${p} average day`).toBeGreaterThanOrEqual(8);
  }

  expect(sorted(sharedIbanProviders(data))).toEqual(providersOf(truth, 'shared-account-firms'));
  expect(sorted(coResidenceProviders(data))).toEqual(providersOf(truth, 'zorgcowboy-house', 'address-cluster', 'wooninitiatief-varied'));
  expect(sorted(representativeHubProviders(data))).toEqual(providersOf(truth, 'zorgcowboy-house', 'representative-is-provider'));

  const use = budgetUse(data);
  expect(sorted([...use].filter(([, u]) => u > 1.02).map(([h]) => h))).toEqual(holdersOf(truth, 'over-budget'));
  const flatHolders = holdersOf(truth, 'zorgcowboy-house', 'template-billing');
  expect(sorted([...use].filter(([, u]) => u >= 0.98 && u <= 1.02).map(([h]) => h))).toEqual(flatHolders);
  // Neglect and a kept place during an admission bill the budget in full while the hours fall.
  const fullyBilled = holdersOf(truth, 'care-neglect', 'hospital-stay');
  for (const [h, u] of use) {
    if (flatHolders.includes(h) || holdersOf(truth, 'over-budget').includes(h)) continue;
    if (fullyBilled.includes(h)) {
      expect(u, `budget use of ${h}`).toBeLessThanOrEqual(1);
      continue;
    }
    expect(u, `budget use of ${h}`).toBeGreaterThanOrEqual(0.6);
    expect(u, `budget use of ${h}`).toBeLessThanOrEqual(0.92);
  }

  const flatProviders = providersOf(truth, 'zorgcowboy-house', 'template-billing');
  const decoyProviders = new Set(truth.decoys.flatMap((d) => d.providers));
  for (const pair of monthlyCv(data)) {
    if (flatProviders.includes(pair.provider)) expect(pair.cv, `flat ${pair.provider}/${pair.holder}`).toBeLessThan(0.02);
    // A decoy's fixed 16-hour days even out a client's months a little; still far from flat.
    else if (decoyProviders.has(pair.provider)) expect(pair.cv, `decoy ${pair.provider}/${pair.holder}`).toBeGreaterThan(0.05);
    else expect(pair.cv, `varied ${pair.provider}/${pair.holder}`).toBeGreaterThan(0.08);
  }

  expect(sorted(outsideBudgetHolders(data))).toEqual(holdersOf(truth, 'shared-account-firms'));
  expect(sorted(afterDeathHolders(data))).toEqual(holdersOf(truth, 'care-after-death'));
  for (const h of holdersOf(truth, 'care-until-death')) {
    const death = data.holders.find((x) => x.id === h)!.death;
    const last = Math.max(...data.declarations.filter((d) => d.holder === h).map((d) => d.periodEnd));
    expect(last, `care until death of ${h}`).toBe(death);
  }

  const outliers = tariffOutliers(data);
  for (const p of providersOf(truth, 'rate-outlier')) expect(outliers.map((o) => o.provider)).toContain(p);
  // "A few" natural outliers are allowed; planted rate schemes must stand out from them.
  expect(new Set(outliers.filter((o) => !planted.has(o.provider)).map((o) => o.provider)).size).toBeLessThanOrEqual(3);
}
