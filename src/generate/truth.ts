import { z } from 'zod';
import { DECOY_KINDS, SCHEME_KINDS, type DecoyKind, type SchemeKind } from './scenario-schema.js';

/** What each planted scheme should trip, and whether its holders belong on the holder-level list. */
export const SCHEME_EXPECTATIONS: Record<SchemeKind, { expectedIndicators: string[]; holderConcern: boolean }> = {
  'zorgcowboy-house': {
    expectedIndicators: ['co-residence-cluster', 'flat-template-billing', 'representative-hub'],
    holderConcern: true,
  },
  'impossible-days': { expectedIndicators: ['impossible-day-hours'], holderConcern: true },
  'care-after-death': { expectedIndicators: ['care-after-death'], holderConcern: true },
  'shared-account-firms': { expectedIndicators: ['outside-entitlement', 'shared-iban'], holderConcern: true },
  'rate-outlier': { expectedIndicators: ['tariff-outlier'], holderConcern: false },
  'over-budget': { expectedIndicators: ['outside-entitlement'], holderConcern: true },
  'representative-is-provider': { expectedIndicators: ['representative-hub'], holderConcern: true },
  'address-cluster': { expectedIndicators: ['co-residence-cluster'], holderConcern: true },
  'template-billing': { expectedIndicators: ['flat-template-billing'], holderConcern: true },
  'long-days': { expectedIndicators: ['impossible-day-hours'], holderConcern: true },
  'rapid-intake': { expectedIndicators: ['new-provider-rapid-intake'], holderConcern: false },
  'recruited-inflow': { expectedIndicators: ['out-of-region-inflow'], holderConcern: true },
  'phoenix-restart': { expectedIndicators: ['phoenix-provider'], holderConcern: false },
  'overlapping-sessions': { expectedIndicators: ['overlapping-care-sessions'], holderConcern: true },
  'family-overwork': { expectedIndicators: ['family-contract-intensity'], holderConcern: true },
  'beyond-contract': { expectedIndicators: ['declared-exceeds-contract'], holderConcern: true },
  'care-neglect': { expectedIndicators: ['care-shortfall-neglect'], holderConcern: true },
  'register-listed': { expectedIndicators: ['warning-register-match'], holderConcern: false },
  'bulk-submission': { expectedIndicators: ['bulk-submission'], holderConcern: true },
  'care-while-admitted': { expectedIndicators: ['care-during-absence'], holderConcern: true },
};

/** Indicators a decoy may trip without being wrong: a wooninitiatief does house its clients. */
export const DECOY_ALLOWED: Record<DecoyKind, string[]> = {
  'wooninitiatief-varied': ['co-residence-cluster'],
  'busy-zzp': [],
  'care-until-death': [],
  'two-locations-one-kvk': [],
  // Long days at 40-60 hours a week: the indicator's half-strength band is meant for exactly this live-in carer.
  'devoted-family-carer': ['family-contract-intensity'],
  // An established institution's new location is listed weakly (strength 0.2) by design.
  'established-new-location': ['out-of-region-inflow'],
  'closure-transfer': [],
  'group-care': [],
  'family-carer-part-time': [],
  'contract-long-month': [],
  'hospital-stay': [],
  'register-expired': [],
  'institution-batch': [],
};

const Ids = z.array(z.string().min(1));

export const TruthSchemeSchema = z.object({
  kind: z.enum(SCHEME_KINDS),
  instance: z.number().int().min(1),
  providers: Ids.min(1),
  holders: Ids,
  expectedIndicators: z.array(z.string().min(1)),
  holderConcern: z.boolean(),
  /** Per-provider expectations where a scheme's providers differ (shared-account-firms). */
  expectedByProvider: z.record(z.string(), z.array(z.string())).optional(),
});

export const TruthDecoySchema = z.object({
  kind: z.enum(DECOY_KINDS),
  instance: z.number().int().min(1),
  providers: Ids.min(1),
  holders: Ids,
  allowedIndicators: z.array(z.string()).default([]),
});

export const TruthSchema = z.object({
  scenario: z.string(),
  seed: z.number(),
  scale: z.number(),
  /**
   * sha256 of every file generate wrote, by name: evaluate compares them with the inputs a run's
   * manifest lists, so a truth is never measured against another scenario's scan. Optional here
   * so an older truth.json reads; evaluate refuses it with a hint to regenerate.
   */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex')).optional(),
  schemes: z.array(TruthSchemeSchema),
  decoys: z.array(TruthDecoySchema),
});

export type TruthScheme = z.output<typeof TruthSchemeSchema>;
export type TruthDecoy = z.output<typeof TruthDecoySchema>;
export type Truth = z.output<typeof TruthSchema>;
