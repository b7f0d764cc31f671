// While worker threads read the declarations, the main thread reads the inputs after them
// (zorgovereenkomsten, afwezigheden, waarschuwingsregister). What that read tells (rejects, spilled
// or not, reports, progress) and how it fails must be what reading the inputs one after another
// gives. The workers run dist/: npm test builds it first.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { ingest, type IngestOptions, type IngestResult, type InputSpec } from '../../src/ingest/ingest.js';
import { ReadAhead } from '../../src/ingest/read-ahead.js';
import { RejectLog, REJECTS_KEPT, type Reject } from '../../src/ingest/reject-log.js';
import type { FileKind } from '../../src/model/types.js';
import { HOLDERS, PROVIDERS } from './helpers.js';

const DECL_HEADER = 'declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag';
const CONTRACT_HEADER = 'zorgovereenkomst_id;budgethouder_id;zorgverlener_id;soort;tarief;uren_per_week;start;eind';

function declarations(rows: number): string {
  const lines = [DECL_HEADER];
  for (let i = 1; i <= rows; i++) lines.push(`D${i};BH${1 + (i % 2)};ZV${1 + (i % 3 === 0 ? 1 : 0)};0${1 + (i % 9)}-03-2024;${i % 50 === 0 ? 'abc' : '10,00'}`);
  return lines.join('\n') + '\n';
}

/** Agreements of which `rejected` are rejected (an unknown provider, an impossible date) and some are about holders outside the export. */
function contracts(rows: number, rejected: number): string {
  const lines = [CONTRACT_HEADER];
  for (let i = 1; i <= rows; i++) {
    const bad = i <= rejected;
    lines.push(`ZO${i};BH${i % 7 === 0 ? 9 : 1};${bad && i % 2 ? 'ZV9' : 'ZV1'};opdracht;41,61;3;${bad && i % 2 === 0 ? '31-02-2024' : '01-01-2024'};31-12-2024`);
  }
  return lines.join('\n') + '\n';
}

const ABSENCES = ['budgethouder_id;soort;van;tot', 'BH1;ggz-opname;01-03-2024;14-03-2024', 'BH2;detentie;20-03-2024;02-03-2024', 'BH9;verhuisd;01-01-2024;', 'BH1;vakantie;01-02-2024;'].join('\n') + '\n';
const REGISTER = ['sleutel_soort;sleutel;geregistreerd_op;vervalt_op;grond', 'kvk_nummer;31113405;17-05-2019;;onrechtmatig', 'telefoon;0612345678;17-05-2019;;x', 'agb_code;12345678;01-01-2020;01-01-2019;y'].join('\n') + '\n';

function writeInputs(files: Partial<Record<FileKind, string>>): InputSpec[] {
  const dir = mkdtempSync(join(tmpdir(), 'pgb-ahead-'));
  return Object.entries(files).map(([kind, text]) => {
    writeFileSync(join(dir, `${kind}.csv`), text);
    return { kind: kind as FileKind, path: join(dir, `${kind}.csv`) };
  });
}

interface Outcome {
  result: IngestResult | null;
  error: AppError | null;
  rejects: Reject[];
  byCode: ReturnType<RejectLog['byCode']>;
  /** Progress told, and where the declarations were told read in ranges ('split'). */
  progress: Array<[FileKind, number] | ['split']>;
  /** Whether worker threads read the declarations (read in one piece after all, or failed, it is not told split). */
  workers: boolean;
  /** Files left in the spill folder once the caller closed its log. */
  leftOver: string[];
}

/** Ingests in one read after another (one worker) or with the declarations read by two workers, rejects kept and spilled in a folder of its own. */
async function run(specs: InputSpec[], parallel: boolean, more: IngestOptions = {}): Promise<Outcome> {
  const spillDir = mkdtempSync(join(tmpdir(), 'pgb-ahead-spill-'));
  const log = new RejectLog({ spillDir });
  const progress: Outcome['progress'] = [];
  let workers = false;
  let result: IngestResult | null = null;
  let error: AppError | null = null;
  try {
    result = await ingest(specs, {
      ...more,
      rejects: log,
      workers: parallel ? 2 : 1,
      parallelMinBytes: parallel ? 0 : Number.POSITIVE_INFINITY,
      onProgress: (kind, rows) => progress.push([kind, rows]),
      onSplit: () => progress.push(['split']),
      whileDeclarationsRead: () => (workers = true),
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    error = e;
  }
  const rejects = [...log];
  const byCode = log.byCode();
  log.close();
  return { result, error, rejects, byCode, progress, workers, leftOver: readdirSync(spillDir) };
}

async function expectSame(specs: InputSpec[], more: () => IngestOptions = () => ({})): Promise<[Outcome, Outcome]> {
  const single = await run(specs, false, more());
  const parallel = await run(specs, true, more());
  expect(single.workers).toBe(false);
  expect(parallel.workers, 'the two-worker read was used').toBe(true);
  expect(parallel.rejects).toEqual(single.rejects);
  expect(parallel.byCode).toEqual(single.byCode);
  // Workers tell the declarations' progress per range; the other inputs' is told as in one read.
  const others = (o: Outcome) => o.progress.filter(([k]) => k !== 'declaraties' && k !== 'split');
  expect(others(parallel)).toEqual(others(single));
  expect(parallel.result?.inputs).toEqual(single.result?.inputs);
  expect(parallel.result?.data.contracts).toEqual(single.result?.data.contracts);
  expect(parallel.result?.data.absences).toEqual(single.result?.data.absences);
  expect(parallel.result?.data.warningRegister).toEqual(single.result?.data.warningRegister);
  expect([parallel.error?.code, parallel.error?.message, parallel.error?.context]).toEqual([single.error?.code, single.error?.message, single.error?.context]);
  expect(single.leftOver).toEqual([]);
  expect(parallel.leftOver, 'spilled rejects removed').toEqual([]);
  return [single, parallel];
}

describe('the inputs after the declarations, read while workers read the declarations', () => {
  it('tell their rejects (spilled past the limit) and reports after the declarations’, as one read after another does', async () => {
    const rows = REJECTS_KEPT + 3000;
    const specs = writeInputs({
      budgethouders: HOLDERS,
      zorgverleners: PROVIDERS,
      declaraties: declarations(3000),
      zorgovereenkomsten: contracts(rows, rows),
      afwezigheden: ABSENCES,
      waarschuwingsregister: REGISTER,
    });
    const [single, parallel] = await expectSame(specs);
    const r = single.result!;
    expect(r.inputs.map((i) => i.display)).toEqual(['budgethouders.csv', 'zorgverleners.csv', 'declaraties.csv', 'zorgovereenkomsten.csv', 'afwezigheden.csv', 'waarschuwingsregister.csv']);
    expect(parallel.progress).toEqual([['split']]);
    const files = [...new Set(single.rejects.map((x) => x.file))];
    expect(files).toEqual(['declaraties.csv', 'zorgovereenkomsten.csv', 'afwezigheden.csv', 'waarschuwingsregister.csv']);
    expect(single.rejects.filter((x) => x.file === 'zorgovereenkomsten.csv').length).toBeGreaterThan(REJECTS_KEPT);
  }, 60_000);

  it('an agreements file that fails after many rejects fails as in one read, after the declarations, with the rejects read before', async () => {
    const specs = writeInputs({
      budgethouders: HOLDERS,
      zorgverleners: PROVIDERS,
      declaraties: declarations(3000),
      zorgovereenkomsten: contracts(REJECTS_KEPT + 2000, REJECTS_KEPT + 1000) + 'ZO0;BH1;ZV1;"open\n',
      afwezigheden: ABSENCES,
    });
    const [single] = await expectSame(specs);
    expect([single.error?.code, single.error?.context.file]).toEqual(['INPUT_UNCLOSED_QUOTE', 'zorgovereenkomsten.csv']);
    expect(single.rejects.filter((x) => x.file === 'zorgovereenkomsten.csv').length).toBeGreaterThan(REJECTS_KEPT);
    expect(single.rejects.some((x) => x.file === 'afwezigheden.csv')).toBe(false);
  }, 60_000);

  it('a failing declarations file comes first: its error, not the later inputs’, and no spilled rejects of theirs', async () => {
    const specs = writeInputs({
      budgethouders: HOLDERS,
      zorgverleners: PROVIDERS,
      declaraties: declarations(3000) + 'D0;BH1;ZV1;01-03-2024;"open\n',
      zorgovereenkomsten: contracts(2 * REJECTS_KEPT, 2 * REJECTS_KEPT),
      afwezigheden: 'iets;anders\n1;2\n',
    });
    const single = await run(specs, false);
    const parallel = await run(specs, true);
    expect(parallel.workers).toBe(true);
    expect([single.error?.code, single.error?.context.file]).toEqual(['INPUT_UNCLOSED_QUOTE', 'declaraties.csv']);
    expect([parallel.error?.code, parallel.error?.message, parallel.error?.context]).toEqual([single.error?.code, single.error?.message, single.error?.context]);
    // A range that fails gives up its rows' rejects; none of the agreements' are told.
    expect(single.rejects.some((x) => x.file !== 'declaraties.csv')).toBe(false);
    expect(parallel.rejects).toEqual([]);
    expect(parallel.leftOver, 'spilled rejects removed').toEqual([]);
  }, 60_000);

  it('a later input that fails while the declarations are read in one piece after all: the declarations first, then its error', async () => {
    // ASCII to past the sample, UTF-8 in the first range, windows-1252 alone in the second: the ranges
    // cannot decide the encoding as one read does, so the file is read again in one piece.
    const parts: Buffer[] = [Buffer.from(DECL_HEADER + ';opmerking\n')];
    for (let i = 1; i <= 6000; i++)
      parts.push(Buffer.from(`D${i};BH1;ZV1;01-03-2024;10,00;`), i === 2600 ? Buffer.from('Zoë') : i === 5000 ? Buffer.from([0x63, 0x61, 0x66, 0xe9]) : Buffer.alloc(0), Buffer.from('\n'));
    const dir = mkdtempSync(join(tmpdir(), 'pgb-ahead-'));
    writeFileSync(join(dir, 'd.csv'), Buffer.concat(parts));
    const specs = writeInputs({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, zorgovereenkomsten: contracts(300, 20), afwezigheden: 'iets;anders\n1;2\n' });
    specs.push({ kind: 'declaraties', path: join(dir, 'd.csv') });
    const single = await run(specs, false);
    const parallel = await run(specs, true);
    expect([parallel.workers, parallel.progress], 'read by workers, then in one piece').toEqual([true, []]);
    expect(parallel.rejects).toEqual(single.rejects);
    expect([...new Set(single.rejects.map((x) => x.file))]).toEqual(['d.csv', 'zorgovereenkomsten.csv']);
    expect([parallel.error?.code, parallel.error?.message]).toEqual([single.error?.code, single.error?.message]);
    expect([single.error?.code, single.error?.context.file]).toEqual(['INPUT_MISSING_COLUMN', 'afwezigheden.csv']);
  }, 60_000);

  it('an input from stdin after the declarations is read after them, with those following it', async () => {
    const specs = writeInputs({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: declarations(3000), zorgovereenkomsten: contracts(300, 20), waarschuwingsregister: REGISTER });
    specs.push({ kind: 'afwezigheden', path: '-' });
    const [single] = await expectSame(specs, () => ({ stdin: Readable.from([Buffer.from(ABSENCES)]) }));
    expect([...new Set(single.rejects.map((x) => x.file))]).toEqual(['declaraties.csv', 'zorgovereenkomsten.csv', 'afwezigheden.csv', 'waarschuwingsregister.csv']);
  }, 60_000);
});

describe('ReadAhead', () => {
  it('given up, ends the file it reads and removes the rejects it spilled', async () => {
    const spillDir = mkdtempSync(join(tmpdir(), 'pgb-ahead-spill-'));
    const stream = new PassThrough();
    let ended: Error | null = null;
    const ahead = new ReadAhead(['zorgovereenkomsten', 'afwezigheden'], new RejectLog({ keep: 10, spillDir }), async (kind, told) => {
      if (kind !== 'zorgovereenkomsten') throw new Error('read after it was given up');
      for (let i = 0; i < 5000; i++) told.rejects.push({ file: `${kind}.csv`, line: i + 2, column: 'x', value: 'y'.repeat(300), code: 'INVALID_DATE', message: 'm' });
      told.opened!(stream);
      try {
        for await (const _ of stream) void _;
      } catch (e) {
        ended = e as Error;
        throw e;
      }
    });
    // The 1 MiB spill batch was written before the read waits on its file.
    expect(readdirSync(spillDir).length).toBe(1);
    await ahead.drop();
    expect(ended).not.toBeNull();
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('tells the rejects, reports and progress held back, then the failure', async () => {
    const ahead = new ReadAhead(['zorgovereenkomsten', 'afwezigheden'], new RejectLog({ keep: 3 }), async (kind, told) => {
      for (let i = 0; i < 5; i++) told.rejects.push({ file: `${kind}.csv`, line: i + 2, column: '', value: '', code: 'FIELD_COUNT', message: 'm' });
      told.onProgress!(kind, 100_000);
      if (kind === 'afwezigheden') throw new AppError('INPUT_CSV', 'kapot', { file: 'afwezigheden.csv' });
      told.reports.push({ display: `${kind}.csv` } as never);
    });
    const log = new RejectLog({ keep: 4 });
    log.push({ file: 'declaraties.csv', line: 2, column: '', value: '', code: 'FIELD_COUNT', message: 'm' });
    const progress: Array<[FileKind, number]> = [];
    const reports: Array<{ display: string }> = [{ display: 'declaraties.csv' }];
    const e = await ahead.tell({ rejects: log, reports: reports as never, onProgress: (k, n) => progress.push([k, n]) }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('INPUT_CSV');
    expect([...log].map((r) => `${r.file}:${r.line}`)).toEqual([
      'declaraties.csv:2',
      ...[2, 3, 4, 5, 6].map((l) => `zorgovereenkomsten.csv:${l}`),
      ...[2, 3, 4, 5, 6].map((l) => `afwezigheden.csv:${l}`),
    ]);
    expect(reports.map((r) => r.display)).toEqual(['declaraties.csv', 'zorgovereenkomsten.csv']);
    expect(progress).toEqual([
      ['zorgovereenkomsten', 100_000],
      ['afwezigheden', 100_000],
    ]);
    log.close();
  });
});
