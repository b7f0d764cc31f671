import type { FileKind } from '../model/types.js';
import type { MappingWarning } from './header.js';

export interface Dialect {
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  delimiter: ';' | ',' | '\t';
  /** The file starts with Excel's `sep=` line (skipped; it named the delimiter unless --delimiter did). */
  sepLine: boolean;
  decimal: 'comma' | 'point';
  /** Forms seen, e.g. ['DD-MM-YYYY'], sorted. */
  dateFormats: string[];
  /** False if fully overridden. */
  detected: boolean;
}

export interface InputReport {
  kind: FileKind;
  /** Path as given, '-' for stdin. */
  name: string;
  /** File name used in evidence and rejects: basename of the path, or '<kind>.csv' for stdin. */
  display: string;
  bytes: number;
  sha256: string;
  dialect: Dialect;
  /** Canonical columns found, in header order. */
  columns: string[];
  /** Raw header names that are no column of this input, in header order. */
  ignoredColumns: string[];
  /** Config `columns` mappings naming a header this file does not have. */
  mappingWarnings: MappingWarning[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /**
   * Valid rows about a holder who is not in this export at all (afwezigheden, zorgovereenkomsten):
   * neither accepted nor rejected, and not counted toward --max-reject-rate.
   * rowsRead = rowsAccepted + rowsRejected + rowsUnmatched.
   */
  rowsUnmatched: number;
  /**
   * Rows repeating the header inside the file (two exports concatenated): skipped, and not rows read.
   * `lines`: the first REPEATED_HEADER_LINES of them.
   */
  repeatedHeaders: { count: number; lines: number[] };
}

/**
 * An input's report as ingestUnhashed gives it: sha256 null for a declarations file read by worker
 * threads, hashed while the scan goes on (its bytes then as cut into ranges). Not an InputReport, so
 * it cannot reach an output before the hash is in (UnhashedIngest.hashed).
 */
export type UnhashedReport = Omit<InputReport, 'sha256'> & { sha256: string | null };

/** Lines of repeated headers kept per input for the manifest and the report. */
export const REPEATED_HEADER_LINES = 20;
