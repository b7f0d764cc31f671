import type { Command } from 'commander';
import { mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { gatherDossier } from '../../dossier/dossier-data.js';
import { dossierHtml } from '../../dossier/dossier-html.js';
import { printPdf } from '../../dossier/print-pdf.js';
import { AppError } from '../../errors.js';
import { openErrorReason } from '../../ingest/open-errors.js';
import { writeAll, type CliIo } from '../io.js';
import { parseTaal } from '../taal-option.js';

interface DossierFlags {
  inputs?: string;
  beoordelingen?: string;
  out?: string;
  pdf?: string;
  taal?: string;
}

/** The real path of a file to be written (its folder resolved), so a link cannot hide where it lands. */
async function realTarget(path: string): Promise<string> {
  const full = resolve(path);
  return join(await realpath(dirname(full)).catch(() => dirname(full)), basename(full));
}

/** A file in the run folder would be a file the manifest does not list: the next scan would refuse the folder. */
async function refuseInsideRun(flag: string, path: string, runDir: string): Promise<void> {
  const run = await realpath(runDir).catch(() => resolve(runDir));
  const rel = relative(run, await realTarget(path));
  if (!rel.startsWith('..') && !isAbsolute(rel))
    throw new AppError('OUTPUT_NOT_ALLOWED', `${flag} ${path}: inside the run folder ${runDir}, which holds the scan's files only; write the dossier elsewhere.`, { file: path });
}

/** Written whole under a temporary name, then renamed: a reader never sees half a dossier. */
async function writeWhole(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AppError('OUTPUT_UNWRITABLE', `${path}: cannot write: ${openErrorReason(e)}.`, { file: path });
  }
}

export function registerDossier(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('dossier')
    .description('One printable file about one provider, for a visit: its signals with reasons and evidence rows, what to check, its holders per month, its network and past decisions')
    .argument('<run_dir>', 'the --out folder of a scan')
    .argument('<zorgverlener_id>', 'the provider')
    .option('--inputs <dir>', "the run's input files (checked by sha256): show the cited rows and each holder's hours and amounts per month")
    .option('--beoordelingen <file>', "the analysts' decisions file (default: the run's, when found in --inputs)")
    .option('--out <file>', 'write the HTML there (default: stdout, unless --pdf)')
    .option('--pdf <file>', 'also print it to PDF (A4) with the headless Chromium at /usr/bin/chromium or CHROMIUM_PATH')
    .option('--taal <lang>', 'language: nl, en (default: nl)')
    .action(async (runDir: string, providerId: string, flags: DossierFlags) => {
      const lang = parseTaal(flags.taal);
      if (flags.out !== undefined) await refuseInsideRun('--out', flags.out, runDir);
      if (flags.pdf !== undefined) await refuseInsideRun('--pdf', flags.pdf, runDir);
      const data = await gatherDossier(runDir, providerId, { inputs: flags.inputs, beoordelingen: flags.beoordelingen });
      const html = dossierHtml(data, lang);
      if (flags.out === undefined && flags.pdf === undefined) {
        await writeAll(io.stdout, html);
        setCode(0);
        return;
      }
      // The HTML first: without a Chromium the PDF fails, and the HTML is still there to print.
      if (flags.out !== undefined) await writeWhole(flags.out, html);
      if (flags.pdf !== undefined) {
        const tmp = flags.out === undefined ? await mkdtemp(join(tmpdir(), 'pgb-dossier-')) : null;
        try {
          const page = flags.out ?? join(tmp!, 'dossier.html');
          if (tmp !== null) await writeWhole(page, html);
          await printPdf(page, flags.pdf);
        } finally {
          if (tmp !== null) await rm(tmp, { recursive: true, force: true });
        }
      }
      setCode(0);
    });
}
