import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { OUTPUT_SCHEMA_VERSION, ManifestSchema } from '../../src/run/manifest-record.js';
import { outputFieldsMarkdown } from '../../src/run/output-fields.js';
import { readManifest, readSignals } from '../../src/run/read-run.js';
import { SignalRecordSchema } from '../../src/run/signal-record.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

async function scan(): Promise<string> {
  const out = join(tempDir(), 'out');
  const r = await runCli(['scan', smallExport(tempDir()), '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

async function readError(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

const all = async (runDir: string) => {
  const out = [];
  for await (const s of readSignals(runDir)) out.push(s);
  return out;
};

describe('the run record', () => {
  it('every signal the scan writes fits the one schema exactly, and reads back unchanged', async () => {
    const out = await scan();
    const lines = readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(2);
    const read = await all(out);
    // Parsing strips unknown fields, so equality also says the writer adds none the schema lacks.
    expect(read).toEqual(lines.map((l) => JSON.parse(l)));
    for (const l of lines) expect(SignalRecordSchema.strict().safeParse(JSON.parse(l)).success).toBe(true);
  });

  it('the manifest carries the output schema version, and its fields are exactly those the schema documents', async () => {
    const out = await scan();
    const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(json.outputSchemaVersion).toBe(OUTPUT_SCHEMA_VERSION);
    expect(Object.keys(json).sort()).toEqual(Object.keys(ManifestSchema.shape).sort());
    expect(readManifest(out).inputs.map((i) => i.kind)).toEqual(['budgethouders', 'zorgverleners', 'declaraties']);
  });

  it('RUN_DIR_INVALID names the file and line of a signal that does not fit', async () => {
    const out = await scan();
    const path = join(out, 'signals.ndjson');
    const [first, second] = readFileSync(path, 'utf8').trim().split('\n');
    const bad = { ...JSON.parse(second), evidence: [{ file: 'declaraties.csv', line: 0, id: 'D1' }] };
    writeFileSync(path, `${first}\n${JSON.stringify(bad)}\n`);
    const e = await readError(all(out));
    expect(e.code).toBe('RUN_DIR_INVALID');
    expect(e.message).toContain('signals.ndjson, line 2: evidence.0.line:');
    const noKey = { ...JSON.parse(first) };
    delete noKey.key;
    writeFileSync(path, `${JSON.stringify(noKey)}\n`);
    expect((await readError(all(out))).message).toContain('signals.ndjson, line 1: key:');
  });

  it('RUN_DIR_INVALID names manifest.json and the field that does not fit', async () => {
    const out = await scan();
    const path = join(out, 'manifest.json');
    const json = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...json, reportLanguage: 'klingon' }));
    const e = await readError(Promise.resolve().then(() => readManifest(out)));
    expect(e).toMatchObject({ code: 'RUN_DIR_INVALID' });
    expect(e.message).toMatch(/manifest\.json: reportLanguage: /);
  });

  it('README lists the fields of every output for this schema version (regenerate: node scripts/update-readme.mjs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const m = /<!-- outputs:start -->\n([\s\S]*?)<!-- outputs:end -->/.exec(readme);
    expect(m, 'README needs the outputs:start/end markers').not.toBeNull();
    expect(m![1]).toBe(outputFieldsMarkdown());
    expect(m![1]).toContain(`| signals.ndjson | \`key\` |`);
    expect(m![1]).toContain(`| providers.csv | \`top_reason\` |`);
  });
});
