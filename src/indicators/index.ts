// The registry: the one place an indicator is switched into the product. Sorted by id;
// test/registry.test.ts checks that every file in this folder is listed and named after its id.
import type { IndicatorDefinition } from './define.js';
import careAfterDeath from './care-after-death.js';
import coResidenceCluster from './co-residence-cluster.js';
import flatTemplateBilling from './flat-template-billing.js';
import impossibleDayHours from './impossible-day-hours.js';
import outsideEntitlement from './outside-entitlement.js';
import representativeHub from './representative-hub.js';
import sharedIban from './shared-iban.js';
import tariffOutlier from './tariff-outlier.js';

export const INDICATORS: readonly IndicatorDefinition[] = [
  careAfterDeath,
  coResidenceCluster,
  flatTemplateBilling,
  impossibleDayHours,
  outsideEntitlement,
  representativeHub,
  sharedIban,
  tariffOutlier,
] as unknown as readonly IndicatorDefinition[];
