// Writes CSV texts to a temporary directory and ingests them, so tests state only the rows that matter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingest, type IngestOptions, type IngestResult, type InputSpec } from '../../src/ingest/ingest.js';
import type { Reject } from '../../src/ingest/reject-log.js';
import { AppError } from '../../src/errors.js';
import type { FileKind } from '../../src/model/types.js';

export const HOLDERS = [
  'budgethouder_id;gemeente_code;wet;voorziening;budget_bedrag;budget_start',
  'BH1;GM0363;wmo;begeleid_wonen;20.000,00;01-01-2024',
  'BH2;GM0363;wlz;beschermd_wonen;35.500,50;01-01-2024',
].join('\n') + '\n';

export const PROVIDERS = ['zorgverlener_id;soort', 'ZV1;zzp', 'ZV2;instelling'].join('\n') + '\n';

export const DECLARATIONS = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;01-03-2024;100,00'].join('\n') + '\n';

export type Texts = Partial<Record<FileKind, string | Buffer>>;

/** Ingests the given files; budgethouders, zorgverleners and declaraties default to small valid ones. */
export async function ingestTexts(texts: Texts, options?: IngestOptions): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-ingest-'));
  const all: Texts = { budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: DECLARATIONS, ...texts };
  const specs: InputSpec[] = [];
  for (const [kind, text] of Object.entries(all) as Array<[FileKind, string | Buffer]>) {
    const path = join(dir, `${kind}.csv`);
    writeFileSync(path, text);
    specs.push({ kind, path });
  }
  const result = await ingest(specs, options);
  expectAccounting(result);
  return result;
}

/** read = accepted + rejected + unmatched for every input, and every rejected row has at least one reject. */
export function expectAccounting(result: IngestResult): void {
  for (const input of result.inputs) {
    expect(input.rowsRead, input.display).toBe(input.rowsAccepted + input.rowsRejected + input.rowsUnmatched);
    const lines = new Set([...result.rejects].filter((r) => r.file === input.display).map((r) => r.line));
    expect(lines.size, `${input.display}: rejected rows`).toBe(input.rowsRejected);
  }
}

export async function ingestError(texts: Texts, options?: IngestOptions): Promise<AppError> {
  try {
    await ingestTexts(texts, options);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected ingest to fail');
}

/** The rejects of one file as [line, column, code], the shape most tests compare. */
export function rejectsOf(result: IngestResult, file: string): Array<[number, string, string]> {
  return [...result.rejects].filter((r: Reject) => r.file === file).map((r) => [r.line, r.column, r.code]);
}

export const declarations = (header: string, ...rows: string[]) => [header, ...rows].join('\n') + '\n';
