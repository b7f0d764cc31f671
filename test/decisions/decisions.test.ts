import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionColumnsMarkdown } from '../../src/decisions/read-decisions.js';
import { failureRecord, runCli, smallExport, tempDir } from '../support/cli.js';

// The small export: ZV-BUSY has two signals (care-after-death and impossible-day-hours, 60 points each,
// score 84, hoog); ZV-OK has none. The as-of date is the latest care date, 2025-03-12.
const DEATH = 'care-after-death:afterDeath:budgethouder=BH2:zorgverlener_id=ZV-BUSY';
const DAY = 'impossible-day-hours:overDay:provider=ZV-BUSY';
const HEADER = 'zorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit\n';

interface Run {
  code: number;
  stderr: string;
  out: string;
  providers: string[][];
  signals: { key: string; contribution: number; beoordeling: { status: string; niveau: string; regel: number; heropend_omdat: unknown[] } | null }[];
  report: string;
}

function setup(): { root: string; inputs: string } {
  const root = tempDir('pgb-decisions-');
  const inputs = join(root, 'in');
  mkdirSync(inputs);
  smallExport(inputs);
  return { root, inputs };
}

async function scan(rows: string | null, extra: string[] = []): Promise<Run> {
  const { root, inputs } = setup();
  const out = join(root, 'run');
  const args = ['scan', inputs, '--out', out, '--log-level', 'silent', '--fail-on', 'laag', ...extra];
  if (rows !== null) {
    writeFileSync(join(root, 'beoordelingen.csv'), HEADER + rows);
    args.push('--beoordelingen', join(root, 'beoordelingen.csv'));
  }
  const r = await runCli(args);
  if (r.code === 2) return { code: 2, stderr: r.stderr, out, providers: [], signals: [], report: '' };
  return {
    code: r.code,
    stderr: r.stderr,
    out,
    providers: readFileSync(join(out, 'providers.csv'), 'utf8').trim().split('\n').map((l) => l.split(',')),
    signals: readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)),
    report: readFileSync(join(out, 'report.md'), 'utf8'),
  };
}

const review = (run: Run, key: string) => run.signals.find((s) => s.key === key)?.beoordeling ?? null;
/** [zorgverlener_id, score, tier, beoordeling] of providers.csv's rows. */
const ranking = (run: Run) => run.providers.slice(1).map((r) => [r[1], r[3], r[4], r.at(-1)]);

describe('scan --beoordelingen', () => {
  it('without decisions, ZV-BUSY trips --fail-on laag', async () => {
    const r = await scan(null);
    expect(r.code).toBe(1);
    expect(ranking(r)).toEqual([['ZV-BUSY', '84', 'hoog', '']]);
  });

  it('a provider-level decision sets every signal aside: score 0, no tier, ranked last, --fail-on not tripped, the record keeps both signals', async () => {
    const r = await scan('ZV-BUSY;;;geen-aanleiding;bezocht, alles in orde;10-03-2025;AB;;hoog;care-after-death|impossible-day-hours\n');
    expect(r.code, r.stderr).toBe(0);
    expect(ranking(r)).toEqual([['ZV-BUSY', '0', '', 'beoordeeld']]);
    expect(r.signals.map((s) => [s.key, s.contribution, s.beoordeling?.status])).toEqual([
      [DEATH, 0, 'beoordeeld'],
      [DAY, 0, 'beoordeeld'],
    ]);
    expect(r.report).toContain('## Eerder beoordeeld');
    expect(r.report).toContain('geen aanleiding, 2025-03-10, door AB: bezocht, alles in orde (hele zorgverlener, regel 2)');
    expect(r.report).toContain('- 0 zorgverlener(s) met een signaal');
  });

  it('writes the section in English with --taal en, and input text from the file escaped', async () => {
    const r = await scan('ZV-BUSY;;;geen-aanleiding;<script>x</script> [a](javascript:b);2025-03-10;=AB;;;\n', ['--taal', 'en']);
    expect(r.report).toContain('## Previously reviewed');
    expect(r.report).toContain('no grounds, 2025-03-10, by =AB: &lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:b) (whole provider, line 2)');
    expect(r.report).not.toContain('<script>');
  });

  it('an expired decision no longer holds: the signal is back and the report says why', async () => {
    const r = await scan('ZV-BUSY;;;geen-aanleiding;;01-02-2025;AB;28-02-2025;;\n');
    expect(r.code).toBe(1);
    expect(ranking(r)).toEqual([['ZV-BUSY', '84', 'hoog', 'heropend']]);
    expect(review(r, DEATH)?.heropend_omdat).toEqual([{ reden: 'verlopen', geldig_tot: '2025-02-28' }]);
    expect(r.report).toContain('terug omdat het besluit verliep na 2025-02-28');
  });

  it('holds on the day of geldig_tot (the as-of date) itself', async () => {
    const r = await scan('ZV-BUSY;;;geen-aanleiding;;01-02-2025;AB;12-03-2025;;\n');
    expect(r.code).toBe(0);
  });

  it('a new indicator re-opens a decision taken when the provider had fewer', async () => {
    const r = await scan(`ZV-BUSY;;;in-onderzoek;;2025-03-01;AB;;hoog;impossible-day-hours\n`);
    expect(r.code).toBe(1);
    expect(review(r, DAY)).toMatchObject({ status: 'heropend', heropend_omdat: [{ reden: 'nieuwe-indicator', indicatoren: ['care-after-death'] }] });
    expect(r.report).toContain('de zorgverlener een nieuwe indicator heeft: care-after-death');
  });

  it('a higher tier than at the decision re-opens it; the same tier does not', async () => {
    const higher = await scan('ZV-BUSY;;;gemeld;;2025-03-01;AB;;midden;\n');
    expect(higher.code).toBe(1);
    expect(review(higher, DEATH)?.heropend_omdat).toEqual([{ reden: 'hogere-tier', tier: 'hoog', tier_bij_besluit: 'midden' }]);
    expect(higher.report).toContain('de tier nu hoog is (bij het besluit midden)');
    const same = await scan('ZV-BUSY;;;gemeld;;2025-03-01;AB;;hoog;\n');
    expect(same.code).toBe(0);
  });

  it('a signal-level decision beats a later provider-level one; the other signal follows the provider-level decision', async () => {
    const r = await scan(`ZV-BUSY;;${DEATH};in-onderzoek;;2025-01-01;CD;2025-02-01;;\nZV-BUSY;;;geen-aanleiding;;2025-03-10;AB;;;\n`);
    // The expired signal-level decision wins for its signal, so that signal is back; the other stays aside.
    expect(review(r, DEATH)).toMatchObject({ status: 'heropend', niveau: 'signaal', regel: 2 });
    expect(review(r, DAY)).toMatchObject({ status: 'beoordeeld', niveau: 'zorgverlener', regel: 3 });
    expect(ranking(r)).toEqual([['ZV-BUSY', '60', 'hoog', 'deels-beoordeeld']]);
    expect(r.code).toBe(1);
  });

  it('among decisions of the same level the latest beoordeeld_op wins, whatever the order of the rows', async () => {
    const r = await scan('ZV-BUSY;;;geen-aanleiding;;2025-03-05;AB;;;\nZV-BUSY;;;geen-aanleiding;;2025-01-05;AB;2025-02-01;;\n');
    expect(r.code).toBe(0);
    expect(review(r, DAY)?.regel).toBe(2);
    expect(r.report).toContain('1 zijn vervangen');
  });

  it('counts decisions about providers or signals not in the run, and decisions dated after the as-of date, without erring', async () => {
    const r = await scan(`ZV-GONE;;;gemeld;;2025-01-01;AB;;;\nZV-OK;;;geen-aanleiding;;2025-01-01;AB;;;\nZV-BUSY;;${DAY}:x=1;gemeld;;2025-01-01;AB;;;\nZV-BUSY;;;geen-aanleiding;;2025-04-01;AB;;;\n`);
    expect(r.code).toBe(1);
    const m = JSON.parse(readFileSync(join(r.out, 'manifest.json'), 'utf8'));
    expect(m.decisions).toMatchObject({ decisions: 4, holding: 0, notInRun: 3, notInRunLines: [2, 3, 4], notYetTaken: 1 });
    expect(m.inputs.at(-1)).toMatchObject({ kind: 'beoordelingen', display: 'beoordelingen.csv', rowsRead: 4, rowsAccepted: 4 });
    expect(r.report).toContain('3 besluit(en) over een zorgverlener, indicator of signaal zonder signaal in deze scan (regel 2, 3, 4)');
  });

  it('shows per indicator how past decisions ended', async () => {
    const r = await scan(`ZV-BUSY;care-after-death;;gemeld;;2025-01-01;AB;2025-02-01;;\nZV-X;care-after-death;;geen-aanleiding;;2025-01-01;AB;;;\nZV-Y;;;gemeld;;2025-01-01;AB;;;care-after-death|impossible-day-hours\n`);
    expect(r.report).toContain('| care-after-death | 1 | 0 | 2 | 0 | 66,7% |');
    expect(r.report).toContain('| impossible-day-hours | 0 | 0 | 1 | 0 | 100% |');
  });

  it('gives the same bytes on a rerun with the same decisions', async () => {
    const rows = `ZV-BUSY;;${DEATH};afgehandeld;teruggevorderd;2025-03-11;AB;;;\n`;
    const a = await scan(rows);
    const b = await scan(rows);
    for (const f of ['providers.csv', 'signals.ndjson', 'report.md']) expect(readFileSync(join(b.out, f), 'utf8'), f).toBe(readFileSync(join(a.out, f), 'utf8'));
  });

  it('reads a Windows-1252 file with a comma delimiter, CRLF, Dutch dates and mixed-case values', async () => {
    const { root, inputs } = setup();
    const text = 'Zorgverlener ID,Besluit,Toelichting,Beoordeeld op,Beoordeeld door\r\nZV-BUSY,Geen aanleiding,"Cliënt gesproken, één dienst",5-3-2025,AB\r\n';
    writeFileSync(join(root, 'b.csv'), Buffer.from(text, 'latin1'));
    const r = await runCli(['scan', inputs, '--out', join(root, 'run'), '--log-level', 'silent', '--beoordelingen', join(root, 'b.csv'), '--fail-on', 'laag']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(root, 'run', 'signals.ndjson'), 'utf8').split('\n')[0]);
    expect(s.beoordeling).toMatchObject({ besluit: 'geen-aanleiding', toelichting: 'Cliënt gesproken, één dienst', beoordeeld_op: '2025-03-05' });
  });
});

describe('an unusable decisions file', () => {
  async function failure(rows: string, header = HEADER) {
    const { root, inputs } = setup();
    writeFileSync(join(root, 'beoordelingen.csv'), header + rows);
    const r = await runCli(['scan', inputs, '--out', join(root, 'run'), '--log-level', 'silent', '--beoordelingen', join(root, 'beoordelingen.csv')]);
    expect(r.code).toBe(2);
    return failureRecord(r.stderr);
  }

  it('stops with exit 2 naming file, line and what was expected for every bad row', async () => {
    const f = await failure('ZV-BUSY;;;geen-aanleiding;;2025-03-01;AB;;;\nZV-BUSY;;;misschien;;2025-03-01;AB;;;\nZV-BUSY;;;gemeld;;31-02-2025;;;;\n');
    expect(f.code).toBe('DECISIONS_INVALID');
    expect([f.file, f.line]).toEqual(['beoordelingen.csv', 3]);
    expect(f.msg).toContain("beoordelingen.csv line 3, besluit: 'misschien'; expected one of geen-aanleiding, in-onderzoek, gemeld, afgehandeld");
    expect(f.msg).toContain("beoordelingen.csv line 4, beoordeeld_op: '31-02-2025'; expected a date");
    expect(f.msg).toContain('beoordelingen.csv line 4, beoordeeld_door: empty');
  });

  it('refuses a decision without besluit, an unknown indicator, a tier that is none, geldig_tot before beoordeeld_op', async () => {
    const f = await failure('ZV-BUSY;;;;bezocht;2025-03-01;AB;;;\nZV-BUSY;care-after-dead;;gemeld;;2025-03-01;AB;;;\nZV-BUSY;;;gemeld;;2025-03-01;AB;2025-02-01;heel hoog;\n');
    expect(f.msg).toContain('line 2, besluit: empty while toelichting, beoordeeld_op, beoordeeld_door is filled');
    expect(f.msg).toContain("line 3, indicator: 'care-after-dead' is no indicator id");
    expect(f.msg).toContain("line 4, geldig_tot: '2025-02-01' lies before beoordeeld_op");
    expect(f.msg).toContain("line 4, tier_bij_besluit: 'heel hoog'");
  });

  it('refuses an unknown column and a missing required one (a typo would silently drop a condition)', async () => {
    const f = await failure('ZV-BUSY;gemeld;2025-03-01;AB;2025-12-31\n', 'zorgverlener_id;besluit;beoordeeld_op;beoordeeld_door;geldig_tott\n');
    expect(f.msg).toContain("line 1: unknown column 'geldig_tott'");
    const g = await failure('ZV-BUSY;gemeld;2025-03-01\n', 'zorgverlener_id;besluit;beoordeeld_op\n');
    expect(g.msg).toContain('line 1, beoordeeld_door: required column missing');
  });

  it('is checked by validate --beoordelingen too, before the exports are read', async () => {
    const { root, inputs } = setup();
    writeFileSync(join(root, 'ok.csv'), HEADER + 'ZV-BUSY;;;gemeld;;2025-03-01;AB;;;\n;;;;;;;;;\n');
    writeFileSync(join(root, 'bad.csv'), HEADER + 'ZV-BUSY;;;gemeld;;2025-03-01;;;;\n');
    const ok = await runCli(['validate', inputs, '--beoordelingen', join(root, 'ok.csv')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('"msg":"decisions read"');
    const bad = await runCli(['validate', inputs, '--beoordelingen', join(root, 'bad.csv')]);
    expect(bad.code).toBe(2);
    expect(failureRecord(bad.stderr)).toMatchObject({ code: 'DECISIONS_INVALID', file: 'bad.csv', line: 2 });
  });

  it('names the physical line after a quoted value spanning lines', async () => {
    const f = await failure('ZV-BUSY;;;gemeld;"twee\nregels";2025-03-01;AB;;;\nZV-BUSY;;;nee;;2025-03-01;AB;;;\n');
    expect(f.line).toBe(4);
  });
});

describe('samples/beoordelingen-voorbeeld.csv (Windows-1252, as the README shows it)', () => {
  it('on samples/gemeente-klein: one decision holds, one expired, one re-opened by a higher tier, one about a provider not in the export', async () => {
    const r = await runCli(['scan', 'samples/gemeente-klein', '--stdout', 'csv', '--log-level', 'silent', '--beoordelingen', 'samples/beoordelingen-voorbeeld.csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n');
    const state = (id: string) => rows.find((l) => l.split(',')[1] === id)?.split(',').at(-1);
    expect([state('ZV0028'), state('ZV0058'), state('ZV0062'), state('ZV0010')]).toEqual(['beoordeeld', 'heropend', 'heropend', '']);
    expect(rows.at(-1)).toMatch(/^16,ZV0028,Thuiszorg Het Atelier Zuid,0,,co-residence-cluster,/);
  });
});

describe('README', () => {
  it('documents every column of the decisions file (node scripts/update-readme.mjs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(/<!-- decisions:start -->\n([\s\S]*?)<!-- decisions:end -->/.exec(readme)?.[1]).toBe(decisionColumnsMarkdown());
  });
});
