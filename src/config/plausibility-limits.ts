import type { PlausibilityLimits } from '../ingest/plausibility.js';
import { parseIsoDay } from '../model/dates.js';
import type { RunConfig } from './schema.js';

/** The config's plausibility section as ingest uses it (the schema has checked the date). */
export function plausibilityLimits(config: RunConfig): PlausibilityLimits {
  const p = config.plausibility;
  return { minCareDate: parseIsoDay(p.minCareDate)!, maxDaysAfterAsOf: p.maxDaysAfterAsOf, maxAmount: p.maxAmount, maxHours: p.maxHours, maxTariff: p.maxTariff };
}
