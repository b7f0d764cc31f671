import { NO_DAY } from '../../model/dates.js';
import { EMPTY_DECLARATION, type DeclarationInput } from '../../model/declaration-table.js';
import { OVEREENKOMST_SOORTEN } from '../../model/types.js';
import type { HeaderLayout } from '../header.js';
import type { ProblemSink } from '../reject-codes.js';
import { BAD_DAY, BAD_TIME, parseTimeOfDay, type DateReader } from '../values/date.js';
import { parseDecimal, type DecimalMode } from '../values/number.js';
import { usableId } from '../values/id.js';
import { clean, enumMatcher } from '../values/text.js';
import declaraties from '../../inputs/declaraties.js';
import { addProblem, periodOrderProblem, ValueProblem, type FieldKit } from './fields.js';
import { columnsSchema } from './row-schema.js';

const DECLARATION_COLUMNS: ReadonlySet<string> = new Set(declaraties.columns.map((c) => c.name));

/**
 * One declaration's values before the foreign keys are resolved, in the table's encoding:
 * NO_DAY, -1 minutes and NaN mean "not given". The fast path fills one reused instance.
 */
export interface DeclarationFields {
  id: string;
  holderId: string;
  providerId: string;
  contractId: string;
  kind: number;
  zorgdatum: number;
  periodeStart: number;
  periodeEind: number;
  begin: number;
  end: number;
  uren: number;
  tarief: number;
  bedrag: number;
  ingediend: number;
}

export function emptyDeclarationFields(): DeclarationFields {
  return {
    id: '', holderId: '', providerId: '', contractId: '', kind: 0,
    zorgdatum: NO_DAY, periodeStart: NO_DAY, periodeEind: NO_DAY,
    begin: -1, end: -1, uren: Number.NaN, tarief: Number.NaN, bedrag: Number.NaN, ingediend: NO_DAY,
  };
}

/**
 * The rules across columns, shared by the fast path (report null) and the zod schema:
 * a care day or a whole period, periods in order, times only on a care day.
 */
export function checkCareDates(f: DeclarationFields, hasZorgdatumColumn: boolean, report: ProblemSink | null): boolean {
  const period = f.periodeStart !== NO_DAY && f.periodeEind !== NO_DAY;
  // The usual daily row: nothing to check, and nothing allocated on the fast path.
  if (f.zorgdatum !== NO_DAY && !period) return true;
  let ok = true;
  if (f.zorgdatum === NO_DAY && !period) {
    ok = false;
    const column = hasZorgdatumColumn ? 'zorgdatum' : f.periodeStart === NO_DAY ? 'periode_start' : 'periode_eind';
    report?.({ column, code: 'MISSING_CARE_DATE', message: `${column}: a declaration needs a zorgdatum or both periode_start and periode_eind, got neither` });
  }
  if (period && f.periodeEind < f.periodeStart) {
    ok = false;
    const p = periodOrderProblem('periode_eind', f.periodeEind, 'periode_start', f.periodeStart);
    report?.({ column: 'periode_eind', code: p.code, message: p.message });
  }
  if (f.zorgdatum === NO_DAY && period) {
    for (const [column, minutes] of [['begintijd', f.begin], ['eindtijd', f.end]] as const) {
      if (minutes < 0) continue;
      ok = false;
      report?.({ column, code: 'TIME_WITHOUT_CARE_DATE', message: `${column}: a time belongs to a zorgdatum, but this declaration covers a period without one` });
    }
  }
  return ok;
}

/** Hours worked from begin and end; an end before the begin crosses midnight. */
export function hoursBetween(begin: number, end: number): number {
  const minutes = end >= begin ? end - begin : end + 1440 - begin;
  return minutes / 60;
}

/** Writes the table row of accepted fields into `out` (reused; the builder copies it). */
export function toDeclarationInput(f: DeclarationFields, line: number, holder: number, provider: number, out: DeclarationInput): DeclarationInput {
  const daily = f.zorgdatum !== NO_DAY;
  out.id = f.id;
  out.line = line;
  out.holder = holder;
  out.provider = provider;
  out.contractId = f.contractId;
  out.agreementKind = f.kind;
  out.day = f.zorgdatum;
  out.periodStart = daily ? f.zorgdatum : f.periodeStart;
  out.periodEnd = daily ? f.zorgdatum : f.periodeEind;
  out.beginMinute = f.begin;
  out.endMinute = f.end;
  out.hours = Number.isNaN(f.uren) && f.begin >= 0 && f.end >= 0 ? hoursBetween(f.begin, f.end) : f.uren;
  out.tariff = f.tarief;
  out.amount = f.bedrag;
  out.submittedDay = f.ingediend;
  return out;
}

export function newDeclarationInput(): DeclarationInput {
  return { ...EMPTY_DECLARATION, id: '', line: 0, holder: 0, provider: 0 };
}

/** The declaration schema: explains every problem of a row the fast path refused. */
export function declaratiesSchema(kit: FieldKit, hasZorgdatumColumn: boolean) {
  return columnsSchema(declaraties, kit)
    .transform((d) => fieldsOf(d as SchemaFields))
    .superRefine((f, ctx) => {
      checkCareDates(f, hasZorgdatumColumn, (p) => addProblem(ctx, p.column, new ValueProblem(p.code, p.message)));
    });
}

type SchemaFields = {
  declaratie_id: string | null;
  budgethouder_id: string | null;
  zorgverlener_id: string | null;
  zorgovereenkomst_id?: string | null;
  overeenkomst_soort?: number | null;
  zorgdatum?: number | null;
  periode_start?: number | null;
  periode_eind?: number | null;
  begintijd?: number | null;
  eindtijd?: number | null;
  uren?: number | null;
  tarief?: number | null;
  bedrag: number | null;
  ingediend_op?: number | null;
};

function fieldsOf(d: SchemaFields): DeclarationFields {
  return {
    id: d.declaratie_id ?? '',
    holderId: d.budgethouder_id ?? '',
    providerId: d.zorgverlener_id ?? '',
    contractId: d.zorgovereenkomst_id ?? '',
    kind: d.overeenkomst_soort ?? 0,
    zorgdatum: d.zorgdatum ?? NO_DAY,
    periodeStart: d.periode_start ?? NO_DAY,
    periodeEind: d.periode_eind ?? NO_DAY,
    begin: d.begintijd ?? -1,
    end: d.eindtijd ?? -1,
    uren: d.uren ?? Number.NaN,
    tarief: d.tarief ?? Number.NaN,
    bedrag: d.bedrag ?? Number.NaN,
    ingediend: d.ingediend_op ?? NO_DAY,
  };
}

const matchKind = enumMatcher(OVEREENKOMST_SOORTEN);
const BAD_NUMBER = Number.NEGATIVE_INFINITY;

/**
 * A column the fast path parses, with the last text it read there and the value that gave.
 * Rows of one care plan follow each other and repeat their dates, times and tariffs, so
 * comparing with the previous text often spares the parse.
 */
class ParsedColumn {
  raw: string | null = null;
  value = 0;
  constructor(readonly at: number) {}
}

/**
 * The hand-written twin of declaratiesSchema for well-formed rows: same parsers, no objects per
 * row. It only answers "fine" or "not fine"; a refused row goes through the schema for its
 * problems, so both must agree (test/ingest/declaration-fast-path.test.ts holds them together).
 */
export class DeclarationFastPath {
  private readonly id: number;
  private readonly holder: number;
  private readonly provider: number;
  private readonly contract: number;
  private readonly kind: ParsedColumn;
  private readonly zorgdatum: ParsedColumn;
  private readonly periodeStart: ParsedColumn;
  private readonly periodeEind: ParsedColumn;
  private readonly begin: ParsedColumn;
  private readonly end: ParsedColumn;
  private readonly uren: ParsedColumn;
  private readonly tarief: ParsedColumn;
  private readonly bedrag: ParsedColumn;
  private readonly ingediend: ParsedColumn;

  constructor(
    layout: HeaderLayout,
    private readonly decimal: DecimalMode,
    private readonly dates: DateReader,
  ) {
    // Positions by the definition's column names; a name it does not define is a bug here, not an absent column.
    const at = (c: string) => {
      if (!DECLARATION_COLUMNS.has(c)) throw new Error(`internal: the declarations fast path reads ${c}, which src/inputs/declaraties.ts does not define`);
      return layout.index.get(c) ?? -1;
    };
    const parsed = (c: string) => new ParsedColumn(at(c));
    this.id = at('declaratie_id');
    this.holder = at('budgethouder_id');
    this.provider = at('zorgverlener_id');
    this.contract = at('zorgovereenkomst_id');
    this.kind = parsed('overeenkomst_soort');
    this.zorgdatum = parsed('zorgdatum');
    this.periodeStart = parsed('periode_start');
    this.periodeEind = parsed('periode_eind');
    this.begin = parsed('begintijd');
    this.end = parsed('eindtijd');
    this.uren = parsed('uren');
    this.tarief = parsed('tarief');
    this.bedrag = parsed('bedrag');
    this.ingediend = parsed('ingediend_op');
  }

  /** Fills `f` from a record; false when any single value is unusable (cross-column rules excluded). */
  read(rec: readonly string[], f: DeclarationFields): boolean {
    if ((f.id = usableId(rec[this.id]) ?? '') === '') return false;
    if ((f.holderId = usableId(rec[this.holder]) ?? '') === '') return false;
    if ((f.providerId = usableId(rec[this.provider]) ?? '') === '') return false;
    const contract = this.contract < 0 ? '' : usableId(rec[this.contract]);
    if (contract === null) return false;
    f.contractId = contract;
    if ((f.kind = this.agreementKind(rec, this.kind)) < 0) return false;
    if ((f.zorgdatum = this.day(rec, this.zorgdatum)) === BAD_DAY) return false;
    if ((f.periodeStart = this.day(rec, this.periodeStart)) === BAD_DAY) return false;
    if ((f.periodeEind = this.day(rec, this.periodeEind)) === BAD_DAY) return false;
    if ((f.begin = this.time(rec, this.begin)) === BAD_TIME) return false;
    if ((f.end = this.time(rec, this.end)) === BAD_TIME) return false;
    if ((f.uren = this.decimalAt(rec, this.uren, false)) === BAD_NUMBER) return false;
    if ((f.tarief = this.decimalAt(rec, this.tarief, false)) === BAD_NUMBER) return false;
    // bedrag is required and may be negative (a correction).
    if (Number.isNaN((f.bedrag = this.decimalAt(rec, this.bedrag, true))) || f.bedrag === BAD_NUMBER) return false;
    if ((f.ingediend = this.day(rec, this.ingediend, true)) === BAD_DAY) return false;
    return true;
  }

  private agreementKind(rec: readonly string[], c: ParsedColumn): number {
    if (c.at < 0) return 0;
    const raw = rec[c.at];
    if (raw === c.raw) return c.value;
    const s = clean(raw);
    c.raw = raw;
    return (c.value = s === '' ? 0 : matchKind(s));
  }

  private day(rec: readonly string[], c: ParsedColumn, withTime = false): number {
    if (c.at < 0) return NO_DAY;
    const raw = rec[c.at];
    if (raw === c.raw) return c.value;
    const s = clean(raw);
    c.raw = raw;
    return (c.value = s === '' ? NO_DAY : withTime ? this.dates.dayTime(s) : this.dates.day(s));
  }

  private time(rec: readonly string[], c: ParsedColumn): number {
    if (c.at < 0) return -1;
    const raw = rec[c.at];
    if (raw === c.raw) return c.value;
    const s = clean(raw);
    c.raw = raw;
    return (c.value = s === '' ? -1 : parseTimeOfDay(s));
  }

  /** NaN when absent (the table's "not given"), BAD_NUMBER when unusable. */
  private decimalAt(rec: readonly string[], c: ParsedColumn, negative: boolean): number {
    if (c.at < 0) return Number.NaN;
    const raw = rec[c.at];
    if (raw === c.raw) return c.value;
    const s = clean(raw);
    c.raw = raw;
    if (s === '') return (c.value = Number.NaN);
    const v = parseDecimal(s, this.decimal);
    return (c.value = Number.isFinite(v) && (negative || v >= 0) ? v : BAD_NUMBER);
  }
}
