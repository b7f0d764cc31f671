// report.html's "Sinds de vorige scan" (scan --previous): the same groups and sentences as report.md's,
// each provider with a badge for its change and a link to its details when it has them.
import { SINCE_PREVIOUS_LISTED } from '../since-previous-section.js';
import type { ProviderChangeView, SincePreviousView } from '../since-previous-view.js';
import type { SincePreviousWording } from '../since-previous-wording.js';
import { htmlText as h } from './html-text.js';

/** A provider's name as HTML: a link to its details when report.html has them. */
export type NameLink = (id: string, name: string) => string;

/** The badge of a provider's change since the previous run; the status is the tool's own word. */
export const changeBadge = (status: string, label: string) => `<span class="badge badge-${status}">${h(label)}</span>`;

function group(heading: string, changes: ProviderChangeView[], w: SincePreviousWording, link: NameLink): string {
  const out = [`<h3>${h(heading)}</h3>`];
  if (changes.length === 0) return [...out, `<p>${h(w.none)}</p>`].join('\n');
  const items = changes
    .slice(0, SINCE_PREVIOUS_LISTED)
    .map((c) => `<li>${changeBadge(c.status, c.statusLabel)} <strong>${link(c.id, c.naam || c.id)}</strong> <code>${h(c.id)}</code>: ${h(c.why)}</li>`);
  out.push(`<ul class="changes">\n${items.join('\n')}\n</ul>`);
  if (changes.length > SINCE_PREVIOUS_LISTED) out.push(`<p>${h(w.more(changes.length - SINCE_PREVIOUS_LISTED))}</p>`);
  return out.join('\n');
}

/** New and escalated providers first, then those gone, then the rest that changed; the warnings before all. */
export function sincePreviousHtml(view: SincePreviousView, w: SincePreviousWording, link: NameLink): string {
  const out = [`<p>${h(w.comparedWith(view.previousAsOf, view.previousManifestSha256))}</p>`];
  for (const warning of view.warnings) out.push(`<p class="caveat warning"><strong>${h(w.warningLead)}</strong> ${h(warning)}</p>`);
  out.push(`<ul><li>${h(w.providerCounts(view.counts.providers))}</li><li>${h(w.signalCounts(view.counts.signals))}</li></ul>`);
  out.push(group(w.escalatedHeading, view.escalated, w, link), group(w.disappearedHeading, view.disappeared, w, link));
  if (view.otherChanges.length > 0) out.push(group(w.otherChangesHeading, view.otherChanges, w, link));
  out.push(`<p>${h(w.note)}</p>`);
  return out.join('\n');
}
