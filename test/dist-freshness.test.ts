import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleDistFiles } from './dist-freshness.js';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'pgb-dist-'));
  mkdirSync(join(root, 'src', 'ingest'), { recursive: true });
  mkdirSync(join(root, 'dist', 'ingest'), { recursive: true });
  return root;
}

function file(path: string, secondsAgo: number): void {
  writeFileSync(path, '');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

describe('dist freshness check (vitest global setup)', () => {
  it('passes when every source file is built after its last edit', () => {
    const root = project();
    file(join(root, 'src', 'ingest', 'a.ts'), 60);
    file(join(root, 'dist', 'ingest', 'a.js'), 30);
    file(join(root, 'src', 'types.d.ts'), 10);
    expect(staleDistFiles(root)).toEqual([]);
  });

  it('names a source file edited after the build, and one never built', () => {
    const root = project();
    file(join(root, 'src', 'ingest', 'a.ts'), 10);
    file(join(root, 'dist', 'ingest', 'a.js'), 30);
    file(join(root, 'src', 'b.ts'), 60);
    expect(staleDistFiles(root)).toEqual([join('src', 'b.ts'), join('src', 'ingest', 'a.ts')]);
  });
});
