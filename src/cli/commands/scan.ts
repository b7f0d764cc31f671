import type { Command } from 'commander';
import { resolve } from 'node:path';
import { TIERS } from '../../config/schema.js';
import { AppError } from '../../errors.js';
import { overRejectRate } from '../../ingest/reject-rate.js';
import type { UnhashedIngest } from '../../ingest/ingest.js';
import { collectGarbageOf } from '../../memory/full-collection.js';
import { relativeCommand } from '../../manifest/relative-command.js';
import { formatDay } from '../../model/dates.js';
import { readDecisions } from '../../decisions/read-decisions.js';
import { appendLogboek, checkLogboekOutside } from '../../output/logboek.js';
import { withRunFolder, writeRun } from '../../output/write-run.js';
import { analyseInParallel, analyseRows, configHash, withInputs, type AnalyseOptions } from '../../pipeline.js';
import { parallelMinBytes, workerCount } from '../../ingest/parallel/worker-plan.js';
import { indicatorThreadFor, type IndicatorThread } from '../../indicators/parallel/indicator-thread.js';
import { signalRulesHash } from '../../history/since-previous.js';
import { providersCsv, sindsVorige } from '../../report/ranking-csv.js';
import { terminalSummary } from '../../report/terminal-summary.js';
import { buildReportView } from '../../report/view.js';
import { XlsxThread, xlsxThreadPays } from '../../report/xlsx-thread.js';
import { LANGS, WORDING } from '../../report/wording.js';
import { parseTaal } from '../taal-option.js';
import { signalsNdjson } from '../../run/signal-record.js';
import { addInputOptions, ingestUnhashedWithProgress, prepare, type CommonInputOptions } from '../input-options.js';
import { writeChunks, type CliIo } from '../io.js';
import { addCsvDialectOption, parseAsOf, parseRate, parseTier } from '../options.js';
import { readPreviousOption } from '../previous-option.js';
import { toolPackage } from '../tool-info.js';

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
  previous?: string;
  beoordelingen?: string;
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
    .option('--out <dir>', 'write providers.csv, budgethouders.csv, signals.ndjson, rejects.csv, report.md, report.html, networks.csv, fairness.csv, sleutels.csv, overzicht.xlsx and manifest.json here')
    .option('--stdout <format>', 'also write to stdout: ndjson (the signals) or csv (the provider ranking)')
    .option('--as-of <date>', 'reference date YYYY-MM-DD (default: the latest care date in the declarations)')
    .option('--max-reject-rate <share>', 'stop with exit 2 when an input has a larger share of rejected rows (default 0.05)')
    .option('--fail-on <tier>', `exit 1 when a provider reaches this tier or higher: ${TIERS.join(', ')} (default: off)`)
    .option('--force', 'replace an --out folder that holds files no earlier run wrote')
    .option('--taal <lang>', `language of report.md, report.html and the terminal summary: ${LANGS.join(', ')} (default: nl)`)
    .option('--logboek <file>', "append the run's manifest sha256, as-of date and --out folder to this append-only log (kept apart from the run folders; see verify --logboek)")
    .option('--previous <dir>', 'compare with this earlier run folder (may be --out itself; the replaced run is then kept as OUT.vorige): sinds_vorige in providers.csv, "Sinds de vorige scan" in report.md')
    .option('--beoordelingen <file>', "analysts' decisions (CSV, see README and beoordelingen-sjabloon): signals they cover leave the ranking and --fail-on until they re-open")
    .option('--require-all', 'exit 2 (INDICATOR_NOT_APPLICABLE) when an enabled indicator cannot run on this export, so a lost column is noticed');
  addInputOptions(cmd);
  addCsvDialectOption(cmd);
  // The indicator thread (when the scan has one) is ended on every path, so the process exits promptly.
  const threads: { indicators: IndicatorThread | null } = { indicators: null };
  cmd.action(async (dir: string | undefined, opts: ScanOptions) => {
    try {
      await scanAction(dir, opts);
    } finally {
      await threads.indicators?.close();
      threads.indicators = null;
    }
  });
  const scanAction = async (dir: string | undefined, opts: ScanOptions): Promise<void> => {
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
    // Started now, the indicator thread loads its modules while the inputs are read.
    threads.indicators = await indicatorThreadFor(prepared.inputs.find((i) => i.kind === 'declaraties')?.path, workerCount(), parallelMinBytes());
    let config = prepared.config;
    if (opts.maxRejectRate !== undefined) config = { ...config, maxRejectRate: parseRate(opts.maxRejectRate) };
    if (opts.failOn !== undefined) config = { ...config, failOn: parseTier(opts.failOn) };
    const { log } = prepared;
    // Before any export is read: a bad decisions file stops the scan at once (exit 2).
    const decisions = opts.beoordelingen === undefined ? null : await readDecisions(opts.beoordelingen);
    const guarded = decisions === null ? prepared : { ...prepared, inputs: [...prepared.inputs, { path: opts.beoordelingen! }] };
    // Name and version only: the hash of the code is computed when the manifest is written.
    const tool = toolPackage();
    const previous = await readPreviousOption(opts.previous, opts.out, { configSha256: configHash(config), rulesSha256: signalRulesHash(config), tool }, log);

    const { run, view } = await withRunFolder(opts.out, guarded, opts.force === true, async (folder, rejects) => {
      // The indicator thread takes the holders and providers while the main thread waits for the declarations.
      // The declarations are hashed meanwhile, for the outputs; awaited before the first is made.
      let ingested: UnhashedIngest | null = await ingestUnhashedWithProgress({ ...prepared, config }, io, asOf, rejects, lang, { whileDeclarationsRead: (tables) => threads.indicators?.preload(tables) });
      const over = overRejectRate(ingested, config.maxRejectRate);
      if (over.length > 0)
        throw new AppError(
          'REJECT_RATE_EXCEEDED',
          `Too many rejected rows (limit ${config.maxRejectRate}): ${over.join('; ')}.${opts.out ? ` See ${opts.out.replace(/[\\/]+$/, '')}.mislukt/rejects.csv; ${opts.out} keeps the earlier run.` : ''} Fix the export, or raise --max-reject-rate.`,
        );
      // Started now, the thread loads exceljs while the indicators run here; closed however the run ends.
      const xlsx = folder !== null && xlsxThreadPays(ingested.data.declarations.length) ? new XlsxThread() : undefined;
      try {
        const analysis: AnalyseOptions = {
          config,
          asOf,
          decisions,
          command: opts.out === undefined ? argvForManifest() : relativeCommand(argvForManifest(), resolve(opts.out), valueOptions(cmd)),
          onIndicator: (id, n, thread) => log.info({ stage: 'indicators', indicator: id, signals: n, thread }, 'indicator done'),
          previous: previous.run === null ? undefined : { run: previous.run, tool },
        };
        const analysed = threads.indicators === null ? analyseRows(ingested, analysis) : await analyseInParallel(ingested, analysis, threads.indicators);
        const rows = ingested.data.declarations.length;
        const inputs = ingested.hashed().then((hashed) => hashed.inputs);
        // The outputs are made from the run, not from the rows: let go of the declarations' table (about 70
        // bytes a row) and, for a large scan, collect it now, so that the outputs do not add to it.
        ingested = null;
        const run = withInputs(analysed, await inputs);
        collectGarbageOf(rows);
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
        const view = buildReportView(run, tool.version, lang);
        if (folder !== null) {
          const logboek = opts.logboek;
          const files = await writeRun(
            folder,
            run,
            view,
            logboek === undefined
              ? undefined
              : (manifest) => appendLogboek(logboek, { manifestSha256: manifest.sha256, asOf: formatDay(run.asOf), out: folder.target, at: new Date().toISOString() }),
            { xlsx },
          );
          log.info({ stage: 'report', out: opts.out, files: files.map((f) => f.name) }, 'outputs written');
        }
        return { run, view };
      } finally {
        await xlsx?.close();
      }
    }, { keepReplaced: previous.keepReplaced });
    if (opts.stdout === 'ndjson') await writeChunks(io.stdout, signalsNdjson(run.scored.signals));
    if (opts.stdout === 'csv') await writeChunks(io.stdout, providersCsv(run.scored.providers, run.networks.networkOf, sindsVorige(run), run.decisions, config.csvDialect));
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
  };
}
