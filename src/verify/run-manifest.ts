import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';

const FileRecord = z.object({ name: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** The parts of manifest.json that verify reads; the rest is compared as it stands. */
export const RunManifestSchema = z.object({
  tool: z.object({
    name: z.string(),
    version: z.string(),
    node: z.string(),
    build: z.object({ codeSha256: z.string(), commit: z.string().nullable() }).optional(),
  }),
  command: z.array(z.string()),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  reportLanguage: z.enum(['nl', 'en']).optional(),
  config: z.record(z.string(), z.unknown()),
  configSha256: z.string(),
  inputs: z.array(FileRecord.extend({ kind: z.string().min(1), display: z.string().min(1) })),
  outputs: z.array(FileRecord),
  /** scan --previous: the run it was compared with, by its manifest's sha256; verify --previous replays with it. */
  previousRun: z.object({ manifestSha256: z.string() }).nullable().optional(),
});
export type RunManifest = z.infer<typeof RunManifestSchema>;

export interface LoadedManifest {
  manifest: RunManifest;
  /** As parsed, for the field-by-field comparison with a replay's. */
  json: unknown;
  bytes: Buffer;
}

function unusable(message: string, context: Record<string, unknown>): AppError {
  return new AppError('RUN_DIR_INVALID', message, context);
}

/** Reads RUN_DIR/manifest.json; a folder without a readable manifest cannot be verified (exit 2). */
export async function loadManifest(runDir: string): Promise<LoadedManifest> {
  const path = join(runDir, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw unusable(`${path}: cannot be read (${code ?? (e as Error).message}); expected the --out folder of a scan.`, { runDir, file: 'manifest.json' });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw unusable(`${path}: not JSON (${(e as Error).message}).`, { runDir, file: 'manifest.json' });
  }
  const parsed = RunManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw unusable(`${path}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}; not the manifest of a scan.`, { runDir, file: 'manifest.json' });
  }
  return { manifest: parsed.data, json, bytes };
}
