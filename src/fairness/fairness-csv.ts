import { csvLine } from '../report/csv-format.js';
import type { FairnessResult } from './fairness.js';

/** fairness.csv's columns in file order, with what each holds (the README's output table). */
export const FAIRNESS_COLUMN_DOCS = {
  dimension: '`gemeente_code`, `wet`, `voorziening`, `leeftijd` (age band from geboortejaar at the as-of year) for budget holders; `soort` for providers',
  entity: '`budgethouder` (listed = zorgwekkend) or `zorgverlener` (listed = has a signal)',
  available: '`false` when the export lacks the column or it is empty everywhere: then the only row of the dimension, the counts empty',
  group: 'the value (`0-17`, `18-26`, `27-44`, `45-64`, `65+`, `onbekend` for ages); empty on the first row of a dimension, which counts everyone',
  members: 'holders or providers in the group',
  listed: 'of them listed',
  share: 'listed / members, 4 decimals',
  ratio: 'share / the share on the dimension\'s first row (everyone), 2 decimals; empty when nobody is listed',
  review: '`true` when the share is more than twice the overall share with at least 20 members: a reason to review the indicators, not a finding',
};
const COLUMNS = Object.keys(FAIRNESS_COLUMN_DOCS);

/** Half up, as a person rounds (toFixed rounds 0.375 down: its binary value lies just below). */
const fixed = (x: number, digits: number) => (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);
const share = (x: number) => fixed(x, 4);
const ratio = (x: number | null) => (x === null ? '' : fixed(x, 2));

/** fairness.csv: per dimension a row for everyone, then one per group in the dimension's order. */
export function* fairnessCsv(result: FairnessResult): Generator<string> {
  yield csvLine(COLUMNS);
  for (const d of result.dimensions) {
    if (!d.available) {
      yield csvLine([d.id, d.entity, 'false', '', '', '', '', '', '']);
      continue;
    }
    yield csvLine([d.id, d.entity, 'true', '', d.members, d.listed, share(d.share), ratio(d.listed === 0 ? null : 1), 'false']);
    for (const g of d.groups) yield csvLine([d.id, d.entity, 'true', g.group, g.members, g.listed, share(g.share), ratio(g.ratio), String(g.review)]);
  }
}
