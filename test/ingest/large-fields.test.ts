// Huge fields and headers: each gets a message that says what happened, with 1-based field numbers.
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, MAX_RECORD_BYTES, streamCsv } from '../../src/ingest/csv-stream.js';
import { AppError } from '../../src/errors.js';
import { DECLARATIONS, ingestError, ingestTexts, PROVIDERS } from './helpers.js';

describe('huge fields', () => {
  it('FIELD_TOO_LARGE for a field of megabytes without quotes, naming file, line, field and the limit', async () => {
    // Any length past the limit reads the same: the 50 MB stops at 1 MiB too.
    const e = await ingestError({ zorgverleners: `${PROVIDERS}ZV3;${'x'.repeat(3 * 1024 * 1024)};zzp\n` });
    expect(e.code).toBe('FIELD_TOO_LARGE');
    expect(e.message).toBe(
      `zorgverleners.csv line 4, field 2: the record starting on this line runs past ${MAX_RECORD_BYTES} bytes (1 MiB) without a line end, the most a row may hold; is this a CSV export with line ends?`,
    );
    expect(e.context).toMatchObject({ file: 'zorgverleners.csv', line: 4, limit: MAX_RECORD_BYTES });
  });

  it('a byte range after the start of the file holds data rows only: the row limit holds from its first record', async () => {
    async function* source() {
      yield Buffer.from(`a;${'x'.repeat(MAX_RECORD_BYTES + 10)}\n`);
    }
    const sink = { start: () => undefined, record: () => undefined };
    const preset = { dialect: { encoding: 'utf-8' as const, bom: false, delimiter: ';' as const }, lineBase: 41, guessed: false };
    const e = await streamCsv(source(), 'd.csv', {}, sink, { preset, hash: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).code, (e as AppError).context]).toEqual(['FIELD_TOO_LARGE', { file: 'd.csv', line: 42, limit: MAX_RECORD_BYTES }]);
  });

  it('a quote left open that swallows more than the limit stays INPUT_UNCLOSED_QUOTE', async () => {
    const e = await ingestError({ zorgverleners: `${PROVIDERS}ZV3;"open;zzp\n${'ZV4;b;zzp\n'.repeat(120_000)}` });
    expect([e.code, e.message]).toEqual([
      'INPUT_UNCLOSED_QUOTE',
      `zorgverleners.csv line 4: a quote opened in the record starting on this line is never closed (the quoted field runs past ${MAX_RECORD_BYTES} bytes).`,
    ]);
  });

  it('INPUT_CSV names the field 1-based and never echoes csv-parse', async () => {
    const e = await ingestError({ zorgverleners: `zorgverlener_id;naam;soort\nZV1;a;zzp\nZV2;b"${'c'.repeat(5000)};zzp\n` });
    expect(e.code).toBe('INPUT_CSV');
    expect(e.message).toBe('zorgverleners.csv line 3, field 2: the CSV cannot be read: a quote inside a value that does not start with one; inside a quoted value, write a quote twice.');
  });
});

describe('long headers', () => {
  /** A header with many extra columns (ignored) of about `bytes` bytes. */
  function wideProviders(bytes: number, delimiter: string): string {
    const extra = Array.from({ length: Math.ceil(bytes / 12) }, (_, i) => `extra_${String(i).padStart(6, '0')}`);
    const header = ['zorgverlener_id', 'soort', ...extra].join(delimiter);
    const row = (id: string, soort: string) => [id, soort, ...extra.map(() => '')].join(delimiter);
    return [header, row('ZV1', 'zzp'), row('ZV2', 'instelling')].join('\n') + '\n';
  }

  it('a header of 1 MB is read right, with its delimiter', async () => {
    const delimiter = ',';
    const result = await ingestTexts({ zorgverleners: wideProviders(1024 * 1024, delimiter) });
    const input = result.inputs.find((i) => i.kind === 'zorgverleners')!;
    expect(input.dialect.delimiter).toBe(delimiter);
    expect([input.rowsRead, input.rowsAccepted]).toEqual([2, 2]);
    expect(input.ignoredColumns.length).toBeGreaterThan(80_000);
  });

  it('a header over 64 KiB gets the delimiter of its own line, not of a cut-off sample', async () => {
    // Under 64 KiB the sample held only part of this header, where ';' seemed as likely as ','.
    const text = wideProviders(100 * 1024, ',').replace('extra_000000', 'a;b;c');
    const input = (await ingestTexts({ zorgverleners: text })).inputs.find((i) => i.kind === 'zorgverleners')!;
    expect(input.dialect.delimiter).toBe(',');
    expect(input.rowsAccepted).toBe(2);
  });

  it('FIELD_TOO_LARGE for a header line past 16 MiB', async () => {
    const e = await ingestError({ declaraties: `declaratie_id;${'x'.repeat(MAX_HEADER_BYTES + 10)}\n${DECLARATIONS}` });
    expect(e.code).toBe('FIELD_TOO_LARGE');
    expect(e.message).toMatch(/^declaraties\.csv line 1, field 2: the header runs past 16777216 bytes \(16 MiB\) without a line end/);
  });
});
