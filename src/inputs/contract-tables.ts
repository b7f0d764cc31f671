import { INPUTS } from './index.js';

/** The README's input contract: one table per input, generated from the definitions. */
export function inputContractMarkdown(): string {
  const out: string[] = [];
  for (const def of INPUTS) {
    out.push(`**${def.name}.csv**${def.required ? '' : ' (optional)'}: ${def.title}`, '');
    out.push('| column | required | content |', '|---|---|---|');
    for (const c of def.columns) out.push(`| ${c.name} | ${c.requiredNote ?? (c.required ? 'yes' : 'no')} | ${c.description} |`);
    out.push('');
    if (def.note !== undefined) out.push(def.note, '');
  }
  return out.join('\n');
}
