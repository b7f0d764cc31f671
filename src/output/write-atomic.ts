import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { OutputFile } from '../manifest/manifest.js';

/**
 * Every file is written in full under a temporary name and only then renamed into place, so a crash
 * leaves either the previous complete file or the new complete file, never half of one.
 */
export async function writeOutputs(dir: string, files: OutputFile[]): Promise<void> {
  const staged: [string, string][] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.tmp-${process.pid}`);
      await writeFile(tmp, f.content, { flush: true });
      staged.push([tmp, join(dir, f.name)]);
    }
    for (const [tmp, final] of staged) await rename(tmp, final);
  } catch (e) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw new AppError('OUTPUT_UNWRITABLE', `Cannot write outputs to ${dir}: ${(e as Error).message}`, { dir });
  }
}
