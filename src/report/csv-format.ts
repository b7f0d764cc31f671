/** RFC 4180: quote a field that holds the delimiter, a quote or a line break. */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? formatCsvNumber(value) : value;
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
