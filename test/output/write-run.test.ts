// writeRun writes the files of a run side by side (and the workbook in its thread): a file that fails
// fails the run with that file's name, and nothing writes into the folder once writeRun has returned.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/schema.js';
import { isAppError } from '../../src/errors.js';
import { RunFolder } from '../../src/output/run-folder.js';
import type { OpenFile } from '../../src/output/streamed-file.js';
import { writeRun } from '../../src/output/write-run.js';
import { analyse } from '../../src/pipeline.js';
import { buildReportView } from '../../src/report/view.js';
import { XlsxThread } from '../../src/report/xlsx-thread.js';
import { DECLARATIONS, HOLDERS, ingestTexts, PROVIDERS } from '../ingest/helpers.js';
import { tempDir } from '../support/cli.js';

async function smallRun() {
  const ingested = await ingestTexts({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: DECLARATIONS });
  const run = analyse(ingested, { config: buildConfigSchema().parse({}), asOf: null, command: ['scan'] });
  return { run, view: buildReportView(run, '0', 'nl') };
}

/** Files that take writes until `failing` is opened; its writes fail like a full disk. */
function diskFullAt(failing: string) {
  const log = { writes: 0 };
  const openFile: OpenFile = async (path) => ({
    write: (async (buf: Buffer) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (path.endsWith(failing)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      log.writes++;
      return { bytesWritten: buf.length, buffer: buf };
    }) as never,
    sync: async () => undefined,
    close: async () => undefined,
  });
  return { log, openFile };
}

describe('writeRun', () => {
  it('writes every output and the manifest last, in the order the manifest lists them', async () => {
    const { run, view } = await smallRun();
    const out = join(tempDir(), 'o');
    const folder = await RunFolder.open(out);
    const written = await writeRun(folder, run, view, undefined, { xlsx: new XlsxThread() });
    expect(written.map((f) => f.name)).toEqual([
      'providers.csv',
      'networks.csv',
      'budgethouders.csv',
      'signals.ndjson',
      'rejects.csv',
      'report.md',
      'report.html',
      'fairness.csv',
      'sleutels.csv',
      'overzicht.xlsx',
      'manifest.json',
    ]);
    expect(readdirSync(out).sort()).toEqual(written.map((f) => f.name).sort());
  });

  it.each([
    ['report.html', false],
    ['overzicht.xlsx', true],
    ['providers.csv', true],
  ])('a full disk at %s (xlsx thread: %s) is OUTPUT_UNWRITABLE naming it; nothing writes after', async (failing, threaded) => {
    const { run, view } = await smallRun();
    const { log, openFile } = diskFullAt(failing);
    const out = join(tempDir(), 'o');
    const folder = await RunFolder.open(out, { openFile });
    const e = await writeRun(folder, run, view, undefined, { xlsx: threaded ? new XlsxThread() : undefined }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('OUTPUT_UNWRITABLE');
    expect((e as Error).message).toContain(`Cannot write ${failing} `);
    const after = log.writes;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.writes).toBe(after);
    await folder.discard();
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});
