import type { Command } from 'commander';
import type { Logger } from 'pino';
import { loadConfig } from '../config/load.js';
import type { RunConfig } from '../config/schema.js';
import { plausibilityLimits } from '../config/plausibility-limits.js';
import { ingestUnhashed, type IngestOptions, type IngestResult, type InputSpec, type UnhashedIngest } from '../ingest/ingest.js';
import type { RejectLog } from '../ingest/reject-log.js';
import type { DayNumber } from '../model/dates.js';
import type { FileKind } from '../model/types.js';
import type { Lang } from '../report/messages.js';
import { WORDING } from '../report/wording.js';
import type { CliIo } from './io.js';
import { createLogger } from './logger.js';
import { applyDialectFlags, parseLogLevel, type DialectFlags } from './options.js';
import { inputFlagOptions, resolveInputs, type InputFlags } from './resolve-inputs.js';

export interface CommonInputOptions extends InputFlags, DialectFlags {
  config?: string;
  logLevel?: string;
}

export function addInputOptions(cmd: Command): Command {
  for (const { flags, description } of inputFlagOptions()) cmd.option(flags, description);
  return cmd
    .option('--config <file>', 'JSON config: thresholds, weights, column mapping, dialect (see README)')
    .option('--delimiter <char>', "field delimiter: ';', ',' or tab (default: detected)")
    .option('--encoding <name>', 'utf-8 or windows-1252 (default: detected)')
    .option('--decimal <mark>', 'comma or point (default: detected)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (default: info; warn on a terminal)');
}

export interface PreparedInputs {
  config: RunConfig;
  inputs: InputSpec[];
  log: Logger;
}

export async function prepare(dir: string | undefined, opts: CommonInputOptions, io: CliIo): Promise<PreparedInputs> {
  const log = createLogger(parseLogLevel(opts.logLevel, io.interactive), io.stderr);
  const config = applyDialectFlags(await loadConfig(opts.config), opts);
  const inputs = resolveInputs(dir, opts);
  return { config, inputs, log };
}

/** Reads the inputs with progress on stderr and an 'input read' record per input. */
export async function ingestWithProgress(...args: Parameters<typeof ingestUnhashedWithProgress>): Promise<IngestResult> {
  return (await ingestUnhashedWithProgress(...args)).hashed();
}

/** As ingestWithProgress, with the declarations possibly still being hashed (scan): see UnhashedIngest. */
export async function ingestUnhashedWithProgress(
  prepared: PreparedInputs,
  io: CliIo,
  asOf: DayNumber | null = null,
  rejects?: RejectLog,
  lang: Lang = 'nl',
  more: Pick<IngestOptions, 'whileDeclarationsRead'> = {},
): Promise<UnhashedIngest> {
  const { config, inputs, log } = prepared;
  let progressShown = false;
  const result = await ingestUnhashed(inputs, {
    ...more,
    rejects,
    dialect: config.dialect,
    columns: config.columns,
    asOf,
    plausibility: plausibilityLimits(config),
    stdin: io.stdin,
    onSplit: ({ ranges, startedEarly }) => log.debug({ stage: 'ingest', file: 'declaraties', ranges, startedEarly }, 'declarations read in byte ranges by worker threads'),
    onProgress: (kind: FileKind, rows: number) => {
      log.debug({ stage: 'ingest', file: kind, rows }, 'progress');
      if (io.interactive) {
        progressShown = true;
        io.stderr.write(`\r${WORDING[lang].terminal.progress(kind, rows)}   `);
      }
    },
  });
  if (progressShown) io.stderr.write('\n');
  for (const i of result.inputs)
    for (const w of i.mappingWarnings) log.warn({ stage: 'ingest', file: i.display, header: w.header, column: w.column }, 'config columns mapping names a header the file does not have');
  for (const i of result.inputs)
    log.info(
      { stage: 'ingest', file: i.display, bytes: i.bytes, rowsRead: i.rowsRead, rowsAccepted: i.rowsAccepted, rowsRejected: i.rowsRejected, dialect: i.dialect },
      'input read',
    );
  return result;
}
