import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../errors.js';
import { TruthSchema, type Truth } from '../generate/truth.js';
import { kindError, openErrorReason } from '../ingest/open-errors.js';

/** The truth.json of a generated population, validated: what evaluate scores a run against. */
export function readTruth(path: string): Truth {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw kindError('EISDIR', path);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('TRUTH_INVALID', `${path}: cannot read the truth file: ${openErrorReason(e)}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('TRUTH_INVALID', `${path}: not valid JSON (${(e as Error).message})`, { path });
  }
  const parsed = TruthSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${path}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new AppError('TRUTH_INVALID', lines.join('\n'), { path });
  }
  return parsed.data;
}
