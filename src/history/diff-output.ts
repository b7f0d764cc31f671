// What `pgb-scan diff OLD NEW` prints: a text for a person, or JSON lines for a machine (--json), both
// made from one comparison.
import type { Lang } from '../report/messages.js';
import { sincePreviousView, type ProviderChangeView } from '../report/since-previous-view.js';
import { WORDING } from '../report/wording.js';
import type { CheckedRun } from './checked-run.js';
import type { Comparison } from './compare.js';
import type { ComparisonWarning, SincePrevious } from './since-previous.js';

export interface DiffResult {
  old: CheckedRun;
  new: CheckedRun;
  warnings: ComparisonWarning[];
  comparison: Comparison;
}

const runLine = (r: CheckedRun) => ({
  dir: r.dir,
  asOf: r.record.asOf,
  manifestSha256: r.record.manifestSha256,
  configSha256: r.record.configSha256,
  tool: r.record.tool,
});

/**
 * One JSON object per line: `runs` first, then each `warning`, each `provider` (this run's ranking,
 * then the gone ones) and each `signal` (by key), and a `summary` with the counts last.
 */
export function diffNdjson(d: DiffResult): string {
  const lines: unknown[] = [{ type: 'runs', old: runLine(d.old), new: runLine(d.new) }];
  for (const w of d.warnings) lines.push({ type: 'warning', ...w });
  for (const p of d.comparison.providers) lines.push({ type: 'provider', ...p });
  for (const s of d.comparison.signals) lines.push({ type: 'signal', ...s });
  lines.push({ type: 'summary', providers: d.comparison.counts.providers, signals: d.comparison.counts.signals });
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

/** Text from the inputs on a terminal: control characters could move the cursor or recolour it. */
const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** The text for a person: the same groups as report.md's "Sinds de vorige scan", and the signals that moved. */
export function diffText(d: DiffResult, lang: Lang): string {
  const w = WORDING[lang].sincePrevious;
  const since: SincePrevious = { previous: d.old.record, warnings: d.warnings, comparison: d.comparison };
  const view = sincePreviousView(since, lang)!;
  const out: string[] = [
    `${plain(d.old.dir)} (${d.old.record.asOf}) → ${plain(d.new.dir)} (${d.new.record.asOf})`,
    ...view.warnings.map((x) => `${w.warningLead} ${x}`),
    w.providerCounts(view.counts.providers),
    w.signalCounts(view.counts.signals),
    '',
  ];
  const group = (heading: string, changes: ProviderChangeView[]) => {
    out.push(`${heading}:`);
    if (changes.length === 0) out.push(`  ${w.none}`);
    for (const c of changes) out.push(`  ${plain(c.id)}  ${plain(c.naam)}: ${plain(c.why)}`);
    out.push('');
  };
  group(w.escalatedHeading, view.escalated);
  group(w.disappearedHeading, view.disappeared);
  group(w.otherChangesHeading, view.otherChanges);
  const moved = d.comparison.signals.filter((s) => s.status !== 'blijvend');
  out.push(`${w.signalsHeading}:`);
  if (moved.length === 0) out.push(`  ${w.none}`);
  const width = Math.max(...Object.values(w.status).map((s) => s.length));
  for (const s of moved)
    out.push(`  ${w.status[s.status].padEnd(width)}  ${plain(s.key)}${s.status === 'gewijzigd' ? `  (${s.contributionBefore} → ${s.contributionAfter})` : ''}`);
  return out.join('\n') + '\n';
}
