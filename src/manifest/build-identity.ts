import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Which code made a run: what a replay must match to promise the same bytes. */
export interface BuildIdentity {
  /** sha256 over the tool's own code files (the folder it runs from, dist/ when installed): the build verify compares. */
  codeSha256: string;
  /** HEAD of the git clone the tool runs from, null for an installed package: where to find the source. */
  commit: string | null;
}

export interface ToolInfo {
  name: string;
  version: string;
  node: string;
  build: BuildIdentity;
  dependencies: Dependencies;
}

export interface Dependencies {
  /** Where the versions were read: the package's lockfile, or the installed packages when it has none. */
  source: 'package-lock.json' | 'node_modules' | 'none';
  versions: Record<string, string>;
}

/**
 * One line per file, `path sha256`, sorted by path: a changed, added or removed file changes the hash,
 * and the folder's location on disk does not.
 */
export function codeSha256(codeDir: string): string {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) lines.push(`${relative(codeDir, path).split(sep).join('/')} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  walk(codeDir);
  lines.sort();
  return createHash('sha256').update(lines.join('\n') + '\n').digest('hex');
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The commit HEAD names in the clone at packageDir (a worktree's `.git` file is followed), or null. */
export function gitCommit(packageDir: string): string | null {
  const dotGit = join(packageDir, '.git');
  let gitDir: string;
  try {
    if (statSync(dotGit).isDirectory()) gitDir = dotGit;
    else {
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (m === null) return null;
      gitDir = resolve(packageDir, m[1].trim());
    }
  } catch {
    return null;
  }
  const head = readText(join(gitDir, 'HEAD'));
  if (head === null) return null;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (ref === undefined) return null;
  // A worktree keeps its HEAD but shares refs with the main clone (named in `commondir`).
  const common = readText(join(gitDir, 'commondir'));
  const dirs = [gitDir, ...(common === null ? [] : [resolve(gitDir, common)])];
  for (const dir of dirs) {
    const loose = readText(join(dir, ref));
    if (loose !== null && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  }
  for (const dir of dirs) {
    const packed = readText(join(dir, 'packed-refs'));
    const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    if (line) return line.split(' ')[0];
  }
  return null;
}

/**
 * Runtime dependency versions: from the package's lockfile when it ships one (a clone), else read from
 * the installed packages of the direct dependencies (an installed package has no lockfile).
 */
export function dependencies(packageDir: string): Dependencies {
  const lockText = readText(join(packageDir, 'package-lock.json'));
  if (lockText !== null) {
    try {
      const lock = JSON.parse(lockText) as { packages?: Record<string, { version?: string; dev?: boolean }> };
      const versions: Record<string, string> = {};
      for (const [key, entry] of Object.entries(lock.packages ?? {})) {
        if (!key.startsWith('node_modules/') || entry.dev === true || entry.version === undefined) continue;
        versions[key.slice('node_modules/'.length)] = entry.version;
      }
      return { source: 'package-lock.json', versions };
    } catch {
      // An unreadable lockfile: fall back to what is installed.
    }
  }
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const versions: Record<string, string> = {};
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    for (let dir = packageDir; ; dir = dirname(dir)) {
      const path = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(path)) {
        versions[name] = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return { source: Object.keys(versions).length > 0 ? 'node_modules' : 'none', versions };
}

/** What a replay needs to know about the code besides its version. */
export function buildIdentity(packageDir: string, codeDir: string): Pick<ToolInfo, 'build' | 'dependencies'> {
  return { build: { codeSha256: codeSha256(codeDir), commit: gitCommit(packageDir) }, dependencies: dependencies(packageDir) };
}
