import type { InputReport } from '../ingest/ingest.js';
import { mdText as md } from './markdown-text.js';

/** report.md lines warning of config `columns` mappings whose header a file does not have; none when all matched. */
export function mappingWarningLines(inputs: readonly Pick<InputReport, 'kind' | 'display' | 'mappingWarnings'>[]): string[] {
  const out: string[] = [];
  for (const i of inputs)
    for (const w of i.mappingWarnings)
      out.push(`- **Waarschuwing:** de configuratie (columns.${i.kind}) koppelt kop '${md(w.header)}' aan ${w.column}, maar ${md(i.display)} heeft die kop niet.`);
  return out.length === 0 ? [] : [...out, ''];
}
