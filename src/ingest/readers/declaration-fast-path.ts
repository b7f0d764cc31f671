import { NO_DAY } from '../../model/dates.js';
import { OVEREENKOMST_SOORTEN } from '../../model/types.js';
import declaraties from '../../inputs/declaraties.js';
import type { HeaderLayout } from '../header.js';
import type { DeclarationFields } from '../schemas/declaraties.js';
import { BAD_DAY, BAD_TIME, parseTimeOfDay, type DateReader } from '../values/date.js';
import { parseDecimal, type DecimalMode } from '../values/number.js';
import { usableId } from '../values/id.js';
import { clean, enumMatcher } from '../values/text.js';

const DECLARATION_COLUMNS: ReadonlySet<string> = new Set(declaraties.columns.map((c) => c.name));
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
  /** The minute of a date-time column's last value (DateReader.lastMinute), -1 without a time. */
  minute = -1;
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
    f.ingediendMinute = this.ingediend.minute;
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
    if (s === '' || !withTime) {
      c.minute = -1;
      return (c.value = s === '' ? NO_DAY : this.dates.day(s));
    }
    c.value = this.dates.dayTime(s);
    c.minute = this.dates.lastMinute;
    return c.value;
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
