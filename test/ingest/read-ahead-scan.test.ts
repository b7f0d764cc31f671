// A scan whose declarations are read by two worker threads reads the later inputs meanwhile; its run
// folder (or the failed run's OUT.mislukt) and its log are byte for byte those of a scan on one
// thread, with later inputs that reject many rows (spilled), that fail, or that exceed the reject rate.
// The workers run dist/: npm test builds it first.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECTS_KEPT } from '../../src/ingest/reject-log.js';
import { runCli, tempDir } from '../support/cli.js';

const SAMPLE = 'samples/gemeente-klein';

interface Scan {
  code: number;
  /** The log without times, the folder named OUT. */
  log: string;
  /** Files of OUT, or of OUT.mislukt when the run failed (the folder named OUT in error.json). */
  files: Map<string, Buffer>;
}

async function scan(dir: string, workers: number, args: string[] = []): Promise<Scan> {
  const env = { PGB_SCAN_WORKERS: String(workers), PGB_SCAN_PARALLEL_MIN_BYTES: '0' };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const out = join(tempDir('pgb-ahead-scan-'), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--log-level', 'info', ...args]);
    const folder = existsSync(out) ? out : `${out}.mislukt`;
    return {
      code: r.code,
      log: r.stderr.replaceAll(out, 'OUT').replace(/"time":\d+,/g, ''),
      files: new Map(readdirSync(folder).sort().map((f) => [f, f === 'error.json' ? Buffer.from(readFileSync(join(folder, f), 'utf8').replaceAll(out, 'OUT')) : readFileSync(join(folder, f))])),
    };
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function expectSameScans(dir: string, args: string[] = []): Promise<Scan> {
  const one = await scan(dir, 1, args);
  const two = await scan(dir, 2, args);
  expect(two.code).toBe(one.code);
  expect(two.log).toBe(one.log);
  expect([...two.files.keys()]).toEqual([...one.files.keys()]);
  for (const [file, bytes] of one.files) expect(two.files.get(file)!.equals(bytes), file).toBe(true);
  return one;
}

describe('a scan reading the later inputs while workers read the declarations', () => {
  let dir = '';
  const contracts = () => readFileSync(join(SAMPLE, 'zorgovereenkomsten.csv'), 'utf8');
  beforeAll(() => {
    dir = tempDir('pgb-ahead-data-');
    for (const f of ['budgethouders.csv', 'zorgverleners.csv']) copyFileSync(join(SAMPLE, f), join(dir, f));
    // A quarter of the declarations: enough for two ranges and every output, and a shorter scan.
    const declarations = readFileSync(join(SAMPLE, 'declaraties.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'declaraties.csv'), declarations.slice(0, 3001).join('\n') + '\n');
    // Past the rejects kept in memory: the rest are spilled while the declarations are read.
    const unknown = Array.from({ length: REJECTS_KEPT + 2000 }, (_, i) => `ZX${i};BH000001;ZV9999;opdracht;41,61;3;01-06-2025;31-12-2025\n`).join('');
    writeFileSync(join(dir, 'zorgovereenkomsten.csv'), contracts() + unknown);
    writeFileSync(join(dir, 'afwezigheden.csv'), readFileSync(join(SAMPLE, 'afwezigheden.csv'), 'utf8') + 'BH000001;ggz-opname;20-03-2025;02-03-2025\n');
    writeFileSync(join(dir, 'waarschuwingsregister.csv'), readFileSync(join(SAMPLE, 'waarschuwingsregister.csv'), 'utf8') + 'telefoon;0612345678;17-05-2019;;x\n');
  });

  it('writes the run folder and log of a scan on one thread, rejects of every later input spilled or not', async () => {
    const s = await expectSameScans(dir, ['--max-reject-rate', '1']);
    expect(s.code).toBe(0);
    const rejects = s.files.get('rejects.csv')!.toString('utf8');
    const order = ['zorgovereenkomsten.csv', 'afwezigheden.csv', 'waarschuwingsregister.csv'].map((f) => rejects.indexOf(f));
    expect(order.every((at, k) => at > 0 && (k === 0 || at > order[k - 1]))).toBe(true);
  }, 120_000);

  it('fails with REJECT_RATE_EXCEEDED as a scan on one thread does', async () => {
    const s = await expectSameScans(dir);
    expect(s.code).not.toBe(0);
    expect(s.log).toContain('REJECT_RATE_EXCEEDED');
  }, 120_000);

  it('an agreements file that fails after many rejects: the failed run of a scan on one thread', async () => {
    const failing = tempDir('pgb-ahead-fail-');
    for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(failing, f));
    writeFileSync(join(failing, 'zorgovereenkomsten.csv'), readFileSync(join(dir, 'zorgovereenkomsten.csv'), 'utf8') + 'ZY1;BH000001;ZV0019;"open\n');
    const s = await expectSameScans(failing);
    expect(s.code).toBe(2);
    expect(JSON.parse(s.files.get('error.json')!.toString('utf8')).code).toBe('INPUT_UNCLOSED_QUOTE');
    expect(s.files.get('rejects.csv')!.toString('utf8').split('\n').length).toBeGreaterThan(REJECTS_KEPT);
  }, 120_000);
});
