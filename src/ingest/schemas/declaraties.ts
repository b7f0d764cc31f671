import { NO_DAY } from '../../model/dates.js';
import type { DayTime } from '../values/date.js';
import { EMPTY_DECLARATION, type DeclarationInput } from '../../model/declaration-table.js';
import type { ProblemSink } from '../reject-codes.js';
import declaraties from '../../inputs/declaraties.js';
import { addProblem, periodOrderProblem, ValueProblem, type FieldKit } from './fields.js';
import { columnsSchema } from './row-schema.js';

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
  /** Minute of the day of ingediend_op, -1 without a time. */
  ingediendMinute: number;
}

export function emptyDeclarationFields(): DeclarationFields {
  return {
    id: '', holderId: '', providerId: '', contractId: '', kind: 0,
    zorgdatum: NO_DAY, periodeStart: NO_DAY, periodeEind: NO_DAY,
    begin: -1, end: -1, uren: Number.NaN, tarief: Number.NaN, bedrag: Number.NaN, ingediend: NO_DAY, ingediendMinute: -1,
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
  out.submittedMinute = f.ingediendMinute;
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
  ingediend_op?: DayTime | null;
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
    ingediend: d.ingediend_op?.day ?? NO_DAY,
    ingediendMinute: d.ingediend_op?.minute ?? -1,
  };
}
