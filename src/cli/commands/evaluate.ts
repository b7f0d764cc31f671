import type { Command } from 'commander';
import { join } from 'node:path';
import { AppError } from '../../errors.js';
import { evaluate, renderEvaluation } from '../../evaluate/evaluate.js';
import { writeOutputs } from '../../output/write-atomic.js';
import { writeAll, type CliIo } from '../io.js';

interface EvaluateFlags {
  truth: string;
  minPrecision?: string;
  out?: string;
}

export function registerEvaluate(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('evaluate')
    .description('Measure a scan against a generated truth: precision and recall at k, per scheme and per decoy')
    .argument('<run-dir>', 'the --out directory of a scan')
    .requiredOption('--truth <file>', 'truth.json written by generate')
    .option('--min-precision <share>', 'exit 1 when provider precision at k is below this share (0 to 1)')
    .option('--out <dir>', 'where to write evaluation.json (default: the run directory)')
    .action(async (runDir: string, flags: EvaluateFlags) => {
      let min: number | null = null;
      if (flags.minPrecision !== undefined) {
        min = Number(flags.minPrecision);
        if (!(min >= 0 && min <= 1)) throw new AppError('USAGE', `--min-precision: expected a share between 0 and 1, got '${flags.minPrecision}'.`);
      }
      const e = await evaluate({ runDir, truthPath: flags.truth });
      const outDir = flags.out ?? runDir;
      await writeOutputs(outDir, [{ name: 'evaluation.json', content: JSON.stringify(e, null, 2) + '\n' }]);
      await writeAll(io.stdout, renderEvaluation(e) + `\nevaluation.json: ${join(outDir, 'evaluation.json')}\n`);
      setCode(min !== null && e.providers.precisionAtK < min ? 1 : 0);
    });
}
