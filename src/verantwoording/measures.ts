// The figures of a transparency report, from the runs and the decisions of a period. Pure: no clock, no
// files. Each figure carries what it rests on, so the renderers can suppress it (small-count rule below);
// no id, name or free text of the inputs or the decisions is carried into a figure.
import { median } from 'simple-statistics';
import { TIERS } from '../config/schema.js';
import { BESLUITEN, type Decision } from '../decisions/decision.js';
import { canonicalJson } from '../manifest/canonical-json.js';
import { formatDay, type DayNumber } from '../model/dates.js';
import type { Period } from './period.js';
import type { RunFacts } from './period-runs.js';

/** A count below this is shown as "< 5"; a share or median resting on fewer, as "n < 5". */
export const SMALL = 5;

export type Figure =
  /** A number of providers, signals, decisions, rows or scans. */
  | { kind: 'count'; n: number }
  /** A median of per-scan counts: over `basis` scans; the median itself is a count too. */
  | { kind: 'median-count'; x: number; basis: number }
  /** A share in percent, or a median of days: resting on `basis` (the smaller of its counts). */
  | { kind: 'percent' | 'days'; x: number; basis: number }
  | { kind: 'text'; s: string };

export interface Row {
  section: Section;
  measure: string;
  group: string;
  figure: Figure;
}

export const SECTIONS = ['scans', 'invoer', 'signalen', 'zorgverleners', 'beoordelingen', 'doorlooptijd', 'heropend', 'indicatoren'] as const;
export type Section = (typeof SECTIONS)[number];

export const ALL = 'alle';
/** The group of a decision about a whole provider whose indicators at the decision are not recorded. */
export const WHOLE_PROVIDER = 'hele zorgverlener';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const count = (n: number): Figure => ({ kind: 'count', n });
const medianCount = (xs: number[]): Figure => ({ kind: 'median-count', x: xs.length === 0 ? 0 : median(xs), basis: xs.length });

function distinctSorted<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)].sort((a, b) => byText(String(a), String(b)));
}

function scans(runs: RunFacts[]): Row[] {
  const row = (measure: string, figure: Figure): Row => ({ section: 'scans', measure, group: ALL, figure });
  return [
    row('scans in de periode', count(runs.length)),
    row('eerste peildatum', { kind: 'text', s: formatDay(runs[0].asOf) }),
    row('laatste peildatum', { kind: 'text', s: formatDay(runs[runs.length - 1].asOf) }),
    row('versies van pgb-scan', { kind: 'text', s: distinctSorted(runs.map((r) => r.toolVersion)).join(', ') }),
    row('verschillende instellingen (configSha256)', { kind: 'text', s: String(new Set(runs.map((r) => r.configSha256)).size) }),
  ];
}

function inputs(runs: RunFacts[]): Row[] {
  const rows: Row[] = [];
  for (const kind of distinctSorted(runs.flatMap((r) => r.inputs.map((i) => i.kind)))) {
    const seen = runs.flatMap((r) => r.inputs.filter((i) => i.kind === kind));
    const row = (measure: string, figure: Figure) => rows.push({ section: 'invoer', measure, group: kind, figure });
    row('scans met dit bestand', count(seen.length));
    row('regels gelezen, mediaan per scan', medianCount(seen.map((i) => i.rowsRead)));
    const rejected = seen.reduce((a, i) => a + i.rowsRejected, 0);
    row('regels afgewezen, totaal', count(rejected));
    const shares = seen.map((i) => (i.rowsRead === 0 ? 0 : (100 * i.rowsRejected) / i.rowsRead));
    // A share rests on the scans and on the rejected rows: a few rejected rows would show through it.
    row('aandeel afgewezen (%), mediaan per scan', { kind: 'percent', x: shares.length === 0 ? 0 : median(shares), basis: Math.min(seen.length, rejected) });
    const worst = seen.reduce<(typeof seen)[number] | null>((w, i, at) => (w === null || shares[at] > shares[seen.indexOf(w)] ? i : w), null);
    if (worst !== null) row('aandeel afgewezen (%), hoogste scan', { kind: 'percent', x: shares[seen.indexOf(worst)], basis: Math.min(worst.rowsRejected, worst.rowsRead) });
  }
  return rows;
}

function signals(runs: RunFacts[]): Row[] {
  const rows: Row[] = [];
  // Every indicator the scans knew, so that one without a signal is there too (as "< 5").
  const indicators = distinctSorted(runs.flatMap((r) => [...r.indicators.map((i) => i.id), ...r.signals.map((s) => s.indicator)]));
  for (const group of [ALL, ...indicators]) {
    const of = (r: RunFacts) => r.signals.filter((s) => group === ALL || s.indicator === group);
    rows.push({ section: 'signalen', measure: 'signalen per scan, mediaan', group, figure: medianCount(runs.map((r) => of(r).length)) });
    rows.push({ section: 'signalen', measure: 'verschillende signalen (sleutels) in de periode', group, figure: count(new Set(runs.flatMap((r) => of(r).map((s) => s.key))).size) });
  }
  return rows;
}

function providers(runs: RunFacts[]): Row[] {
  const highest = new Map<string, number>();
  for (const r of runs)
    for (const p of r.providers) {
      const rank = TIERS.indexOf(p.tier as (typeof TIERS)[number]);
      if (rank >= 0 && rank < (highest.get(p.id) ?? Infinity)) highest.set(p.id, rank);
    }
  const withSignal = new Set(runs.flatMap((r) => r.signals.map((s) => s.provider).filter((p): p is string => p !== null)));
  const rows: Row[] = [{ section: 'zorgverleners', measure: 'verschillende zorgverleners met een signaal', group: ALL, figure: count(withSignal.size) }];
  TIERS.forEach((tier, rank) => {
    rows.push({ section: 'zorgverleners', measure: 'verschillende zorgverleners, hoogste tier in de periode', group: tier, figure: count([...highest.values()].filter((x) => x === rank).length) });
    rows.push({ section: 'zorgverleners', measure: 'zorgverleners per scan, mediaan', group: tier, figure: medianCount(runs.map((r) => r.providers.filter((p) => p.tier === tier).length)) });
  });
  return rows;
}

/** The indicators a decision is counted under, as report.md counts them: its own, or those it recorded. */
function decisionGroups(d: Decision): string[] {
  if (d.indicator !== null) return [d.indicator];
  return d.indicatorenBijBesluit !== null && d.indicatorenBijBesluit.length > 0 ? d.indicatorenBijBesluit : [WHOLE_PROVIDER];
}

function decisions(taken: Decision[]): Row[] {
  const rows: Row[] = [];
  const groups = [ALL, ...distinctSorted(taken.flatMap(decisionGroups))];
  for (const group of groups) {
    const of = taken.filter((d) => group === ALL || decisionGroups(d).includes(group));
    const by = Object.fromEntries(BESLUITEN.map((b) => [b, of.filter((d) => d.besluit === b).length]));
    rows.push({ section: 'beoordelingen', measure: 'besluiten', group, figure: count(of.length) });
    for (const b of BESLUITEN) rows.push({ section: 'beoordelingen', measure: `besluit ${b}`, group, figure: count(by[b]) });
    const judged = by.gemeld + by['geen-aanleiding'];
    rows.push({
      section: 'beoordelingen',
      measure: 'aandeel gemeld (%) van gemeld en geen-aanleiding',
      group,
      figure: { kind: 'percent', x: judged === 0 ? 0 : (100 * by.gemeld) / judged, basis: Math.min(by.gemeld, by['geen-aanleiding']) },
    });
  }
  return rows;
}

/**
 * Days from first signal to decision. The first signal of a decision is the earliest as-of date of a
 * run (in the period or before it) holding a signal of its provider and indicator (any indicator, for a
 * decision about the whole provider). A decision taken before any such run is counted apart.
 */
function leadTimes(runs: RunFacts[], taken: Decision[]): Row[] {
  const first = new Map<string, DayNumber>();
  const note = (k: string, day: DayNumber) => {
    if (!first.has(k)) first.set(k, day);
  };
  for (const r of runs)
    for (const s of r.signals) {
      if (s.provider === null) continue;
      note(`${s.provider}\u0000${s.indicator}`, r.asOf);
      note(s.provider, r.asOf);
    }
  const days: number[] = [];
  let without = 0;
  for (const d of taken) {
    const start = first.get(d.indicator === null ? d.providerId : `${d.providerId}\u0000${d.indicator}`);
    if (start === undefined || start > d.beoordeeldOp) without++;
    else days.push(d.beoordeeldOp - start);
  }
  return [
    { section: 'doorlooptijd', measure: 'dagen van eerste signaal tot besluit, mediaan', group: ALL, figure: { kind: 'days', x: days.length === 0 ? 0 : median(days), basis: days.length } },
    { section: 'doorlooptijd', measure: 'besluiten met een eerder signaal', group: ALL, figure: count(days.length) },
    { section: 'doorlooptijd', measure: 'besluiten zonder eerder signaal in de scans', group: ALL, figure: count(without) },
  ];
}

function reopened(runs: RunFacts[]): Row[] {
  const rows: Row[] = [];
  const reopenedIn = (r: RunFacts) => r.signals.filter((s) => s.reopenReasons !== null);
  const all = runs.flatMap(reopenedIn);
  const distinct = (xs: typeof all) => count(new Set(xs.map((s) => s.key)).size);
  rows.push({ section: 'heropend', measure: 'verschillende signalen heropend in de periode', group: ALL, figure: distinct(all) });
  rows.push({ section: 'heropend', measure: 'signalen heropend per scan, mediaan', group: ALL, figure: medianCount(runs.map((r) => reopenedIn(r).length)) });
  for (const reason of ['verlopen', 'nieuwe-indicator', 'hogere-tier'])
    rows.push({ section: 'heropend', measure: `heropend omdat: ${reason}`, group: ALL, figure: distinct(all.filter((s) => s.reopenReasons!.includes(reason))) });
  for (const indicator of distinctSorted(all.map((s) => s.indicator)))
    rows.push({ section: 'heropend', measure: 'verschillende signalen heropend in de periode', group: indicator, figure: distinct(all.filter((s) => s.indicator === indicator)) });
  return rows;
}

/** An indicator's settings as path -> value: `enabled`, `weight`, `params.minHolders`, ... */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, out);
  } else out.set(path, canonicalJson(value));
}

/** What changed in the indicators from one scan to the next: versions, and settings (enabled, weight, params). */
function indicatorChanges(runs: RunFacts[]): Row[] {
  const rows: Row[] = [];
  const ids = distinctSorted(runs.flatMap((r) => r.indicators.map((i) => i.id)));
  for (const id of ids) {
    const versions = distinctSorted(runs.flatMap((r) => r.indicators.filter((i) => i.id === id).map((i) => i.version)));
    rows.push({ section: 'indicatoren', measure: 'versies', group: id, figure: { kind: 'text', s: versions.join(', ') } });
  }
  for (let i = 1; i < runs.length; i++) {
    const before = runs[i - 1];
    const after = runs[i];
    const on = `vanaf peildatum ${formatDay(after.asOf)}`;
    for (const id of ids) {
      const v0 = before.indicators.find((x) => x.id === id)?.version;
      const v1 = after.indicators.find((x) => x.id === id)?.version;
      if (v0 !== v1) rows.push({ section: 'indicatoren', measure: 'versie gewijzigd', group: id, figure: { kind: 'text', s: `${v0 ?? '-'} → ${v1 ?? '-'}, ${on}` } });
      const s0 = new Map<string, string>();
      const s1 = new Map<string, string>();
      flatten(before.indicatorConfig[id] ?? null, '', s0);
      flatten(after.indicatorConfig[id] ?? null, '', s1);
      for (const path of distinctSorted([...s0.keys(), ...s1.keys()])) {
        const a = s0.get(path) ?? '-';
        const b = s1.get(path) ?? '-';
        if (a !== b) rows.push({ section: 'indicatoren', measure: 'instelling gewijzigd', group: `${id} ${path}`, figure: { kind: 'text', s: `${a} → ${b}, ${on}` } });
      }
    }
  }
  return rows;
}

/**
 * Every figure of the report. `runs` are the checked runs up to the period's end in as-of order (the
 * earlier ones only date first signals); decisions count when taken (beoordeeld_op) within the period.
 */
export function measure(allRuns: RunFacts[], allDecisions: Decision[], period: Period): Row[] {
  const runs = allRuns.filter((r) => r.asOf >= period.van && r.asOf <= period.tot);
  const taken = allDecisions.filter((d) => d.beoordeeldOp >= period.van && d.beoordeeldOp <= period.tot);
  return [
    ...scans(runs),
    ...inputs(runs),
    ...signals(runs),
    ...providers(runs),
    ...decisions(taken),
    ...leadTimes(allRuns, taken),
    ...reopened(runs),
    ...indicatorChanges(runs),
  ];
}
