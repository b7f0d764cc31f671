import { readSignals } from '../run/read-run.js';

/** Indicators that fired, per provider and per budget holder, as signals.ndjson lists them. */
export interface FiredIndex {
  /** By the signal's provider field, and by entity id for provider signals. */
  byProvider: Map<string, Set<string>>;
  /** By entity id for budget-holder signals. */
  byHolder: Map<string, Set<string>>;
  /** Budget-holder signals without a provider, per holder (attributed to a scheme through its holders). */
  holderOnly: Map<string, Set<string>>;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Only the indicator ids are kept: a national run can hold many signals. */
export async function firedIndex(runDir: string): Promise<FiredIndex> {
  const index: FiredIndex = { byProvider: new Map(), byHolder: new Map(), holderOnly: new Map() };
  for await (const s of readSignals(runDir)) {
    if (s.provider !== null) add(index.byProvider, s.provider, s.indicator);
    if (s.entity.kind === 'provider') add(index.byProvider, s.entity.id, s.indicator);
    else {
      add(index.byHolder, s.entity.id, s.indicator);
      if (s.provider === null) add(index.holderOnly, s.entity.id, s.indicator);
    }
  }
  return index;
}
