import { readFileSync } from 'node:fs';
import type { ToolInfo } from '../manifest/manifest.js';

let cached: ToolInfo | undefined;

export function toolInfo(): ToolInfo {
  if (!cached) {
    // Works from src/cli (tests) and dist/cli (installed): package.json is two levels up in both.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    cached = { name: pkg.name, version: pkg.version, node: process.version };
  }
  return cached;
}
