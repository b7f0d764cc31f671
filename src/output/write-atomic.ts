import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';

export interface SmallFile {
  name: string;
  content: string;
}

/**
 * Small files written beside a run (evaluation.json): each in full under a temporary name and only
 * then renamed into place, so a crash leaves the previous file or the new one, never half of one.
 * Scan outputs go through RunFolder instead, which swaps in a whole run.
 */
export async function writeOutputs(dir: string, files: SmallFile[]): Promise<void> {
  const staged: [string, string][] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.tmp-${process.pid}`);
      staged.push([tmp, join(dir, f.name)]);
      await writeFile(tmp, f.content, { flush: true });
    }
    for (const [tmp, final] of staged) await rename(tmp, final);
  } catch (e) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw new AppError('OUTPUT_UNWRITABLE', `Cannot write outputs to ${dir}: ${(e as Error).message}`, { dir });
  }
}
