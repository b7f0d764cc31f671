// Two nights of test/history/fixture.ts with a decisions file, for report.html's sections of --previous
// and --beoordelingen: the second night scanned with --previous of the first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { twoNights } from '../history/fixture.js';
import { runCli, tempDir } from './cli.js';

const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A provider gone since the previous run, named to break out of HTML; read back from the previous providers.csv. */
export const GONE_NAME = `<img src=x onerror="window.__pwned=4">Weg & 'co'`;
/** An analyst's note and initials that are markup and a formula. */
export const NOTE = '<b>bezocht</b> & "in orde" <script>window.__pwned=5</script>';
export const DOOR = '=HYPERLINK("http://x")';

const DECISIONS =
  'zorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit\n' +
  // P-STAY: every signal set aside; P-UP: one of its two; P-NEW: a decision that expired before the as-of date.
  `P-STAY;;;geen-aanleiding;${quoted(NOTE)};01-03-2025;${quoted(DOOR)};;;\n` +
  'P-UP;impossible-day-hours;;in-onderzoek;uren opgevraagd;01-03-2025;AB;;;\n' +
  'P-NEW;;;gemeld;gemeld bij het RIEC;01-03-2025;AB;05-03-2025;;\n';

/**
 * The second night in a run folder, compared with the first and with the decisions applied: P-NEW nieuw
 * (its decision expired: heropend), P-UP gewijzigd (deels-beoordeeld), P-STAY set aside altogether and
 * P-GONE gone. Returns the run folder.
 */
export async function nightWithHistory(extra: string[] = []): Promise<string> {
  const root = tempDir('pgb-html-');
  const { first, second } = twoNights(root, quoted(GONE_NAME));
  const decisions = join(root, 'beoordelingen.csv');
  writeFileSync(decisions, DECISIONS);
  const a = join(root, 'a');
  const b = join(root, 'b');
  const quiet = ['--log-level', 'silent'];
  const r1 = await runCli(['scan', first, '--out', a, ...quiet]);
  if (r1.code !== 0) throw new Error(r1.stderr);
  const r2 = await runCli(['scan', second, '--out', b, '--previous', a, '--beoordelingen', decisions, ...quiet, ...extra]);
  if (r2.code !== 0) throw new Error(r2.stderr);
  return b;
}
