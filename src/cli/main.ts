import { Command, CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { FAILURE_EXIT, failureOf, writeFailure } from './failure.js';
import { addHelpTexts } from './help-texts.js';
import { processIo, type CliIo } from './io.js';
import { toolVersion } from './tool-info.js';

export const EXIT = { done: 0, signals: 1, error: FAILURE_EXIT } as const;

type Register = (program: Command, io: CliIo, setCode: (code: number) => void, argv: string[]) => void;

/**
 * The commands in the order --help lists them. Each is loaded when it runs: a command's module pulls
 * in what it needs (the scan its readers and indicators, verify its replay, dossier its HTML), and a
 * run of one command should not pay for loading the others.
 */
const COMMANDS: Record<string, (argv: string[]) => Promise<Register>> = {
  scan: async (argv) => {
    // A large declarations file is read by worker threads: started now, they load while the scan does.
    (await import('../ingest/parallel/warm-workers.js')).warmUpForScan(argv.slice(1));
    const { registerScan } = await import('./commands/scan.js');
    return (program, io, setCode, argv) => registerScan(program, io, setCode, () => argv);
  },
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  indicators: async () => (await import('./commands/indicators.js')).registerIndicators,
  generate: async () => (await import('./commands/generate.js')).registerGenerate,
  evaluate: async () => (await import('./commands/evaluate.js')).registerEvaluate,
  verify: async () => (await import('./commands/verify.js')).registerVerify,
  coverage: async () => (await import('./commands/coverage.js')).registerCoverage,
  toets: async () => (await import('./commands/toets.js')).registerToets,
  diff: async () => (await import('./commands/diff.js')).registerDiff,
  'beoordelingen-sjabloon': async () => (await import('./commands/decisions-template.js')).registerDecisionsTemplate,
  verantwoording: async () => (await import('./commands/verantwoording.js')).registerVerantwoording,
  dossier: async () => (await import('./commands/dossier.js')).registerDossier,
};

/**
 * The commands to register for argv: the one it names, none for --version, and all of them otherwise
 * (the program's help, `help CMD`, and an unknown command, whose error lists them all).
 */
function commandsFor(argv: string[]): string[] {
  const first = argv[0];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  if (argv.length === 1 && (first === '--version' || first === '-V')) return [];
  return Object.keys(COMMANDS);
}

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
    .version(toolVersion())
    .exitOverride()
    .configureOutput(output(null));
  const registers = await Promise.all(commandsFor(argv).map((name) => COMMANDS[name](argv)));
  for (const register of registers) register(program, io, setCode, argv);
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
  } finally {
    // Workers started for a scan that ended before it read its declarations (a usage error, say).
    if (argv[0] === 'scan') await (await import('../ingest/parallel/warm-workers.js')).coolDown();
  }
}
