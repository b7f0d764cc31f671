/**
 * Config, usage and I/O problems are errors with a stable UPPER_SNAKE code and end the
 * run with exit code 2. Problems in single rows are not errors: they are rejects (data).
 */
export const ERROR_CODES = [
  'USAGE',
  'CONFIG_INVALID',
  'CONFIG_UNREADABLE',
  'INPUT_MISSING_FILE',
  'INPUT_UNREADABLE',
  'INPUT_EMPTY',
  'INPUT_MISSING_COLUMN',
  'INPUT_DUPLICATE_COLUMN',
  'INPUT_ENCODING',
  'INPUT_UNCLOSED_QUOTE',
  'FIELD_TOO_LARGE',
  'INPUT_CSV',
  'INPUT_PROTECTED_ATTRIBUTE',
  'INPUT_STDIN_TWICE',
  'REJECT_RATE_EXCEEDED',
  'INDICATOR_NOT_APPLICABLE',
  'AS_OF_UNKNOWN',
  'OUTPUT_UNWRITABLE',
  'OUTPUT_NOT_ALLOWED',
  'OUTPUT_NOT_EMPTY',
  'SCENARIO_INVALID',
  'SCALE_TOO_LARGE',
  'TRUTH_INVALID',
  'RUN_DIR_INVALID',
  'LOGBOEK_INVALID',
  'VERIFY_OTHER_BUILD',
  'PREVIOUS_RUN_INVALID',
  'DECISIONS_INVALID',
  'INPUT_CHANGED',
  'CHROMIUM_MISSING',
  'PDF_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.context = context;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
