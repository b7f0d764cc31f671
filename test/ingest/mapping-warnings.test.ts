// A config `columns` mapping whose source header the file lacks is a warning (report.md, manifest.json,
// the log), not an error: the column it maps onto may be optional or present under its own name.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHeader } from '../../src/ingest/header.js';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import { runCli, smallExport, tempDir, writeFiles } from '../support/cli.js';
import { HOLDERS, PROVIDERS } from './helpers.js';

describe('config columns mapping naming a header the file does not have', () => {
  it('is listed by resolveHeader, matched as insensitively as the mapping itself', () => {
    const l = resolveHeader('zorgverleners', 'z.csv', ['Leverancier nr', 'soort', 'kvk_nummer'], {
      'leverancier_nr': 'zorgverlener_id',
      'KvK nr': 'kvk_nummer',
      Bankrekening: 'iban_sleutel',
    });
    expect(l.columns).toEqual(['zorgverlener_id', 'soort', 'kvk_nummer']);
    expect(l.unusedMappings).toEqual([
      { header: 'KvK nr', column: 'kvk_nummer' },
      { header: 'Bankrekening', column: 'iban_sleutel' },
    ]);
    expect(resolveHeader('zorgverleners', 'z.csv', ['zorgverlener_id', 'soort']).unusedMappings).toEqual([]);
  });

  it('reaches the input report from the single and the two-worker read of the declarations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgb-map-'));
    const decl = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag'];
    for (let i = 1; i <= 2000; i++) decl.push(`D${i};BH1;ZV1;01-03-2024;10,00`);
    const specs: InputSpec[] = [];
    for (const [kind, text] of Object.entries({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: decl.join('\n') + '\n' })) {
      writeFileSync(join(dir, `${kind}.csv`), text);
      specs.push({ kind: kind as InputSpec['kind'], path: join(dir, `${kind}.csv`) });
    }
    const columns = { declaraties: { Declaratienummer: 'declaratie_id' } };
    for (const parallelMinBytes of [Number.POSITIVE_INFINITY, 0]) {
      let split = false;
      const r = await ingest(specs, { columns, parallelMinBytes, onSplit: () => (split = true) });
      r.rejects.close();
      expect(split).toBe(parallelMinBytes === 0);
      expect(r.inputs.map((i) => [i.kind, i.mappingWarnings])).toEqual([
        ['budgethouders', []],
        ['zorgverleners', []],
        ['declaraties', [{ header: 'Declaratienummer', column: 'declaratie_id' }]],
      ]);
    }
  });

  it('is a warning in report.md and manifest.json, and the scan still runs', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'config.json': JSON.stringify({ columns: { zorgverleners: { 'AGB nr': 'agb_code' } } }) });
    const out = join(tempDir(), 'out');
    const r = await runCli(['scan', dir, '--out', out, '--config', join(dir, 'config.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/"header":"AGB nr","column":"agb_code".*config columns mapping names a header the file does not have/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { kind: string; mappingWarnings: unknown }) => [i.kind, i.mappingWarnings])).toEqual([
      ['budgethouders', []],
      ['zorgverleners', [{ header: 'AGB nr', column: 'agb_code' }]],
      ['declaraties', []],
    ]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(
      "- **Waarschuwing:** de configuratie (columns.zorgverleners) koppelt kop 'AGB nr' aan agb_code, maar zorgverleners.csv heeft die kop niet.",
    );
  });
});
