import { INPUT_COLUMNS } from '../ingest/columns.js';
import { CsvSink } from './csv-sink.js';
import type { CsvDialect, ValueFormatter } from './dialect-format.js';
import type { KeyMaker, RepresentativeIds } from './ids.js';
import type { GenHolder, Plan, World } from './world.js';

// Rows below are written in the order of the input definitions' columns (src/inputs/).
const HOLDER_COLUMNS = INPUT_COLUMNS.budgethouders;
const PROVIDER_COLUMNS = INPUT_COLUMNS.zorgverleners;
const AGREEMENT_COLUMNS = INPUT_COLUMNS.zorgovereenkomsten;

export interface Keys {
  address: KeyMaker;
  iban: KeyMaker;
  rep: RepresentativeIds;
}

const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The budget is derived from what was declared inside its period and the holder's
 * intended use, so a clean holder's use lands exactly in the configured band.
 */
export function budgetOf(world: World, h: GenHolder): number {
  if (h.presetBudget !== null) return h.presetBudget;
  if (h.spend > 0) return Math.round(h.spend / h.targetUse);
  return Math.round((h.yearlyBudget * world.cal.months) / 12);
}

export function writeProviders(path: string, world: World, dialect: CsvDialect, fmt: ValueFormatter, keys: Keys) {
  const sink = new CsvSink(path, dialect, PROVIDER_COLUMNS);
  for (const p of byId(world.providers)) {
    sink.row([
      p.id,
      p.naam,
      p.soort,
      p.kvk ?? '',
      p.agb ?? '',
      fmt.day(p.kvkStart),
      '',
      keys.address.key(p.address),
      keys.iban.key(p.iban),
      fmt.bool(p.wooninitiatief),
    ]);
  }
  return sink.close();
}

function representativeOf(h: GenHolder, keys: Keys): string {
  if (h.repProvider) return h.repProvider.id;
  return h.rep === null ? '' : keys.rep.id(h.rep);
}

export function writeHolders(path: string, world: World, dialect: CsvDialect, fmt: ValueFormatter, keys: Keys) {
  const sink = new CsvSink(path, dialect, HOLDER_COLUMNS);
  for (const h of byId(world.holders)) {
    const weekly = h.plans.reduce((a, p) => a + p.weeklyHours, 0) * h.indicatieFactor;
    sink.row([
      h.id,
      h.gemeente,
      h.wet,
      h.voorziening,
      fmt.amount(budgetOf(world, h)),
      fmt.day(h.budgetStart),
      fmt.day(h.budgetEind),
      fmt.hours(Math.max(1, Math.round(weekly * 2) / 2)),
      String(h.geboortejaar),
      keys.address.key(h.address),
      representativeOf(h, keys),
      fmt.day(h.ingeschrevenSinds),
      fmt.day(h.death),
    ]);
  }
  return sink.close();
}

/** The agreed end of a contract: the budget's end or the death, whichever comes first (none = open). */
function contractEnd(plan: Plan): number | null {
  const h = plan.holder;
  const ends = [h.budgetEind, h.death].filter((d): d is number => d !== null);
  return ends.length > 0 ? Math.min(...ends) : null;
}

export function writeContracts(path: string, plans: readonly Plan[], dialect: CsvDialect, fmt: ValueFormatter) {
  const sink = new CsvSink(path, dialect, AGREEMENT_COLUMNS);
  for (const plan of plans) {
    sink.row([
      plan.contractId,
      plan.holder.id,
      plan.provider.id,
      plan.agreement,
      fmt.amount(plan.tarief),
      fmt.hours(Math.round(plan.weeklyHours * 4) / 4),
      fmt.day(plan.start),
      fmt.day(contractEnd(plan)),
    ]);
  }
  return sink.close();
}
