import { formatDay } from '../model/dates.js';
import type { RunDecisions } from '../decisions/decide-run.js';
import type { DecisionsFileReport } from '../decisions/decision.js';
import type { RunResult } from '../run-result.js';
import { canonicalJson } from './canonical-json.js';
import type { Lang } from '../report/messages.js';
import { WORDING } from '../report/wording.js';
import { OUTPUT_SCHEMA_VERSION } from '../run/manifest-record.js';
import type { ToolInfo } from './build-identity.js';

export type { ToolInfo } from './build-identity.js';

/** An output as the manifest lists it. */
export interface OutputSummary {
  name: string;
  bytes: number;
  sha256: string;
}

/** The decisions file among the inputs, like an export: a replay finds it by kind and name. */
function decisionsInput(f: DecisionsFileReport) {
  return {
    kind: f.kind,
    name: f.name,
    display: f.display,
    bytes: f.bytes,
    sha256: f.sha256,
    dialect: f.dialect,
    columns: f.columns,
    ignoredColumns: f.ignoredColumns,
    mappingWarnings: [],
    rowsRead: f.rowsRead,
    rowsAccepted: f.rowsAccepted,
    rowsRejected: f.rowsRejected,
    rowsUnmatched: 0,
    rowsOpen: f.rowsOpen,
  };
}

function decisionsRecord(d: RunDecisions) {
  return {
    ...d.outcome.counts,
    notInRunLines: d.outcome.notInRunLines,
    signalsSetAside: d.outcome.setAside.size,
    signalsReopened: [...d.outcome.reviews.values()].filter((r) => r.status === 'heropend').length,
    providersSetAside: d.setAside.filter((p) => !p.ranked).length,
    providersPartlySetAside: d.setAside.filter((p) => p.ranked).length,
  };
}

/**
 * The audit record of a run. It holds no wall-clock time and no absolute output path, so the same
 * inputs and config give the same bytes; everything else an auditor needs to redo the run is here.
 */
export function buildManifest(run: RunResult, outputs: OutputSummary[], tool: ToolInfo, reportLanguage: Lang = 'nl'): string {
  const manifest = {
    outputSchemaVersion: OUTPUT_SCHEMA_VERSION,
    tool,
    command: run.command,
    // Whether the date was given or derived is in the command only: a replay passes it by flag and
    // must still give the same manifest.
    asOf: formatDay(run.asOf),
    // A replay renders report.md in the same language.
    reportLanguage,
    config: run.config,
    configSha256: run.configHash,
    indicators: run.indicators.map((i) => ({
      id: i.id,
      version: i.version,
      enabled: i.enabled,
      applicable: i.applicable,
      reason: i.notRun === null ? null : WORDING.nl.notRun(i.notRun),
      signals: i.signals,
      stats: i.stats,
    })),
    inputs: run.inputs.map((i) => ({
      kind: i.kind,
      name: i.name,
      display: i.display,
      bytes: i.bytes,
      sha256: i.sha256,
      dialect: i.dialect,
      columns: i.columns,
      ignoredColumns: i.ignoredColumns,
      mappingWarnings: i.mappingWarnings,
      rowsRead: i.rowsRead,
      rowsAccepted: i.rowsAccepted,
      rowsRejected: i.rowsRejected,
      rowsUnmatched: i.rowsUnmatched,
      repeatedHeaders: i.repeatedHeaders,
    })),
    possibleDuplicateIds: run.possibleDuplicateIds,
    outputs: outputs.map((o) => ({ name: o.name, bytes: o.bytes, sha256: o.sha256 })),
    // What verify --previous needs to replay the comparison: the run compared with, by its hashes.
    previousRun: run.sincePrevious?.previous ?? null,
    counts: {
      providersWithSignals: run.scored.providers.length,
      holdersOfConcern: run.scored.holders.length,
      networks: run.networks.networks.length,
      signals: run.scored.signals.length,
      rejects: run.rejects.count,
    },
    decisions: run.decisions === null ? null : decisionsRecord(run.decisions),
  };
  // The decisions file is recorded like an export, so a replay finds it by kind and name.
  if (run.decisions !== null) (manifest.inputs as object[]).push(decisionsInput(run.decisions.file));
  return canonicalJson(manifest, 2) + '\n';
}
