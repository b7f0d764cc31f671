// Keeps the input registry, the definition files and the README in step, and walks every defined
// input through the three ways a file gets in (DIR, its flag, the config's column mapping).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addInputOptions } from '../../src/cli/input-options.js';
import { resolveInputs } from '../../src/cli/resolve-inputs.js';
import { parseConfig } from '../../src/config/load.js';
import { ingest } from '../../src/ingest/ingest.js';
import { inputContractMarkdown } from '../../src/inputs/contract-tables.js';
import type { InputDefinition } from '../../src/inputs/define.js';
import { SUBMISSION_TIME } from '../../src/inputs/declaraties.js';
import { FILE_KINDS, INPUTS } from '../../src/inputs/index.js';
import { ingestError, ingestTexts } from '../ingest/helpers.js';
import { runCli, tempDir } from '../support/cli.js';
import { writeExampleFiles } from '../support/input-fixture.js';

const DEFS = INPUTS as readonly InputDefinition[];
// Modules of src/inputs/ that define no input.
const NOT_INPUTS = ['contract-tables.ts', 'define.ts', 'index.ts'];

describe('input registry', () => {
  it('lists every definition file of src/inputs/ once, each named by its input', () => {
    const files = readdirSync('src/inputs').filter((f) => !NOT_INPUTS.includes(f)).sort();
    expect(DEFS.map((d) => `${d.name}.ts`).sort()).toEqual(files);
  });

  it('reads every input after the inputs its foreign keys reference', () => {
    DEFS.forEach((def, i) => {
      for (const fk of def.foreignKeys) expect(FILE_KINDS.slice(0, i), `${def.name}.${fk.column}`).toContain(fk.references);
    });
  });

  it('keeps the README input contract generated (regenerate: npm run build && node scripts/update-readme.mjs)', () => {
    const m = /<!-- inputs:start -->\n([\s\S]*?)<!-- inputs:end -->/.exec(readFileSync('README.md', 'utf8'));
    expect(m, 'README needs the inputs:start/end markers').not.toBeNull();
    expect(m![1]).toBe(inputContractMarkdown());
  });

  it('gives every input a flag --<name> FILE', () => {
    const cmd = addInputOptions(new Command());
    const flags = cmd.options.map((o) => o.long);
    for (const def of DEFS) expect(flags).toContain(`--${def.name}`);
  });
});

describe('header groups (headerNeedsOneOf)', () => {
  it('names the group the header started on, else the first, with the others in brackets', async () => {
    const missing = async (header: string) => (await ingestError({ declaraties: `declaratie_id;budgethouder_id;zorgverlener_id;bedrag;${header}\n` })).context.missing;
    expect(await missing('uren')).toEqual(['zorgdatum (or periode_start and periode_eind)']);
    expect(await missing('periode_eind')).toEqual(['periode_start and periode_eind (or zorgdatum)']);
    expect((await ingestTexts({ declaraties: 'declaratie_id;budgethouder_id;zorgverlener_id;bedrag;periode_start;periode_eind\nD1;BH1;ZV1;1,00;01-03-2024;31-03-2024\n' })).inputs[2].rowsAccepted).toBe(1);
  });
});

describe('every defined input gets in', () => {
  it('from DIR as <name>.csv, each read with its one row accepted', async () => {
    const dir = writeExampleFiles(tempDir('pgb-inputs-'), DEFS);
    const specs = resolveInputs(dir, {});
    expect(specs.map((s) => s.kind)).toEqual(FILE_KINDS);
    const r = await ingest(specs);
    expect([...r.rejects]).toEqual([]);
    expect(r.inputs.map((i) => [i.kind, i.rowsRead, i.rowsAccepted])).toEqual(DEFS.map((d) => [d.name, 1, 1]));
    for (const def of DEFS) {
      const table = (r.data as unknown as Record<string, { length: number } | null>)[def.table];
      expect(table?.length, def.table).toBe(1);
      // Every column of the example row was filled and read; the example's ingediend_op has a time, which counts apart.
      const derived = def.name === 'declaraties' ? [SUBMISSION_TIME] : [];
      expect([...r.data.filled[def.name as (typeof FILE_KINDS)[number]]].sort(), def.name).toEqual([...def.columns.map((c) => c.name), ...derived].sort());
    }
  });

  it('by its flag, which wins over DIR', () => {
    const dir = writeExampleFiles(tempDir('pgb-inputs-'), DEFS.filter((d) => d.required));
    const other = writeExampleFiles(tempDir('pgb-inputs-'), DEFS);
    for (const def of DEFS) {
      const path = join(other, `${def.name}.csv`);
      const specs = resolveInputs(dir, { [def.name]: path });
      expect(specs.find((s) => s.kind === def.name)?.path, def.name).toBe(path);
    }
  });

  it('with other header names, mapped by the config section columns.<name>', async () => {
    const renamed = (c: string) => `Bron ${c.toUpperCase()}`;
    const dir = writeExampleFiles(tempDir('pgb-inputs-'), DEFS, renamed);
    const config = parseConfig(
      { columns: Object.fromEntries(DEFS.map((d) => [d.name, Object.fromEntries(d.columns.map((c) => [renamed(c.name), c.name]))])) },
      'test',
    );
    const r = await ingest(resolveInputs(dir, {}), { columns: config.columns });
    expect(r.inputs.map((i) => [i.kind, i.rowsAccepted, i.ignoredColumns])).toEqual(DEFS.map((d) => [d.name, 1, []]));
  });

  it('through the CLI: validate reads the optional inputs named by their flags', async () => {
    const dir = writeExampleFiles(tempDir('pgb-inputs-'), DEFS.filter((d) => d.required));
    const other = writeExampleFiles(tempDir('pgb-inputs-'), DEFS.filter((d) => !d.required));
    const flags = DEFS.filter((d) => !d.required).flatMap((d) => [`--${d.name}`, join(other, `${d.name}.csv`)]);
    // The per-input summary is for a terminal; on a pipe the same counts are in the JSON log.
    const run = await runCli(['validate', dir, ...flags, '--log-level', 'silent'], '', true);
    expect(run.code, run.stderr).toBe(0);
    for (const def of DEFS) expect(run.stderr).toContain(`${def.name}.csv: 1 rows read, 1 accepted, 0 rejected`);
  });
});
