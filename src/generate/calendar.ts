import { dayFromParts, type DayNumber } from '../model/dates.js';

/** The calendar months a scenario covers, as day numbers. */
export interface Calendar {
  start: DayNumber;
  end: DayNumber;
  months: number;
  monthStart: DayNumber[];
  monthEnd: DayNumber[];
  /** Year of the last covered day: ages are counted from it. */
  endYear: number;
}

export function buildCalendar(startMonth: string, months: number): Calendar {
  const [y, m] = startMonth.split('-').map(Number);
  const monthStart: DayNumber[] = [];
  const monthEnd: DayNumber[] = [];
  for (let i = 0; i <= months; i++) {
    const index = y * 12 + (m - 1) + i;
    const first = dayFromParts(Math.floor(index / 12), (index % 12) + 1, 1);
    if (first === null) throw new Error(`calendar: bad month ${startMonth}+${i}`);
    if (i < months) monthStart.push(first);
    if (i > 0) monthEnd.push(first - 1);
  }
  const endIndex = y * 12 + (m - 1) + months - 1;
  return {
    start: monthStart[0],
    end: monthEnd[months - 1],
    months,
    monthStart,
    monthEnd,
    endYear: Math.floor(endIndex / 12),
  };
}

/** Monday = 0 ... Sunday = 6 (1970-01-01, day 0, was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function monthOfDay(cal: Calendar, day: DayNumber): number {
  for (let m = 0; m < cal.months; m++) if (day <= cal.monthEnd[m]) return m;
  return cal.months - 1;
}
