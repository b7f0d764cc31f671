// The decisions file pre-filled for a run (pgb-scan beoordelingen-sjabloon): per provider one row for
// the whole provider and one per signal, with the tier and indicators it has now, so a later scan can
// tell when the provider's situation changed. Analysts fill in besluit and the rest. Pure and
// deterministic: the same run folder gives the same bytes.
import type { Tier } from '../config/schema.js';
import { csvText } from '../report/csv-format.js';
import type { SignalRecord } from '../run/signal-record.js';
import { combine, tierOf } from '../score/score.js';
import { DECISION_COLUMNS } from './read-decisions.js';

/** Excel with Dutch settings opens this as it is: `;`, UTF-8 with a BOM, CRLF. */
const DELIMITER = ';';

function field(value: string): string {
  const s = csvText(value);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(values: Record<string, string>): string {
  return DECISION_COLUMNS.map((c) => field(values[c] ?? '')).join(DELIMITER) + '\r\n';
}

interface ProviderNow {
  id: string;
  score: number;
  tier: Tier;
  indicators: string[];
  signals: SignalRecord[];
}

/**
 * Score, tier and indicators per provider over every signal, decided or not: what the analyst sees had
 * nobody decided anything (the same formula as the scan, from weight and strength; a signal set aside
 * carries contribution 0, so the contribution cannot be used).
 */
function providersNow(signals: SignalRecord[], tiers: { hoog: number; midden: number }): ProviderNow[] {
  const by = new Map<string, SignalRecord[]>();
  for (const s of signals) if (s.provider !== null) by.set(s.provider, [...(by.get(s.provider) ?? []), s]);
  const out: ProviderNow[] = [];
  for (const [id, list] of by) {
    const strongest = new Map<string, number>();
    for (const s of list) strongest.set(s.indicator, Math.max(strongest.get(s.indicator) ?? 0, Math.round(100 * s.weight * s.strength * 100) / 100));
    const score = combine([...strongest.values()]);
    out.push({ id, score, tier: tierOf(score, tiers), indicators: [...strongest.keys()].sort(), signals: list });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function* decisionsTemplate(signals: SignalRecord[], names: ReadonlyMap<string, string>, tiers: { hoog: number; midden: number }): Generator<string> {
  yield '\ufeff' + DECISION_COLUMNS.join(DELIMITER) + '\r\n';
  for (const p of providersNow(signals, tiers)) {
    const common = { zorgverlener_id: p.id, naam: names.get(p.id) ?? '', tier_bij_besluit: p.tier, indicatoren_bij_besluit: p.indicators.join('|') };
    yield line(common);
    for (const s of p.signals) yield line({ ...common, indicator: s.indicator, signaal_sleutel: s.key, signaal: s.message.nl });
  }
}

