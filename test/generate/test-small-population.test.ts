import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadScenario, type GenerateSummary } from '../../src/generate/generate.js';
import { DECOY_KINDS, SCHEME_KINDS } from '../../src/generate/scenario-schema.js';
import { expectPlantedAndClean } from './support/expect-population.js';
import { readExport, type ExportData } from './support/read-export.js';

describe('test-small: planted cases trip their conditions, the base population trips none', () => {
  let dir: string;
  let summary: GenerateSummary;
  let data: ExportData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgb-gen-'));
    summary = await generate({ scenario: loadScenario('scenarios/test-small.json'), seed: 7, scale: 1, outDir: dir });
    data = readExport(dir, 'plain');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every scheme and decoy kind of the first eight indicators in truth', () => {
    // The kinds added with the second catalogue (issue 8) are planted in gemeente and checked end to end by
    // test/scenarios.test.ts; the plain re-statements here cover the first eight indicators' conditions.
    expect(new Set(summary.truth.schemes.map((s) => s.kind))).toEqual(new Set(SCHEME_KINDS.slice(0, SCHEME_KINDS.indexOf('rapid-intake'))));
    expect(new Set(summary.truth.decoys.map((s) => s.kind))).toEqual(new Set(DECOY_KINDS.slice(0, DECOY_KINDS.indexOf('established-new-location'))));
  });

  it('plants each case where the indicators look, and nowhere else', () => {
    expectPlantedAndClean(data, summary.truth);
  });
});

describe('test-small over many seeds', () => {
  // The clean-base guarantees are construction rules, not luck of one seed.
  it('stays planted-and-clean for seeds 1 to 12', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const dir = mkdtempSync(join(tmpdir(), 'pgb-gen-'));
      try {
        const s = await generate({ scenario: loadScenario('scenarios/test-small.json'), seed, scale: 1, outDir: dir });
        expectPlantedAndClean(readExport(dir, 'plain'), s.truth);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
