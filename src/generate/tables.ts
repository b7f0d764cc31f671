import type { Calendar } from './calendar.js';
import { INPUT_COLUMNS } from '../ingest/columns.js';
import { CsvSink } from './csv-sink.js';
import type { CsvDialect, ValueFormatter } from './dialect-format.js';
import type { KeyMaker, RepresentativeIds } from './ids.js';
import type { GenHolder, GenRegisterEntry, Plan, World } from './world.js';

// Rows below are written in the order of the input definitions' columns (src/inputs/).
const HOLDER_COLUMNS = INPUT_COLUMNS.budgethouders;
const PROVIDER_COLUMNS = INPUT_COLUMNS.zorgverleners;
const AGREEMENT_COLUMNS = INPUT_COLUMNS.zorgovereenkomsten;

const ABSENCE_COLUMNS = INPUT_COLUMNS.afwezigheden;

const REGISTER_COLUMNS = INPUT_COLUMNS.waarschuwingsregister;

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

/**
 * Weekly hours of care the holder gets, over the span its plans cover: plans side by side add up, a plan
 * followed by another (a holder who moved to a new provider) does not count twice.
 */
function indicatedWeekly(h: GenHolder): number {
  if (h.plans.length === 1) return h.plans[0].weeklyHours;
  const from = Math.min(...h.plans.map((p) => p.start));
  const to = Math.max(...h.plans.map((p) => p.end));
  const span = Math.max(1, to - from + 1);
  return h.plans.reduce((a, p) => a + (p.weeklyHours * Math.max(0, p.end - p.start + 1)) / span, 0);
}

function representativeOf(h: GenHolder, keys: Keys): string {
  if (h.repProvider) return h.repProvider.id;
  return h.rep === null ? '' : keys.rep.id(h.rep);
}

export function writeHolders(path: string, world: World, dialect: CsvDialect, fmt: ValueFormatter, keys: Keys) {
  const sink = new CsvSink(path, dialect, HOLDER_COLUMNS);
  for (const h of byId(world.holders)) {
    const weekly = indicatedWeekly(h) * h.indicatieFactor;
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

/**
 * The weekly hours an agreement states: the plan's hours at the average of its month factors over the days it
 * runs. A plan of a few busy months would otherwise run far above an agreement made on the yearly average.
 */
function agreedWeekly(cal: Calendar, plan: Plan): number {
  if (plan.flat) return plan.weeklyHours;
  let days = 0;
  let weighted = 0;
  for (let m = 0; m < cal.months; m++) {
    const n = Math.min(plan.end, cal.monthEnd[m]) - Math.max(plan.start, cal.monthStart[m]) + 1;
    if (n <= 0) continue;
    days += n;
    weighted += n * plan.factors[m];
  }
  return days === 0 ? plan.weeklyHours : (plan.weeklyHours * weighted) / days;
}

export function writeContracts(path: string, cal: Calendar, plans: readonly Plan[], dialect: CsvDialect, fmt: ValueFormatter) {
  const sink = new CsvSink(path, dialect, AGREEMENT_COLUMNS);
  for (const plan of plans) {
    sink.row([
      plan.contractId,
      plan.holder.id,
      plan.provider.id,
      plan.agreement,
      fmt.amount(plan.tarief),
      fmt.hours(Math.round(agreedWeekly(cal, plan) * plan.contractShare * 4) / 4),
      fmt.day(plan.start),
      fmt.day(contractEnd(plan)),
    ]);
  }
  return sink.close();
}

export function writeAbsences(path: string, world: World, dialect: CsvDialect, fmt: ValueFormatter) {
  const sink = new CsvSink(path, dialect, ABSENCE_COLUMNS);
  const rows = [...world.absences].sort((a, b) => (a.holder.id < b.holder.id ? -1 : a.holder.id > b.holder.id ? 1 : a.van - b.van));
  for (const a of rows) sink.row([a.holder.id, a.soort, fmt.day(a.van), fmt.day(a.tot)]);
  return sink.close();
}

function registerKey(e: GenRegisterEntry, keys: Keys): string {
  const p = e.provider;
  let key: string;
  if (p === null) key = e.value ?? '';
  else if (e.kind === 'kvk_nummer') key = p.kvk ?? '';
  else if (e.kind === 'agb_code') key = p.agb ?? '';
  else if (e.kind === 'iban_sleutel') key = keys.iban.key(p.iban);
  else key = keys.address.key(p.address);
  return e.dropLeadingZeros ? key.replace(/^0+(?=\d)/, '') : key;
}

export function writeRegister(path: string, world: World, dialect: CsvDialect, fmt: ValueFormatter, keys: Keys) {
  const sink = new CsvSink(path, dialect, REGISTER_COLUMNS);
  // By registration date, as a register extract lists its entries; then by key, for a stable order.
  const rows = world.register.map((e) => ({ day: e.registered, cells: [e.kind, registerKey(e, keys), fmt.day(e.registered), fmt.day(e.expires), e.grond] }));
  rows.sort((a, b) => a.day - b.day || (a.cells[1] < b.cells[1] ? -1 : a.cells[1] > b.cells[1] ? 1 : 0));
  for (const r of rows) sink.row(r.cells);
  return sink.close();
}
