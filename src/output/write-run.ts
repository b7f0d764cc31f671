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
 * the written manifest while the run can still be withdrawn (the logboek is appended there). With an
 * xlsx thread the workbook is zipped there while the other outputs are written here.
 */
export async function writeRun(
  folder: RunFolder,
  run: RunResult,
  view: ReportView,
  beforeCommit?: (manifest: WrittenFile) => Promise<void>,
  options: { xlsx?: XlsxThread } = {},
): Promise<WrittenFile[]> {
  const outputs = renderOutputs(run, toolPackage(), view, options.xlsx);
  const aside = options.xlsx === undefined ? -1 : outputs.findIndex((o) => o.name === 'overzicht.xlsx');
  const asideWritten = aside < 0 ? null : folder.write(outputs[aside].name, outputs[aside].chunks);
  // Settled below in every case; this only keeps a failure from counting as unhandled meanwhile.
  asideWritten?.catch(() => undefined);
  const written: WrittenFile[] = [];
  let tool: ToolInfo;
  try {
    for (const [i, o] of outputs.entries()) if (i !== aside) written.push(await folder.write(o.name, o.chunks));
    // The hash of the code (~15 ms) is taken while the workbook may still be zipped.
    tool = toolInfo();
  } catch (e) {
    // Nothing may still write into the folder when the caller discards it.
    await options.xlsx?.close();
    await asideWritten?.catch(() => undefined);
    throw e;
  }
  if (asideWritten !== null) written.splice(aside, 0, await asideWritten);
  const manifest = await folder.write('manifest.json', [buildManifest(run, written, tool, view.lang)]);
  written.push(manifest);
  // The spill is no output: it must not be swapped in with the run.
  run.rejects.close();
  await beforeCommit?.(manifest);
  await folder.commit();
  return written;
}
