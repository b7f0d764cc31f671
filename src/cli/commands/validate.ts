import type { Command } from 'commander';
import { readDecisions } from '../../decisions/read-decisions.js';
import { rejectsCsv } from '../../report/rejects-csv.js';
import { writeChunks, type CliIo } from '../io.js';
import { addCsvDialectOption } from '../options.js';
import { withRunFolder } from '../../output/write-run.js';
import { addInputOptions, ingestWithProgress, prepare, type CommonInputOptions } from '../input-options.js';

interface ValidateOptions extends CommonInputOptions {
  out?: string;
  force?: boolean;
  beoordelingen?: string;
}

export function registerValidate(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const cmd = program
    .command('validate')
    .description('Read and validate the exports only: rejects and a summary; exit 1 when rows were rejected')
    .argument('[dir]', 'directory holding the exports')
    .option('--out <dir>', 'write rejects.csv here (default: rejects CSV to stdout)')
    .option('--force', 'replace an --out folder that holds files no earlier run wrote')
    .option('--beoordelingen <file>', "check analysts' decisions file too, as scan reads it (exit 2 when a row is unusable)");
  addInputOptions(cmd);
  addCsvDialectOption(cmd);
  cmd.action(async (dir: string | undefined, opts: ValidateOptions) => {
    const prepared = await prepare(dir, opts, io);
    if (opts.beoordelingen !== undefined) {
      const { report: d } = await readDecisions(opts.beoordelingen);
      prepared.log.info({ stage: 'ingest', file: d.display, bytes: d.bytes, rowsRead: d.rowsRead, rowsAccepted: d.rowsAccepted, rowsOpen: d.rowsOpen, dialect: d.dialect }, 'decisions read');
      if (io.interactive) io.stderr.write(`${d.display}: ${d.rowsRead} rows read, ${d.rowsAccepted} decisions, ${d.rowsOpen} open\n`);
    }
    const result = await withRunFolder(opts.out, prepared, opts.force === true, async (folder, rejects) => {
      const result = await ingestWithProgress(prepared, io, null, rejects);
      const dialect = prepared.config.csvDialect;
      if (folder === null) await writeChunks(io.stdout, rejectsCsv(rejects, dialect));
      else {
        await folder.write('rejects.csv', rejectsCsv(rejects, dialect));
        rejects.close();
        await folder.commit();
      }
      return result;
    });
    const lines = result.inputs.map(
      (i) => `${i.display}: ${i.rowsRead} rows read, ${i.rowsAccepted} accepted, ${i.rowsRejected} rejected${i.rowsUnmatched > 0 ? `, ${i.rowsUnmatched} unmatched (holder not in this export)` : ''}`,
    );
    // Like scan: a person gets the summary, a pipe the JSON 'input read' records with the same counts.
    if (io.interactive) io.stderr.write(lines.join('\n') + '\n');
    setCode(result.inputs.some((i) => i.rowsRejected > 0) ? 1 : 0);
  });
}
