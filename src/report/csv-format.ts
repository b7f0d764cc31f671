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

/** RFC 4180: quote a field that holds the delimiter, a quote or a line break. Text is formula-safe. */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? formatCsvNumber(value) : csvText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Outputs are machine-readable: decimal point, no thousands separator, at most two decimals. */
export function formatCsvNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 100) / 100);
}

export function csvLine(fields: (string | number)[]): string {
  return fields.map(csvField).join(',') + '\n';
}
