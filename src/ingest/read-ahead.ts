import type { FileKind } from '../model/types.js';
import type { UnhashedReport } from './input-report.js';
import { RejectLog, type RejectSink } from './reject-log.js';

/** Where a read tells what it found. */
export interface Told {
  rejects: RejectSink;
  reports: UnhashedReport[];
  onProgress?: (kind: FileKind, rowsRead: number) => void;
  /** Told the stream a file is read from, so that a read given up can be ended. */
  opened?: (source: { destroy(error?: Error): unknown }) => void;
}

const GIVEN_UP = new Error('read ahead given up');

/**
 * The inputs after the declarations, read on the main thread while worker threads read the
 * declarations (their foreign keys name only inputs read before). Their rejects, reports, progress
 * and failure are held back and told after the declarations', so that rejects.csv, the manifest and
 * the log list the inputs in their order, and a failure of the declarations comes first, as when
 * the inputs are read one after another.
 */
export class ReadAhead {
  private readonly rejects: RejectLog;
  private readonly reports: UnhashedReport[] = [];
  private readonly progress: Array<[FileKind, number]> = [];
  private readonly sources = new Set<{ destroy(error?: Error): unknown }>();
  private readonly done: Promise<void>;
  private stopped = false;

  /**
   * Starts reading `kinds` one after another with `read`; the first to fail ends the reading.
   * `like` is the log the held rejects go to: the held ones are bounded and spilled as it is.
   */
  constructor(
    readonly kinds: readonly FileKind[],
    like: RejectLog,
    read: (kind: FileKind, told: Told) => Promise<void>,
  ) {
    this.rejects = like.sibling();
    const told: Told = {
      rejects: this.rejects,
      reports: this.reports,
      onProgress: (kind, rows) => this.progress.push([kind, rows]),
      opened: (source) => {
        if (this.stopped) source.destroy(GIVEN_UP);
        else this.sources.add(source);
      },
    };
    this.done = (async () => {
      for (const kind of kinds) if (!this.stopped) await read(kind, told);
    })();
    // Looked at by tell or drop.
    this.done.catch(() => undefined);
  }

  /**
   * Once the declarations are read: their rejects, reports and progress after those told so far,
   * then the failure of the input that failed, if any. Its spilled rejects are gone afterwards.
   */
  async tell(into: Told): Promise<void> {
    const failure = await this.done.then(
      () => null,
      (e: unknown) => ({ e }),
    );
    try {
      for (const r of this.rejects) into.rejects.push(r);
    } finally {
      this.rejects.close();
    }
    into.reports.push(...this.reports);
    for (const [kind, rows] of this.progress) into.onProgress?.(kind, rows);
    if (failure !== null) throw failure.e;
  }

  /** The declarations failed: the files still open are closed, what was read is let go with its spilled rejects. */
  async drop(): Promise<void> {
    this.stopped = true;
    for (const s of this.sources) s.destroy(GIVEN_UP);
    await this.done.catch(() => undefined);
    this.rejects.close();
  }
}
