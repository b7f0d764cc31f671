// manifest.json as its readers see it. buildManifest writes these top-level fields and a test holds the
// two together, so a field added to the manifest cannot go undocumented (the README's output table is
// generated from the descriptions here).
import { z } from 'zod';

/**
 * Raised whenever a field or column of an output is added, removed or changes meaning; the README lists
 * what each version holds. 1: before the signal key (no outputSchemaVersion in the manifest).
 */
export const OUTPUT_SCHEMA_VERSION = 4;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex');

const Output = z.object({ name: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: Sha256 });

const Input = z.looseObject({
  kind: z.string().min(1),
  name: z.string(),
  display: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: Sha256,
  dialect: z.record(z.string(), z.unknown()),
  columns: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  rowsRead: z.number().int().nonnegative(),
  rowsAccepted: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
});

const IndicatorRecord = z.looseObject({
  id: z.string().min(1),
  version: z.number().int().positive(),
  enabled: z.boolean(),
  applicable: z.boolean(),
  reason: z.string().nullable(),
  signals: z.number().int().nonnegative(),
  stats: z.record(z.string(), z.unknown()).nullable(),
});

/** Loose: a manifest may carry fields a later tool added; a reader takes what it knows. */
export const ManifestSchema = z.looseObject({
  outputSchemaVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('the version of the outputs\' fields and columns (this table); absent = 1'),
  tool: z
    .looseObject({
      name: z.string(),
      version: z.string(),
      node: z.string(),
      build: z.object({ codeSha256: z.string(), commit: z.string().nullable() }).optional(),
    })
    .describe('`{name, version, node}` of the tool that ran'),
  command: z.array(z.string()).describe('the command line, as given'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .describe('the reference date, YYYY-MM-DD'),
  reportLanguage: z.enum(['nl', 'en']).optional().describe('the language of report.md and report.html (`--taal`); absent = nl'),
  config: z.record(z.string(), z.unknown()).describe('the effective config, every default filled in'),
  configSha256: z.string().describe('sha256 of the config as canonical JSON'),
  indicators: z.array(IndicatorRecord).describe('per indicator: id, version, enabled, applicable, reason (Dutch; null when it ran), signals, stats'),
  inputs: z
    .array(Input)
    .describe(
      'per input: kind, name (as given), display, bytes, sha256, dialect (with `sepLine`), columns, ignoredColumns, rowsRead, rowsAccepted, rowsRejected, rowsUnmatched, repeatedHeaders `{count, lines}` (the decisions file too, kind `beoordelingen`, with rowsOpen)',
    ),
  possibleDuplicateIds: z
    .object({ total: z.number().int().nonnegative(), groups: z.array(z.unknown()) })
    .describe('`{total, groups}`: ids that differ only in letter case (first 100 groups)'),
  outputs: z.array(Output).describe('per output file: name, bytes, sha256 (manifest.json itself excluded)'),
  previousRun: z
    .object({
      manifestSha256: Sha256,
      asOf: z.string(),
      configSha256: z.string(),
      tool: z.object({ name: z.string(), version: z.string() }),
      outputs: z.array(z.object({ name: z.string(), sha256: z.string() })),
    })
    .nullable()
    .optional()
    .describe(
      '`--previous`: the run compared with: `{manifestSha256, asOf, configSha256, tool, outputs}` (outputs: the files read, with their sha256); null without `--previous`; absent before version 4',
    ),
  counts: z
    .looseObject({ providersWithSignals: z.number(), holdersOfConcern: z.number(), signals: z.number(), rejects: z.number() })
    .describe('providersWithSignals, holdersOfConcern, signals, rejects'),
  decisions: z
    .looseObject({ decisions: z.number(), holding: z.number(), reopened: z.number(), notInRun: z.number(), notYetTaken: z.number(), superseded: z.number() })
    .nullable()
    .optional()
    .describe(
      'null without --beoordelingen (the file itself is in `inputs`, kind `beoordelingen`); absent before version 4: decisions, holding, reopened, notInRun (with notInRunLines), notYetTaken, superseded, signalsSetAside, signalsReopened, providersSetAside, providersPartlySetAside',
    ),
});

export type ManifestRecord = z.infer<typeof ManifestSchema>;
