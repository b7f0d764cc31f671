import type { ErrorCode } from '../errors.js';

/** What verify checked about one file or one property of a run, and how it came out. */
export interface Verdict {
  check: 'output' | 'folder' | 'config' | 'logboek' | 'input' | 'previous' | 'tool' | 'replay';
  file: string;
  status: 'ok' | 'differs' | 'missing' | 'unlisted' | 'not-covered' | 'skipped' | 'warning' | 'refused';
  detail: string;
  /** For a refused check: the error code the command ends with (exit 2). */
  code?: ErrorCode;
}

/** A difference: the run is not what its manifest (or the logboek, or a replay) says. */
const DIFFERENCE = new Set<Verdict['status']>(['differs', 'missing', 'unlisted']);

export type Outcome = 'verified' | 'differences' | 'unusable';

export function outcomeOf(verdicts: Verdict[]): Outcome {
  if (verdicts.some((v) => v.status === 'refused')) return 'unusable';
  if (verdicts.some((v) => DIFFERENCE.has(v.status))) return 'differences';
  return 'verified';
}

export const EXIT_OF: Record<Outcome, number> = { verified: 0, differences: 1, unusable: 2 };

export function formatJsonLines(verdicts: Verdict[], outcome: Outcome): string {
  return verdicts.map((v) => JSON.stringify(v) + '\n').join('') + JSON.stringify({ outcome }) + '\n';
}

export function formatTable(verdicts: Verdict[], outcome: Outcome): string {
  const rows = [['check', 'file', 'status', 'detail'], ...verdicts.map((v) => [v.check, v.file, v.status, v.detail])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => [0, 1, 2].map((c) => r[c].padEnd(widths[c])).join('  ') + '  ' + r[3]);
  const said = { verified: 'geverifieerd', differences: 'VERSCHILLEN gevonden', unusable: 'niet te controleren' }[outcome];
  return lines.map((l) => l.trimEnd()).join('\n') + `\n\nUitkomst: ${said} (${outcome}).\n`;
}
