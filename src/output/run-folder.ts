import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { AppError } from '../errors.js';
import { processRuns } from './process-runs.js';
import { writeStreamed, type OpenFile, type OutputChunks, type WrittenFile } from './streamed-file.js';

/** The files of a complete scan; manifest.json lists the others. */
export const RUN_FILES = [
  'providers.csv',
  'budgethouders.csv',
  'signals.ndjson',
  'rejects.csv',
  'report.md',
  'report.html',
  'networks.csv',
  'fairness.csv',
  'sleutels.csv',
  'overzicht.xlsx',
  'manifest.json',
] as const;
/** Files an earlier run or an evaluation of it may have left in --out. */
const EARLIER_FILES = new Set<string>([...RUN_FILES, 'evaluation.json']);
/** Per-file temporaries of versions that renamed file by file. */
const LEGACY_TEMP = /^\.[^/\\]+\.tmp-\d+$/;

/** Beside --out: where a failed run leaves its rejects and its error. */
export function failedFolderOf(out: string): string {
  return `${resolve(out)}.mislukt`;
}

/** Beside --out: the run that the last `scan --previous OUT --out OUT` replaced (the one-before). */
export function previousFolderOf(out: string): string {
  return `${resolve(out)}.vorige`;
}

export interface RunFolderOptions {
  /** Replace a --out folder that holds files no earlier run wrote. */
  force?: boolean;
  /** Input paths ('-' = stdin): --out may not be or contain any of them. */
  inputs?: string[];
  openFile?: OpenFile;
  /** --previous names --out: keep the run this one replaces as OUT.vorige instead of removing it. */
  keepReplaced?: boolean;
}

function unwritable(target: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('OUTPUT_UNWRITABLE', `Cannot write outputs to ${target}: ${(e as Error).message}`, { dir: target });
}

/**
 * Whether the process that made a temporary folder may still be writing it. Our own pid counts as
 * dead: repairs run before this process makes its folder, so a folder with our pid was left by an
 * earlier process that had the same pid (each run in a fresh container often has).
 */
function pidAlive(pid: number): boolean {
  return pid !== process.pid && processRuns(pid);
}

/** A hidden name beside target for one run's temporary folder: `.OUT.tmp-<pid>-<hex>` or `.OUT.old-...`. */
function sibling(target: string, kind: 'tmp' | 'old'): string {
  return join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Repairs what killed runs left beside one of the run's folders: a run killed between the two renames
 * of swapIn left its predecessor as `.OUT.old-*` and no OUT, so that folder is put back; other
 * temporaries of dead processes are removed. Temporaries of live processes (a run writing now) are left
 * alone. names: the parent's entries that may belong to target.
 */
async function repairBeside(target: string, names: string[]): Promise<void> {
  const parent = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`);
  const olds: { path: string; mtime: number }[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m === null || pidAlive(Number(m[2]))) continue;
    const path = join(parent, name);
    if (m[1] === 'tmp') await rm(path, { recursive: true, force: true });
    else olds.push({ path, mtime: (await lstat(path)).mtimeMs });
  }
  if (olds.length === 0) return;
  olds.sort((a, b) => b.mtime - a.mtime);
  const exists = await lstat(target).then(() => true, () => false);
  if (!exists) await rename(olds.shift()!.path, target);
  for (const o of olds) await rm(o.path, { recursive: true, force: true });
}

/**
 * What a run does first: repairs the leftovers of killed runs beside OUT, OUT.mislukt and OUT.vorige.
 * Their temporaries share one parent and the prefix `.OUT.`, so the parent is read once: in a crowded
 * parent (a /tmp of 68,000 entries) each reading costs 0.06 s. listParent reads a folder's names.
 */
export async function repairLeftovers(out: string, listParent: (dir: string) => Promise<string[]> = (dir) => readdir(dir)): Promise<void> {
  const target = resolve(out);
  let entries: string[];
  try {
    entries = await listParent(dirname(target));
  } catch {
    return;
  }
  const prefix = `.${basename(target)}.`;
  const names = entries.filter((name) => name.startsWith(prefix));
  for (const folder of [target, failedFolderOf(target), previousFolderOf(target)]) await repairBeside(folder, names);
}

/**
 * Node cannot swap two folders in one step, so: target -> .old, staging -> target, remove .old. A
 * crash between the two renames leaves no target and a complete .old, which repairLeftovers puts back.
 */
async function swapIn(staging: string, target: string, keepOld?: string): Promise<void> {
  const old = sibling(target, 'old');
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(staging, target);
  } catch (e) {
    if (moved) await rename(old, target).catch(() => undefined);
    throw e;
  }
  if (!moved) return;
  // The replaced run becomes the one-before by the same two renames; a crash between them leaves
  // `.OUT.vorige.old-*`, which repairLeftovers puts back, and `.OUT.old-*`, which it removes.
  // Best effort: the new run is in place, so a one-before that cannot be kept is no failure of the run.
  if (keepOld !== undefined) await swapIn(old, keepOld).catch(() => rm(old, { recursive: true, force: true }));
  else await rm(old, { recursive: true, force: true });
}

/** Refuses an --out that is a file, is or holds an input, or holds files no earlier run wrote (unless force). */
export async function checkOutAllowed(target: string, options: RunFolderOptions): Promise<void> {
  const st = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw unwritable(target, e);
  });
  if (st === null) return;
  if (!st.isDirectory()) throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${target} is a file, not a folder.`, { dir: target });
  const real = await realpath(target);
  const cwd = await realpath(process.cwd());
  if (cwd === real || cwd.startsWith(real + sep))
    throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${target} is or contains the current folder, which a run would replace whole. Choose a folder below it.`, { dir: target });
  for (const input of options.inputs ?? []) {
    if (input === '-') continue;
    const file = await realpath(input).catch(() => null);
    if (file !== null && (file === real || file.startsWith(real + sep)))
      throw new AppError('OUTPUT_NOT_ALLOWED', `--out ${target} holds the input ${input}; the outputs would replace it. Choose another folder for --out.`, { dir: target, input });
  }
  if (options.force) return;
  const entries = await readdir(real);
  const foreign = entries.filter((e) => !EARLIER_FILES.has(e) && !LEGACY_TEMP.test(e));
  const earlierRun = entries.includes('manifest.json') || entries.every((e) => e === 'rejects.csv' || LEGACY_TEMP.test(e));
  if (foreign.length > 0 || !earlierRun) {
    const shown = (foreign.length > 0 ? foreign : entries).slice(0, 5).join(', ');
    throw new AppError(
      'OUTPUT_NOT_ALLOWED',
      `--out ${target} holds files that no earlier run wrote (${shown}${entries.length > 5 ? ', ...' : ''}); a run replaces the whole folder. Choose an empty or new folder, or give --force to replace it.`,
      { dir: target },
    );
  }
}

/**
 * The folder a run is written into: a new hidden folder beside --out, swapped in whole by commit(),
 * so --out always holds one complete run. A run that fails leaves --out as it was and its rejects and
 * error in `OUT.mislukt/` (fail()).
 */
export class RunFolder {
  private done = false;

  private constructor(
    readonly target: string,
    readonly staging: string,
    private readonly openFile: OpenFile | undefined,
    private readonly keepReplaced: boolean,
  ) {}

  static async open(out: string, options: RunFolderOptions = {}): Promise<RunFolder> {
    const target = resolve(out);
    try {
      await mkdir(dirname(target), { recursive: true });
      await repairLeftovers(target);
    } catch (e) {
      throw unwritable(target, e);
    }
    await checkOutAllowed(target, options);
    // OUT.vorige is replaced whole like OUT, so it is held to the same rules (never an input, never foreign files).
    if (options.keepReplaced === true) await checkOutAllowed(previousFolderOf(target), options);
    const staging = sibling(target, 'tmp');
    try {
      await mkdir(staging);
    } catch (e) {
      throw unwritable(target, e);
    }
    return new RunFolder(target, staging, options.openFile, options.keepReplaced === true);
  }

  async write(name: string, chunks: OutputChunks): Promise<WrittenFile> {
    try {
      return { name, ...(await writeStreamed(join(this.staging, name), chunks, this.openFile)) };
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('OUTPUT_UNWRITABLE', `Cannot write ${name} to ${this.target}: ${(e as Error).message}`, { dir: this.target, file: name });
    }
  }

  /**
   * Swaps the staged run in for --out; a successful run also removes the last failed run's folder, and
   * with keepReplaced keeps the run it replaced as OUT.vorige (a run without it leaves OUT.vorige alone).
   */
  async commit(): Promise<void> {
    try {
      await swapIn(this.staging, this.target, this.keepReplaced ? previousFolderOf(this.target) : undefined);
      this.done = true;
      await rm(failedFolderOf(this.target), { recursive: true, force: true });
    } catch (e) {
      throw unwritable(this.target, e);
    }
  }

  /**
   * Leaves --out untouched and puts the failed run's files (its rejects, error.json) in OUT.mislukt,
   * replacing an earlier failed run there. Best effort: the run's own error is what gets reported.
   */
  async fail(files: { name: string; chunks: OutputChunks }[]): Promise<string | null> {
    const failed = failedFolderOf(this.target);
    const staging = sibling(failed, 'tmp');
    try {
      await mkdir(staging);
      for (const f of files) await writeStreamed(join(staging, f.name), f.chunks, this.openFile);
      await swapIn(staging, failed);
      return failed;
    } catch {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      return null;
    } finally {
      await this.discard();
    }
  }

  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
