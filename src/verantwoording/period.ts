// The period a transparency report covers: a quarter, month or year by name (--periode), or two days
// (--van, --tot). Both ends are included: a run with as-of date 2026-03-31 belongs to 2026-Q1.
import { AppError } from '../errors.js';
import { dayFromParts, formatDay, parseIsoDay, type DayNumber } from '../model/dates.js';

export interface Period {
  van: DayNumber;
  tot: DayNumber;
  /** As the report names it: `2026-Q1`, or `2026-01-01 t/m 2026-03-31`. */
  label: string;
}

const usage = (message: string) => new AppError('USAGE', message);

/** The last day of a month: the day before the first of the next. */
function lastDay(year: number, month: number): DayNumber {
  return month === 12 ? dayFromParts(year, 12, 31)! : dayFromParts(year, month + 1, 1)! - 1;
}

function named(text: string): Period | null {
  let m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { van: dayFromParts(year, q * 3 - 2, 1)!, tot: lastDay(year, q * 3), label: `${year}-Q${q}` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && dayFromParts(Number(m[1]), Number(m[2]), 1) !== null) {
    return { van: dayFromParts(Number(m[1]), Number(m[2]), 1)!, tot: lastDay(Number(m[1]), Number(m[2])), label: text };
  }
  m = /^(\d{4})$/.exec(text);
  if (m && dayFromParts(Number(m[1]), 1, 1) !== null) return { van: dayFromParts(Number(m[1]), 1, 1)!, tot: dayFromParts(Number(m[1]), 12, 31)!, label: text };
  return null;
}

/** --periode, or --van and --tot together; anything else is a USAGE error saying what is expected. */
export function parsePeriod(flags: { periode?: string; van?: string; tot?: string }): Period {
  if (flags.periode !== undefined) {
    if (flags.van !== undefined || flags.tot !== undefined) throw usage('Give --periode or --van and --tot, not both.');
    const p = named(flags.periode.trim());
    if (p === null) throw usage(`--periode: expected a quarter (2026-Q1), a month (2026-03) or a year (2026), got '${flags.periode}'.`);
    return p;
  }
  if (flags.van === undefined || flags.tot === undefined) throw usage('verantwoording needs the period: --periode 2026-Q1, or --van YYYY-MM-DD and --tot YYYY-MM-DD.');
  const van = parseIsoDay(flags.van);
  if (van === null) throw usage(`--van: expected a date YYYY-MM-DD, got '${flags.van}'.`);
  const tot = parseIsoDay(flags.tot);
  if (tot === null) throw usage(`--tot: expected a date YYYY-MM-DD, got '${flags.tot}'.`);
  if (tot < van) throw usage(`--tot ${flags.tot} lies before --van ${flags.van}.`);
  return { van, tot, label: `${formatDay(van)} t/m ${formatDay(tot)}` };
}
