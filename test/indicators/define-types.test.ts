// TypeScript, not only the runner, refuses a message id that a rule does not declare; and the worked example
// in CONTRIBUTING.md still compiles against the current defineIndicator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The rule file of the worked example, with its imports pointed at this checkout's sources. */
function exampleRule(): string {
  const doc = readFileSync('CONTRIBUTING.md', 'utf8');
  const m = /`src\/indicators\/rules\/care-before-registration\.ts`:\n\n```ts\n([\s\S]*?)```/.exec(doc);
  expect(m, 'CONTRIBUTING.md keeps its worked example').not.toBeNull();
  return m![1]
    .replace("'../define.js'", JSON.stringify(resolve('src/indicators/define.js')))
    .replace("'../../model/dates.js'", JSON.stringify(resolve('src/model/dates.js')));
}

function typeErrors(files: Record<string, string>): Record<string, string[]> {
  // Inside the checkout, so that 'zod' resolves from node_modules as it does for the sources.
  mkdirSync('node_modules/.cache', { recursive: true });
  const dir = mkdtempSync(join('node_modules/.cache', 'pgb-types-'));
  const paths = Object.keys(files).map((name) => {
    const p = join(dir, name);
    writeFileSync(p, files[name]);
    return p;
  });
  const program = ts.createProgram(paths, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [resolve('node_modules/@types')],
  });
  const out: Record<string, string[]> = {};
  for (const [i, name] of Object.keys(files).entries())
    out[name] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(paths[i]))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  rmSync(dir, { recursive: true, force: true });
  return out;
}

describe('message ids are checked by the compiler', () => {
  it('compiles the worked example and refuses it with a message id it does not declare', () => {
    const good = exampleRule();
    const bad = good.replace("messageId: 'beforeRegistration',", "messageId: 'beforeRegistrationTypo',");
    expect(bad).not.toBe(good);
    const errors = typeErrors({ 'good.mts': good, 'bad.mts': bad });
    expect(errors['good.mts']).toEqual([]);
    expect(errors['bad.mts'].join('\n')).toMatch(/'"beforeRegistrationTypo"' is not assignable to type '"beforeRegistration"'/);
  });
});
