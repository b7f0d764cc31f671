import { appendFileSync, cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDecisions } from '../../src/decisions/read-decisions.js';
import { measure, type Figure } from '../../src/verantwoording/measures.js';
import { parsePeriod } from '../../src/verantwoording/period.js';
import { readPeriodRuns, runFolders } from '../../src/verantwoording/period-runs.js';
import { failureRecord, runCli, tempDir } from '../support/cli.js';
import { DECISIONS, HOLDERS, keyOf, NAMES, PROVIDERS, RUNS, scanSeries } from './series.js';

let root: string;
let decisions: string;
const runsDir = () => join(root, 'runs');

beforeAll(async () => {
  root = tempDir('pgb-verantwoording-');
  decisions = await scanSeries(root);
});

async function report(args: string[]): Promise<{ code: number; stderr: string; csv: Map<string, string>; csvText: string; html: string; out: string }> {
  const out = join(tempDir('pgb-verantwoording-out-'), 'raad');
  const r = await runCli(['verantwoording', ...args, '--beoordelingen', decisions, '--out', out, '--log-level', 'silent']);
  if (r.code !== 0) return { code: r.code, stderr: r.stderr, csv: new Map(), csvText: '', html: '', out };
  const csvText = readFileSync(join(out, 'verantwoording.csv'), 'utf8');
  const records = parse(csvText, { columns: true }) as { sectie: string; maat: string; groep: string; waarde: string }[];
  return { code: 0, stderr: r.stderr, csv: new Map(records.map((x) => [`${x.sectie} | ${x.maat} | ${x.groep}`, x.waarde])), csvText, html: readFileSync(join(out, 'verantwoording.html'), 'utf8'), out };
}

describe('pgb-scan verantwoording', () => {
  it('over 2026-Q1 gives the counts a hand count of the series gives, small ones as "< 5"', async () => {
    const r = await report(['--runs-in', runsDir(), '--periode', '2026-Q1']);
    expect(r.code, r.stderr).toBe(0);
    // By hand, from series.ts: r1..r5 fall in Q1 (r0 before it only dates first signals, r6 after it is unused).
    const want: Record<string, string> = {
      'scans | scans in de periode | alle': '5',
      'scans | eerste peildatum | alle': '2026-01-15',
      'scans | laatste peildatum | alle': '2026-03-31',
      'scans | verschillende instellingen (configSha256) | alle': '2',
      // Declarations read: 7 busy providers x 2 + 1 bad row in r1, 8 x 2 + 1 in r2..r5: median 17; one reject each.
      'invoer | regels gelezen, mediaan per scan | declaraties': '17',
      'invoer | regels afgewezen, totaal | declaraties': '5',
      'invoer | aandeel afgewezen (%), mediaan per scan | declaraties': '5.9',
      'invoer | aandeel afgewezen (%), hoogste scan | declaraties': 'n < 5',
      'invoer | regels gelezen, mediaan per scan | budgethouders': '18',
      'invoer | regels afgewezen, totaal | zorgverleners': '< 5',
      'invoer | aandeel afgewezen (%), mediaan per scan | zorgverleners': 'n < 5',
      // Signals per run 7, 8, 8, 8, 8; ZVA001..ZVA009 each one key.
      'signalen | signalen per scan, mediaan | alle': '8',
      'signalen | verschillende signalen (sleutels) in de periode | alle': '9',
      'signalen | verschillende signalen (sleutels) in de periode | impossible-day-hours': '9',
      'signalen | verschillende signalen (sleutels) in de periode | care-after-death': '< 5',
      'zorgverleners | verschillende zorgverleners met een signaal | alle': '9',
      // Tiered (hoog) per run: 7, 4, 5, 4, 3 (the others set aside by a decision): median 4.
      'zorgverleners | verschillende zorgverleners, hoogste tier in de periode | hoog': '7',
      'zorgverleners | zorgverleners per scan, mediaan | hoog': '< 5',
      'zorgverleners | verschillende zorgverleners, hoogste tier in de periode | midden': '< 5',
      // Six decisions dated in Q1; five of them about impossible-day-hours (ZVA004's by its signal key).
      'beoordelingen | besluiten | alle': '6',
      'beoordelingen | besluit gemeld | alle': '< 5',
      'beoordelingen | besluiten | impossible-day-hours': '5',
      'beoordelingen | besluiten | hele zorgverlener': '< 5',
      'beoordelingen | aandeel gemeld (%) van gemeld en geen-aanleiding | alle': 'n < 5',
      // First signal to decision: 31, 43, 54, 64, 26 days; ZVA006 was decided before its first signal.
      'doorlooptijd | dagen van eerste signaal tot besluit, mediaan | alle': '43',
      'doorlooptijd | besluiten met een eerder signaal | alle': '5',
      'doorlooptijd | besluiten zonder eerder signaal in de scans | alle': '< 5',
      // ZVA002's decision expired on 2026-02-28: re-opened in r3, r4, r5.
      'heropend | verschillende signalen heropend in de periode | alle': '< 5',
      'heropend | verschillende signalen heropend in de periode | impossible-day-hours': '< 5',
      'indicatoren | versies | impossible-day-hours': '1',
      'indicatoren | instelling gewijzigd | impossible-day-hours params.maxHoursPerDay': '24 → 25, vanaf peildatum 2026-03-15',
    };
    for (const [k, v] of Object.entries(want)) expect(r.csv.get(k), k).toBe(v);
    // Every count of the report is 5 or more, or suppressed: no 1 to 4 anywhere.
    for (const [k, v] of r.csv) if (/^\d+(\.\d+)?$/.test(v) && !k.startsWith('indicatoren') && !k.includes('aandeel') && !k.includes('configSha256')) expect(Number(v), k).toBeGreaterThanOrEqual(5);
    expect(r.html).toContain('<td class="num" data-label="waarde">&lt; 5</td>');
    expect(r.html).toContain('Elk aantal onder 5 staat er als &quot;&lt; 5&quot;');
  });

  it('counts what it suppresses as a hand count does too', async () => {
    const period = parsePeriod({ periode: '2026-Q1' });
    const { runs } = await readPeriodRuns(await runFolders([], runsDir()), period.tot);
    expect(runs.map((r) => r.dir.slice(-2))).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    const rows = measure(runs, (await readDecisions(decisions)).decisions, period);
    const raw = (section: string, m: string, group = 'alle'): Figure | undefined => rows.find((r) => r.section === section && r.measure === m && r.group === group)?.figure;
    expect(raw('beoordelingen', 'besluit geen-aanleiding')).toEqual({ kind: 'count', n: 2 });
    expect(raw('beoordelingen', 'besluit in-onderzoek')).toEqual({ kind: 'count', n: 1 });
    expect(raw('beoordelingen', 'besluit gemeld')).toEqual({ kind: 'count', n: 2 });
    expect(raw('beoordelingen', 'besluit afgehandeld')).toEqual({ kind: 'count', n: 1 });
    expect(raw('beoordelingen', 'besluiten', 'hele zorgverlener')).toEqual({ kind: 'count', n: 1 });
    expect(raw('beoordelingen', 'aandeel gemeld (%) van gemeld en geen-aanleiding')).toEqual({ kind: 'percent', x: 50, basis: 2 });
    expect(raw('doorlooptijd', 'besluiten zonder eerder signaal in de scans')).toEqual({ kind: 'count', n: 1 });
    expect(raw('heropend', 'verschillende signalen heropend in de periode')).toEqual({ kind: 'count', n: 1 });
    expect(raw('heropend', 'heropend omdat: verlopen')).toEqual({ kind: 'count', n: 1 });
    expect(raw('heropend', 'heropend omdat: hogere-tier')).toEqual({ kind: 'count', n: 0 });
    expect(raw('heropend', 'signalen heropend per scan, mediaan')).toEqual({ kind: 'median-count', x: 1, basis: 5 });
    expect(raw('zorgverleners', 'zorgverleners per scan, mediaan', 'hoog')).toEqual({ kind: 'median-count', x: 4, basis: 5 });
    expect(raw('invoer', 'aandeel afgewezen (%), hoogste scan', 'declaraties')).toEqual({ kind: 'percent', x: 100 / 15, basis: 1 });
  });

  it('holds no id, name, key or decision text of the inputs, in the CSV or the page', async () => {
    const r = await report(['--runs-in', runsDir(), '--periode', '2026-Q1']);
    const secret = [...PROVIDERS, ...NAMES, ...HOLDERS, ...PROVIDERS.map(keyOf), 'ANK-71', 'ANK-72', 'ANK-73', 'RIEC', 'Huisbezoek', 'Terugvordering', 'XQ1', 'IQ1', 'AQ101', '07654300'];
    for (const s of secret) {
      expect(r.csvText, s).not.toContain(s);
      expect(r.html, s).not.toContain(s);
    }
    expect(DECISIONS).toContain('ANK-71');
    // Nothing is loaded: no link out, no script, no source.
    expect(r.html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; base-uri 'none'; form-action 'none'">/);
    expect(r.html).not.toMatch(/<script|src=|href="(?!#)/);
  });

  it('counts only the runs in --van/--tot, and gives the same bytes whatever the order of the folders', async () => {
    const named = ['r5', 'r3', 'r2', 'r0'].map((n) => join(runsDir(), n));
    const a = await report([...named, '--van', '2026-02-01', '--tot', '2026-03-05']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.csv.get('scans | scans in de periode | alle')).toBe('< 5');
    expect(a.csv.get('scans | eerste peildatum | alle')).toBe('2026-02-15');
    expect(a.csv.get('scans | laatste peildatum | alle')).toBe('2026-03-01');
    // Decisions dated 2026-02-01 and 2026-02-10 only.
    expect(a.csv.get('beoordelingen | besluiten | alle')).toBe('< 5');
    expect(a.csv.get('signalen | signalen per scan, mediaan | alle')).toBe('n < 5');
    expect(a.csv.has('indicatoren | instelling gewijzigd | impossible-day-hours params.maxHoursPerDay')).toBe(false);
    const b = await report([...[...named].reverse(), join(runsDir(), 'r3'), '--van', '2026-02-01', '--tot', '2026-03-05']);
    expect(b.csvText).toBe(a.csvText);
    expect(b.html).toBe(a.html);
  });

  it('refuses a run that no longer matches its manifest (exit 2), and a period without runs', async () => {
    const copy = join(tempDir('pgb-verantwoording-tampered-'), 'runs');
    mkdirSync(copy);
    for (const n of readdirSync(runsDir())) cpSync(join(runsDir(), n), join(copy, n), { recursive: true });
    appendFileSync(join(copy, 'r3', 'providers.csv'), '10,ZVA001,x,99,hoog,,,,,,,\n');
    const t = await report(['--runs-in', copy, '--periode', '2026-Q1']);
    expect(t.code).toBe(2);
    const f = failureRecord(t.stderr);
    expect(f.code).toBe('RUN_DIR_INVALID');
    expect(f.msg).toContain('r3');
    expect(f.msg).toContain('providers.csv');
    const none = await report(['--runs-in', runsDir(), '--periode', '2027']);
    expect(none.code).toBe(2);
    expect(failureRecord(none.stderr).msg).toContain('as-of dates run from 2025-12-20 to 2026-04-15');
  });

  it('is a usage error without a period, and never writes into a run folder', async () => {
    const noPeriod = await report(['--runs-in', runsDir()]);
    expect(noPeriod.code).toBe(2);
    expect(failureRecord(noPeriod.stderr).code).toBe('USAGE');
    const bad = await report(['--runs-in', runsDir(), '--periode', '2026-Q5']);
    expect(failureRecord(bad.stderr).code).toBe('USAGE');
    const r = await runCli(['verantwoording', '--runs-in', runsDir(), '--periode', '2026-Q1', '--beoordelingen', decisions, '--out', join(runsDir(), 'r1')]);
    expect(r.code).toBe(2);
    expect(failureRecord(r.stderr).code).toBe('OUTPUT_NOT_ALLOWED');
    expect(readdirSync(join(runsDir(), 'r1'))).not.toContain('verantwoording.html');
    expect(RUNS).toHaveLength(7);
  });
});
