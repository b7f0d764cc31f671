import { formatDay } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import { canonicalJson, sha256 } from './canonical-json.js';

export interface OutputFile {
  name: string;
  content: string;
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
export function buildManifest(run: RunResult, outputs: OutputFile[], tool: ToolInfo): OutputFile {
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
      rowsRead: i.rowsRead,
      rowsAccepted: i.rowsAccepted,
      rowsRejected: i.rowsRejected,
    })),
    possibleDuplicateIds: run.possibleDuplicateIds,
    outputs: outputs.map((o) => ({ name: o.name, bytes: Buffer.byteLength(o.content), sha256: sha256(o.content) })),
    counts: {
      providersWithSignals: run.scored.providers.length,
      holdersOfConcern: run.scored.holders.length,
      signals: run.scored.signals.length,
      rejects: run.rejects.length,
    },
  };
  return { name: 'manifest.json', content: canonicalJson(manifest, 2) + '\n' };
}
