import type { Command } from 'commander';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { decisionsTemplate } from '../../decisions/template.js';
import { AppError } from '../../errors.js';
import { openErrorReason } from '../../ingest/open-errors.js';
import { readManifest, readProviderNames, readSignals, requireRunDir } from '../../run/read-run.js';
import type { SignalRecord } from '../../run/signal-record.js';
import { writeChunks, type CliIo } from '../io.js';

interface TemplateFlags {
  out?: string;
  force?: boolean;
}

function tiersOf(config: Record<string, unknown>, runDir: string): { hoog: number; midden: number } {
  const t = config.tiers as { hoog?: unknown; midden?: unknown } | undefined;
  if (typeof t?.hoog !== 'number' || typeof t?.midden !== 'number')
    throw new AppError('RUN_DIR_INVALID', `${runDir}/manifest.json: config.tiers.hoog and .midden must be numbers.`, { file: 'manifest.json' });
  return { hoog: t.hoog, midden: t.midden };
}

/** Written whole under a temporary name, then renamed: an existing decisions file is never half replaced. */
async function writeFileWhole(path: string, text: string, force: boolean): Promise<void> {
  const exists = await lstat(path).then(
    () => true,
    () => false,
  );
  if (exists && !force)
    throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${path}: the file exists (perhaps the decisions analysts keep); give another name, or --force to replace it.`, { file: path });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, text, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new AppError('OUTPUT_UNWRITABLE', `--out ${path}: cannot write: ${openErrorReason(e)}.`, { file: path });
  }
}

export function registerDecisionsTemplate(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('beoordelingen-sjabloon')
    .description("Write the decisions file (scan --beoordelingen) pre-filled for a run's providers and signals, for analysts to fill in besluit")
    .argument('<run_dir>', 'the --out folder of a scan')
    .option('--out <file>', 'write the template here (default: stdout)')
    .option('--force', 'replace an existing --out file')
    .action(async (runDir: string, flags: TemplateFlags) => {
      requireRunDir(runDir);
      const manifest = readManifest(runDir);
      const tiers = tiersOf(manifest.config, runDir);
      const signals: SignalRecord[] = [];
      for await (const s of readSignals(runDir)) signals.push(s);
      const chunks = decisionsTemplate(signals, readProviderNames(runDir), tiers);
      if (flags.out === undefined) await writeChunks(io.stdout, chunks);
      else await writeFileWhole(flags.out, [...chunks].join(''), flags.force === true);
      setCode(0);
    });
}
