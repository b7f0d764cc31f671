import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';

const RUN_FILES = ['budgethouders.csv', 'fairness.csv', 'manifest.json', 'networks.csv', 'overzicht.xlsx', 'providers.csv', 'rejects.csv', 'report.html', 'report.md', 'signals.ndjson', 'sleutels.csv'];

/**
 * Asserts that out holds one complete scan and nothing else: the files, each output listed in
 * manifest.json with its bytes and sha256. Returns the manifest.
 */
export function verifyRun(out: string): { outputs: { name: string; bytes: number; sha256: string }[]; [k: string]: unknown } {
  expect(readdirSync(out).sort(), `files in ${out}`).toEqual(RUN_FILES);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(manifest.outputs.map((o: { name: string }) => o.name).sort()).toEqual(RUN_FILES.filter((f) => f !== 'manifest.json'));
  for (const o of manifest.outputs) {
    const data = readFileSync(join(out, o.name));
    expect(data.length, `${o.name} bytes`).toBe(o.bytes);
    expect(createHash('sha256').update(data).digest('hex'), `${o.name} sha256`).toBe(o.sha256);
  }
  return manifest;
}

/** Temporary folders of runs beside out (`.OUT.tmp-*`, `.OUT.old-*`, and those of OUT.mislukt). */
export function leftoversBeside(out: string): string[] {
  const base = basename(out);
  return readdirSync(dirname(out)).filter((n) => n.startsWith(`.${base}.`) && statSync(join(dirname(out), n)).isDirectory());
}
