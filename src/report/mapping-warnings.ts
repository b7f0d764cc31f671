import type { InputReport } from '../ingest/input-report.js';
import { mdText as md } from './markdown-text.js';
import type { Lang } from './messages.js';

type MappedInput = Pick<InputReport, 'kind' | 'display' | 'mappingWarnings'>;

/**
 * One warning per config `columns` mapping whose header a file does not have: its lead word and its
 * sentence, with the header and file name passed through esc (each report escapes for its own format).
 */
export function mappingWarnings(inputs: readonly MappedInput[], lang: Lang, esc: (text: string) => string): { lead: string; text: string }[] {
  const out: { lead: string; text: string }[] = [];
  for (const i of inputs)
    for (const w of i.mappingWarnings)
      out.push(
        lang === 'nl'
          ? { lead: 'Waarschuwing:', text: `de configuratie (columns.${i.kind}) koppelt kop '${esc(w.header)}' aan ${w.column}, maar ${esc(i.display)} heeft die kop niet.` }
          : { lead: 'Warning:', text: `the config (columns.${i.kind}) maps header '${esc(w.header)}' to ${w.column}, but ${esc(i.display)} has no such header.` },
      );
  return out;
}

/** report.md lines warning of config `columns` mappings whose header a file does not have; none when all matched. */
export function mappingWarningLines(inputs: readonly MappedInput[], lang: Lang = 'nl'): string[] {
  const out = mappingWarnings(inputs, lang, md).map((w) => `- **${w.lead}** ${w.text}`);
  return out.length === 0 ? [] : [...out, ''];
}
