import type { Command } from 'commander';
import { AppError } from '../errors.js';
import { CSV_DIALECTS, type CsvDialect } from '../report/csv-format.js';
import { parseIsoDay, type DayNumber } from '../model/dates.js';
import type { RunConfig } from '../config/schema.js';
import { TIERS, type Tier } from '../config/schema.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export function parseAsOf(text: string | undefined): DayNumber | null {
  if (text === undefined) return null;
  const day = parseIsoDay(text);
  if (day === null) throw new AppError('USAGE', `--as-of: expected a date YYYY-MM-DD, got '${text}'.`);
  return day;
}

export function parseRate(text: string): number {
  const x = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || x < 0 || x > 1)
    throw new AppError('USAGE', `--max-reject-rate: expected a share between 0 and 1 (e.g. 0.05), got '${text}'.`);
  return x;
}

export function parseTier(text: string): Tier {
  if (!(TIERS as readonly string[]).includes(text))
    throw new AppError('USAGE', `--fail-on: expected one of ${TIERS.join(', ')}, got '${text}'.`);
  return text as Tier;
}

export function parseLogLevel(text: string | undefined, interactive: boolean): LogLevel {
  // On a terminal the human summary says what matters; JSON info lines would drown it.
  if (text === undefined) return interactive ? 'warn' : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(text))
    throw new AppError('USAGE', `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got '${text}'.`);
  return text as LogLevel;
}

export interface DialectFlags {
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  /** Of the CSV outputs (scan, validate); the others read inputs. */
  csvDialect?: string;
}

/** Flags win over the config file; the config file wins over the schema's defaults. */
export function applyDialectFlags(config: RunConfig, flags: DialectFlags): RunConfig {
  const dialect = { ...config.dialect };
  if (flags.delimiter !== undefined) {
    const d = flags.delimiter === 'tab' || flags.delimiter === '\\t' ? '\t' : flags.delimiter;
    if (d !== ';' && d !== ',' && d !== '\t') throw new AppError('USAGE', `--delimiter: expected ';', ',' or 'tab', got '${flags.delimiter}'.`);
    dialect.delimiter = d;
  }
  if (flags.encoding !== undefined) {
    const e = flags.encoding.toLowerCase().replace(/^cp/, 'windows-').replace(/^utf8$/, 'utf-8');
    if (e !== 'utf-8' && e !== 'windows-1252') throw new AppError('USAGE', `--encoding: expected utf-8 or windows-1252, got '${flags.encoding}'.`);
    dialect.encoding = e;
  }
  if (flags.decimal !== undefined) {
    if (flags.decimal !== 'comma' && flags.decimal !== 'point') throw new AppError('USAGE', `--decimal: expected comma or point, got '${flags.decimal}'.`);
    dialect.decimal = flags.decimal;
  }
  let csvDialect = config.csvDialect;
  if (flags.csvDialect !== undefined) {
    if (!(CSV_DIALECTS as readonly string[]).includes(flags.csvDialect))
      throw new AppError('USAGE', `--csv-dialect: expected one of ${CSV_DIALECTS.join(', ')}, got '${flags.csvDialect}'.`);
    csvDialect = flags.csvDialect as CsvDialect;
  }
  return { ...config, dialect, csvDialect };
}

/** --csv-dialect, for the commands that write CSV outputs. */
export function addCsvDialectOption(cmd: Command): Command {
  return cmd.option('--csv-dialect <name>', `CSV outputs: rfc4180 (',', decimal point, UTF-8; default) or excel-nl (';', decimal comma, UTF-8 with BOM, CRLF)`);
}
