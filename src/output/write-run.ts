import type { Logger } from 'pino';
import { toolInfo, toolPackage } from '../cli/tool-info.js';
import { isAppError } from '../errors.js';
import type { InputSpec } from '../ingest/ingest.js';
import { RejectLog, removeStaleSpills } from '../ingest/reject-log.js';
import { buildManifest, type ToolInfo } from '../manifest/manifest.js';
import { renderOutputs } from '../pipeline.js';
import type { ReportView } from '../report/view.js';
import type { XlsxThread } from '../report/xlsx-thread.js';
import { rejectsCsv } from '../report/rejects-csv.js';
import type { CsvDialect } from '../report/csv-format.js';
import type { RunResult } from '../run-result.js';
import { RunFolder } from './run-folder.js';
import type { WrittenFile } from './streamed-file.js';

/**
 * Runs body with the run folder of --out (if any) and a reject log that spills into it. A body that
 * throws leaves --out as it was; once reading started, its rejects and error go to OUT.mislukt.
 */
export async function withRunFolder<T>(
  out: string | undefined,
  prepared: { inputs: readonly Pick<InputSpec, 'path'>[]; log: Logger; config?: { csvDialect: CsvDialect } },
  force: boolean,
  body: (folder: RunFolder | null, rejects: RejectLog) => Promise<T>,
  options: { keepReplaced?: boolean } = {},
): Promise<T> {
  // Housekeeping that nothing of this run depends on: it goes on while the inputs are read, and a
  // leftover it cannot remove is no reason to fail the run.
  const cleaning = removeStaleSpills().catch(() => undefined);
  const folder = out === undefined ? null : await RunFolder.open(out, { force, inputs: prepared.inputs.map((i) => i.path), keepReplaced: options.keepReplaced });
  const rejects = new RejectLog({ spillDir: folder?.staging });
  try {
    return await body(folder, rejects);
  } catch (e) {
    if (folder !== null) {
      const error = isAppError(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
      const where = await folder.fail([
        { name: 'rejects.csv', chunks: rejectsCsv(rejects, prepared.config?.csvDialect) },
        { name: 'error.json', chunks: [JSON.stringify(error, null, 2) + '\n'] },
      ]);
      if (where !== null) prepared.log.info({ failed: where }, 'rejects and error of the failed run written');
    }
    throw e;
  } finally {
    rejects.close();
    await folder?.discard();
    await cleaning;
  }
}

/**
 * Writes the outputs into the run folder, the manifest last, and swaps the run in. beforeCommit sees
 * the written manifest while the run can still be withdrawn (the logboek is appended there). The files
 * are written side by side: one is made while another's bytes go to the disk (each file is synced
 * before the swap), and with an xlsx thread the workbook is zipped there meanwhile.
 */
export async function writeRun(
  folder: RunFolder,
  run: RunResult,
  view: ReportView,
  beforeCommit?: (manifest: WrittenFile) => Promise<void>,
  options: { xlsx?: XlsxThread } = {},
): Promise<WrittenFile[]> {
  const outputs = renderOutputs(run, toolPackage(), view, options.xlsx);
  // A failed file stops the workbook too: there is no run to finish.
  const stop = async (e: unknown) => {
    await options.xlsx?.close();
    throw e;
  };
  const writes = outputs.map((o) => folder.write(o.name, o.chunks).catch(stop));
  let tool: ToolInfo | null = null;
  let failure: { error: unknown } | null = null;
  try {
    // The hash of the code (~15 ms) is taken while the files are opened and written.
    tool = toolInfo();
  } catch (e) {
    failure = { error: e };
  }
  // Every write settles before a failure is passed on: nothing may still write into the folder when the
  // caller discards it. The first failure in output order is the one reported.
  const settled = await Promise.allSettled(writes);
  for (const s of settled) if (failure === null && s.status === 'rejected') failure = { error: s.reason };
  if (failure !== null) {
    await options.xlsx?.close();
    throw failure.error;
  }
  const written = settled.map((s) => (s as PromiseFulfilledResult<WrittenFile>).value);
  const manifest = await folder.write('manifest.json', [buildManifest(run, written, tool!, view.lang)]);
  written.push(manifest);
  // The spill is no output: it must not be swapped in with the run.
  run.rejects.close();
  await beforeCommit?.(manifest);
  await folder.commit();
  return written;
}
