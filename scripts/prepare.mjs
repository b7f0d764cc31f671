// npm's `prepare` (run by `npm ci`, `npm install` and `npm pack` in this folder, never when a packed
// tarball is installed): builds dist/ from a clean slate, so the tarball carries no module whose
// source is gone. TypeScript is a dev dependency; without it (`npm ci --omit=dev`) an existing dist/
// is kept and a missing one is an error that says how to get one.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));

let tsc = null;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // Not installed: handled below.
}

if (tsc === null) {
  if (built) {
    console.error('pgb-risicoscan: TypeScript (a dev dependency) is not installed; using the dist/ that is already built.');
    process.exit(0);
  }
  console.error(
    [
      'pgb-risicoscan: cannot build dist/: TypeScript is a dev dependency and is not installed (npm ci --omit=dev?).',
      'For a production install either',
      '  - install the packed tarball, which carries dist/: npm pack (in a full clone), then npm install -g ./pgb-risicoscan-<version>.tgz',
      '  - or, in a clone: npm ci (builds dist/), then npm prune --omit=dev (removes the dev dependencies).',
    ].join('\n'),
  );
  process.exit(1);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
