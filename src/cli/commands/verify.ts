import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import { verifyRun } from '../../verify/verify-run.js';
import { EXIT_OF, formatJsonLines, formatTable } from '../../verify/verdict.js';
import { writeAll, type CliIo } from '../io.js';
import { toolInfo } from '../tool-info.js';

interface VerifyFlags {
  inputs?: string;
  logboek?: string;
  beoordelingen?: string;
  json?: boolean;
  allowOtherBuild?: boolean;
  previous?: string;
}

export function registerVerify(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('verify')
    .description('Check a run folder against its manifest (and the logboek), and with --inputs replay the run and compare every output byte for byte')
    .argument('<run_dir>', 'the --out folder of a scan')
    .option('--inputs <dir>', "folder holding the run's inputs by their names in the manifest: check their sha256 and replay the scan")
    .option('--logboek <file>', 'the logboek of scan --logboek: the manifest must be logged there')
    .option('--previous <dir>', 'the run folder the scan was compared with (scan --previous): must have the recorded manifest sha256; the replay compares with it')
    .option('--beoordelingen <file>', 'the decisions file the run was made with (scan --beoordelingen), when it is not in --inputs; another file is refused')
    .option('--json', 'one JSON object per verdict on stdout (default: a table)')
    .option('--allow-other-build', 'replay even when this is another version or build than the one that made the run')
    .addHelpText('after', '\nExit codes: 0 verified, 1 differences (listed), 2 the folder, inputs or build cannot be checked.\nExample: pgb-scan verify uitvoer --inputs samples/gemeente-klein --logboek logboek.ndjson')
    .action(async (runDir: string, flags: VerifyFlags) => {
      if (flags.beoordelingen !== undefined && flags.inputs === undefined)
        throw new AppError('USAGE', '--beoordelingen is read by the replay: give --inputs DIR too.');
      const { verdicts, outcome } = await verifyRun(runDir, { inputs: flags.inputs, logboek: flags.logboek, beoordelingen: flags.beoordelingen, allowOtherBuild: flags.allowOtherBuild, previous: flags.previous, tool: toolInfo() });
      await writeAll(io.stdout, flags.json ? formatJsonLines(verdicts, outcome) : formatTable(verdicts, outcome));
      const refused = verdicts.find((v) => v.status === 'refused');
      // The verdicts are data; why the run cannot be checked is also the command's error, like any exit 2.
      if (refused !== undefined) throw new AppError(refused.code ?? 'RUN_DIR_INVALID', `${refused.file ? `${refused.file}: ` : ''}${refused.detail}`);
      setCode(EXIT_OF[outcome]);
    });
}
