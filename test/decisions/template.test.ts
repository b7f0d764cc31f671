import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureRecord, runCli, smallExport, tempDir } from '../support/cli.js';

const DEATH = 'care-after-death:afterDeath:budgethouder=BH2:zorgverlener_id=ZV-BUSY';

async function scanned(): Promise<{ root: string; inputs: string; out: string }> {
  const root = tempDir('pgb-template-');
  const inputs = join(root, 'in');
  mkdirSync(inputs);
  smallExport(inputs);
  // A provider name that a spreadsheet would run as a formula.
  const providers = join(inputs, 'zorgverleners.csv');
  writeFileSync(providers, readFileSync(providers, 'utf8').replace('Zorg Één', '"=HYPERLINK(""http://x"")"'));
  const out = join(root, 'run');
  const r = await runCli(['scan', inputs, '--out', out, '--log-level', 'silent']);
  expect(r.code, r.stderr).toBe(0);
  return { root, inputs, out };
}

describe('pgb-scan beoordelingen-sjabloon', () => {
  it('writes per provider a row for the whole provider and one per signal, with tier and indicators, formula-safe, the same bytes twice', async () => {
    const { out } = await scanned();
    const a = await runCli(['beoordelingen-sjabloon', out]);
    const b = await runCli(['beoordelingen-sjabloon', out]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const lines = a.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\ufeffzorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit;naam;signaal',
    );
    expect(lines[1]).toBe('ZV-BUSY;;;;;;;;hoog;care-after-death|impossible-day-hours;"\'=HYPERLINK(""http://x"")";');
    expect(lines[2]).toMatch(new RegExp(`^ZV-BUSY;care-after-death;${DEATH};;;;;;hoog;care-after-death\\|impossible-day-hours;`));
    expect(lines.filter((l) => l !== '')).toHaveLength(4);
  });

  it('round trip: a filled-in template sets the decided signal aside; rows left open are skipped', async () => {
    const { root, inputs, out } = await scanned();
    const file = join(root, 'beoordelingen.csv');
    expect((await runCli(['beoordelingen-sjabloon', out, '--out', file])).code).toBe(0);
    const filled = readFileSync(file, 'utf8')
      .split('\r\n')
      .map((l) => (l.startsWith(`ZV-BUSY;care-after-death;${DEATH};;`) ? l.replace(`${DEATH};;;;;`, `${DEATH};gemeld;naar de SIOD;2025-03-12;AB;`) : l))
      .join('\r\n');
    writeFileSync(file, filled);
    const r = await runCli(['scan', inputs, '--out', join(root, 'run2'), '--log-level', 'silent', '--beoordelingen', file]);
    expect(r.code, r.stderr).toBe(0);
    const signals = readFileSync(join(root, 'run2', 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(signals.map((s) => [s.key, s.beoordeling?.status ?? null])).toEqual([
      ['impossible-day-hours:overDay:provider=ZV-BUSY', null],
      [DEATH, 'beoordeeld'],
    ]);
    const m = JSON.parse(readFileSync(join(root, 'run2', 'manifest.json'), 'utf8'));
    expect(m.inputs.at(-1)).toMatchObject({ kind: 'beoordelingen', rowsRead: 3, rowsAccepted: 1, rowsOpen: 2, dialect: { delimiter: ';', bom: true, encoding: 'utf-8' } });
    // A template made from a run with decisions still records the tier and indicators had nobody decided.
    const again = await runCli(['beoordelingen-sjabloon', join(root, 'run2')]);
    expect(again.stdout.split('\r\n')[1]).toContain(';hoog;care-after-death|impossible-day-hours;');
  });

  it('does not overwrite an existing file without --force (it may hold the decisions analysts keep)', async () => {
    const { root, out } = await scanned();
    const file = join(root, 'beoordelingen.csv');
    writeFileSync(file, 'kept');
    const r = await runCli(['beoordelingen-sjabloon', out, '--out', file]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_NOT_ALLOWED');
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect((await runCli(['beoordelingen-sjabloon', out, '--out', file, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('ZV-BUSY');
  });

  it('refuses a folder that is no run (exit 2)', async () => {
    const r = await runCli(['beoordelingen-sjabloon', tempDir('pgb-empty-')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('RUN_DIR_INVALID');
  });
});

describe('pgb-scan verify with decisions', () => {
  it('replays a run made with --beoordelingen byte for byte, and refuses another decisions file (exit 2)', async () => {
    const { root, inputs } = await scanned();
    const file = join(root, 'elders', 'besluiten.csv');
    mkdirSync(join(root, 'elders'));
    writeFileSync(file, `zorgverlener_id;besluit;beoordeeld_op;beoordeeld_door\nZV-BUSY;geen-aanleiding;2025-03-01;AB\n`);
    const out = join(root, 'run-d');
    expect((await runCli(['scan', inputs, '--out', out, '--log-level', 'silent', '--beoordelingen', file])).code).toBe(0);

    const ok = await runCli(['verify', out, '--inputs', inputs, '--beoordelingen', file, '--json']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.check === 'input' && l.file === 'besluiten.csv')?.status).toBe('ok');
    const replayed = lines.filter((l) => l.check === 'replay');
    expect(replayed.map((l) => l.file)).toContain('report.md');
    expect(replayed.every((l) => l.status === 'ok'), JSON.stringify(replayed)).toBe(true);

    // Without the option, the decisions file is looked for in --inputs by its recorded name.
    const missing = await runCli(['verify', out, '--inputs', inputs, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('"file":"besluiten.csv","status":"missing"');

    const other = join(root, 'other.csv');
    writeFileSync(other, readFileSync(file, 'utf8').replace('AB', 'XY'));
    const refused = await runCli(['verify', out, '--inputs', inputs, '--beoordelingen', other]);
    expect(refused.code).toBe(2);
    expect(failureRecord(refused.stderr)).toMatchObject({ code: 'DECISIONS_INVALID' });
    expect(failureRecord(refused.stderr).msg).toContain('is not the decisions file of the run');
  });

  it('needs --inputs for --beoordelingen, which only the replay reads (exit 2, USAGE)', async () => {
    const r = await runCli(['verify', tempDir('pgb-v-'), '--beoordelingen', 'x.csv']);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('USAGE');
  });
});

describe('scan --beoordelingen and --out', () => {
  it('refuses an --out folder that holds the decisions file, which the run would replace', async () => {
    const { root, inputs } = await scanned();
    const out = join(root, 'run');
    const file = join(out, 'beoordelingen.csv');
    writeFileSync(file, 'zorgverlener_id;besluit;beoordeeld_op;beoordeeld_door\n');
    const r = await runCli(['scan', inputs, '--out', out, '--force', '--log-level', 'silent', '--beoordelingen', file]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_NOT_ALLOWED');
    expect(readFileSync(file, 'utf8')).toContain('besluit');
  });
});
