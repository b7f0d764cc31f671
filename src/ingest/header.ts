import { AppError } from '../errors.js';
import type { FileKind } from '../model/types.js';
import { INPUT_COLUMNS, HEADER_ONE_OF, REQUIRED_COLUMNS } from './columns.js';
import { excerpt, excerptList } from './excerpt.js';
import { protectedAttributeOf } from './protected-attributes.js';

/** Where each canonical column sits in a file's records. */
export interface HeaderLayout {
  /** Field count of the header; every row must have as many. */
  width: number;
  /** Canonical column -> field index, for the columns the header has. */
  index: ReadonlyMap<string, number>;
  /** Canonical columns found, in header order. */
  columns: string[];
  /** Raw header names that are no column of this input, in header order. */
  ignored: string[];
  /** Config `columns` mappings whose source header the file does not have, in config order. */
  unusedMappings: MappingWarning[];
  /** headerKey of each header field, in order: a row equal to these is the header again. */
  keys: string[];
}

/** A config `columns` entry naming a header the file does not have: warned, not refused (the column may be optional). */
export interface MappingWarning {
  /** The source header as the config names it. */
  header: string;
  /** The canonical column it would have mapped onto. */
  column: string;
}

/** Headers match case-, blank-, underscore- and hyphen-insensitively: "Budgethouder ID" = budgethouder_id. */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Maps a raw header onto the input's columns. `mapping` (source header -> canonical column) comes from the
 * config for exports that name columns differently; it is matched the same insensitive way.
 */
export function resolveHeader(
  kind: FileKind,
  file: string,
  header: readonly string[],
  mapping: Record<string, string> = {},
  line = 1,
): HeaderLayout {
  for (const raw of header) {
    const attribute = protectedAttributeOf(raw);
    if (attribute !== null)
      throw new AppError(
        'INPUT_PROTECTED_ATTRIBUTE',
        `${file} line ${line}: column '${excerpt(raw)}' holds ${attribute}. Nationality, country of birth, ethnicity, religion and language ` +
          'may not steer a risk selection (toeslagenaffaire, AP 2021); remove the column from the export.',
        { file, line, column: excerpt(raw), attribute },
      );
  }
  const canonical = new Map(INPUT_COLUMNS[kind].map((c) => [headerKey(c), c]));
  const mapped = new Map<string, string>();
  const mappedFrom: MappingWarning[] = [];
  for (const [source, target] of Object.entries(mapping)) {
    const column = canonical.get(headerKey(target));
    if (column === undefined)
      throw new AppError(
        'CONFIG_INVALID',
        `columns.${kind}: '${excerpt(source)}' maps to '${excerpt(target)}', which is no ${kind} column; expected one of ${INPUT_COLUMNS[kind].join(', ')}.`,
        { kind, source: excerpt(source), target: excerpt(target) },
      );
    mapped.set(headerKey(source), column);
    mappedFrom.push({ header: source, column });
  }
  const index = new Map<string, number>();
  const columns: string[] = [];
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    const column = mapped.get(key) ?? canonical.get(key);
    if (column === undefined) {
      ignored.push(raw);
      return;
    }
    const earlier = index.get(column);
    if (earlier !== undefined)
      throw new AppError(
        'INPUT_DUPLICATE_COLUMN',
        `${file} line ${line}: headers '${excerpt(header[earlier])}' (field ${earlier + 1}) and '${excerpt(raw)}' (field ${i + 1}) both map to column ${column}.`,
        { file, line, column, headers: [excerpt(header[earlier]), excerpt(raw)] },
      );
    index.set(column, i);
    columns.push(column);
  });
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !index.has(c));
  const groups = HEADER_ONE_OF[kind];
  if (groups.length > 0 && !groups.some((g) => g.every((c) => index.has(c)))) {
    // Name the group the header started on, else the first; the others in brackets.
    const named = groups.find((g) => g.some((c) => index.has(c))) ?? groups[0];
    const others = groups.filter((g) => g !== named).map((g) => g.join(' and '));
    missing.push(`${named.join(' and ')} (or ${others.join(', or ')})`);
  }
  if (missing.length > 0)
    throw new AppError(
      'INPUT_MISSING_COLUMN',
      `${file} line ${line}: required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing; the header has ${excerptList(header)}.`,
      { file, line, missing, header: header.slice(0, 20).map((h) => excerpt(h)), headerFields: header.length },
    );
  const keys = header.map(headerKey);
  const present = new Set(keys);
  const unusedMappings = mappedFrom.filter((m) => !present.has(headerKey(m.header)));
  return { width: header.length, index, columns, ignored, unusedMappings, keys };
}
