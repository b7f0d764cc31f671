// A series of scans for the transparency report, with every figure countable by hand. Nine providers
// ZVA001..ZVA009 (ZVA008 and ZVA009 in every run); each busy provider bills 14 + 12 hours on one day for two
// of its holders, so impossible-day-hours fires once for it (key impossible-day-hours:overDay:provider=ID)
// and nothing else fires. Every export holds one rejected declaration row (an impossible date).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECL_HEADER, HOLDERS_HEADER, PROVIDERS_HEADER, runCli, writeFiles } from '../support/cli.js';

export const PROVIDERS = Array.from({ length: 9 }, (_, i) => `ZVA00${i + 1}`);
export const NAMES = PROVIDERS.map((_, i) => `Zorgbureau Kwartel${'ABCDEFGHI'[i]}`);
export const HOLDERS = PROVIDERS.flatMap((_, i) => [`BHQ${i + 1}01`, `BHQ${i + 1}02`]);
export const keyOf = (provider: string) => `impossible-day-hours:overDay:provider=${provider}`;

const p = (n: number) => PROVIDERS[n - 1];

/**
 * The runs: as-of date, busy providers, and a config raising maxHoursPerDay to 25 from r4 on (26 hours
 * still fire). r0 lies before 2026-Q1, r6 after it.
 */
export const RUNS = [
  { name: 'r0', asOf: '2025-12-20', busy: [1, 2, 8, 9], config: false },
  { name: 'r1', asOf: '2026-01-15', busy: [1, 2, 3, 4, 5, 8, 9], config: false },
  { name: 'r2', asOf: '2026-02-15', busy: [1, 2, 3, 4, 5, 6, 8, 9], config: false },
  { name: 'r3', asOf: '2026-03-01', busy: [1, 2, 3, 4, 5, 6, 8, 9], config: false },
  { name: 'r4', asOf: '2026-03-15', busy: [2, 3, 4, 5, 6, 7, 8, 9], config: true },
  { name: 'r5', asOf: '2026-03-31', busy: [2, 3, 4, 5, 6, 7, 8, 9], config: true },
  { name: 'r6', asOf: '2026-04-15', busy: [1, 2, 3, 4, 5, 6, 7, 8, 9], config: true },
];

const HEADER = 'zorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit\n';

/** The decisions: six taken in 2026-Q1 (lines 2 to 7), one before it and one after it. */
export const DECISIONS =
  HEADER +
  `${p(1)};impossible-day-hours;;geen-aanleiding;Huisbezoek bij ${NAMES[0]}, BHQ101 gesproken;2026-01-20;ANK-71;;;\n` +
  `${p(2)};;;gemeld;Gemeld bij het RIEC;2026-02-01;ANK-72;2026-02-28;;\n` +
  `${p(3)};impossible-day-hours;;in-onderzoek;Roosters opgevraagd;2026-03-10;ANK-71;;;\n` +
  `${p(4)};;${keyOf(p(4))};afgehandeld;Terugvordering;2026-03-20;ANK-73;;;\n` +
  `${p(5)};impossible-day-hours;;gemeld;Gemeld bij de IGJ;10-02-2026;ANK-72;;;\n` +
  `${p(6)};impossible-day-hours;;geen-aanleiding;Bekend van eerder;2026-01-05;ANK-73;;;\n` +
  `${p(7)};;;gemeld;Oud besluit;2025-11-01;ANK-71;;;\n` +
  `${p(1)};;;gemeld;Na de periode;2026-04-10;ANK-72;;;\n`;

function exportFor(dir: string, busy: number[]): void {
  const holders = PROVIDERS.flatMap((_, i) => [
    `BHQ${i + 1}01,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,AQ${i + 1}01,,\n`,
    `BHQ${i + 1}02,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,AQ${i + 1}02,,\n`,
  ]);
  const providers = PROVIDERS.map((id, i) => `${id},${NAMES[i]},zzp,0${7654300 + i},XQ${i + 1},IQ${i + 1}\n`);
  const declarations = busy.flatMap((n) => [
    `DQ${n}1,BHQ${n}01,${p(n)},2025-12-01,06:00,20:00,14,40.00,560.00\n`,
    `DQ${n}2,BHQ${n}02,${p(n)},2025-12-01,07:00,19:00,12,40.00,480.00\n`,
  ]);
  writeFiles(dir, {
    'budgethouders.csv': HOLDERS_HEADER + holders.join(''),
    'zorgverleners.csv': PROVIDERS_HEADER + providers.join(''),
    'declaraties.csv': DECL_HEADER + declarations.join('') + `DQ99,BHQ101,${p(1)},31-02-2025,09:00,10:00,1,40.00,40.00\n`,
  });
}

/** Scans every run of RUNS into root/runs/<name> with the decisions; returns the decisions file's path. */
export async function scanSeries(root: string): Promise<string> {
  const decisions = join(root, 'beoordelingen.csv');
  writeFileSync(decisions, DECISIONS);
  const config = join(root, 'config.json');
  writeFileSync(config, JSON.stringify({ indicators: { 'impossible-day-hours': { params: { maxHoursPerDay: 25 } } } }));
  for (const run of RUNS) {
    const inputs = join(root, 'in', run.name);
    mkdirSync(inputs, { recursive: true });
    exportFor(inputs, run.busy);
    const args = ['scan', inputs, '--out', join(root, 'runs', run.name), '--as-of', run.asOf, '--beoordelingen', decisions, '--max-reject-rate', '0.5', '--log-level', 'silent'];
    const r = await runCli(run.config ? [...args, '--config', config] : args);
    if (r.code !== 0) throw new Error(`scan ${run.name}: exit ${r.code}: ${r.stderr}`);
  }
  return decisions;
}
