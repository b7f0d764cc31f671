/** Why a row was rejected; the codes are stable (rejects.csv, manifests and tests rely on them). */
export const REJECT_CODES = {
  FIELD_COUNT: 'The row has more or fewer fields than the header.',
  INVALID_ENCODING: 'The row holds bytes that are not valid UTF-8 in a UTF-8 file (shown as \\xHH).',
  REQUIRED_MISSING: 'A required value is empty.',
  INVALID_NUMBER: "A number or amount is not written in the file's decimal mode.",
  AMBIGUOUS_NUMBER: "A value like '1.234' could be 1234 or 1.234 and the file's decimal mark is not certain.",
  NEGATIVE_VALUE: 'A value that cannot be negative is below zero.',
  INVALID_DATE: 'A date is not YYYY-MM-DD, DD-MM-YYYY or D-M-YYYY, or is no calendar day.',
  INVALID_DATETIME: 'A date-time is not a date optionally followed by HH:MM[:SS].',
  INVALID_TIME: 'A time of day is not HH:MM between 00:00 and 24:00.',
  INVALID_ENUM: 'A value is not one of the allowed values of its column.',
  INVALID_BOOLEAN: 'A yes/no value is not ja/nee, j/n, true/false or 1/0.',
  INVALID_CODE: 'A gemeente code, KvK number or AGB code has the wrong form.',
  INVALID_YEAR: 'A year is not four digits within the plausible range.',
  MISSING_CARE_DATE: 'A declaration has neither a zorgdatum nor both periode_start and periode_eind.',
  PERIOD_ORDER: 'A period ends before it starts.',
  TIME_WITHOUT_CARE_DATE: 'A begintijd or eindtijd is given on a declaration without a zorgdatum.',
  DATE_IMPLAUSIBLE: 'A care date or period lies before plausibility.minCareDate or more than plausibility.maxDaysAfterAsOf days after the as-of date.',
  AMOUNT_IMPLAUSIBLE: 'A bedrag or tarief is larger than any real declaration carries (plausibility.maxAmount, plausibility.maxTariff).',
  HOURS_IMPLAUSIBLE: 'A declaration row carries more hours than plausibility.maxHours (744, a whole month).',
  UNKNOWN_HOLDER: 'The budgethouder_id is not among the accepted budget holders.',
  UNKNOWN_PROVIDER: 'The zorgverlener_id is not among the accepted providers.',
  ID_CONTROL_CHARACTER: 'An id or key holds a control character (such as NUL, DEL or a line break inside it).',
  DUPLICATE_ID: 'The id already occurred on an accepted row of the same file; the first row is kept.',
} as const;

export type RejectCode = keyof typeof REJECT_CODES;

/** One problem with one value of a row (or with the whole row, column ''). */
export interface RowProblem {
  column: string;
  code: RejectCode;
  message: string;
  /** The raw value to show, when it is not the column's (a field outside the input's columns). */
  value?: string;
}

export type ProblemSink = (problem: RowProblem) => void;
