import type { RunResult } from '../run-result.js';
import type { RunDecisions } from '../decisions/decide-run.js';
import type { HolderConcern, ProviderRanking } from '../score/score.js';
import { csvHeader, csvLine, type CsvDialect } from './csv-format.js';
import type { ChangeStatus } from '../history/compare.js';
import { HOLDER_LABEL, renderSignal } from './messages.js';

/** providers.csv's columns in file order, with what each holds (the README's output table). */
export const PROVIDER_COLUMN_DOCS = {
  rank: '1 = highest score; ties ordered by zorgverlener_id',
  zorgverlener_id: 'the provider',
  naam: 'its name from zorgverleners.csv',
  score: '0 to 100 (see "Hoe de score tot stand komt" in report.md)',
  tier: '`hoog`, `midden` or `laag`; empty when decisions set every signal aside',
  indicators: 'the indicators that fired, `|`-separated',
  holders: 'number of budget holders involved',
  amount: 'euros in the supporting declarations',
  top_reason: 'the strongest reason, one Dutch sentence with its numbers',
  netwerk: 'the id of the provider\'s network (networks.csv: its smallest member id), empty when none',
  sinds_vorige: 'since the run given with `--previous`: `nieuw`, `gewijzigd` (score, tier or indicators) or `blijvend`; empty without `--previous`',
  beoordeling: 'analysts\' decisions (--beoordelingen): empty when none applies; `deels-beoordeeld` (some signals set aside, the score counts the others), `heropend` (a decision no longer holds: see report.md), or `beoordeeld` (every signal set aside: ranked after the others, score 0, no tier)',
};
/** budgethouders.csv's columns in file order: holders of concern, never suspects. */
export const HOLDER_COLUMN_DOCS = {
  rank: '1 = most concern',
  budgethouder_id: 'the budget holder',
  label: 'always `zorgwekkend` (of concern)',
  indicators: 'the indicators involving the holder, `|`-separated',
  zorgverleners: 'the providers involved, `|`-separated',
  amount: 'euros in the supporting declarations',
  top_reason: 'the strongest reason, one Dutch sentence',
};
const PROVIDER_COLUMNS = Object.keys(PROVIDER_COLUMN_DOCS);
const HOLDER_COLUMNS = Object.keys(HOLDER_COLUMN_DOCS);

/** Per provider of this run, how it stands since the --previous run (empty map without one). */
export function sindsVorige(run: RunResult): ReadonlyMap<string, ChangeStatus> {
  return new Map((run.sincePrevious?.comparison.providers ?? []).filter((p) => p.status !== 'verdwenen').map((p) => [p.id, p.status]));
}

/** A ranked provider's `beoordeling`: what the decisions did to its signals (report.html shows it too). */
export function reviewState(p: ProviderRanking, setAside: ReadonlySet<string>): '' | 'deels-beoordeeld' | 'heropend' {
  if (setAside.has(p.providerId)) return 'deels-beoordeeld';
  return p.signals.some((s) => s.review?.status === 'heropend') ? 'heropend' : '';
}

/**
 * providers.csv's records in file order (the header aside); `netwerk` is the id of the provider's network
 * (networks.csv), empty when none; `sinds_vorige` its status since the --previous run, empty without one.
 * Providers whose every signal a decision set aside follow the ranking, so none disappears. overzicht.xlsx
 * takes the same records, so the two never differ.
 */
export function* providerRecords(
  providers: ProviderRanking[],
  networkOf: ReadonlyMap<string, string> = new Map(),
  sinceVorige: ReadonlyMap<string, string> = new Map(),
  decisions: RunDecisions | null = null,
): Generator<(string | number)[]> {
  const partly = new Set((decisions?.setAside ?? []).filter((p) => p.ranked).map((p) => p.providerId));
  for (const p of providers)
    yield [
      p.rank,
      p.providerId,
      p.naam,
      p.score,
      p.tier,
      p.indicators.join('|'),
      p.holders.length,
      p.amount,
      renderSignal(p.top, 'nl'),
      networkOf.get(p.providerId) ?? '',
      sinceVorige.get(p.providerId) ?? '',
      reviewState(p, partly),
    ];
  const whole = (decisions?.setAside ?? []).filter((p) => !p.ranked).sort((a, b) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0));
  let rank = providers.length;
  for (const p of whole)
    yield [
      ++rank,
      p.providerId,
      p.naam,
      0,
      '',
      p.indicatorsWithout.join('|'),
      p.holders,
      p.amountWithout,
      renderSignal(p.signals[0], 'nl'),
      networkOf.get(p.providerId) ?? '',
      sinceVorige.get(p.providerId) ?? '',
      'beoordeeld',
    ];
}

/** providers.csv, line by line (see providerRecords). */
export function* providersCsv(
  providers: ProviderRanking[],
  networkOf: ReadonlyMap<string, string> = new Map(),
  sinceVorige: ReadonlyMap<string, string> = new Map(),
  decisions: RunDecisions | null = null,
  dialect: CsvDialect = 'rfc4180',
): Generator<string> {
  yield csvHeader(PROVIDER_COLUMNS, dialect);
  for (const r of providerRecords(providers, networkOf, sinceVorige, decisions)) yield csvLine(r, dialect);
}

/** budgethouders.csv, line by line. */
export function* holdersCsv(holders: HolderConcern[], dialect: CsvDialect = 'rfc4180'): Generator<string> {
  yield csvHeader(HOLDER_COLUMNS, dialect);
  for (const h of holders)
    yield csvLine([h.rank, h.holderId, HOLDER_LABEL.nl, h.indicators.join('|'), h.providers.join('|'), h.amount, renderSignal(h.top, 'nl')], dialect);
}
