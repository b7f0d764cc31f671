import type { Command } from 'commander';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDecisions } from '../../decisions/read-decisions.js';
import { AppError } from '../../errors.js';
import { openErrorReason } from '../../ingest/open-errors.js';
import { formatDay } from '../../model/dates.js';
import { measure } from '../../verantwoording/measures.js';
import { parsePeriod } from '../../verantwoording/period.js';
import { readPeriodRuns, runFolders } from '../../verantwoording/period-runs.js';
import { verantwoordingCsv, verantwoordingHtml } from '../../verantwoording/render.js';
import type { CliIo } from '../io.js';
import { createLogger } from '../logger.js';
import { parseLogLevel } from '../options.js';
import { toolVersion } from '../tool-info.js';

interface VerantwoordingFlags {
  runsIn?: string;
  beoordelingen?: string;
  periode?: string;
  van?: string;
  tot?: string;
  out?: string;
  logLevel?: string;
}

const usage = (message: string) => new AppError('USAGE', message);

/** A run folder would no longer match its manifest with a report in it: --out is a folder of its own. */
async function outFolder(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (st !== null && !st.isDirectory()) throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${out}: a file; expected a folder for verantwoording.html and verantwoording.csv.`, { file: out });
  if ((await stat(join(out, 'manifest.json')).catch(() => null)) !== null)
    throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${out}: holds a run (manifest.json); the report would make it fail its check. Give another folder.`, { dir: out });
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new AppError('OUTPUT_UNWRITABLE', `--out ${out}: cannot be made: ${openErrorReason(e)}.`, { dir: out });
  }
}

/** Written whole under a temporary name, then renamed: a reader never sees half a report. */
async function writeWhole(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AppError('OUTPUT_UNWRITABLE', `${path}: cannot write: ${openErrorReason(e)}.`, { file: path });
  }
}

export function registerVerantwoording(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('verantwoording')
    .description('A transparency report over a period for the council and the algorithm register, from run folders and the decisions file: counts only, no ids or names, counts below 5 shown as "< 5"')
    .argument('[run_dirs...]', 'the --out folders of the scans')
    .option('--runs-in <dir>', 'also every run folder in this folder (each subfolder holding a manifest.json)')
    .option('--beoordelingen <file>', "the analysts' decisions file, as scan --beoordelingen reads it")
    .option('--periode <periode>', 'a quarter (2026-Q1), a month (2026-03) or a year (2026)')
    .option('--van <date>', 'first day of the period (YYYY-MM-DD), with --tot')
    .option('--tot <date>', 'last day of the period (YYYY-MM-DD), included')
    .option('--out <dir>', 'write verantwoording.html and verantwoording.csv here')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default: info; warn on a terminal)')
    .action(async (runDirs: string[], flags: VerantwoordingFlags) => {
      const log = createLogger(parseLogLevel(flags.logLevel, io.interactive), io.stderr);
      const period = parsePeriod(flags);
      if (flags.beoordelingen === undefined) throw usage('verantwoording needs --beoordelingen FILE (the decisions file the scans read).');
      if (flags.out === undefined) throw usage('verantwoording needs --out DIR for verantwoording.html and verantwoording.csv.');
      const dirs = await runFolders(runDirs, flags.runsIn);
      if (dirs.length === 0) throw usage('verantwoording needs run folders: RUN_DIR... or --runs-in DIR.');
      const decisions = await readDecisions(flags.beoordelingen);
      const { runs, read, asOfRange } = await readPeriodRuns(dirs, period.tot);
      if (!runs.some((r) => r.asOf >= period.van))
        throw usage(`None of the ${read} run(s) has an as-of date in ${period.label} (${formatDay(period.van)} to ${formatDay(period.tot)}); their as-of dates run from ${asOfRange![0]} to ${asOfRange![1]}.`);
      await outFolder(flags.out);
      const rows = measure(runs, decisions.decisions, period);
      await writeWhole(join(flags.out, 'verantwoording.csv'), verantwoordingCsv(rows));
      await writeWhole(join(flags.out, 'verantwoording.html'), verantwoordingHtml(rows, period.label, toolVersion()));
      const inPeriod = runs.filter((r) => r.asOf >= period.van).length;
      log.info({ periode: period.label, scans: inPeriod, out: flags.out }, 'verantwoording written');
      setCode(0);
    });
}
