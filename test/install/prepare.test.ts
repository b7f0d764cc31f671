// `prepare` without TypeScript (npm ci --omit=dev): keeps a built dist/, and without one fails with
// what to do instead. The full install paths are in scripts/check-install.sh (npm run check:install).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';

/** A package folder holding only package.json and the prepare script: no node_modules, so no tsc. */
function bareClone(): string {
  const root = tempDir('pgb-prepare-');
  mkdirSync(join(root, 'scripts'));
  copyFileSync(resolve('scripts/prepare.mjs'), join(root, 'scripts', 'prepare.mjs'));
  writeFileSync(join(root, 'package.json'), '{"name":"x","type":"module"}\n');
  return root;
}

const prepare = (root: string) => spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs')], { encoding: 'utf8' });

describe('prepare without TypeScript', () => {
  it('fails on a clone without dist/, naming the two ways to a production install', () => {
    const r = prepare(bareClone());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot build dist\/: TypeScript is a dev dependency/);
    expect(r.stderr).toMatch(/npm pack/);
    expect(r.stderr).toMatch(/npm prune --omit=dev/);
  });

  it('keeps a dist/ that is already built', () => {
    const root = bareClone();
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), '// built\n');
    const r = prepare(root);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/using the dist\/ that is already built/);
    expect(readFileSync(join(root, 'dist', 'cli', 'main.js'), 'utf8')).toBe('// built\n');
  });

  it('is what npm runs as prepare, and the tarball carries dist/ and the binary', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist']));
    expect(existsSync(pkg.bin['pgb-scan'])).toBe(true);
  });
});
