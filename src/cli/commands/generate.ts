import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import { generate, loadScenario } from '../../generate/generate.js';
import type { CliIo } from '../io.js';
import { createLogger } from '../logger.js';
import { parseLogLevel } from '../options.js';

interface GenerateFlags {
  scenario: string;
  seed: string;
  out: string;
  scale: string;
  force?: boolean;
  logLevel?: string;
}

export function registerGenerate(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('generate')
    .description('Write a synthetic population with planted schemes and decoys, plus truth.json (deterministic from the seed)')
    .requiredOption('--scenario <file>', 'scenario JSON (see scenarios/)')
    .requiredOption('--out <dir>', 'directory for the exports and truth.json')
    .option('--seed <n>', 'seed of the random generator', '1')
    .option('--scale <x>', 'multiply the population (holders, providers) by this factor', '1')
    .option('--force', 'write into a non-empty folder, first removing the files an earlier generate wrote there')
    .option('--log-level <level>', 'log level (default: info; warn on a terminal)')
    .action(async (flags: GenerateFlags) => {
      const log = createLogger(parseLogLevel(flags.logLevel, io.interactive), io.stderr);
      const seed = Number(flags.seed);
      const scale = Number(flags.scale);
      if (!Number.isInteger(seed) || seed < 0) throw new AppError('USAGE', `--seed: expected a whole number >= 0, got '${flags.seed}'.`);
      if (!(scale > 0)) throw new AppError('USAGE', `--scale: expected a number > 0, got '${flags.scale}'.`);
      const scenario = loadScenario(flags.scenario);
      const summary = await generate({ scenario, seed, scale, outDir: flags.out, force: flags.force === true });
      for (const f of summary.files) log.info({ stage: 'generate', file: f.name, rows: f.rows, bytes: f.bytes }, 'file written');
      if (io.interactive)
        io.stderr.write(summary.files.map((f) => `${f.name}: ${f.rows} rijen, ${f.bytes} bytes`).join('\n') + `\nGeschreven in ${flags.out}\n`);
      setCode(0);
    });
}
