import { formatDay } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import { canonicalJson } from './canonical-json.js';

/** An output as the manifest lists it. */
export interface OutputSummary {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ToolInfo {
  name: string;
  version: string;
  node: string;
}

/**
 * The audit record of a run. It holds no wall-clock time and no absolute output path, so the same
 * inputs and config give the same bytes; everything else an auditor needs to redo the run is here.
 */
export function buildManifest(run: RunResult, outputs: OutputSummary[], tool: ToolInfo): string {
  const manifest = {
    tool,
    command: run.command,
    asOf: formatDay(run.asOf),
    asOfSource: run.asOfSource,
    config: run.config,
    configSha256: run.configHash,
    indicators: run.indicators.map((i) => ({
      id: i.id,
      version: i.version,
      enabled: i.enabled,
      applicable: i.applicable,
      reason: i.reason,
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
    })),
    possibleDuplicateIds: run.possibleDuplicateIds,
    outputs: outputs.map((o) => ({ name: o.name, bytes: o.bytes, sha256: o.sha256 })),
    counts: {
      providersWithSignals: run.scored.providers.length,
      holdersOfConcern: run.scored.holders.length,
      networks: run.networks.networks.length,
      signals: run.scored.signals.length,
      rejects: run.rejects.count,
    },
  };
  return canonicalJson(manifest, 2) + '\n';
}
