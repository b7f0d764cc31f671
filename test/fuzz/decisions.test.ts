// The analysts' decisions file steers the ranking, so its promise is the exports' one: every row is a
// decision, an open template row, or a reason to stop that names file and line; nothing from it reaches an
// output unescaped. Random files mix valid rows with every kind of bad value, in either delimiter and line end.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, smallExport, tempDir } from '../support/cli.js';
import { isFormulaLike, markdownViolations } from '../support/fuzz-check.js';
import { FORMULAS, MARKUP } from '../support/fuzz-mutations.js';
import { FUZZ_TIMEOUT, fuzzParams } from '../support/fuzz-profile.js';
import { htmlViolations } from '../support/html-check.js';

const COLUMNS = ['zorgverlener_id', 'indicator', 'signaal_sleutel', 'besluit', 'toelichting', 'beoordeeld_op', 'beoordeeld_door', 'geldig_tot', 'tier_bij_besluit', 'indicatoren_bij_besluit'];

let exportDir: string;
let keys: string[];
let indicators: string[];

beforeAll(async () => {
  exportDir = smallExport(tempDir('pgb-fuzz-dec-'));
  const out = join(tempDir('pgb-fuzz-dec-'), 'uit');
  expect((await runCli(['scan', exportDir, '--out', out, '--log-level', 'silent'])).code).toBe(0);
  const signals = readFileSync(join(out, 'signals.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { key: string; indicator: string });
  keys = signals.map((s) => s.key);
  indicators = [...new Set(signals.map((s) => s.indicator))];
});

const payload = fc.constantFrom(...FORMULAS, ...MARKUP);
/** A row the scan must take: a decision (about a provider in the export or not) or, rarely, an open row. */
const rowArb = () =>
  fc.record({
    zorgverlener_id: fc.constantFrom('ZV-BUSY', 'ZV-OK', 'ZV-ONBEKEND'),
    indicator: fc.oneof(fc.constant(''), fc.constantFrom(...indicators)),
    signaal_sleutel: fc.constant(''),
    besluit: fc.constantFrom('geen-aanleiding', 'in-onderzoek', 'gemeld', 'afgehandeld', 'Geen aanleiding'),
    toelichting: fc.oneof(fc.constant(''), payload, fc.constantFrom('twee\nregels', 'een "citaat"', 'a;b,c', 'Zorgcoöperatie')),
    beoordeeld_op: fc.constantFrom('2025-03-20', '20-03-2025', '2031-01-01'),
    beoordeeld_door: fc.oneof(fc.constant('AB'), payload),
    geldig_tot: fc.constantFrom('', '2025-12-31', '2026-06-30'),
    tier_bij_besluit: fc.constantFrom('', 'laag', 'hoog'),
    indicatoren_bij_besluit: fc.oneof(fc.constant(''), fc.constantFrom(...indicators)),
  });
/** One bad value in one row: the scan must stop and name that row's line. */
const breakArb = fc.record({
  row: fc.nat(),
  field: fc.constantFrom('zorgverlener_id', 'indicator', 'signaal_sleutel', 'besluit', 'beoordeeld_op', 'beoordeeld_door', 'geldig_tot', 'tier_bij_besluit'),
  value: fc.constantFrom('', 'misschien', '2025-02-30', 'x:y=z', 'geen-indicator', 'zeer hoog', '2024-01-01'),
});

const quote = (v: string, delimiter: string) => (v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The file's bytes and where each data row starts (its physical line). */
function decisionsFile(rows: Record<string, string>[], delimiter: string, eol: string, bom: boolean): { text: string; lines: number[] } {
  const out = [COLUMNS.join(delimiter)];
  const lines: number[] = [];
  let line = 2;
  for (const r of rows) {
    const record = COLUMNS.map((c) => quote(r[c], delimiter)).join(delimiter);
    lines.push(line);
    // CR, LF and CRLF inside a quoted field each end a physical line, as in the exports.
    line += record.split(/\r\n|\r|\n/).length;
    out.push(record);
  }
  return { text: (bom ? '\uFEFF' : '') + out.join(eol) + eol, lines };
}

describe('fuzz: the decisions file', () => {
  test(
    'every row is a decision or an open row, or the scan stops naming the file and a line of it; decision text never reaches an output unescaped',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(rowArb(), { minLength: 1, maxLength: 6 }),
          fc.option(breakArb, { freq: 2 }),
          fc.constantFrom(';', ','),
          fc.constantFrom('\n', '\r\n'),
          fc.boolean(),
          async (rows, broken, delimiter, eol, bom) => {
            if (broken !== null) rows[broken.row % rows.length] = { ...rows[broken.row % rows.length], [broken.field]: broken.value };
            const { text, lines } = decisionsFile(rows, delimiter, eol, bom);
            const file = join(tempDir('pgb-fuzz-dec-'), 'beoordelingen.csv');
            writeFileSync(file, text);
            const out = join(tempDir('pgb-fuzz-dec-'), 'uit');
            const r = await runCli(['scan', exportDir, '--out', out, '--beoordelingen', file, '--log-level', 'warn']);
            expect([0, 1, 2]).toContain(r.code);
            const records = r.stderr
              .split('\n')
              .filter((l) => l !== '')
              .map((l) => JSON.parse(l) as { level: number; code?: string; file?: string | null; line?: number | null });
            if (r.code === 2) {
              const failures = records.filter((l) => l.level >= 50);
              expect(failures).toHaveLength(1);
              expect(failures[0]).toMatchObject({ code: 'DECISIONS_INVALID', file: 'beoordelingen.csv' });
              expect(lines, JSON.stringify(failures[0])).toContain(failures[0].line);
              return;
            }
            const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
              inputs: { kind: string; rowsRead: number; rowsAccepted: number; rowsOpen: number; rowsRejected: number }[];
              decisions: { decisions: number };
            };
            const input = manifest.inputs.find((i) => i.kind === 'beoordelingen')!;
            expect([input.rowsRead, input.rowsRejected]).toEqual([rows.length, 0]);
            expect(input.rowsAccepted + input.rowsOpen).toBe(rows.length);
            expect(manifest.decisions.decisions).toBe(input.rowsAccepted);
            expect(markdownViolations(readFileSync(join(out, 'report.md'), 'utf8'))).toEqual([]);
            expect(htmlViolations(readFileSync(join(out, 'report.html'), 'utf8'))).toEqual([]);
            for (const name of ['providers.csv', 'rejects.csv']) {
              const fields = (parse(readFileSync(join(out, name))) as string[][]).flat();
              expect(fields.filter(isFormulaLike), name).toEqual([]);
            }
          },
        ),
        fuzzParams(30),
      );
    },
    FUZZ_TIMEOUT,
  );
});
