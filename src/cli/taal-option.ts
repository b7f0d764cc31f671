import { AppError } from '../errors.js';
import type { Lang } from '../report/messages.js';
import { LANGS } from '../report/wording.js';

/** --taal: the language of report.md, report.html, the dossier, the diff and the terminal summary. */
export function parseTaal(text: string | undefined): Lang {
  if (text === undefined) return 'nl';
  if (!(LANGS as readonly string[]).includes(text)) throw new AppError('USAGE', `--taal: expected one of ${LANGS.join(', ')}, got '${text}'.`);
  return text as Lang;
}
