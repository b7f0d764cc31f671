import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIdentity, type ToolInfo } from '../manifest/manifest.js';

let cached: ToolInfo | undefined;

export function toolInfo(): ToolInfo {
  if (!cached) {
    // Works from src/cli (tests) and dist/cli (installed): package.json is two levels up in both.
    const packageDir = fileURLToPath(new URL('../../', import.meta.url));
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    const codeDir = fileURLToPath(new URL('../', import.meta.url));
    cached = { name: pkg.name, version: pkg.version, node: process.version, ...buildIdentity(packageDir, codeDir) };
  }
  return cached;
}
