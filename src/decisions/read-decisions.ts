// Reads the decisions file analysts keep (beoordelingen.csv). It steers the ranking, so it is read
// strictly: every row is a decision, an open template row, or the reason the scan stops (exit 2,
// DECISIONS_INVALID naming file, line and what was expected). Dialects as the exports: `;`, `,` or tab,
// UTF-8 (with or without BOM) or Windows-1252, any line end.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import { TIERS, type Tier } from '../config/schema.js';
import { AppError } from '../errors.js';
import { detectDelimiter } from '../ingest/dialect.js';
import { decodeWindows1252, hasUtf16Bom, hasUtf8Bom } from '../ingest/encoding.js';
import { headerKey } from '../ingest/header.js';
import { inputOpenError } from '../ingest/open-errors.js';
import { BAD_DAY, DateReader } from '../ingest/values/date.js';
import { hasControlCharacter, normalizeId } from '../ingest/values/id.js';
import { enumMatcher, trimBlanks } from '../ingest/values/text.js';
import { INDICATORS } from '../indicators/index.js';
import { csvText } from '../report/csv-format.js';
import { BESLUITEN, type Besluit, type Decision, type DecisionsFile } from './decision.js';

/** The columns of the decisions file, in the template's order, with what each holds (README). */
export const DECISION_COLUMN_DOCS = {
  zorgverlener_id: 'required: the provider the decision is about',
  indicator: 'an indicator id; empty = every indicator of the provider',
  signaal_sleutel: 'optional: one signal, its `key` in signals.ndjson',
  besluit: '`geen-aanleiding`, `in-onderzoek`, `gemeld` or `afgehandeld`; empty = no decision yet (an open template row, skipped)',
  toelichting: 'free text: what was found',
  beoordeeld_op: 'required with a besluit: the date of the decision (YYYY-MM-DD or DD-MM-YYYY)',
  beoordeeld_door: 'required with a besluit: initials or a pseudonym, no full name',
  geldig_tot: 'optional: the last day the decision holds',
  tier_bij_besluit: 'optional (the template fills it): the provider\'s tier when decided; a higher tier re-opens',
  indicatoren_bij_besluit: 'optional (the template fills it): the provider\'s indicators when decided, `|`-separated; a new one re-opens',
  naam: 'ignored: the provider\'s name, for the analyst (the template fills it)',
  signaal: 'ignored: the signal\'s sentence, for the analyst (the template fills it)',
};
type Column = keyof typeof DECISION_COLUMN_DOCS;

/** The README's table of the decisions file (between the decisions:start/end markers). */
export function decisionColumnsMarkdown(): string {
  return ['| column | content |', '|---|---|', ...Object.entries(DECISION_COLUMN_DOCS).map(([c, d]) => `| \`${c}\` | ${d.replace(/\|/g, '\\|')} |`), ''].join('\n');
}

export const DECISION_COLUMNS = Object.keys(DECISION_COLUMN_DOCS) as Column[];
const REQUIRED: Column[] = ['zorgverlener_id', 'besluit', 'beoordeeld_op', 'beoordeeld_door'];
/** Filled with a decision; all empty with an empty besluit (a template row not decided yet). */
const DECISION_PART: Column[] = ['besluit', 'toelichting', 'beoordeeld_op', 'beoordeeld_door', 'geldig_tot'];

/** A decisions file is typed by people: far below this. Larger is a wrong file, not a decisions file. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Problems listed in the error message; the count says how many more. */
const LISTED = 10;

const INDICATOR_IDS = new Set(INDICATORS.map((i) => i.id));
const matchBesluit = enumMatcher(BESLUITEN);
const matchTier = enumMatcher(TIERS);

interface Problem {
  line: number;
  column: string | null;
  message: string;
}

function invalid(display: string, problems: Problem[]): AppError {
  const shown = problems.slice(0, LISTED).map((p) => `${display} line ${p.line}${p.column === null ? '' : `, ${p.column}`}: ${p.message}`);
  const more = problems.length > LISTED ? ` (and ${problems.length - LISTED} more)` : '';
  return new AppError('DECISIONS_INVALID', `${shown.join('; ')}${more}. Decisions steer the ranking, so none is skipped: correct the file and run again.`, {
    file: display,
    line: problems[0].line,
    column: problems[0].column,
    problems: problems.length,
  });
}

/** The template guards text against spreadsheet formulas with a leading apostrophe (csvText); read back, it goes. */
function withoutFormulaGuard(s: string): string {
  return s.startsWith("'") && csvText(s.slice(1)) === s ? s.slice(1) : s;
}

function decode(bytes: Buffer, display: string): { text: string; encoding: 'utf-8' | 'windows-1252'; bom: boolean } {
  if (hasUtf16Bom(bytes)) throw invalid(display, [{ line: 1, column: null, message: 'the file is UTF-16 (Excel "Unicode text"); expected CSV in UTF-8 or Windows-1252' }]);
  if (hasUtf8Bom(bytes)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true };
  // A decisions file is small: the whole of it decides, unlike an export read in chunks.
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8', bom: false };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
}

/**
 * Reads and checks a decisions file. `display` names it in messages and in the manifest (a replay
 * passes the recorded name, so a copy elsewhere gives the same run).
 */
export async function readDecisions(path: string, display = basename(path)): Promise<DecisionsFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw inputOpenError(e, '--beoordelingen', path);
  }
  if (bytes.length > MAX_BYTES) throw invalid(display, [{ line: 1, column: null, message: `${bytes.length} bytes; a decisions file of more than ${MAX_BYTES} bytes is another file` }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { text: raw, encoding, bom } = decode(bytes, display);
  // One line end throughout, so that the parser's line count is the physical line.
  const text = raw.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text, true);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw invalid(display, [{ line, column: null, message: `not readable as CSV (${(e as Error).message})` }]);
  }
  const rows: { line: number; cells: string[] }[] = [];
  let previousEnd = 0;
  for (const r of records) {
    const line = previousEnd + 1;
    previousEnd = r.info.lines;
    const cells = r.record.map((c) => withoutFormulaGuard(trimBlanks(c)));
    if (cells.every((c) => c === '')) continue;
    rows.push({ line, cells });
  }
  if (rows.length === 0) throw invalid(display, [{ line: 1, column: null, message: `the file is empty; expected a header with ${REQUIRED.join(', ')}` }]);

  const [head, ...body] = rows;
  const known = new Map(DECISION_COLUMNS.map((c) => [headerKey(c), c]));
  const index = new Map<Column, number>();
  const problems: Problem[] = [];
  head.cells.forEach((name, i) => {
    const column = known.get(headerKey(name));
    if (column === undefined) problems.push({ line: head.line, column: null, message: `unknown column '${name}'; expected ${DECISION_COLUMNS.join(', ')}` });
    else if (index.has(column)) problems.push({ line: head.line, column, message: 'the column occurs twice' });
    else index.set(column, i);
  });
  for (const c of REQUIRED) if (!index.has(c)) problems.push({ line: head.line, column: c, message: 'required column missing' });
  if (problems.length > 0) throw invalid(display, problems);

  const dates = new DateReader();
  const decisions: Decision[] = [];
  let open = 0;
  for (const { line, cells } of body) {
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const bad = (column: Column | null, message: string) => problems.push({ line, column, message });
    if (cells.length !== head.cells.length) {
      bad(null, `${cells.length} fields, the header has ${head.cells.length}`);
      continue;
    }
    const before = problems.length;
    const providerId = normalizeId(get('zorgverlener_id'));
    if (providerId === '') bad('zorgverlener_id', 'empty; expected the provider the decision is about');
    else if (hasControlCharacter(providerId)) bad('zorgverlener_id', 'holds a control character');
    if (get('besluit') === '') {
      const filled = DECISION_PART.filter((c) => get(c) !== '');
      if (filled.length > 0) bad('besluit', `empty while ${filled.join(', ')} is filled; expected one of ${BESLUITEN.join(', ')}`);
      else if (problems.length === before) open++;
      continue;
    }
    const besluitAt = matchBesluit(get('besluit'));
    if (besluitAt < 0) bad('besluit', `'${get('besluit')}'; expected one of ${BESLUITEN.join(', ')}`);
    const indicator = get('indicator') === '' ? null : get('indicator');
    if (indicator !== null && !INDICATOR_IDS.has(indicator)) bad('indicator', `'${indicator}' is no indicator id (see pgb-scan indicators); empty = every indicator`);
    const signalKey = get('signaal_sleutel') === '' ? null : get('signaal_sleutel');
    if (signalKey !== null) {
      const keyIndicator = signalKey.split(':')[0];
      if (!INDICATOR_IDS.has(keyIndicator)) bad('signaal_sleutel', `'${signalKey}' is no signal key (indicator:messageId:entity=id..., the key in signals.ndjson)`);
      else if (indicator !== null && indicator !== keyIndicator) bad('indicator', `'${indicator}', but the signal key is of ${keyIndicator}`);
    }
    const day = (c: Column, required: boolean): number | null => {
      const s = get(c);
      if (s === '') {
        if (required) bad(c, 'empty; expected a date YYYY-MM-DD or DD-MM-YYYY');
        return null;
      }
      const d = dates.day(s);
      if (d === BAD_DAY) bad(c, `'${s}'; expected a date YYYY-MM-DD or DD-MM-YYYY`);
      return d === BAD_DAY ? null : d;
    };
    const beoordeeldOp = day('beoordeeld_op', true);
    const geldigTot = day('geldig_tot', false);
    if (beoordeeldOp !== null && geldigTot !== null && geldigTot < beoordeeldOp) bad('geldig_tot', `'${get('geldig_tot')}' lies before beoordeeld_op`);
    const beoordeeldDoor = get('beoordeeld_door');
    if (beoordeeldDoor === '') bad('beoordeeld_door', 'empty; expected initials or a pseudonym');
    let tier: Tier | null = null;
    if (get('tier_bij_besluit') !== '') {
      const t = matchTier(get('tier_bij_besluit'));
      if (t < 0) bad('tier_bij_besluit', `'${get('tier_bij_besluit')}'; expected ${TIERS.join(', ')} or empty`);
      else tier = TIERS[t];
    }
    let indicators: string[] | null = null;
    if (get('indicatoren_bij_besluit') !== '') {
      indicators = [...new Set(get('indicatoren_bij_besluit').split('|').map(trimBlanks).filter((s) => s !== ''))].sort();
      const unknown = indicators.filter((i) => !INDICATOR_IDS.has(i));
      if (unknown.length > 0) bad('indicatoren_bij_besluit', `'${unknown.join('|')}' is no indicator id; expected ids separated by |`);
    }
    if (problems.length > before) continue;
    decisions.push({
      line,
      providerId,
      indicator: indicator ?? (signalKey === null ? null : signalKey.split(':')[0]),
      signalKey,
      besluit: BESLUITEN[besluitAt] as Besluit,
      toelichting: get('toelichting'),
      beoordeeldOp: beoordeeldOp!,
      beoordeeldDoor,
      geldigTot,
      tierBijBesluit: tier,
      indicatorenBijBesluit: indicators,
    });
  }
  if (problems.length > 0) throw invalid(display, problems);
  return {
    decisions,
    report: {
      kind: 'beoordelingen',
      name: path,
      display,
      bytes: bytes.length,
      sha256,
      dialect: { encoding, bom, delimiter },
      columns: head.cells.map((h) => known.get(headerKey(h))!),
      ignoredColumns: [],
      rowsRead: body.length,
      rowsAccepted: decisions.length,
      rowsRejected: 0,
      rowsOpen: open,
    },
  };
}
