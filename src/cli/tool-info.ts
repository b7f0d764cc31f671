import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIdentity, type ToolInfo } from '../manifest/build-identity.js';

let pkg: { name: string; version: string } | undefined;
let cached: ToolInfo | undefined;

/** Name and version from package.json: what a report or a comparison of runs names. */
export function toolPackage(): { name: string; version: string } {
  // Works from src/cli (tests) and dist/cli (installed): package.json is two levels up in both.
  pkg ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return pkg;
}

/** The version alone: `--version` and the report's footer need no hash of the code. */
export function toolVersion(): string {
  return toolPackage().version;
}

/** Name, version and the build identity (a hash over the code files, ~15 ms): computed once, when a run records it. */
export function toolInfo(): ToolInfo {
  if (!cached) {
    const packageDir = fileURLToPath(new URL('../../', import.meta.url));
    const codeDir = fileURLToPath(new URL('../', import.meta.url));
    const { name, version } = toolPackage();
    cached = { name, version, node: process.version, ...buildIdentity(packageDir, codeDir) };
  }
  return cached;
}
