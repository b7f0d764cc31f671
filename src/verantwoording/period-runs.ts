// The run folders a transparency report is made from: named ones and the subfolders of --runs-in, each
// read by its manifest's as-of date. Every run the report uses (as-of date up to the period's end: the
// runs before it date a signal's first appearance) is first checked against its manifest, as
// `pgb-scan verify` does, so a changed or half-written run never counts.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.js';
import { sha256 } from '../manifest/canonical-json.js';
import { parseIsoDay, type DayNumber } from '../model/dates.js';
import { readManifest, readSignals } from '../run/read-run.js';
import { checkOutputs } from '../verify/check-files.js';
import { loadManifest } from '../verify/run-manifest.js';

/** What the report needs of one run; no name and no text from the inputs, ids only to count distinct ones. */
export interface RunFacts {
  dir: string;
  asOf: DayNumber;
  toolVersion: string;
  configSha256: string;
  inputs: { kind: string; rowsRead: number; rowsRejected: number }[];
  indicators: { id: string; version: number; enabled: boolean }[];
  /** config.indicators: per indicator its enabled, weight and params as the run had them. */
  indicatorConfig: Record<string, unknown>;
  signals: { key: string; indicator: string; provider: string | null; reopenReasons: string[] | null }[];
  /** Providers of providers.csv with a tier (those whose every signal is set aside have none). */
  providers: { id: string; tier: string }[];
}

const refuse = (dir: string, why: string, context: Record<string, unknown> = {}) => new AppError('RUN_DIR_INVALID', `${dir}: ${why}`, { dir, ...context });

/** The named folders and the subfolders of runsIn holding a manifest.json (hidden ones are a run still being written). */
export async function runFolders(named: string[], runsIn: string | undefined): Promise<string[]> {
  const dirs = [...named];
  if (runsIn !== undefined) {
    const entries = await readdir(runsIn, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      throw new AppError('RUN_DIR_INVALID', `--runs-in ${runsIn}: cannot be read (${e.code ?? e.message}); expected a folder holding run folders.`, { dir: runsIn });
    });
    for (const e of entries.filter((x) => x.isDirectory() && !x.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const dir = join(runsIn, e.name);
      if ((await stat(join(dir, 'manifest.json')).catch(() => null))?.isFile()) dirs.push(dir);
    }
  }
  return dirs;
}

function providerTiers(dir: string): RunFacts['providers'] {
  const path = join(dir, 'providers.csv');
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (e) {
    throw refuse(dir, `providers.csv is not a readable CSV (${(e as Error).message}).`, { file: 'providers.csv' });
  }
  return records.filter((r) => r.tier !== undefined && r.tier !== '').map((r) => ({ id: r.zorgverlener_id ?? '', tier: r.tier }));
}

async function readRun(dir: string): Promise<RunFacts> {
  const m = readManifest(dir);
  const signals: RunFacts['signals'] = [];
  for await (const s of readSignals(dir)) {
    const review = s.beoordeling ?? null;
    signals.push({
      key: s.key,
      indicator: s.indicator,
      provider: s.provider,
      reopenReasons: review !== null && review.status === 'heropend' ? review.heropend_omdat.map((r) => r.reden) : null,
    });
  }
  return {
    dir,
    asOf: parseIsoDay(m.asOf)!,
    toolVersion: m.tool.version,
    configSha256: m.configSha256,
    inputs: m.inputs.filter((i) => i.kind !== 'beoordelingen').map((i) => ({ kind: i.kind, rowsRead: i.rowsRead, rowsRejected: i.rowsRejected })),
    indicators: m.indicators.map((i) => ({ id: i.id, version: i.version, enabled: i.enabled })),
    indicatorConfig: (m.config.indicators ?? {}) as Record<string, unknown>,
    signals,
    providers: providerTiers(dir),
  };
}

/**
 * The runs with an as-of date up to `tot`, checked and read, in as-of order. A folder
 * named twice, or a copy of a run (the same manifest), counts once.
 */
export async function readPeriodRuns(dirs: string[], tot: DayNumber): Promise<{ runs: RunFacts[]; read: number; asOfRange: [string, string] | null }> {
  const seen = new Set<string>();
  const used: { dir: string; asOf: DayNumber; id: string }[] = [];
  const asOfs: string[] = [];
  for (const dir of dirs) {
    const st = await stat(dir).catch(() => null);
    if (st === null || !st.isDirectory()) throw refuse(dir, 'not a folder; expected the --out folder of a scan.');
    const loaded = await loadManifest(dir);
    const id = sha256(loaded.bytes);
    if (seen.has(id)) continue;
    seen.add(id);
    asOfs.push(loaded.manifest.asOf);
    const asOf = parseIsoDay(loaded.manifest.asOf);
    if (asOf === null) throw refuse(dir, `manifest.json: asOf '${loaded.manifest.asOf}' is no date.`, { file: 'manifest.json' });
    if (asOf > tot) continue;
    const problems = (await checkOutputs(dir, loaded.manifest.outputs)).filter((v) => v.status === 'differs' || v.status === 'missing' || v.status === 'unlisted');
    if (problems.length > 0)
      throw refuse(
        dir,
        `does not match its manifest (${problems.map((v) => `${v.file}: ${v.detail}`).join('; ')}): a changed or half-written run is not counted. Check it with pgb-scan verify ${dir}.`,
        { files: problems.map((v) => v.file) },
      );
    used.push({ dir, asOf, id });
  }
  // Two runs of one day are ordered by their manifest, not by how their folders were named: same report.
  used.sort((a, b) => a.asOf - b.asOf || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const runs: RunFacts[] = [];
  for (const u of used) runs.push(await readRun(u.dir));
  asOfs.sort();
  return { runs, read: seen.size, asOfRange: asOfs.length === 0 ? null : [asOfs[0], asOfs[asOfs.length - 1]] };
}
