// Files built from the input definitions: one valid row per input, every column filled, so a test
// can walk every defined input (present and future) without knowing its columns.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleValue, type InputDefinition } from '../../src/inputs/define.js';

/** The header and one valid row of an input; `header` renames columns as another export would. */
export function exampleFile(def: InputDefinition, header: (column: string) => string = (c) => c): string {
  return [def.columns.map((c) => header(c.name)).join(';'), def.columns.map((c) => exampleValue(c)).join(';')].join('\n') + '\n';
}

export function writeExampleFiles(dir: string, defs: readonly InputDefinition[], header?: (column: string) => string): string {
  for (const def of defs) writeFileSync(join(dir, `${def.name}.csv`), exampleFile(def, header));
  return dir;
}
