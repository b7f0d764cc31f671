import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams, as a pipe would see it (unless `interactive`: a terminal). */
export async function runCli(argv: string[], stdinText = '', interactive = false): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([Buffer.from(stdinText)]), interactive });
  return { code, stdout: out, stderr: err };
}

export function tempDir(prefix = 'pgb-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes CSV files (plain dialect unless the text says otherwise) into dir. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const HOLDERS_HEADER = 'budgethouder_id,gemeente_code,wet,voorziening,budget_bedrag,budget_start,budget_eind,adres_sleutel,vertegenwoordiger_id,overlijdensdatum\n';
export const PROVIDERS_HEADER = 'zorgverlener_id,naam,soort,kvk_nummer,adres_sleutel,iban_sleutel\n';
export const DECL_HEADER = 'declaratie_id,budgethouder_id,zorgverlener_id,zorgdatum,begintijd,eindtijd,uren,tarief,bedrag\n';

/**
 * A small export with one caregiver billing 26 h on one day (impossible-day-hours) and care after a
 * holder's death (care-after-death); provider ZV-OK is clean.
 */
export function smallExport(dir: string): string {
  return writeFiles(dir, {
    'budgethouders.csv':
      HOLDERS_HEADER +
      'BH1,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A1,,\n' +
      'BH2,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A2,,2025-03-10\n' +
      'BH3,GM0363,wmo,begeleiding,15000.00,2025-01-01,,A3,,\n',
    'zorgverleners.csv':
      PROVIDERS_HEADER +
      'ZV-BUSY,Zorg Één,zzp,01234567,X1,I1\n' +
      'ZV-OK,Hulp Twee,zzp,07654321,X2,I2\n',
    'declaraties.csv':
      DECL_HEADER +
      'D1,BH1,ZV-BUSY,2025-03-03,06:00,20:00,14,40.00,560.00\n' +
      'D2,BH2,ZV-BUSY,2025-03-03,07:00,19:00,12,40.00,480.00\n' +
      'D3,BH2,ZV-BUSY,2025-03-12,09:00,12:00,3,40.00,120.00\n' +
      'D4,BH3,ZV-OK,2025-03-04,09:00,13:00,4,38.00,152.00\n' +
      'D5,BH3,ZV-OK,2025-03-05,09:00,13:00,4,38.00,152.00\n',
  });
}

export interface FailureRecord {
  level: number;
  code: string;
  msg: string;
  file: unknown;
  line: unknown;
  exitCode: number;
  [key: string]: unknown;
}

/**
 * The one failure record of a run's stderr as a pipe sees it. Throws when a stderr line is not JSON
 * or when there is not exactly one record at level error or above.
 */
export function failureRecord(stderr: string): FailureRecord {
  const records = stderr
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as FailureRecord;
      } catch {
        throw new Error(`stderr line is not JSON: ${l}`);
      }
    });
  const failures = records.filter((r) => r.level >= 50);
  if (failures.length !== 1) throw new Error(`expected one failure record on stderr, got ${failures.length}: ${stderr.slice(0, 500)}`);
  return failures[0];
}

/** The failure as the terminal line `pgb-scan: error CODE: message`, for assertions on its text. */
export function errorLine(stderr: string): string {
  const f = failureRecord(stderr);
  return `pgb-scan: error ${f.code}: ${f.msg}`;
}
