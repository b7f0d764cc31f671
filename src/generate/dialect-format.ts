import { formatDay, type DayNumber } from '../model/dates.js';

export type DialectName = 'nl' | 'plain';

export interface CsvDialect {
  name: DialectName;
  delimiter: ';' | ',';
  /** Excel on Windows ends lines with CRLF; the plain dialect uses LF. */
  lineEnd: '\r\n' | '\n';
  encoding: 'windows-1252' | 'utf-8';
}

export const DIALECTS: Record<DialectName, CsvDialect> = {
  nl: { name: 'nl', delimiter: ';', lineEnd: '\r\n', encoding: 'windows-1252' },
  plain: { name: 'plain', delimiter: ',', lineEnd: '\n', encoding: 'utf-8' },
};

function groupThousands(digits: string): string {
  let out = '';
  const lead = digits.length % 3 || 3;
  out = digits.slice(0, lead);
  for (let i = lead; i < digits.length; i += 3) out += '.' + digits.slice(i, i + 3);
  return out;
}

/**
 * Writes values the way each dialect's exporter would. Amounts always carry two decimals,
 * so a Dutch '1.234,56' can never be read as the ambiguous '1.234'.
 */
export class ValueFormatter {
  private readonly nl: boolean;
  private readonly dayCache = new Map<DayNumber, string>();
  private readonly times: string[] = [];

  constructor(readonly dialect: CsvDialect) {
    this.nl = dialect.name === 'nl';
    for (let m = 0; m <= 1440; m++) {
      this.times.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    }
  }

  day(d: DayNumber | null): string {
    if (d === null) return '';
    let s = this.dayCache.get(d);
    if (s === undefined) {
      const iso = formatDay(d);
      s = this.nl ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : iso;
      this.dayCache.set(d, s);
    }
    return s;
  }

  /** A date and a time to the minute, as exports write a submission moment ('31-01-2025 14:05'). */
  dateTime(d: DayNumber, minute: number): string {
    return `${this.day(d)} ${this.times[minute]}`;
  }

  /** Euros with exactly two decimals ('1.234,56' or '1234.56'). */
  amount(x: number): string {
    const cents = Math.round(x * 100);
    const abs = Math.abs(cents);
    const whole = String(Math.floor(abs / 100));
    const frac = String(abs % 100).padStart(2, '0');
    const sign = cents < 0 ? '-' : '';
    return this.nl ? `${sign}${groupThousands(whole)},${frac}` : `${sign}${whole}.${frac}`;
  }

  /** Hours with at most two decimals, trailing zeros dropped ('7,5', '8', '2,25'). */
  hours(x: number): string {
    const cents = Math.round(x * 100);
    const whole = String(Math.floor(cents / 100));
    const rest = cents % 100;
    if (rest === 0) return this.nl ? groupThousands(whole) : whole;
    const frac = rest % 10 === 0 ? String(rest / 10) : String(rest).padStart(2, '0');
    return this.nl ? `${groupThousands(whole)},${frac}` : `${whole}.${frac}`;
  }

  /** 'HH:MM' for a minute of the day, 0..1440. */
  time(minute: number): string {
    return this.times[minute];
  }

  bool(b: boolean | null): string {
    if (b === null) return '';
    return this.nl ? (b ? 'ja' : 'nee') : b ? 'true' : 'false';
  }
}
