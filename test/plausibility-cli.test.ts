import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECL_HEADER, runCli, smallExport, tempDir, writeFiles } from './support/cli.js';

const SMALL = [
  'D1,BH1,ZV-BUSY,2025-03-03,06:00,20:00,14,40.00,560.00',
  'D2,BH2,ZV-BUSY,2025-03-03,07:00,19:00,12,40.00,480.00',
  'D3,BH2,ZV-BUSY,2025-03-12,09:00,12:00,3,40.00,120.00',
  'D4,BH3,ZV-OK,2025-03-04,09:00,13:00,4,38.00,152.00',
  'D5,BH3,ZV-OK,2025-03-05,09:00,13:00,4,38.00,152.00',
];

describe('implausible declarations in a scan (issue 6, item 8)', () => {
  it('a zorgdatum of 9999-12-31 and a 23-digit bedrag are rejects, and the as-of date stays that of the real care', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, {
      'declaraties.csv': DECL_HEADER + [...SMALL, 'D6,BH3,ZV-OK,9999-12-31,09:00,13:00,4,38.00,152.00', 'D7,BH3,ZV-OK,2025-03-06,09:00,13:00,4,38.00,12345678901234567890123'].join('\n') + '\n',
    });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--max-reject-rate', '1']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.asOf).toBe('2025-03-12');
    expect(manifest.config.plausibility).toEqual({ minCareDate: '2000-01-01', maxDaysAfterAsOf: 366, maxAmount: 1000000, maxHours: 744, maxTariff: 10000 });
    expect(manifest.inputs[2]).toMatchObject({ rowsRead: 7, rowsAccepted: 5, rowsRejected: 2 });
    const rejects = readFileSync(join(out, 'rejects.csv'), 'utf8');
    expect(rejects).toContain('declaraties.csv,7,zorgdatum,9999-12-31,DATE_IMPLAUSIBLE,');
    expect(rejects).toContain('declaraties.csv,8,bedrag,12345678901234568000000,AMOUNT_IMPLAUSIBLE,');
    const providers = readFileSync(join(out, 'providers.csv'), 'utf8');
    expect(providers).not.toMatch(/e\+/);
  });

  it('honours the config and stops above the reject rate like any other reject', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'config.json': JSON.stringify({ plausibility: { minCareDate: '2025-03-04' } }) });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--config', join(dir, 'config.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REJECT_RATE_EXCEEDED.*declaraties\.csv: 2 of 5 rows rejected/);
    expect(readFileSync(join(`${out}.mislukt`, 'rejects.csv'), 'utf8')).toContain('declaraties.csv,2,zorgdatum,2025-03-03,DATE_IMPLAUSIBLE,');
  });
});
