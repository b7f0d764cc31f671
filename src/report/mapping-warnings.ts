import type { InputReport } from '../ingest/input-report.js';
import { mdText as md } from './markdown-text.js';
import type { Lang } from './messages.js';
import { WORDING } from './wording.js';

type MappedInput = Pick<InputReport, 'kind' | 'display' | 'mappingWarnings'>;

/**
 * One warning per config `columns` mapping whose header a file does not have: its lead word and its
 * sentence, with the header and file name passed through esc (each report escapes for its own format).
 */
export function mappingWarnings(inputs: readonly MappedInput[], lang: Lang, esc: (text: string) => string): { lead: string; text: string }[] {
  const w = WORDING[lang];
  return inputs.flatMap((i) => i.mappingWarnings.map((m) => ({ lead: w.mappingWarningLead, text: w.mappingWarning(i.kind, esc(m.header), m.column, esc(i.display)) })));
}

/** report.md lines warning of config `columns` mappings whose header a file does not have; none when all matched. */
export function mappingWarningLines(inputs: readonly MappedInput[], lang: Lang = 'nl'): string[] {
  const out = mappingWarnings(inputs, lang, md).map((w) => `- **${w.lead}** ${w.text}`);
  return out.length === 0 ? [] : [...out, ''];
}
