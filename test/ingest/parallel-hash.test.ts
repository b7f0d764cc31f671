// The declarations read by worker threads are hashed after the first range is read, while the scan
// goes on: ingestUnhashed gives their report without a sha256 until hashed(), and ingest() waits for it.
// Under vitest the workers run the build in dist/ (see parallel.test.ts, which checks it is fresh).
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { ingest, ingestUnhashed, type InputSpec } from '../../src/ingest/ingest.js';
import { DeclarationWorkers } from '../../src/ingest/parallel/read-parallel.js';
import { HOLDERS, PROVIDERS } from './helpers.js';

const ROWS = 4000;

function inputs(): { specs: InputSpec[]; declarations: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-hash-'));
  const rows = Array.from({ length: ROWS }, (_, i) => `D${i + 1};BH${1 + (i % 2)};ZV${1 + (i % 2)};0${1 + (i % 9)}-03-2024;${100 + i},00`);
  const files = {
    budgethouders: HOLDERS,
    zorgverleners: PROVIDERS,
    declaraties: ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', ...rows].join('\n') + '\n',
  };
  const specs: InputSpec[] = [];
  for (const [kind, text] of Object.entries(files)) {
    writeFileSync(join(dir, `${kind}.csv`), text);
    specs.push({ kind: kind as InputSpec['kind'], path: join(dir, `${kind}.csv`) });
  }
  return { specs, declarations: join(dir, 'declaraties.csv') };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('the declarations hashed while the scan goes on', () => {
  it('ingestUnhashed leaves only the declarations read in ranges without a sha256; hashed() completes it with the file’s bytes and sha256', async () => {
    const { specs, declarations } = inputs();
    let ranges = 0;
    const unhashed = await ingestUnhashed(specs, { parallelMinBytes: 0, workers: 2, onSplit: (s) => (ranges = s.ranges) });
    expect(ranges, 'read in ranges').toBe(2);
    const pending = unhashed.inputs.find((i) => i.kind === 'declaraties')!;
    expect(pending.sha256).toBeNull();
    expect(pending.bytes).toBe(statSync(declarations).size);
    for (const i of unhashed.inputs.filter((x) => x.kind !== 'declaraties')) expect(i.sha256, i.display).toBe(sha(i.name));

    const complete = await unhashed.hashed();
    const report = complete.inputs.find((i) => i.kind === 'declaraties')!;
    expect([report.bytes, report.sha256]).toEqual([statSync(declarations).size, sha(declarations)]);
    expect(complete.inputs.map((i) => i.display)).toEqual(unhashed.inputs.map((i) => i.display));
    expect(report.rowsAccepted).toBe(ROWS);
    // ingest() gives the complete report at once, the same as a read on the main thread.
    const single = await ingest(specs, { parallelMinBytes: Number.POSITIVE_INFINITY, workers: 2 });
    const parallel = await ingest(specs, { parallelMinBytes: 0, workers: 2 });
    expect(parallel.inputs).toEqual(single.inputs);
  });

  it('a declarations file read on the main thread is hashed as it is read: nothing left pending', async () => {
    const { specs, declarations } = inputs();
    const unhashed = await ingestUnhashed(specs, { parallelMinBytes: Number.POSITIVE_INFINITY, workers: 2 });
    expect(unhashed.inputs.find((i) => i.kind === 'declaraties')!.sha256).toBe(sha(declarations));
  });

  it('a file that cannot be read when it is hashed ends as INPUT_UNREADABLE naming it; the workers end', async () => {
    const { declarations } = inputs();
    const workers = new DeclarationWorkers(declarations, 'declaraties.csv', statSync(declarations), 2);
    rmSync(declarations);
    const hash = workers.hashLater();
    await workers.close();
    const e = await hash.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).context.file]).toEqual(['INPUT_UNREADABLE', 'declaraties.csv']);
    await hash.stop();
  });

  it('a file that grew after it was read (an export still being written) ends as INPUT_CHANGED naming it, not with a hash of bytes never scanned', async () => {
    const { declarations } = inputs();
    const size = statSync(declarations).size;
    const workers = new DeclarationWorkers(declarations, 'declaraties.csv', statSync(declarations), 2);
    appendFileSync(declarations, 'D99999;BH1;ZV1;01-03-2024;1,00\n');
    const hash = workers.hashLater();
    await workers.close();
    const e = await hash.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).context.file, (e as AppError).context.bytesRead]).toEqual(['INPUT_CHANGED', 'declaraties.csv', size]);
    await hash.stop();
  });

  it('a file written again to the same size while it was scanned ends as INPUT_CHANGED too: its modification time moved', async () => {
    const { declarations } = inputs();
    const before = statSync(declarations);
    const workers = new DeclarationWorkers(declarations, 'declaraties.csv', before, 2);
    // Another export of the same length: one amount changed, digit for digit.
    const text = readFileSync(declarations, 'latin1');
    const again = text.replace('\nD1;BH1;ZV1;01-03-2024;100,00\n', '\nD1;BH1;ZV1;01-03-2024;900,00\n');
    expect(again).not.toBe(text);
    writeFileSync(declarations, again, 'latin1');
    // The clock the file system stamps with may not have moved in these few microseconds; a later export's would.
    utimesSync(declarations, before.atime, new Date(before.mtimeMs + 2000));
    expect(statSync(declarations).size).toBe(before.size);
    const hash = workers.hashLater();
    await workers.close();
    const e = await hash.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).context.file]).toEqual(['INPUT_CHANGED', 'declaraties.csv']);
    expect((e as AppError).message).toMatch(/modified at .*after the scan began/);
    await hash.stop();
  });

  it('a hash stopped (its result not wanted) ends its worker; awaiting it then fails rather than waits', async () => {
    const { declarations } = inputs();
    const workers = new DeclarationWorkers(declarations, 'declaraties.csv', statSync(declarations), 2);
    const hash = workers.hashLater();
    expect(() => workers.hashLater()).toThrow(/hashed once/);
    await workers.close();
    await hash.stop();
    const settled = await hash.result().then(
      (h) => ({ hashed: h.sha256 }),
      (x: unknown) => ({ failed: String(x) }),
    );
    // Stopped before or after it answered: either the true hash or a failure, never an empty one.
    if ('hashed' in settled) expect(settled.hashed).toBe(sha(declarations));
    else expect(settled.failed).toMatch(/worker stopped/);
  });
});
