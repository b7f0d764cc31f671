import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from '../../config/load.js';
import { TIERS, type RunConfig } from '../../config/schema.js';
import { AppError, isAppError } from '../../errors.js';
import { ingest, type IngestResult, type InputSpec } from '../../ingest/ingest.js';
import type { FileKind } from '../../model/types.js';
import { RejectLog, removeStaleSpills } from '../../ingest/reject-log.js';
import { buildManifest } from '../../manifest/manifest.js';
import { relativeCommand } from '../../manifest/relative-command.js';
import { appendLogboek, checkLogboekOutside } from '../../output/logboek.js';
import { formatDay } from '../../model/dates.js';
import { RunFolder } from '../../output/run-folder.js';
import type { WrittenFile } from '../../output/streamed-file.js';
import type { DayNumber } from '../../model/dates.js';
import { plausibilityLimits } from '../../config/plausibility-limits.js';
import { analyse, renderOutputs } from '../../pipeline.js';
import { providersCsv } from '../../report/ranking-csv.js';
import { rejectsCsv } from '../../report/rejects-csv.js';
import { signalsNdjson } from '../../run/signal-record.js';
import type { Lang } from '../../report/messages.js';
import { terminalSummary } from '../../report/terminal-summary.js';
import { buildReportView, type ReportView } from '../../report/view.js';
import { LANGS, WORDING } from '../../report/wording.js';
import type { RunResult } from '../../run-result.js';
import { writeChunks, type CliIo } from '../io.js';
import { createLogger } from '../logger.js';
import { applyDialectFlags, parseAsOf, parseLogLevel, parseRate, parseTier, type DialectFlags } from '../options.js';
import { inputFlagOptions, resolveInputs, type InputFlags } from '../resolve-inputs.js';
import { toolInfo } from '../tool-info.js';

export interface CommonInputOptions extends InputFlags, DialectFlags {
  config?: string;
  logLevel?: string;
}

export function addInputOptions(cmd: Command): Command {
  for (const { flags, description } of inputFlagOptions()) cmd.option(flags, description);
  return cmd
    .option('--config <file>', 'JSON config: thresholds, weights, column mapping, dialect (see README)')
    .option('--delimiter <char>', "field delimiter: ';', ',' or tab (default: detected)")
    .option('--encoding <name>', 'utf-8 or windows-1252 (default: detected)')
    .option('--decimal <mark>', 'comma or point (default: detected)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default: info; warn on a terminal)');
}

export interface PreparedInputs {
  config: RunConfig;
  inputs: InputSpec[];
  log: Logger;
}

export async function prepare(dir: string | undefined, opts: CommonInputOptions, io: CliIo): Promise<PreparedInputs> {
  const log = createLogger(parseLogLevel(opts.logLevel, io.interactive), io.stderr);
  const config = applyDialectFlags(await loadConfig(opts.config), opts);
  const inputs = resolveInputs(dir, opts);
  return { config, inputs, log };
}

export async function ingestWithProgress(
  prepared: PreparedInputs,
  io: CliIo,
  asOf: DayNumber | null = null,
  rejects?: RejectLog,
  lang: Lang = 'nl',
): Promise<IngestResult> {
  const { config, inputs, log } = prepared;
  let progressShown = false;
  const result = await ingest(inputs, {
    rejects,
    dialect: config.dialect,
    columns: config.columns,
    asOf,
    plausibility: plausibilityLimits(config),
    stdin: io.stdin,
    onProgress: (kind: FileKind, rows: number) => {
      log.debug({ stage: 'ingest', file: kind, rows }, 'progress');
      if (io.interactive) {
        progressShown = true;
        io.stderr.write(`\r${WORDING[lang].terminal.progress(kind, rows)}   `);
      }
    },
  });
  if (progressShown) io.stderr.write('\n');
  for (const i of result.inputs)
    for (const w of i.mappingWarnings) log.warn({ stage: 'ingest', file: i.display, header: w.header, column: w.column }, 'config columns mapping names a header the file does not have');
  for (const i of result.inputs)
    log.info(
      { stage: 'ingest', file: i.display, bytes: i.bytes, rowsRead: i.rowsRead, rowsAccepted: i.rowsAccepted, rowsRejected: i.rowsRejected, dialect: i.dialect },
      'input read',
    );
  return result;
}

/** Inputs whose share of rejected rows is above the limit; unmatched rows (people outside the export) do not count. */
export function overRejectRate(result: IngestResult, limit: number): string[] {
  return result.inputs
    .map((i) => ({ i, rows: i.rowsRead - i.rowsUnmatched }))
    .filter(({ i, rows }) => rows > 0 && i.rowsRejected / rows > limit)
    .map(({ i, rows }) => `${i.display}: ${i.rowsRejected} of ${rows} rows rejected (${((100 * i.rowsRejected) / rows).toFixed(1)}%)`);
}

/**
 * Runs body with the run folder of --out (if any) and a reject log that spills into it. A body that
 * throws leaves --out as it was; once reading started, its rejects and error go to OUT.mislukt.
 */
export async function withRunFolder<T>(
  out: string | undefined,
  prepared: PreparedInputs,
  force: boolean,
  body: (folder: RunFolder | null, rejects: RejectLog) => Promise<T>,
): Promise<T> {
  removeStaleSpills();
  const folder = out === undefined ? null : await RunFolder.open(out, { force, inputs: prepared.inputs.map((i) => i.path) });
  const rejects = new RejectLog({ spillDir: folder?.staging });
  try {
    return await body(folder, rejects);
  } catch (e) {
    if (folder !== null) {
      const error = isAppError(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
      const where = await folder.fail([
        { name: 'rejects.csv', chunks: rejectsCsv(rejects) },
        { name: 'error.json', chunks: [JSON.stringify(error, null, 2) + '\n'] },
      ]);
      if (where !== null) prepared.log.info({ failed: where }, 'rejects and error of the failed run written');
    }
    throw e;
  } finally {
    rejects.close();
    await folder?.discard();
  }
}

/**
 * Writes the outputs into the run folder, the manifest last, and swaps the run in. beforeCommit sees
 * the written manifest while the run can still be withdrawn (the logboek is appended there).
 */
export async function writeRun(
  folder: RunFolder,
  run: RunResult,
  view: ReportView,
  beforeCommit?: (manifest: WrittenFile) => Promise<void>,
): Promise<WrittenFile[]> {
  const tool = toolInfo();
  const written: WrittenFile[] = [];
  for (const o of renderOutputs(run, tool, view)) written.push(await folder.write(o.name, o.chunks));
  const manifest = await folder.write('manifest.json', [buildManifest(run, written, tool, view.lang)]);
  written.push(manifest);
  // The spill is no output: it must not be swapped in with the run.
  run.rejects.close();
  await beforeCommit?.(manifest);
  await folder.commit();
  return written;
}

interface ScanOptions extends CommonInputOptions {
  out?: string;
  force?: boolean;
  asOf?: string;
  maxRejectRate?: string;
  failOn?: string;
  stdout?: string;
  taal?: string;
  logboek?: string;
  requireAll?: boolean;
}

/** --taal: the language of report.md and of the terminal summary. */
export function parseTaal(text: string | undefined): Lang {
  if (text === undefined) return 'nl';
  if (!(LANGS as readonly string[]).includes(text)) throw new AppError('USAGE', `--taal: expected one of ${LANGS.join(', ')}, got '${text}'.`);
  return text as Lang;
}

/** The long options of cmd that take a value, so a recorded command can tell values from switches. */
function valueOptions(cmd: Command): Set<string> {
  return new Set(cmd.options.filter((o) => o.required || o.optional).map((o) => o.long).filter((l): l is string => l !== undefined));
}

export function registerScan(program: Command, io: CliIo, setCode: (code: number) => void, argvForManifest: () => string[]): void {
  const cmd = program
    .command('scan')
    .description('Scan the exports in DIR (or the files named by flags) and write ranked, explained signals')
    .argument('[dir]', 'directory holding budgethouders.csv, zorgverleners.csv, declaraties.csv (and optionally zorgovereenkomsten.csv)')
    .option('--out <dir>', 'write providers.csv, budgethouders.csv, signals.ndjson, rejects.csv, report.md, networks.csv and manifest.json here')
    .option('--stdout <format>', 'also write to stdout: ndjson (the signals) or csv (the provider ranking)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD (default: the latest care date in the declarations)')
    .option('--max-reject-rate <share>', 'stop with exit 2 when an input has a larger share of rejected rows (default 0.05)')
    .option('--fail-on <tier>', `exit 1 when a provider reaches this tier or higher: ${TIERS.join(', ')} (default: off)`)
    .option('--force', 'replace an --out folder that holds files no earlier run wrote')
    .option('--taal <lang>', `language of report.md and the terminal summary: ${LANGS.join(', ')} (default: nl)`)
    .option('--logboek <file>', "append the run's manifest sha256, as-of date and --out folder to this append-only log (kept apart from the run folders; see verify --logboek)")
    .option('--require-all', 'exit 2 (INDICATOR_NOT_APPLICABLE) when an enabled indicator cannot run on this export, so a lost column is noticed');
  addInputOptions(cmd);
  cmd.action(async (dir: string | undefined, opts: ScanOptions) => {
    if (opts.out === undefined && opts.stdout === undefined)
      throw new AppError('USAGE', 'Nothing to write: give --out DIR, --stdout ndjson|csv, or both.');
    if (opts.stdout !== undefined && opts.stdout !== 'ndjson' && opts.stdout !== 'csv')
      throw new AppError('USAGE', `--stdout: expected ndjson or csv, got '${opts.stdout}'.`);
    if (opts.logboek !== undefined) {
      if (opts.out === undefined) throw new AppError('USAGE', '--logboek records runs written with --out: give --out DIR.');
      checkLogboekOutside(opts.logboek, opts.out);
    }
    const asOf = parseAsOf(opts.asOf);
    const lang = parseTaal(opts.taal);
    const prepared = await prepare(dir, opts, io);
    let config = prepared.config;
    if (opts.maxRejectRate !== undefined) config = { ...config, maxRejectRate: parseRate(opts.maxRejectRate) };
    if (opts.failOn !== undefined) config = { ...config, failOn: parseTier(opts.failOn) };
    const { log } = prepared;

    const { run, view } = await withRunFolder(opts.out, prepared, opts.force === true, async (folder, rejects) => {
      const ingested = await ingestWithProgress({ ...prepared, config }, io, asOf, rejects, lang);
      const over = overRejectRate(ingested, config.maxRejectRate);
      if (over.length > 0)
        throw new AppError(
          'REJECT_RATE_EXCEEDED',
          `Too many rejected rows (limit ${config.maxRejectRate}): ${over.join('; ')}.${opts.out ? ` See ${opts.out.replace(/[\\/]+$/, '')}.mislukt/rejects.csv; ${opts.out} keeps the earlier run.` : ''} Fix the export, or raise --max-reject-rate.`,
        );
      const run = analyse(ingested, {
        config,
        asOf,
        command: opts.out === undefined ? argvForManifest() : relativeCommand(argvForManifest(), resolve(opts.out), valueOptions(cmd)),
        onIndicator: (id, n) => log.info({ stage: 'indicators', indicator: id, signals: n }, 'indicator done'),
      });
      const notRun = run.indicators.filter((i) => i.enabled && !i.applicable);
      const why = (s: (typeof notRun)[number]) => (s.notRun === null ? null : WORDING.en.notRun(s.notRun));
      for (const s of notRun) log.warn({ stage: 'indicators', indicator: s.id, reason: why(s) }, 'indicator not applicable');
      if (opts.requireAll === true && notRun.length > 0)
        throw new AppError(
          'INDICATOR_NOT_APPLICABLE',
          `--require-all: ${notRun.length} enabled indicator(s) cannot run on this export: ${notRun.map((s) => `${s.id} (${why(s)})`).join('; ')}.` +
            `${opts.out ? ` ${opts.out} keeps the earlier run.` : ''} Restore the data, or disable the indicator in the config.`,
          { indicators: notRun.map((s) => s.id) },
        );
      const view = buildReportView(run, toolInfo().version, lang);
      if (folder !== null) {
        const logboek = opts.logboek;
        const files = await writeRun(
          folder,
          run,
          view,
          logboek === undefined
            ? undefined
            : (manifest) => appendLogboek(logboek, { manifestSha256: manifest.sha256, asOf: formatDay(run.asOf), out: folder.target, at: new Date().toISOString() }),
        );
        log.info({ stage: 'report', out: opts.out, files: files.map((f) => f.name) }, 'outputs written');
      }
      return { run, view };
    });
    if (opts.stdout === 'ndjson') await writeChunks(io.stdout, signalsNdjson(run.scored.signals));
    if (opts.stdout === 'csv') await writeChunks(io.stdout, providersCsv(run.scored.providers, run.networks.networkOf));
    if (io.interactive) io.stderr.write(terminalSummary(view, opts.out));

    const failOn = config.failOn;
    if (failOn !== null) {
      const rank = (t: string) => TIERS.indexOf(t as never);
      const hit = run.scored.providers.some((p) => rank(p.tier) <= rank(failOn));
      if (hit) {
        log.info({ failOn }, 'signals at or above --fail-on');
        setCode(1);
        return;
      }
    }
    setCode(0);
  });
}
