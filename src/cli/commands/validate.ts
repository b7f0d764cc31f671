import type { Command } from 'commander';
import { rejectsCsv } from '../../report/rejects-csv.js';
import { writeOutputs } from '../../output/write-atomic.js';
import { writeAll, type CliIo } from '../io.js';
import { addInputOptions, ingestWithProgress, prepare, type CommonInputOptions } from './scan.js';

interface ValidateOptions extends CommonInputOptions {
  out?: string;
}

export function registerValidate(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const cmd = program
    .command('validate')
    .description('Read and validate the exports only: rejects and a summary; exit 1 when rows were rejected')
    .argument('[dir]', 'directory holding the exports')
    .option('--out <dir>', 'write rejects.csv here (default: rejects CSV to stdout)');
  addInputOptions(cmd);
  cmd.action(async (dir: string | undefined, opts: ValidateOptions) => {
    const prepared = await prepare(dir, opts, io);
    const result = await ingestWithProgress(prepared, io);
    const csv = rejectsCsv(result.rejects);
    if (opts.out !== undefined) await writeOutputs(opts.out, [{ name: 'rejects.csv', content: csv }]);
    else await writeAll(io.stdout, csv);
    const lines = result.inputs.map(
      (i) => `${i.display}: ${i.rowsRead} rows read, ${i.rowsAccepted} accepted, ${i.rowsRejected} rejected`,
    );
    io.stderr.write(lines.join('\n') + '\n');
    setCode(result.inputs.some((i) => i.rowsRejected > 0) ? 1 : 0);
  });
}
