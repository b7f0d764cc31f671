import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { InputSpec } from '../ingest/ingest.js';
import { inputOpenError, isDanglingLink, isNotFound, kindError } from '../ingest/open-errors.js';
import { INPUTS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';

/** One flag per input (`--<name> FILE`), from src/inputs/. */
export type InputFlags = Partial<Record<FileKind, string>>;

/** The flag options of every input, for commander (see addInputOptions in commands/scan.ts). */
export function inputFlagOptions(): Array<{ flags: string; description: string }> {
  return INPUTS.map((def) => ({
    flags: `--${def.name} <file>`,
    description: `${def.title}${def.required ? '' : ', optional'} ('-' = stdin)`,
  }));
}

/** The entry at path, null when it does not exist; any other failure (loop, permission) is named. */
function statOrNull(path: string, what: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    // A broken link is a file the user sees in the folder: name it instead of skipping it.
    if (isNotFound(e) && !isDanglingLink(path)) return null;
    throw inputOpenError(e, what, path);
  }
}

/** A directory supplies the files named in the contract; a flag names one file (or '-') instead. */
export function resolveInputs(dir: string | undefined, flags: InputFlags): InputSpec[] {
  if (dir !== undefined) {
    const s = statOrNull(dir, 'input directory');
    if (s === null) throw new AppError('INPUT_MISSING_FILE', `input directory: cannot open ${dir}: not found (ENOENT).`, { file: dir, errno: 'ENOENT' });
    if (!s.isDirectory()) throw inputOpenError(kindError('ENOTDIR', dir), 'input directory', dir);
  }
  const specs: InputSpec[] = [];
  const missing: string[] = [];
  for (const { name: kind, required } of INPUTS) {
    const flag = flags[kind];
    if (flag !== undefined) {
      specs.push({ kind, path: flag });
      continue;
    }
    if (dir !== undefined) {
      const path = join(dir, `${kind}.csv`);
      if (statOrNull(path, kind) !== null) {
        specs.push({ kind, path });
        continue;
      }
    }
    if (required) missing.push(kind);
  }
  if (missing.length > 0) {
    const where = dir === undefined ? 'no input directory was given' : `not found in ${dir}`;
    throw new AppError(
      'INPUT_MISSING_FILE',
      `Missing input ${missing.map((k) => `${k}.csv`).join(', ')}: ${where}. Give a directory holding the files, or --${missing[0]} FILE ('-' for stdin).`,
      { missing },
    );
  }
  if (specs.filter((s) => s.path === '-').length > 1)
    throw new AppError('INPUT_STDIN_TWICE', 'Only one input can be read from stdin (-).');
  return specs;
}
