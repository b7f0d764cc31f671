import type { InputReport } from '../ingest/input-report.js';
import { mdText as md } from './markdown-text.js';
import type { Lang } from './messages.js';

/** report.md lines warning of config `columns` mappings whose header a file does not have; none when all matched. */
export function mappingWarningLines(inputs: readonly Pick<InputReport, 'kind' | 'display' | 'mappingWarnings'>[], lang: Lang = 'nl'): string[] {
  const out: string[] = [];
  for (const i of inputs)
    for (const w of i.mappingWarnings)
      out.push(
        lang === 'nl'
          ? `- **Waarschuwing:** de configuratie (columns.${i.kind}) koppelt kop '${md(w.header)}' aan ${w.column}, maar ${md(i.display)} heeft die kop niet.`
          : `- **Warning:** the config (columns.${i.kind}) maps header '${md(w.header)}' to ${w.column}, but ${md(i.display)} has no such header.`,
      );
  return out.length === 0 ? [] : [...out, ''];
}
