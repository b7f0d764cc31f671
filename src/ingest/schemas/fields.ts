import { z } from 'zod';
import { formatDay } from '../../model/dates.js';
import type { RejectCode } from '../reject-codes.js';
import { controlCharacterName, hasControlCharacter } from '../values/id.js';
import { BAD_DAY, BAD_TIME, parseTimeOfDay, type DateReader, type DayTime } from '../values/date.js';
import { isAmbiguousDecimal, parseDecimal, type DecimalMode } from '../values/number.js';
import {
  enumMatcher,
  isEightDigits,
  lostLeadingZeros,
  MAX_BIRTH_YEAR,
  MIN_BIRTH_YEAR,
  parseBoolean,
  parseGemeenteCode,
  parseYear,
} from '../values/text.js';

/** A value that failed: the reject code and the message naming column, raw value and expectation. */
export class ValueProblem {
  constructor(
    readonly code: RejectCode,
    readonly message: string,
  ) {}
}

export function problem(code: RejectCode, column: string, raw: string, expected: string, note?: string): ValueProblem {
  return new ValueProblem(code, `${column}: expected ${expected}, got '${raw}'${note ? ` (${note})` : ''}`);
}

/** Zod issues carry the reject code in params, so rejects keep stable codes, not zod's. */
export function addProblem(ctx: z.RefinementCtx, column: string, p: ValueProblem): void {
  ctx.addIssue({ code: 'custom', path: [column], message: p.message, params: { reject: p.code } });
}

/** A period that ends before it starts; both days are quoted as ISO dates. */
export function periodOrderProblem(endColumn: string, end: number, startColumn: string, start: number): ValueProblem {
  return new ValueProblem('PERIOD_ORDER', `${endColumn}: ${formatDay(end)} is before ${startColumn} ${formatDay(start)}; a period cannot end before it starts`);
}

/** A parser of one column's non-empty, trimmed value. */
export type Parse<T> = (raw: string) => T | ValueProblem;

const DATE_EXAMPLE = 'a date like 2024-03-31 or 31-03-2024';

/**
 * The field parsers of one file, in the file's decimal mode: each takes a non-empty trimmed value
 * and gives its typed value or the problem. The row schema (row-schema.ts) wraps them in zod, the
 * keyed inputs' fast path (readers/keyed-fast-path.ts) calls them directly: one parser, two callers.
 */
export class FieldKit {
  constructor(
    readonly decimal: DecimalMode,
    readonly dates: DateReader,
  ) {}

  /**
   * A column of raw (trimmed) text. Empty is null, or REQUIRED_MISSING when the column is
   * required; zod only sequences the hand parser and collects its problems.
   */
  field<T>(column: string, required: boolean, parse: Parse<T>) {
    return z.string().transform((raw, ctx): T | null => {
      if (raw === '') {
        if (!required) return null;
        addProblem(ctx, column, new ValueProblem('REQUIRED_MISSING', `${column}: a value is required, got an empty field`));
        return z.NEVER;
      }
      const v = parse(raw);
      if (v instanceof ValueProblem) {
        addProblem(ctx, column, v);
        return z.NEVER;
      }
      return v;
    });
  }

  text(): Parse<string> {
    return (raw) => raw;
  }

  /** An id or key, already normalised by rowObject (values/id.ts); a control character in it is refused. */
  id(column: string): Parse<string> {
    return (id) =>
      hasControlCharacter(id)
        ? new ValueProblem('ID_CONTROL_CHARACTER', `${column}: an id may not hold control characters, got ${controlCharacterName(id)} in '${printable(id)}'`)
        : id;
  }

  /** A decimal; `amount` words the expectation in euros. Negative only where `negative` allows. */
  number(column: string, opts: { amount?: boolean; negative?: boolean } = {}): Parse<number> {
    const mode = this.decimal;
    const comma = mode.mark === 'comma';
    const expected = opts.amount
      ? comma
        ? 'an amount with decimal comma like 1.234,56'
        : 'an amount with decimal point like 1234.56'
      : comma
        ? 'a number with decimal comma like 7,5'
        : 'a number with decimal point like 7.5';
    return (raw) => {
      const v = parseDecimal(raw, mode);
      if (!Number.isFinite(v)) {
        if (isAmbiguousDecimal(raw, mode))
          return problem('AMBIGUOUS_NUMBER', column, raw, expected,
            `${raw.replace('.', '')} with a thousands dot, or ${raw} with a decimal point? The decimal mark of the file is not certain; write ${raw},00 or set the decimal mark`);
        return problem('INVALID_NUMBER', column, raw, expected);
      }
      if (v < 0 && !opts.negative) return problem('NEGATIVE_VALUE', column, raw, 'a value of 0 or more');
      return v;
    };
  }

  date(column: string): Parse<number> {
    const dates = this.dates;
    return (raw) => {
      const d = dates.day(raw);
      return d === BAD_DAY ? problem('INVALID_DATE', column, raw, DATE_EXAMPLE, noSuchDay(raw)) : d;
    };
  }

  dateTime(column: string): Parse<DayTime> {
    const dates = this.dates;
    return (raw): DayTime | ValueProblem => {
      const d = dates.dayTime(raw);
      return d === BAD_DAY
        ? problem('INVALID_DATETIME', column, raw, `${DATE_EXAMPLE}, optionally with a time like 2024-03-31 14:30 or 31-03-2024T14:30:00`)
        : { day: d, minute: dates.lastMinute };
    };
  }

  time(column: string): Parse<number> {
    return (raw) => {
      const m = parseTimeOfDay(raw);
      return m === BAD_TIME ? problem('INVALID_TIME', column, raw, 'a time HH:MM between 00:00 and 24:00') : m;
    };
  }

  /** One of `values`, as its index. */
  choice(column: string, values: readonly string[]): Parse<number> {
    const match = enumMatcher(values);
    const allowed = values.filter((v) => v !== '').join(', ');
    return (raw) => {
      const i = match(raw);
      return i < 0 ? problem('INVALID_ENUM', column, raw, `one of ${allowed}`) : i;
    };
  }

  boolean(column: string): Parse<boolean> {
    return (raw) => parseBoolean(raw) ?? problem('INVALID_BOOLEAN', column, raw, 'ja/nee, j/n, true/false or 1/0');
  }

  gemeenteCode(column: string): Parse<string> {
    return (raw) => {
      const code = parseGemeenteCode(raw);
      if (code !== null) return code;
      const note = /^gm\d{1,3}$/i.test(raw) ? 'leading zeros lost?' : /^\d{4}$/.test(raw) ? "the 'GM' prefix is missing" : undefined;
      return problem('INVALID_CODE', column, raw, "'GM' and 4 digits like GM0363", note);
    };
  }

  /** KvK numbers and AGB codes: 8 digits kept as text, so leading zeros survive. */
  eightDigits(column: string): Parse<string> {
    return (raw) =>
      isEightDigits(raw) ? raw : problem('INVALID_CODE', column, raw, '8 digits', lostLeadingZeros(raw, 8) ? `${raw.length} digits: leading zeros lost?` : undefined);
  }

  year(column: string): Parse<number> {
    return (raw) => parseYear(raw) ?? problem('INVALID_YEAR', column, raw, `a year of 4 digits from ${MIN_BIRTH_YEAR} to ${MAX_BIRTH_YEAR}`);
  }
}

/** The id with its control characters shown as \uXXXX, so a message stays one readable line. */
function printable(id: string): string {
  return id.replace(/[\u0000-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Says so when a date has the right shape but names no calendar day (31-02-2024). */
function noSuchDay(raw: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4})$/.test(raw) ? 'no such calendar day' : undefined;
}
