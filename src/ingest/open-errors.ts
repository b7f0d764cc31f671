import { lstatSync } from 'node:fs';
import { AppError, type ErrorCode } from '../errors.js';

/**
 * Why a path could not be opened, in words a user can act on. Node's own messages
 * ("ELOOP: too many symbolic links encountered, stat '...'") are correct but say nothing to an
 * analyst, and a check with existsSync() turns every one of them into "not found".
 */
const REASONS: Record<string, string> = {
  ENOENT: 'not found',
  ELOOP: 'symlink loop (a symbolic link on the path points back to itself)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'not a folder (the path goes through a file)',
  EISDIR: 'is a folder, not a file',
  ERR_FS_EISDIR: 'is a folder, not a file',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error of the disk or network drive',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the disk',
  EROFS: 'the file system is read-only',
};

export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "symlink loop (ELOOP)"; an error without a known errno keeps its own message. */
export function openErrorReason(e: unknown): string {
  const code = errnoCode(e);
  if (code !== undefined && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** True when the error means the path does not exist, as opposed to existing but being unusable. */
export function isNotFound(e: unknown): boolean {
  return errnoCode(e) === 'ENOENT';
}

/**
 * The AppError for an input that cannot be opened: INPUT_MISSING_FILE only when it does not
 * exist, INPUT_UNREADABLE when it exists but cannot be read (loop, permission, a folder).
 * `what` says which input, e.g. "budgethouders" or "input directory".
 */
export function inputOpenError(e: unknown, what: string, path: string): AppError {
  const code: ErrorCode = isNotFound(e) ? 'INPUT_MISSING_FILE' : 'INPUT_UNREADABLE';
  const reason = isNotFound(e) && isDanglingLink(path) ? 'a symbolic link to a file that does not exist (ENOENT)' : openErrorReason(e);
  return new AppError(code, `${what}: cannot open ${path}: ${reason}.`, { file: path, errno: errnoCode(e) ?? null });
}

/** "Not found" for a name the user can see in `ls` would mislead: say it is a broken link. */
export function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** An Error shaped like Node's, for a path that exists but is the wrong kind (a folder given as a file). */
export function kindError(errno: 'EISDIR' | 'ENOTDIR', path: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${errno}: ${path}`);
  e.code = errno;
  return e;
}
