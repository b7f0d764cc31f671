// The fields and columns of every output, per output schema version, as the README lists them: made from
// the writers' own column lists and record schemas, so the table changes when an output does.
import type { z } from 'zod';
import { FAIRNESS_COLUMN_DOCS } from '../fairness/fairness-csv.js';
import { PROVIDER_KEY_COLUMN_DOCS } from '../toets/provider-keys.js';
import { HOLDER_COLUMN_DOCS, PROVIDER_COLUMN_DOCS } from '../report/ranking-csv.js';
import { REJECT_COLUMN_DOCS } from '../report/rejects-csv.js';
import { XLSX_SHEET_DOCS } from '../report/overzicht-xlsx.js';
import { ManifestSchema, OUTPUT_SCHEMA_VERSION } from './manifest-record.js';
import { SignalRecordSchema } from './signal-record.js';

/** What changed in each version, newest first: the part of the table a data team reads after an upgrade. */
export const OUTPUT_SCHEMA_CHANGES: Array<{ version: number; change: string }> = [
  {
    version: 4,
    change:
      'new outputs report.html (the report of report.md as one self-contained web page), fairness.csv (who ends up on the lists, per group) and sleutels.csv (per provider its keys, end and ranking, read by `pgb-scan toets`); providers.csv gains `sinds_vorige`; manifest.json gains `previousRun` (scan `--previous`); analysts\' decisions (`--beoordelingen`): providers.csv gains `beoordeling` (and rows with an empty tier for providers whose every signal is set aside); signals.ndjson gains `beoordeling`; manifest.json lists the decisions file in `inputs` (kind `beoordelingen`) and gains `decisions`; new output overzicht.xlsx (sheets Zorgverleners, Budgethouders (zorgwekkend), Signalen, Afgewezen, Invoer); manifest.json gains `config.csvDialect` (`--csv-dialect`), per input `dialect.sepLine` and `repeatedHeaders`.',
  },
  {
    version: 3,
    change:
      'new output networks.csv; providers.csv gains `netwerk`; manifest.json drops `asOfSource` (outputs no longer depend on whether the as-of date was given), gains `reportLanguage`, `tool.build` and `tool.dependencies`, per input `rowsUnmatched` and `mappingWarnings`, and `counts.networks`.',
  },
  { version: 2, change: 'signals.ndjson gains `key`; manifest.json gains `outputSchemaVersion`.' },
  { version: 1, change: 'the first published outputs (no `outputSchemaVersion` in manifest.json).' },
];

export interface OutputField {
  output: string;
  field: string;
  content: string;
}

function schemaFields(output: string, schema: z.ZodObject): OutputField[] {
  return Object.entries(schema.shape).map(([field, s]) => ({ output, field, content: (s as z.ZodType).description ?? '' }));
}

function columnFields(output: string, docs: Record<string, string>): OutputField[] {
  return Object.entries(docs).map(([field, content]) => ({ output, field, content }));
}

export function outputFields(): OutputField[] {
  return [
    ...columnFields('providers.csv', PROVIDER_COLUMN_DOCS),
    ...columnFields('budgethouders.csv', HOLDER_COLUMN_DOCS),
    ...columnFields('rejects.csv', REJECT_COLUMN_DOCS),
    ...columnFields('fairness.csv', FAIRNESS_COLUMN_DOCS),
    ...columnFields('sleutels.csv', PROVIDER_KEY_COLUMN_DOCS),
    ...columnFields('overzicht.xlsx', XLSX_SHEET_DOCS),
    ...schemaFields('signals.ndjson', SignalRecordSchema),
    ...schemaFields('manifest.json', ManifestSchema),
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README section between the outputs:start/end markers (regenerate: node scripts/update-readme.mjs). */
export function outputFieldsMarkdown(): string {
  const out = [
    `Output schema version ${OUTPUT_SCHEMA_VERSION} (\`outputSchemaVersion\` in manifest.json). CSV columns in file order, JSON fields in record order (the manifest's keys are sorted).`,
    '',
    '| output | column or field | content |',
    '|---|---|---|',
    ...outputFields().map((f) => `| ${f.output} | \`${f.field}\` | ${cell(f.content)} |`),
    '',
    'Changes by version:',
    '',
    ...OUTPUT_SCHEMA_CHANGES.map((c) => `- ${c.version}: ${c.change}`),
    '',
  ];
  return out.join('\n');
}
