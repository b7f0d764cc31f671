import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.js';
import { registerCoverage } from './commands/coverage.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerGenerate } from './commands/generate.js';
import { registerIndicators } from './commands/indicators.js';
import { registerScan } from './commands/scan.js';
import { registerValidate } from './commands/validate.js';
import { processIo, type CliIo } from './io.js';
import { toolInfo } from './tool-info.js';

export const EXIT = { done: 0, signals: 1, error: 2 } as const;

/** Runs one command line and returns the exit code; it never calls process.exit, so streams flush. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.done;
  const setCode = (c: number) => (code = c);
  const program = new Command('pgb-scan')
    .description('Risk scan of pgb exports (beschermd en begeleid wonen): ranked, explained signals. A signal is a reason to look, not a finding.')
    .version(toolInfo().version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerScan(program, io, setCode, () => argv);
  registerValidate(program, io, setCode);
  registerIndicators(program, io, setCode);
  registerGenerate(program, io, setCode);
  registerEvaluate(program, io, setCode);
  registerCoverage(program, io, setCode);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are answers; help shown because no command was given is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.done;
      return EXIT.error;
    }
    if (isAppError(e)) {
      io.stderr.write(`pgb-scan: error ${e.code}: ${e.message}\n`);
      return EXIT.error;
    }
    throw e;
  }
}
