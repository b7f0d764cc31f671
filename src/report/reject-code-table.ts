import { REJECT_CODES } from '../ingest/reject-codes.js';

/** The README's reject-code rows, made from the codes themselves so the two cannot drift. */
export function rejectCodeTableMarkdown(): string {
  return Object.entries(REJECT_CODES)
    .map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`)
    .join('\n') + '\n';
}
