import type { ReportView } from './view.js';
import { WORDING } from './wording.js';

const TOP_SHOWN = 5;

/** The few lines `scan` shows a person at a terminal when it is done, in the report's language. */
export function terminalSummary(view: ReportView, out: string | undefined): string {
  const t = WORDING[view.lang].terminal;
  const c = view.counts;
  const top = view.providers
    .slice(0, TOP_SHOWN)
    .map((p) => `  ${p.rank}. ${p.naam || p.id} (${p.id}) score ${p.score} ${p.tierLabel}: ${p.indicators.join(', ')}`);
  const lines = [
    t.done,
    ...view.inputs.map((i) => `  ${t.input(i.display, i.rowsRead, i.rowsAccepted, i.rowsRejected)}`),
    t.counts(c.providers, c.tiers.hoog, c.tiers.midden, c.tiers.laag, c.holders, view.holderLabel),
    view.sincePrevious === null ? '' : `${WORDING[view.lang].sincePrevious.heading}: ${WORDING[view.lang].sincePrevious.providerCounts(view.sincePrevious.counts.providers)}`,
    ...top,
    out ? t.outputIn(out) : '',
    t.caveat,
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}
