// A finished run folder read back for a comparison: first checked against its own manifest (the same
// check as `pgb-scan verify`), so a tampered or half-written run is never compared as if it were real.
import { stat } from 'node:fs/promises';
import { AppError, isAppError, type ErrorCode } from '../errors.js';
import { sha256 } from '../manifest/canonical-json.js';
import { readProviderRanking, readSignals } from '../run/read-run.js';
import { checkOutputs } from '../verify/check-files.js';
import { loadManifest } from '../verify/run-manifest.js';
import type { RunSnapshot } from './compare.js';
import { signalRulesHash, type RunIdentity } from './since-previous.js';

/** The outputs a comparison reads from a run folder. */
const COMPARED_OUTPUTS = ['providers.csv', 'signals.ndjson'];

/** What a run's manifest records of the previous run it was compared with, so verify can replay it. */
export interface PreviousRunRecord {
  /** sha256 of the previous run's manifest.json, which lists every output's sha256. */
  manifestSha256: string;
  asOf: string;
  configSha256: string;
  tool: { name: string; version: string };
  /** The outputs the comparison read, with their sha256. */
  outputs: { name: string; sha256: string }[];
}

export interface CheckedRun {
  dir: string;
  record: PreviousRunRecord;
  /** What the comparison warnings read: config and tool of the run. */
  identity: RunIdentity;
  snapshot: RunSnapshot;
}

/**
 * Reads dir as a finished run. Every failure, from a missing folder to one changed byte in an output,
 * is an AppError with the given code naming what is wrong (role says which folder: "--previous").
 */
export async function readCheckedRun(dir: string, code: ErrorCode, role: string): Promise<CheckedRun> {
  const refuse = (why: string, context: Record<string, unknown> = {}) => new AppError(code, `${role} ${dir}: ${why}`, { dir, ...context });
  const st = await stat(dir).catch(() => null);
  if (st === null || !st.isDirectory()) throw refuse('not a folder; expected the --out folder of an earlier scan.');
  try {
    const loaded = await loadManifest(dir);
    const problems = (await checkOutputs(dir, loaded.manifest.outputs)).filter((v) => v.status === 'differs' || v.status === 'missing' || v.status === 'unlisted');
    if (problems.length > 0)
      throw refuse(
        `does not match its manifest (${problems.map((v) => `${v.file}: ${v.detail}`).join('; ')}): a changed or half-written run is not compared. Check it with pgb-scan verify ${dir}.`,
        { files: problems.map((v) => v.file) },
      );
    const outputs = COMPARED_OUTPUTS.map((name) => {
      const listed = loaded.manifest.outputs.find((o) => o.name === name);
      if (listed === undefined) throw refuse(`its manifest lists no ${name}; expected the --out folder of a scan.`, { file: name });
      return { name, sha256: listed.sha256 };
    });
    const signals: RunSnapshot['signals'] = [];
    for await (const s of readSignals(dir)) signals.push({ key: s.key, indicator: s.indicator, provider: s.provider, contribution: s.contribution, strength: s.strength });
    const providers = readProviderRanking(dir).map((p) => ({ rank: p.rank, id: p.id, naam: p.naam, score: p.score, tier: p.tier, indicators: p.indicators }));
    const { manifest } = loaded;
    return {
      dir,
      record: {
        manifestSha256: sha256(loaded.bytes),
        asOf: manifest.asOf,
        configSha256: manifest.configSha256,
        tool: { name: manifest.tool.name, version: manifest.tool.version },
        outputs,
      },
      identity: { configSha256: manifest.configSha256, rulesSha256: signalRulesHash(manifest.config), tool: { name: manifest.tool.name, version: manifest.tool.version } },
      snapshot: { signals, providers },
    };
  } catch (e) {
    if (isAppError(e) && e.code !== code) throw refuse(e.message, e.context);
    throw e;
  }
}
