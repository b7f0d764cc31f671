// The registry: the one place an indicator is switched into the product. One line per file in rules/,
// sorted by id; test/registry.test.ts fails when a rule file is missing here or named otherwise.
import type { IndicatorDefinition } from './define.js';
import bulkSubmission from './rules/bulk-submission.js';
import careAfterDeath from './rules/care-after-death.js';
import careDuringAbsence from './rules/care-during-absence.js';
import careShortfallNeglect from './rules/care-shortfall-neglect.js';
import coResidenceCluster from './rules/co-residence-cluster.js';
import declaredExceedsContract from './rules/declared-exceeds-contract.js';
import familyContractIntensity from './rules/family-contract-intensity.js';
import flatTemplateBilling from './rules/flat-template-billing.js';
import impossibleDayHours from './rules/impossible-day-hours.js';
import newProviderRapidIntake from './rules/new-provider-rapid-intake.js';
import outOfRegionInflow from './rules/out-of-region-inflow.js';
import outsideEntitlement from './rules/outside-entitlement.js';
import overlappingCareSessions from './rules/overlapping-care-sessions.js';
import phoenixProvider from './rules/phoenix-provider.js';
import representativeHub from './rules/representative-hub.js';
import sharedIban from './rules/shared-iban.js';
import tariffOutlier from './rules/tariff-outlier.js';
import warningRegisterMatch from './rules/warning-register-match.js';

// Each rule's params and message ids are narrower than the list's element type; the runner passes each
// rule only its own parsed params, so widening here is safe.
export const INDICATORS: readonly IndicatorDefinition[] = [
  bulkSubmission,
  careAfterDeath,
  careDuringAbsence,
  careShortfallNeglect,
  coResidenceCluster,
  declaredExceedsContract,
  familyContractIntensity,
  flatTemplateBilling,
  impossibleDayHours,
  newProviderRapidIntake,
  outOfRegionInflow,
  outsideEntitlement,
  overlappingCareSessions,
  phoenixProvider,
  representativeHub,
  sharedIban,
  tariffOutlier,
  warningRegisterMatch,
] as unknown as readonly IndicatorDefinition[];
