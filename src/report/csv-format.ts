/**
 * A spreadsheet runs a cell that starts with =, +, @, - (or a tab or CR before one) as a formula, so
 * text from the inputs could call out (`=HYPERLINK(...)`) when an analyst opens a CSV output. Such text
 * gets a leading apostrophe (OWASP "CSV injection"); a plain negative number like -500 or -1.234,56
 * stays as it is, being no formula.
 */
export function csvText(value: string): string {
  if (value === '') return value;
  const c = value[0];
  if (c === '=' || c === '+' || c === '@' || c === '\t' || c === '\r') return `'${value}`;
  if (c === '-' && !/^-(?:\d+(?:[.,]\d+)*|[.,]\d+)$/.test(value)) return `'${value}`;
  return value;
}

/**
 * The text csvText was given, read back from a CSV output: the apostrophe it adds is taken off. Text
 * that began with an apostrophe before a formula character already reads as that apostrophe's output;
 * no export names a provider so.
 */
export function csvTextRead(value: string): string {
  return value.length > 1 && value[0] === "'" && csvText(value.slice(1)) === value ? value.slice(1) : value;
}

/**
 * How the CSV outputs are written. rfc4180 (the default, for data teams): `,`, decimal point, UTF-8
 * without BOM, LF. excel-nl (a double-click in Excel with Dutch settings): `;`, decimal comma, UTF-8
 * with BOM (else Excel reads Windows-1252) and CRLF.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-nl'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

const NEEDS_QUOTES: Record<CsvDialect, RegExp> = { rfc4180: /[",\r\n]/, 'excel-nl': /[";\r\n]/ };

/** Quote a field that holds the delimiter, a quote or a line break (RFC 4180's rule). Text is formula-safe. */
export function csvField(value: string | number, dialect: CsvDialect = 'rfc4180'): string {
  const s = typeof value === 'number' ? formatCsvNumber(value, dialect) : csvText(value);
  return NEEDS_QUOTES[dialect].test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** No thousands separator, at most two decimals; the decimal mark of the dialect. */
export function formatCsvNumber(x: number, dialect: CsvDialect = 'rfc4180'): string {
  const s = Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
  return dialect === 'excel-nl' ? s.replace('.', ',') : s;
}

export function csvLine(fields: (string | number)[], dialect: CsvDialect = 'rfc4180'): string {
  if (dialect === 'rfc4180') return fields.map((f) => csvField(f)).join(',') + '\n';
  return fields.map((f) => csvField(f, dialect)).join(';') + '\r\n';
}

/** The first line of a CSV output: excel-nl starts with the UTF-8 byte order mark. */
export function csvHeader(columns: string[], dialect: CsvDialect = 'rfc4180'): string {
  return (dialect === 'excel-nl' ? '\uFEFF' : '') + csvLine(columns, dialect);
}
