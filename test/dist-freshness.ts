// The declaration worker thread loads dist/, not src/: after an edit without a build, `npx vitest`
// would test the old code and pass. This global setup stops the run instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Source files (relative to root/src) whose dist/ counterpart is missing or older. Stat only, no reading. */
export function staleDistFiles(root: string): string[] {
  const src = join(root, 'src');
  const stale: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
    const built = join(root, 'dist', entry.replace(/\.ts$/, '.js'));
    if (!existsSync(built) || statSync(join(src, entry)).mtimeMs > statSync(built).mtimeMs) stale.push(join('src', entry));
  }
  return stale;
}

export default function checkDistFresh(): void {
  const stale = staleDistFiles(fileURLToPath(new URL('..', import.meta.url)));
  if (stale.length === 0) return;
  const shown = stale.slice(0, 5).join(', ') + (stale.length > 5 ? ` and ${stale.length - 5} more` : '');
  throw new Error(`dist is stale: run npx tsc -p tsconfig.json (npm test does). Newer than its dist/ build or not built: ${shown}.`);
}
