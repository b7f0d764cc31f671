// The README's "Elke nacht" job end to end on the sample: the same --out every night, compared with the night
// before, with the analysts' decisions, --require-all and --fail-on; and an auditor replaying the second night.
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'gemeente-klein');
const DECISIONS = join(import.meta.dirname, '..', '..', 'samples', 'beoordelingen-voorbeeld.csv');

const nightly = (out: string) => [
  'scan',
  SAMPLE,
  '--out',
  out,
  '--previous',
  out,
  '--beoordelingen',
  DECISIONS,
  '--require-all',
  '--fail-on',
  'hoog',
  '--logboek',
  join(out, '..', 'logboek.jsonl'),
];

describe('the nightly job of the README', () => {
  it('first night warns and compares nothing; the second compares with it, keeps it as OUT.vorige, and verifies', async () => {
    const out = join(tempDir('pgb-nightly-'), 'uitvoer');
    const first = await runCli([...nightly(out), '--log-level', 'warn']);
    // The sample has providers in tier hoog: the job's exit 1 means "look at the report", not a failure.
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain('does not exist yet');
    expect(existsSync(`${out}.vorige`)).toBe(false);

    const second = await runCli([...nightly(out), '--log-level', 'warn']);
    expect(second.code, second.stderr).toBe(1);
    // The same config both nights, --fail-on included: nothing to warn about.
    expect(second.stderr).toBe('');
    expect(existsSync(join(`${out}.vorige`, 'manifest.json'))).toBe(true);
    const providers = parse(readFileSync(join(out, 'providers.csv')), { columns: true }) as Record<string, string>[];
    // Same export both nights: every ranked provider stays; the one a decision took out of the ranking has no rank to compare.
    expect(new Set(providers.filter((p) => p.tier !== '').map((p) => p.sinds_vorige))).toEqual(new Set(['blijvend']));
    expect(providers.find((p) => p.zorgverlener_id === 'ZV0028')).toMatchObject({ beoordeling: 'beoordeeld', tier: '', sinds_vorige: '' });

    const audit = await runCli(['verify', out, '--inputs', SAMPLE, '--previous', `${out}.vorige`, '--beoordelingen', DECISIONS, '--logboek', join(out, '..', 'logboek.jsonl'), '--json']);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  });

  it('a decision that takes a provider out of the ranking is not reported as "no signal any more", and --fail-on alone is no other config', async () => {
    const root = tempDir('pgb-nightly-');
    const before = join(root, 'gisteren');
    const after = join(root, 'vandaag');
    expect((await runCli(['scan', SAMPLE, '--out', before, '--log-level', 'silent'])).code).toBe(0);
    const r = await runCli(['scan', SAMPLE, '--out', after, '--previous', before, '--beoordelingen', DECISIONS, '--fail-on', 'hoog', '--log-level', 'warn']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('another config');
    const report = readFileSync(join(after, 'report.md'), 'utf8');
    const gone = report.slice(report.indexOf('### Verdwenen'), report.indexOf('## Samenvatting'));
    expect(gone).toContain('(ZV0028): buiten de ranglijst door een besluit van een analist');
    expect(report).not.toContain('De vorige scan gebruikte een andere configuratie');

    // Another indicator setting is another config: that does warn.
    const config = join(root, 'config.json');
    writeFileSync(config, JSON.stringify({ indicators: { 'tariff-outlier': { enabled: false } } }));
    const other = await runCli(['scan', SAMPLE, '--out', join(root, 'anders'), '--previous', before, '--config', config, '--log-level', 'warn']);
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('another config');
  });
});
