import { mdText as md } from './markdown-text.js';
import type { ProviderChangeView, SincePreviousView } from './since-previous-view.js';
import type { SincePreviousWording } from './since-previous-wording.js';

/** Providers listed per group in report.md; providers.csv and pgb-scan diff have them all. */
export const SINCE_PREVIOUS_LISTED = 25;

function group(heading: string, changes: ProviderChangeView[], w: SincePreviousWording): string[] {
  const out = [`### ${heading}`, ''];
  if (changes.length === 0) return [...out, w.none, ''];
  for (const c of changes.slice(0, SINCE_PREVIOUS_LISTED)) out.push(`- **${md(c.naam || c.id)}** (${md(c.id)}): ${md(c.why)}`);
  if (changes.length > SINCE_PREVIOUS_LISTED) out.push('', w.more(changes.length - SINCE_PREVIOUS_LISTED));
  out.push('');
  return out;
}

/** report.md's opening section with --previous: new and escalated providers first, then those gone. */
export function sincePreviousSection(view: SincePreviousView | null, w: SincePreviousWording): string[] {
  if (view === null) return [];
  const out = [`## ${w.heading}`, '', w.comparedWith(md(view.previousAsOf), md(view.previousManifestSha256)), ''];
  for (const warning of view.warnings) out.push(`> **${w.warningLead}** ${md(warning)}`, '');
  out.push(`- ${w.providerCounts(view.counts.providers)}`, `- ${w.signalCounts(view.counts.signals)}`, '');
  out.push(...group(w.escalatedHeading, view.escalated, w), ...group(w.disappearedHeading, view.disappeared, w));
  if (view.otherChanges.length > 0) out.push(...group(w.otherChangesHeading, view.otherChanges, w));
  out.push(w.note, '');
  return out;
}
