import type { Command } from 'commander';
import { readCheckedRun } from '../../history/checked-run.js';
import { compareRuns } from '../../history/compare.js';
import { diffNdjson, diffText } from '../../history/diff-output.js';
import { comparisonWarnings } from '../../history/since-previous.js';
import { writeAll, type CliIo } from '../io.js';
import { createLogger } from '../logger.js';
import { parseLogLevel } from '../options.js';
import { parseTaal } from '../taal-option.js';

interface DiffFlags {
  json?: boolean;
  taal?: string;
  logLevel?: string;
}

export function registerDiff(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('diff')
    .description('What changed between two scans: each provider and each signal (by its key) is nieuw, blijvend, gewijzigd or verdwenen')
    .argument('<old_run>', 'the --out folder of the earlier scan')
    .argument('<new_run>', 'the --out folder of the later scan')
    .option('--json', 'JSON lines on stdout: runs, warnings, providers, signals, summary (default: a text)')
    .option('--taal <lang>', 'language of the text: nl, en (default: nl)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default: info; warn on a terminal)')
    .action(async (oldDir: string, newDir: string, flags: DiffFlags) => {
      const lang = parseTaal(flags.taal);
      const log = createLogger(parseLogLevel(flags.logLevel, io.interactive), io.stderr);
      const old = await readCheckedRun(oldDir, 'RUN_DIR_INVALID', 'OLD_RUN');
      const current = await readCheckedRun(newDir, 'RUN_DIR_INVALID', 'NEW_RUN');
      const warnings = comparisonWarnings(old.identity, current.identity);
      for (const w of warnings) log.warn({ warning: w.kind, before: w.before, after: w.after }, `the two runs were made with another ${w.kind === 'config' ? 'config' : 'tool version'}`);
      const result = { old, new: current, warnings, comparison: compareRuns(old.snapshot, current.snapshot) };
      await writeAll(io.stdout, flags.json ? diffNdjson(result) : diffText(result, lang));
      setCode(0);
    });
}
