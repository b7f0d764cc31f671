import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from '../../src/cli/resolve-inputs.js';
import { AppError } from '../../src/errors.js';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import { inputOpenError, openErrorReason } from '../../src/ingest/open-errors.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

const caught = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
};

const specs = (dir: string, over: Partial<Record<InputSpec['kind'], string>> = {}): InputSpec[] =>
  (['budgethouders', 'zorgverleners', 'declaraties'] as const).map((kind) => ({ kind, path: over[kind] ?? join(dir, `${kind}.csv`) }));

/** Root reads a chmod 000 file all the same, so a permission test means nothing there. */
function permissionsApply(dir: string): boolean {
  const probe = join(dir, 'probe');
  writeFileSync(probe, 'x');
  chmodSync(probe, 0o000);
  try {
    closeSync(openSync(probe, 'r'));
    return false;
  } catch {
    return true;
  }
}

describe('file-open errors are named as such', () => {
  it('maps errno codes to words and keeps INPUT_MISSING_FILE for ENOENT only', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(openErrorReason(err('ELOOP'))).toBe('symlink loop (a symbolic link on the path points back to itself) (ELOOP)');
    expect(openErrorReason(err('EACCES'))).toBe('permission denied (EACCES)');
    expect(openErrorReason(err('EPERM'))).toBe('permission denied (EPERM)');
    expect(openErrorReason(new Error('odd'))).toBe('odd');
    expect(inputOpenError(err('ENOENT'), 'declaraties', '/x').code).toBe('INPUT_MISSING_FILE');
    for (const code of ['ELOOP', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR']) expect(inputOpenError(err(code), 'declaraties', '/x').code, code).toBe('INPUT_UNREADABLE');
  });

  it('a symlink loop in the input folder is a loop, not a missing file', async () => {
    const dir = smallExport(tempDir());
    const loop = join(dir, 'zorgverleners.csv');
    // Replace the file with a link to itself.
    writeFileSync(join(dir, 'keep.csv'), readFileSync(loop));
    const { rmSync } = await import('node:fs');
    rmSync(loop);
    symlinkSync(loop, loop);
    const e = caught(() => resolveInputs(dir, {}));
    expect(e.code).toBe('INPUT_UNREADABLE');
    expect(e.message).toBe(`zorgverleners: cannot open ${loop}: symlink loop (a symbolic link on the path points back to itself) (ELOOP).`);
    // Named with a flag, the same file fails the same way in ingest.
    const viaIngest = await ingest(specs(dir)).catch((x: unknown) => x as AppError);
    expect([viaIngest.code, viaIngest.message]).toEqual(['INPUT_UNREADABLE', e.message]);
    const cli = await runCli(['scan', '--budgethouders', join(dir, 'budgethouders.csv'), '--zorgverleners', loop, '--declaraties', join(dir, 'declaraties.csv'), '--stdout', 'csv']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/INPUT_UNREADABLE.*symlink loop/);
  });

  it('a broken symlink is named as such (INPUT_MISSING_FILE), even for the optional zorgovereenkomsten.csv', async () => {
    const dir = smallExport(tempDir());
    const link = join(dir, 'zorgovereenkomsten.csv');
    symlinkSync(join(dir, 'gone.csv'), link);
    const e = caught(() => resolveInputs(dir, {}));
    expect([e.code, e.message]).toEqual(['INPUT_MISSING_FILE', `zorgovereenkomsten: cannot open ${link}: a symbolic link to a file that does not exist (ENOENT).`]);
    const viaIngest = await ingest([...specs(dir), { kind: 'zorgovereenkomsten', path: link }]).catch((x: unknown) => x as AppError);
    expect([viaIngest.code, viaIngest.message]).toEqual([e.code, e.message]);
  });

  it('an input directory that is a symlink loop, a file, or absent', () => {
    const dir = tempDir();
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    expect(caught(() => resolveInputs(loop, {})).message).toMatch(/^input directory: cannot open .*loop: symlink loop/);
    writeFileSync(join(dir, 'f'), '');
    const notDir = caught(() => resolveInputs(join(dir, 'f'), {}));
    expect([notDir.code, notDir.message]).toEqual(['INPUT_UNREADABLE', `input directory: cannot open ${join(dir, 'f')}: not a folder (the path goes through a file) (ENOTDIR).`]);
    const absent = caught(() => resolveInputs(join(dir, 'none'), {}));
    expect([absent.code, absent.message]).toEqual(['INPUT_MISSING_FILE', `input directory: cannot open ${join(dir, 'none')}: not found (ENOENT).`]);
  });

  it('ENOTDIR when a path goes through a file; EISDIR when a folder is given as a file', async () => {
    const dir = smallExport(tempDir());
    const through = join(dir, 'budgethouders.csv', 'x.csv');
    const e = await ingest(specs(dir, { budgethouders: through })).catch((x: unknown) => x as AppError);
    expect([e.code, e.message]).toEqual(['INPUT_UNREADABLE', `budgethouders: cannot open ${through}: not a folder (the path goes through a file) (ENOTDIR).`]);
    mkdirSync(join(dir, 'folder.csv'));
    const isDir = await ingest(specs(dir, { declaraties: join(dir, 'folder.csv') })).catch((x: unknown) => x as AppError);
    expect([isDir.code, isDir.message]).toEqual(['INPUT_UNREADABLE', `declaraties: cannot open ${join(dir, 'folder.csv')}: is a folder, not a file (EISDIR).`]);
  });

  it('permission denied for a chmod 000 file and an unreadable folder (skipped as root: root reads them all the same)', async (ctx) => {
    const dir = smallExport(tempDir());
    if (!permissionsApply(tempDir())) ctx.skip();
    const file = join(dir, 'declaraties.csv');
    chmodSync(file, 0o000);
    try {
      const e = await ingest(specs(dir)).catch((x: unknown) => x as AppError);
      expect([e.code, e.message]).toEqual(['INPUT_UNREADABLE', `declaraties: cannot open ${file}: permission denied (EACCES).`]);
    } finally {
      chmodSync(file, 0o644);
    }
    chmodSync(dir, 0o000);
    try {
      const e = caught(() => resolveInputs(dir, {}));
      expect(e.code).toBe('INPUT_UNREADABLE');
      expect(e.message).toMatch(/permission denied \(EACCES\)/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
