import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ERROR_CODES } from '../../src/errors.js';
import { RUN_FILES } from '../../src/output/run-folder.js';
import { runCli, tempDir } from './cli.js';
import { countRecords } from './record-count.js';
import { htmlViolations } from './html-check.js';

// Every file of a complete run: a new output is covered by the invariants (present, escaped, deterministic) at once.
export const OUTPUT_FILES: readonly string[] = RUN_FILES;

export interface ScanOutcome {
  code: number | null;
  /** The exception main threw, if it did: a crash. */
  crash: string | null;
  stdout: string;
  stderr: string;
  inputs: Record<string, Buffer>;
  outputs: Record<string, Buffer>;
}

/** The scan's own flags for the fuzzers: every row counted, no stop on the reject rate. */
export function scanArgs(failOn: boolean): string[] {
  return ['--log-level', 'warn', '--max-reject-rate', '1', ...(failOn ? ['--fail-on', 'laag'] : [])];
}

/**
 * Writes the inputs into a fresh folder, scans them in-process into a fresh --out folder (or `out`,
 * to run twice into the same place) and reads back every output.
 */
export async function scanFiles(inputs: Record<string, Buffer>, args: string[], where?: { dir: string; out: string }): Promise<ScanOutcome> {
  const dir = where?.dir ?? tempDir('pgb-fuzz-in-');
  const out = where?.out ?? join(dir, 'uit');
  if (!where) for (const [name, bytes] of Object.entries(inputs)) writeFileSync(join(dir, name), bytes);
  let code: number | null = null;
  let crash: string | null = null;
  let stdout = '';
  let stderr = '';
  try {
    const r = await runCli(['scan', dir, '--out', out, ...args]);
    ({ code, stdout, stderr } = r);
    // main reports a bug as one INTERNAL record (exit 2) instead of throwing: still a crash here.
    const internal = jsonLines(stderr).find((l) => l !== null && l.level >= 50 && l.code === 'INTERNAL');
    if (internal) crash = String(internal.stack ?? internal.msg);
  } catch (e) {
    crash = (e as Error)?.stack ?? String(e);
  }
  const outputs: Record<string, Buffer> = {};
  if (existsSync(out)) for (const f of readdirSync(out)) if (!f.startsWith('.')) outputs[f] = readFileSync(join(out, f));
  if (!where) rmSync(dir, { recursive: true, force: true });
  return { code, crash, stdout, stderr, inputs, outputs };
}

/** Prepares a folder for scanFiles(..., where) so that two runs see the same paths. */
export function fixedPlace(inputs: Record<string, Buffer>): { dir: string; out: string } {
  const dir = tempDir('pgb-fuzz-twice-');
  for (const [name, bytes] of Object.entries(inputs)) writeFileSync(join(dir, name), bytes);
  const out = join(dir, 'uit');
  mkdirSync(out);
  return { dir, out };
}

// ---- invariants -----------------------------------------------------------------------------

const STACK = /^\s+at \S.*(:\d+:\d+\)?|<anonymous>|native)$/m;
const JS_ERROR = /\b(TypeError|RangeError|ReferenceError|SyntaxError|AggregateError)\b/;

/** OWASP CSV injection: a field a spreadsheet would run as a formula. */
export function isFormulaLike(field: string): boolean {
  if (/^[=+@\t\r]/.test(field)) return true;
  return /^-./s.test(field) && !/^-(\d+([.,]\d+)*|[.,]\d+)$/.test(field);
}

function csvViolations(name: string, bytes: Buffer): string[] {
  let rows: string[][];
  try {
    rows = parse(bytes, { relax_column_count: false });
  } catch (e) {
    return [`${name}: not valid CSV (${(e as Error).message})`];
  }
  const out: string[] = [];
  rows.forEach((r, i) =>
    r.forEach((f, j) => {
      if (isFormulaLike(f)) out.push(`${name} record ${i + 1} field ${j + 1} is formula-like: ${JSON.stringify(f.slice(0, 80))}`);
    }),
  );
  return out;
}

const unescapedPipes = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

export function markdownViolations(md: string): string[] {
  const out: string[] = [];
  for (const bad of ['<script', '<img'])
    if (md.toLowerCase().includes(bad)) out.push(`report.md contains ${bad}`);
  // An escaped bracket (`\](javascript:`) is literal text in Markdown, not a link.
  if (/(?<!\\)\]\(javascript:/i.test(md)) out.push('report.md contains a link ](javascript:');
  const lines = md.split('\n');
  lines.forEach((l, i) => {
    if (/(?<!\\)</.test(l)) out.push(`report.md line ${i + 1} has a raw '<': ${JSON.stringify(l.slice(0, 120))}`);
  });
  // A table is a run of lines starting with '|'; every row keeps the header's column count.
  let header = -1;
  lines.forEach((l, i) => {
    if (!l.startsWith('|')) return void (header = -1);
    if (header === -1) header = unescapedPipes(l);
    else if (unescapedPipes(l) !== header)
      out.push(`report.md line ${i + 1}: table row has ${unescapedPipes(l) - 1} columns, header ${header - 1}: ${JSON.stringify(l.slice(0, 120))}`);
  });
  return out;
}

interface ManifestInput {
  kind: string;
  display: string;
  name: string;
  dialect: { delimiter: string; sepLine: boolean };
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsUnmatched: number;
  repeatedHeaders: { count: number };
}

/** Every invariant of issue 6, item 9, for one scan. An empty list: all hold. */
export function violations(o: ScanOutcome): string[] {
  if (o.crash !== null) return [`crash: ${o.crash}`];
  const out: string[] = [];
  if (o.code !== 0 && o.code !== 1 && o.code !== 2) out.push(`exit code ${o.code}`);
  if (STACK.test(o.stderr) || JS_ERROR.test(o.stderr)) out.push(`stack trace on stderr: ${o.stderr.slice(0, 600)}`);
  // Not a terminal: every stderr line is JSON, and exit 2 carries exactly one failure record with a code.
  const records = jsonLines(o.stderr);
  const notJson = o.stderr.split('\n').filter((l) => l !== '').find((_l, i) => records[i] === null);
  if (notJson !== undefined) out.push(`stderr line that is not JSON: ${notJson.slice(0, 300)}`);
  if (o.code === 2) {
    const failures = records.filter((r) => r !== null && r.level >= 50);
    if (failures.length !== 1) out.push(`exit 2 with ${failures.length} failure records on stderr: ${o.stderr.slice(0, 300)}`);
    else if (!(ERROR_CODES as readonly string[]).includes(String(failures[0]!.code)))
      out.push(`exit 2 with code ${String(failures[0]!.code)}, not an error code: ${o.stderr.slice(0, 300)}`);
    return out;
  }
  for (const f of OUTPUT_FILES) if (!(f in o.outputs)) out.push(`exit ${o.code} but no ${f}`);
  if (out.length > 0) return out;

  const manifest = JSON.parse(o.outputs['manifest.json'].toString()) as { inputs: ManifestInput[] };
  const rejects = parse(o.outputs['rejects.csv'], { columns: true }) as { file: string; line: string }[];
  for (const i of manifest.inputs) {
    const name = Object.keys(o.inputs).find((n) => i.name.endsWith(n));
    if (name === undefined) {
      out.push(`manifest input ${i.name} is not among the inputs`);
      continue;
    }
    // Rows about holders outside the export (absences, agreements) are counted apart, neither linked nor rejected.
    if (i.rowsRead !== i.rowsAccepted + i.rowsRejected + i.rowsUnmatched)
      out.push(`${name}: rows read ${i.rowsRead} != accepted ${i.rowsAccepted} + rejected ${i.rowsRejected} + unmatched ${i.rowsUnmatched}`);
    // A sep= line is no record, and a repeated header is skipped, not read: the independent count has both as rows.
    const counted = countRecords(o.inputs[name], i.dialect.delimiter) - (i.dialect.sepLine ? 1 : 0);
    if (i.rowsRead + i.repeatedHeaders.count !== counted)
      out.push(`${name}: rows read ${i.rowsRead} + repeated headers ${i.repeatedHeaders.count} != independent record count ${counted}`);
    const lines = new Set(rejects.filter((r) => r.file === i.display).map((r) => r.line));
    if (lines.size !== i.rowsRejected) out.push(`${name}: rejects.csv lists ${lines.size} rows, the manifest ${i.rowsRejected} rejected`);
  }
  for (const f of OUTPUT_FILES.filter((n) => n.endsWith('.csv'))) out.push(...csvViolations(f, o.outputs[f]));
  out.push(...markdownViolations(o.outputs['report.md'].toString()));
  out.push(...htmlViolations(o.outputs['report.html'].toString()).map((v) => `report.html: ${v}`));
  return out;
}

/** Throws with every violated invariant, so fast-check shows them with the shrunk case. */
export function assertInvariants(o: ScanOutcome): void {
  const v = violations(o);
  if (v.length > 0) throw new Error(`invariants violated (exit ${o.code}):\n  ${v.join('\n  ')}`);
}

/** Rows read, accepted and rejected per input file, from the manifest. */
export function rowCounts(o: ScanOutcome): Record<string, { read: number; accepted: number; rejected: number }> {
  const manifest = JSON.parse(o.outputs['manifest.json'].toString()) as { inputs: ManifestInput[] };
  return Object.fromEntries(manifest.inputs.map((i) => [i.display, { read: i.rowsRead, accepted: i.rowsAccepted, rejected: i.rowsRejected }]));
}

const baseRuns = new Map<string, Promise<ScanOutcome>>();

/** The scan of an unmutated base (cached): what a harmless mutation must reproduce. */
export function baseOutcome(inputs: Record<string, Buffer>, key: string, args: string[]): Promise<ScanOutcome> {
  const k = `${key} ${args.join(' ')}`;
  let run = baseRuns.get(k);
  if (run === undefined) {
    run = scanFiles(inputs, args);
    baseRuns.set(k, run);
  }
  return run;
}

/** Outputs that must not change when only the line endings do. */
export const CONTENT_OUTPUTS = ['providers.csv', 'budgethouders.csv', 'signals.ndjson', 'rejects.csv'];

/** Throws naming the first output that differs from the expected run (or the exit codes). */
export function assertSameOutputs(actual: ScanOutcome, expected: ScanOutcome, files: string[]): void {
  if (actual.code !== expected.code)
    throw new Error(`exit ${actual.code}, expected ${expected.code}; stderr: ${actual.stderr.slice(0, 400)}`);
  for (const f of files) {
    const a = actual.outputs[f]?.toString();
    const e = expected.outputs[f]?.toString();
    if (a === e) continue;
    const al = (a ?? '').split('\n');
    const el = (e ?? '').split('\n');
    const i = al.findIndex((l, j) => l !== el[j]);
    throw new Error(`${f} differs at line ${i + 1}:\n  got      ${JSON.stringify(al[i]?.slice(0, 200))}\n  expected ${JSON.stringify(el[i]?.slice(0, 200))}`);
  }
}

/** Each non-empty stderr line parsed, or null where a line is not a JSON object. */
function jsonLines(stderr: string): ({ level: number; code?: unknown; msg?: unknown; stack?: unknown } | null)[] {
  return stderr
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      try {
        const r: unknown = JSON.parse(l);
        return r !== null && typeof r === 'object' && typeof (r as { level?: unknown }).level === 'number' ? (r as { level: number }) : null;
      } catch {
        return null;
      }
    });
}
