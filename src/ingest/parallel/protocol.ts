// What the main thread and a declaration worker send each other. Only plain data and typed arrays
// cross: class instances lose their prototype on the way. The declarations' columns live on shared
// memory (sharedArray), so posting them shares them; other typed arrays are moved (buffersOf).
import type { DeclarationTable } from '../../model/declaration-table.js';
import { CodedTextColumn, PackedTextColumn } from '../../model/text-columns.js';
import type { ByteDialect } from '../csv-stream.js';
import type { HeaderLayout } from '../header.js';
import type { RejectHandOver } from '../reject-log.js';
import type { RangeTrail } from '../read-input.js';
import type { DeferredKeys } from '../readers/declaraties.js';
import type { DecimalMode } from '../values/number.js';
import type { Encoding, EncodingVerdict } from '../encoding.js';
import type { SplitPoint } from './split-point.js';

/** One byte range of the declarations file for one worker. */
export interface RangeJob {
  path: string;
  display: string;
  /** Bytes [start, end) of the file. */
  start: number;
  end: number;
  size: number;
  dialect: ByteDialect;
  /** Line ends before `start`. */
  lineBase: number;
  /** The start of the file left the encoding open (ASCII so far): the range's bytes decide, see ChunkDecoder. */
  guessed: boolean;
  layout: HeaderLayout;
  decimal: DecimalMode;
  /** The first range passes over the header. */
  first: boolean;
  /** Rows to make room for. */
  capacity: number;
}

export interface RangeResult {
  table: TableParts;
  encoding: Encoding;
  verdict: EncodingVerdict;
  idsInOrder: boolean;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  repeatedHeaders: { count: number; lines: number[] };
  rejects: RejectHandOver;
  filled: string[];
  /** DateReader.seenForms */
  dateForms: number;
  trail: RangeTrail | null;
  /** Holders and providers as read, for resolveRange; null once resolved. */
  deferred: DeferredKeys | null;
}

export interface SerializedError {
  app: boolean;
  code: string;
  message: string;
  context: Record<string, unknown>;
  stack?: string;
}

/** What a worker is asked to do; it answers each task with 'done' or 'failed', one task at a time. */
export type WorkerTask =
  | { task: 'hash'; path: string; display: string }
  | { task: 'split'; path: string; display: string; size: number; parts: number }
  | { task: 'range'; job: RangeJob };

export interface FileHash {
  bytes: number;
  sha256: string;
  /** The file's modification time once hashed (ms): another than when the scan began means it changed meanwhile. */
  modifiedMs: number;
}

export type WorkerMessage =
  | { type: 'progress'; rowsRead: number }
  | { type: 'done'; result: RangeResult | FileHash | SplitPoint[] | null }
  | { type: 'failed'; error: SerializedError };

/** A DeclarationTable as plain data: views on its shared memory, for a declaration worker's result or the indicator worker thread. */
export type TableParts = Omit<DeclarationTable, 'id' | 'contractId'> & {
  id: { bytes: Uint8Array; offsets: Uint32Array };
  contractId: { codes: Int32Array; values: { bytes: Uint8Array; offsets: Uint32Array } };
};

export function tableParts(t: DeclarationTable): TableParts {
  return {
    ...t,
    id: { bytes: t.id.bytes, offsets: t.id.offsets },
    contractId: { codes: t.contractId.codes, values: { bytes: t.contractId.values.bytes, offsets: t.contractId.values.offsets } },
  };
}

export function tableFromParts(p: TableParts): DeclarationTable {
  return {
    ...p,
    id: new PackedTextColumn(p.id.bytes, p.id.offsets),
    contractId: new CodedTextColumn(p.contractId.codes, new PackedTextColumn(p.contractId.values.bytes, p.contractId.values.offsets)),
  };
}

/** The buffers behind the typed arrays of `value`, each once, to move rather than copy; shared memory is shared, never moved. */
export function buffersOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map)) {
    for (const v of Object.values(value)) buffersOf(v, out);
  }
  return [...out];
}
