// overzicht.xlsx zipped in a worker thread: the same bytes as in the main thread, a failure on either
// side reaches the writer, and a run that ends early leaves no thread behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XlsxThread, xlsxThreadPays } from '../../src/report/xlsx-thread.js';
import { xlsxBytes, type CellValue, type SheetSpec } from '../../src/report/xlsx-writer.js';
import { runCli, smallExport, tempDir } from '../support/cli.js';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** Sheets with more rows than one batch the thread asks for, a continuation sheet and an empty one. */
function sheets(): SheetSpec[] {
  const rows = (n: number): CellValue[][] => Array.from({ length: n }, (_, i) => [`r${i}\x01=1+1`, i, i % 7 === 0 ? null : i / 3, 20_000 + i]);
  const columns = [
    { header: 'id', kind: 'text' as const, width: 8 },
    { header: 'n', kind: 'integer' as const, width: 6 },
    { header: 'x', kind: 'number' as const, width: 6 },
    { header: 'dag', kind: 'date' as const, width: 10 },
  ];
  return [
    { name: 'Groot', columns, rows: rows(2_100) },
    { name: 'Leeg', columns, rows: [] },
    { name: 'Klein', columns, rows: rows(3) },
  ];
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('the xlsx thread', () => {
  it('gives the bytes the main thread gives, rows past a sheet limit included; one workbook a thread', async () => {
    const here = await collect(xlsxBytes(sheets(), { maxRows: 1_500 }));
    const thread = new XlsxThread();
    const there = await collect(thread.bytes(sheets(), { maxRows: 1_500 }));
    expect(there.length).toBeGreaterThan(1000);
    expect(there.equals(here)).toBe(true);
    await expect(collect(thread.bytes(sheets()))).rejects.toThrow(/one workbook/);
  });

  it('gives the same bytes at another time (the zip entries carry a fixed date)', async () => {
    const at = async (now: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
      try {
        return await collect(xlsxBytes(sheets()));
      } finally {
        vi.useRealTimers();
      }
    };
    expect((await at('2031-05-05T10:00:01Z')).equals(await at('2038-11-20T23:59:58Z'))).toBe(true);
  });

  it('fails the writer when making a row fails in the main thread', async () => {
    const failing = sheets();
    failing[2].rows = (function* () {
      yield ['a', 1, 2, 3];
      throw new Error('spill unreadable');
    })();
    await expect(collect(new XlsxThread().bytes(failing))).rejects.toThrow('spill unreadable');
  });

  it('fails the writer when the thread fails, with its message', async () => {
    const bad = sheets();
    bad[0].rows = [['not a number', 'x', 1, 2]];
    await expect(collect(new XlsxThread().bytes(bad))).rejects.toThrow(/integer cell needs a number/);
  });

  it('fails the writer, rather than leave it waiting, when the thread is closed while it zips', async () => {
    const thread = new XlsxThread();
    const chunks = thread.bytes(sheets());
    const first = await chunks.next();
    expect(first.done).toBe(false);
    await thread.close();
    await expect(collect(chunks)).rejects.toThrow(/xlsx thread stopped/);
  });
});

describe('a scan with the xlsx thread', () => {
  it('writes the files a scan without it writes, byte for byte (the manifest too)', async () => {
    const dir = smallExport(tempDir());
    const zipped = vi.spyOn(XlsxThread.prototype, 'bytes');
    const scan = async (threadFrom: string) => {
      vi.stubEnv('PGB_SCAN_XLSX_THREAD_MIN_ROWS', threadFrom);
      const out = join(tempDir(), 'out');
      const r = await runCli(['scan', dir, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
    };
    const threaded = await scan('0');
    expect(zipped).toHaveBeenCalledTimes(1);
    const here = await scan('1000000');
    expect(zipped).toHaveBeenCalledTimes(1);
    expect(Object.keys(threaded)).toContain('overzicht.xlsx');
    expect(threaded).toEqual(here);
    zipped.mockRestore();
  });

  it('zips in the main thread above 6 million declaration rows, where the thread would add to the peak memory', () => {
    vi.stubEnv('PGB_SCAN_XLSX_THREAD_MIN_ROWS', '0');
    expect(xlsxThreadPays(6_000_000)).toBe(true);
    expect(xlsxThreadPays(6_000_001)).toBe(false);
  });

  it('refuses a threshold that is no whole number', () => {
    vi.stubEnv('PGB_SCAN_XLSX_THREAD_MIN_ROWS', 'veel');
    expect(() => xlsxThreadPays(10)).toThrow(/PGB_SCAN_XLSX_THREAD_MIN_ROWS must be a whole number/);
  });
});
