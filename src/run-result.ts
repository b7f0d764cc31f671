import type { RunConfig } from './config/schema.js';
import type { PossibleDuplicateIds } from './ingest/case-duplicates.js';
import type { InputReport } from './ingest/input-report.js';
import type { RejectLog } from './ingest/reject-log.js';
import type { FairnessResult } from './fairness/fairness.js';
import type { RunDecisions } from './decisions/decide-run.js';
import type { EntityKind } from './indicators/define.js';
import type { DayNumber } from './model/dates.js';
import type { NetworkResult } from './networks/networks.js';
import type { ScoreResult } from './score/score.js';
import type { ProviderKeys } from './toets/provider-keys.js';
import type { SincePrevious } from './history/since-previous.js';

/** Why an indicator did not run: disabled, or the file or filled columns it needs are absent. */
export type NotRunReason =
  | { kind: 'disabled' }
  | { kind: 'file-missing'; file: string }
  | { kind: 'columns-empty'; columns: string[]; file: string };

export interface IndicatorStatus {
  id: string;
  version: number;
  entity: EntityKind;
  title: { nl: string; en: string };
  enabled: boolean;
  applicable: boolean;
  /** Why it did not run, as data (the wording is the report's); null when it ran. */
  notRun: NotRunReason | null;
  signals: number;
  stats: Record<string, unknown> | null;
}

/** Everything the reports and the manifest are made from; no stage after scoring reads anything else. */
export interface RunResult {
  command: string[];
  inputs: InputReport[];
  rejects: RejectLog;
  /** Accepted ids that differ only in letter case: reported, not merged, not rejected. */
  possibleDuplicateIds: PossibleDuplicateIds;
  asOf: DayNumber;
  asOfSource: 'flag' | 'latest-care-date';
  config: RunConfig;
  configHash: string;
  indicators: IndicatorStatus[];
  scored: ScoreResult;
  /** What analysts' decisions (--beoordelingen) set aside or re-opened; null without a decisions file. */
  decisions: RunDecisions | null;
  /** Providers tied by shared keys, hub representatives or successions; the ranking stays per provider. */
  networks: NetworkResult;
  /** Per group of holders and providers, how many are listed: a check on the indicators. */
  fairness: FairnessResult;
  /** Per provider its keys, end and ranking (sleutels.csv), for `pgb-scan toets`. */
  providerKeys: ProviderKeys[];
  /** scan --previous: what changed since that run; null without it. */
  sincePrevious: SincePrevious | null;
}
