import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { RejectLog, removeStaleSpills, type Reject } from '../../src/ingest/reject-log.js';
import { rejectsCsv } from '../../src/report/rejects-csv.js';
import { tempDir } from '../support/cli.js';

const reject = (i: number): Reject => ({
  file: i % 3 === 0 ? 'declaraties.csv' : 'budgethouders.csv',
  line: i + 2,
  column: 'naam',
  // Multi-byte characters and quotes, so spilled records cross read-chunk ends mid-character.
  value: `Zorgcoöperatie "€${i}" ${'é'.repeat(i % 97)}\n${i}`,
  code: i % 2 === 0 ? 'INVALID_DATE' : 'REQUIRED_MISSING',
  message: `regel ${i}`,
});

describe('RejectLog', () => {
  it('keeps the first N in memory, spills the rest, and gives all back in order', () => {
    const dir = tempDir();
    const log = new RejectLog({ keep: 100, spillDir: dir });
    const all = Array.from({ length: 30_000 }, (_, i) => reject(i));
    for (const r of all) log.push(r);
    expect(log.count).toBe(30_000);
    expect(log.first).toHaveLength(100);
    expect(log.spilled).toBe(true);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\.rejects-[0-9a-f]{8}\.spill$/)]);
    expect([...log]).toEqual(all);
    // Iterating again (the failed-run folder after rejects.csv) gives the same, also after more pushes.
    log.push(reject(30_000));
    expect([...log].length).toBe(30_001);
    expect([...rejectsCsv(log)].join('')).toBe([...rejectsCsv([...all, reject(30_000)])].join(''));
    expect(log.byCode()).toEqual([
      { file: 'budgethouders.csv', code: 'INVALID_DATE', count: 10_000 },
      { file: 'budgethouders.csv', code: 'REQUIRED_MISSING', count: 10_000 },
      { file: 'declaraties.csv', code: 'INVALID_DATE', count: 5_001 },
      { file: 'declaraties.csv', code: 'REQUIRED_MISSING', count: 5_000 },
    ]);
    log.close();
    expect(readdirSync(dir)).toEqual([]);
    expect(log.count).toBe(30_001);
  });

  it('spills to a folder of its own in the temp dir when given none, and removes it', async () => {
    const log = new RejectLog({ keep: 0 });
    log.push(reject(1));
    const seen: Reject[] = [];
    for await (const r of log) seen.push(r);
    expect(seen).toEqual([reject(1)]);
    const path = (log as unknown as { spill: { path: string } }).spill.path;
    expect(existsSync(path)).toBe(true);
    log.close();
    expect(existsSync(path)).toBe(false);
  });

  it('holds nothing on disk while the rejects fit in memory', () => {
    const dir = tempDir();
    const log = new RejectLog({ spillDir: dir });
    for (let i = 0; i < 1000; i++) log.push(reject(i));
    expect(log.spilled).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a spill that cannot be written is OUTPUT_UNWRITABLE', () => {
    const log = new RejectLog({ keep: 0, spillDir: join(tempDir(), 'gone') });
    let error: unknown = null;
    try {
      for (let i = 0; i < 20_000 && error === null; i++) log.push(reject(i));
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('OUTPUT_UNWRITABLE');
    expect((error as Error).message).toMatch(/Cannot keep the rejects on disk .*ENOENT/);
  });

  it('removes spill folders of processes that are gone, and keeps those of running ones', async () => {
    const dir = tempDir();
    for (const name of ['pgb-rejects-99999999-abc', `pgb-rejects-${process.ppid}-abc`, `pgb-rejects-${process.pid}-abc`, 'other-99999999-abc'])
      mkdirSync(join(dir, name));
    await removeStaleSpills(dir);
    expect(readdirSync(dir).sort()).toEqual([`pgb-rejects-${process.pid}-abc`, `pgb-rejects-${process.ppid}-abc`, 'other-99999999-abc'].sort());
  });
});
