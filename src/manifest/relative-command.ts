import { relative, resolve, sep } from 'node:path';

/** Options whose value is a file or folder; a later option of this kind belongs here too. */
export const PATH_OPTIONS = new Set([
  '--out',
  '--config',
  '--budgethouders',
  '--zorgverleners',
  '--declaraties',
  '--zorgovereenkomsten',
  '--logboek',
  '--previous',
  '--beoordelingen',
  '--inputs',
]);

function relativeTo(runDir: string, path: string): string {
  if (path === '-') return path;
  const rel = relative(runDir, resolve(path));
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/**
 * The command line as the manifest records it: paths (option values and positional arguments) made
 * relative to the run folder, with `/`, so the record is the same from any working directory and the
 * run can be moved together with its inputs.
 * valueOptions: the long options that take a value (the rest are switches).
 */
export function relativeCommand(argv: string[], runDir: string, valueOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let positional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (i === 0) {
      out.push(arg);
      continue;
    }
    if (!positional && arg === '--') {
      positional = true;
      out.push(arg);
      continue;
    }
    if (!positional && arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (eq >= 0) {
        out.push(PATH_OPTIONS.has(name) ? `${name}=${relativeTo(runDir, arg.slice(eq + 1))}` : arg);
        continue;
      }
      out.push(arg);
      if (valueOptions.has(name) && i + 1 < argv.length) {
        const value = argv[++i];
        out.push(PATH_OPTIONS.has(name) ? relativeTo(runDir, value) : value);
      }
      continue;
    }
    // Short switches (-h) carry no path; a positional argument of scan is the input folder.
    out.push(arg.startsWith('-') && !positional && arg !== '-' ? arg : relativeTo(runDir, arg));
  }
  return out;
}
