import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSha256, dependencies, gitCommit } from '../../src/manifest/build-identity.js';
import { relativeCommand } from '../../src/manifest/relative-command.js';
import { tempDir } from '../support/cli.js';

const VALUE_OPTIONS = new Set(['--out', '--config', '--declaraties', '--as-of', '--logboek', '--log-level']);

describe('relativeCommand', () => {
  it('makes paths relative to the run folder and leaves other values and switches alone', () => {
    const cmd = relativeCommand(
      ['scan', '/data/export', '--out', '/runs/nacht', '--config=/data/cfg.json', '--declaraties', '-', '--as-of', '2025-03-12', '--force', '--log-level', 'warn'],
      '/runs/nacht',
      VALUE_OPTIONS,
    );
    expect(cmd).toEqual(['scan', '../../data/export', '--out', '.', '--config=../../data/cfg.json', '--declaraties', '-', '--as-of', '2025-03-12', '--force', '--log-level', 'warn']);
  });
});

describe('build identity', () => {
  it('the code hash changes with a file and not with the folder it sits in', () => {
    const a = join(tempDir(), 'dist');
    const b = join(tempDir(), 'elders');
    for (const dir of [a, b]) {
      mkdirSync(join(dir, 'cli'), { recursive: true });
      writeFileSync(join(dir, 'cli', 'main.js'), 'x');
    }
    expect(codeSha256(a)).toBe(codeSha256(b));
    writeFileSync(join(b, 'cli', 'main.js'), 'y');
    expect(codeSha256(a)).not.toBe(codeSha256(b));
  });

  it('reads the commit of a worktree (a .git file) through its common folder and packed refs', () => {
    const root = tempDir();
    const common = join(root, 'main.git');
    const wt = join(common, 'worktrees', 'w');
    mkdirSync(wt, { recursive: true });
    writeFileSync(join(wt, 'HEAD'), 'ref: refs/heads/work\n');
    writeFileSync(join(wt, 'commondir'), '../..\n');
    writeFileSync(join(common, 'packed-refs'), `# pack-refs\n${'a'.repeat(40)} refs/heads/work\n`);
    const pkg = join(root, 'pkg');
    mkdirSync(pkg);
    writeFileSync(join(pkg, '.git'), `gitdir: ${wt}\n`);
    expect(gitCommit(pkg)).toBe('a'.repeat(40));
    expect(gitCommit(root)).toBeNull();
  });

  it('lists the runtime dependencies of the lockfile, without the dev ones', () => {
    const pkg = tempDir();
    writeFileSync(join(pkg, 'package.json'), '{"dependencies":{"zod":"^4"}}');
    writeFileSync(
      join(pkg, 'package-lock.json'),
      JSON.stringify({ packages: { '': {}, 'node_modules/zod': { version: '4.6.7' }, 'node_modules/vitest': { version: '4.1.12', dev: true } } }),
    );
    expect(dependencies(pkg)).toEqual({ source: 'package-lock.json', versions: { zod: '4.6.7' } });
  });

  it('without a lockfile (an installed package), reads the installed versions of the direct dependencies', () => {
    const root = tempDir();
    const pkg = join(root, 'node_modules', 'pgb-risicoscan');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"dependencies":{"zod":"^4"}}');
    mkdirSync(join(root, 'node_modules', 'zod'));
    writeFileSync(join(root, 'node_modules', 'zod', 'package.json'), '{"version":"4.6.8"}');
    expect(dependencies(pkg)).toEqual({ source: 'node_modules', versions: { zod: '4.6.8' } });
  });
});
