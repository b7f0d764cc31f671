import { Command, CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { registerCoverage } from './commands/coverage.js';
import { registerDiff } from './commands/diff.js';
import { registerDossier } from './commands/dossier.js';
import { registerDecisionsTemplate } from './commands/decisions-template.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerGenerate } from './commands/generate.js';
import { registerIndicators } from './commands/indicators.js';
import { registerScan } from './commands/scan.js';
import { registerToets } from './commands/toets.js';
import { registerValidate } from './commands/validate.js';
import { registerVerantwoording } from './commands/verantwoording.js';
import { registerVerify } from './commands/verify.js';
import { FAILURE_EXIT, failureOf, writeFailure } from './failure.js';
import { addHelpTexts } from './help-texts.js';
import { processIo, type CliIo } from './io.js';
import { toolInfo } from './tool-info.js';

export const EXIT = { done: 0, signals: 1, error: FAILURE_EXIT } as const;

/** Commander's "error: unknown option '--ot'\n(Did you mean --out?)" as sentences with a pointer to help. */
function usageError(e: CommanderError, command: string | null): AppError {
  const sentences = e.message
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim().replace(/^\((.*)\)$/, '$1'))
    .filter((l) => l !== '')
    .map((l) => `${l.charAt(0).toUpperCase()}${l.slice(1)}${/[.?!]$/.test(l) ? '' : '.'}`);
  const help = command === null ? 'pgb-scan --help' : `pgb-scan ${command} --help`;
  return new AppError('USAGE', `${sentences.join(' ')} See ${help}.`);
}

/** Runs one command line and returns the exit code; it never calls process.exit, so streams flush. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.done;
  const setCode = (c: number) => (code = c);
  // Commander reports its own errors through outputError; they are rewritten into our format below,
  // so only the name of the command that failed is kept here.
  let failedCommand: string | null = null;
  const output = (name: string | null) => ({
    writeOut: (s: string) => io.stdout.write(s),
    // Help shown on stderr (no command given) is for a person; a pipe gets the USAGE record alone.
    writeErr: (s: string) => (io.interactive ? io.stderr.write(s) : true),
    outputError: () => {
      failedCommand = name;
    },
  });
  const program = new Command('pgb-scan')
    .description('Risk scan of pgb exports (beschermd en begeleid wonen): ranked, explained signals. A signal is a reason to look, not a finding.')
    .version(toolInfo().version)
    .exitOverride()
    .configureOutput(output(null));
  registerScan(program, io, setCode, () => argv);
  registerValidate(program, io, setCode);
  registerIndicators(program, io, setCode);
  registerGenerate(program, io, setCode);
  registerEvaluate(program, io, setCode);
  registerVerify(program, io, setCode);
  registerCoverage(program, io, setCode);
  registerToets(program, io, setCode);
  registerDiff(program, io, setCode);
  registerDecisionsTemplate(program, io, setCode);
  registerVerantwoording(program, io, setCode);
  registerDossier(program, io, setCode);
  for (const c of program.commands) c.exitOverride().configureOutput(output(c.name()));
  addHelpTexts(program);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, --version and `help CMD` are answers.
      if (e.exitCode === 0) return EXIT.done;
      // commander.help with a non-zero exit: no command, or `help X` for an X that is no command.
      const asked = argv[0] === 'help' ? argv[1] : undefined;
      const commands = `Commands: ${program.commands.map((c) => c.name()).join(', ')}. See pgb-scan --help.`;
      const usage =
        e.code === 'commander.help'
          ? new AppError('USAGE', `${asked === undefined ? 'No command given.' : `Unknown command '${asked}'.`} ${commands}`)
          : usageError(e, failedCommand);
      writeFailure(io, failureOf(usage));
      return EXIT.error;
    }
    writeFailure(io, failureOf(e));
    return EXIT.error;
  }
}
