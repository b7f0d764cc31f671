// The columns of each input, as the header check and the decimal detection need it,
// derived from the input definitions (src/inputs/).
import { INPUTS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';

const byKind = <T>(f: (def: (typeof INPUTS)[number]) => T): Record<FileKind, T> =>
  Object.fromEntries(INPUTS.map((def) => [def.name, f(def)])) as Record<FileKind, T>;

/** The canonical columns of each input, in the order the input definition lists them. */
export const INPUT_COLUMNS: Record<FileKind, readonly string[]> = byKind((d) => d.columns.map((c) => c.name));

/** Columns the header must have; a declaration file also needs zorgdatum or both periode columns. */
export const REQUIRED_COLUMNS: Record<FileKind, readonly string[]> = byKind((d) => d.columns.filter((c) => c.required).map((c) => c.name));

/** Columns holding decimals; their sample values decide a file's decimal mark. */
export const DECIMAL_COLUMNS: Record<FileKind, readonly string[]> = byKind((d) => d.columns.filter((c) => c.type.type === 'decimal').map((c) => c.name));

/** The inputs a scan cannot run without. */
export const REQUIRED_KINDS: readonly FileKind[] = INPUTS.filter((d) => d.required).map((d) => d.name);

/** Columns holding ids or keys in any input, compared after normalizeId (values/id.ts). */
export const ID_COLUMNS: ReadonlySet<string> = new Set(INPUTS.flatMap((d) => d.columns.filter((c) => c.type.type === 'id').map((c) => c.name)));

/** Groups of columns of which the header must hold at least one whole group (declaraties: a care date or a period). */
export const HEADER_ONE_OF: Record<FileKind, readonly (readonly string[])[]> = byKind((d) => d.headerNeedsOneOf ?? []);
