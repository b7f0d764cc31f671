// Everything an indicator test needs, from one import: the fixture builder, terse declaration builders, and
// a run that goes through the real runner (id, version, key and sort stamped as in a scan).
import type { IndicatorDefinition } from '../../src/indicators/define.js';
import { runIndicator } from '../../src/indicators/run.js';
import type { Dataset } from '../../src/model/dataset.js';
import { makeDataset, type DeclarationSpec, type FixtureSpec } from './fixture.js';

export { makeDataset };
export type { DeclarationSpec, FixtureSpec, HolderSpec, ProviderSpec } from './fixture.js';

/** The file names a fixture's evidence cites. */
export const H = 'budgethouders.csv';
export const D = 'declaraties.csv';
export const Z = 'zorgverleners.csv';

/** Runs one indicator as a scan would, with its parameters parsed from `overrides` (defaults filled in). */
export function runRule(ind: IndicatorDefinition, data: Dataset | FixtureSpec, overrides: Record<string, unknown> = {}, asOf?: number) {
  const ds = 'declarations' in data && Array.isArray(data.declarations) ? makeDataset(data as FixtureSpec) : (data as Dataset);
  return runIndicator(ind, ds, ind.params.parse(overrides), { asOf: asOf ?? ds.asOf });
}

/** A daily declaration. */
export const daily = (id: string, holder: string, provider: string, zorgdatum: string, bedrag = 100): DeclarationSpec => ({
  id,
  holder,
  provider,
  zorgdatum,
  bedrag,
});

/** A period declaration (periode_start..periode_eind). */
export const period = (id: string, holder: string, provider: string, periodeStart: string, periodeEind: string, bedrag = 1000): DeclarationSpec => ({
  id,
  holder,
  provider,
  periodeStart,
  periodeEind,
  bedrag,
});

let seq = 0;
/** Numbers onDay's ids from D-1 again: test files share this module (vitest isolate: false). */
export function restartOnDayIds(): void {
  seq = 0;
}
/** A daily declaration on 2024-03-01 with a generated id (D-1, D-2, ... in call order since the file's
 *  restartOnDayIds), for tests where only who declared with whom matters. */
export const onDay = (holder: string, provider: string, bedrag: number, uren?: number): DeclarationSpec => ({
  id: `D-${++seq}`,
  holder,
  provider,
  zorgdatum: '2024-03-01',
  uren,
  bedrag,
});

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** One declaration per consecutive month from 'YYYY-MM': on the 15th, or as a whole-month period. */
export function monthly(holder: string, provider: string, amounts: number[], from = '2024-01', asPeriod = false): DeclarationSpec[] {
  let [y, m] = from.split('-').map(Number);
  return amounts.map((bedrag, i) => {
    const ym = `${y}-${pad(m)}`;
    const d: DeclarationSpec = asPeriod
      ? { id: `${holder}-${provider}-${i}`, holder, provider, periodeStart: `${ym}-01`, periodeEind: `${ym}-${lastDay(y, m)}`, bedrag }
      : { id: `${holder}-${provider}-${i}`, holder, provider, zorgdatum: `${ym}-15`, bedrag };
    if (++m > 12) [y, m] = [y + 1, 1];
    return d;
  });
}
