// Renders the registry's metadata for people: the `indicators` command and the README table are
// made from this, so they cannot drift from the code (test/registry.test.ts compares them).
import { SUBMISSION_TIME } from '../inputs/declaraties.js';
import { z } from 'zod';
import type { IndicatorDefinition } from './define.js';
import { INDICATORS } from './index.js';
import { renderSignal } from '../report/messages.js';

export interface ParamDoc {
  name: string;
  type: string;
  default: unknown;
  description: string;
}

export function paramDocs(ind: IndicatorDefinition): ParamDoc[] {
  const schema = z.toJSONSchema(ind.params, { io: 'input' }) as {
    properties?: Record<string, { type?: string; default?: unknown; description?: string }>;
  };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type ?? 'unknown',
    default: p.default,
    description: p.description ?? '',
  }));
}

export function catalogueEntry(ind: IndicatorDefinition) {
  return {
    id: ind.id,
    version: ind.version,
    entity: ind.entity,
    title: ind.title,
    condition: ind.condition,
    rationale: ind.rationale,
    whatToCheck: ind.whatToCheck,
    innocentExplanations: ind.innocentExplanations,
    source: ind.source,
    requires: ind.requires,
    defaultWeight: ind.defaultWeight,
    holderConcern: ind.holderConcern,
    params: paramDocs(ind),
    messages: Object.fromEntries(Object.entries(ind.messages).map(([id, m]) => [id, { nl: m.nl, en: m.en }])),
  };
}

export function catalogue() {
  return INDICATORS.map(catalogueEntry);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function paramText(p: ParamDoc): string {
  return `\`${p.name}\` = ${JSON.stringify(p.default)}`;
}

/** The README's indicator table. */
export function indicatorTableMarkdown(): string {
  const lines = [
    '| id | entity | weight | holders listed | condition | parameters (default) | source |',
    '|---|---|---:|---|---|---|---|',
  ];
  for (const ind of INDICATORS) {
    const params = paramDocs(ind).map(paramText).join('<br>');
    lines.push(
      `| \`${ind.id}\` | ${ind.entity} | ${ind.defaultWeight} | ${ind.holderConcern ? 'yes' : 'no'} | ${cell(ind.condition.en)}<br>*${cell(ind.condition.nl)}* | ${params} | ${cell(ind.source)} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Plain-text listing for a terminal. */
export function indicatorListText(): string {
  const out: string[] = [];
  for (const ind of INDICATORS) {
    out.push(`${ind.id} (v${ind.version}, ${ind.entity}, weight ${ind.defaultWeight})`);
    out.push(`  ${ind.title.nl} / ${ind.title.en}`);
    out.push(`  ${ind.condition.nl}`);
    for (const p of paramDocs(ind)) out.push(`  - ${p.name} = ${JSON.stringify(p.default)}: ${p.description}`);
    out.push('  Wat te controleren:');
    for (const item of ind.whatToCheck.nl) out.push(`    * ${item}`);
    out.push('  Mogelijke onschuldige verklaring:');
    for (const item of ind.innocentExplanations.nl) out.push(`    * ${item}`);
    out.push('');
  }
  return out.join('\n');
}

/** One page with every indicator in full: what the README table cannot hold (rationale, columns, parameters). */
export function indicatorDocsMarkdown(): string {
  const out: string[] = [
    '# Indicatoren / indicators',
    '',
    'Generated from the registry (`pgb-scan indicators --docs`); a test keeps this page in sync with the code.',
    'A signal is a reason to look, not a finding.',
    '',
  ];
  for (const ind of INDICATORS) {
    out.push(`## \`${ind.id}\` (v${ind.version}): ${ind.title.nl} / ${ind.title.en}`, '');
    out.push(`- **Entity:** ${ind.entity}; **default weight:** ${ind.defaultWeight}; **holders listed as zorgwekkend:** ${ind.holderConcern ? 'yes' : 'no'}`);
    out.push(`- **Requires:** ${ind.requires.map((r) => `${r.file}.csv: ${r.columns.map((c) => (c === SUBMISSION_TIME ? 'ingediend_op with a time of day' : c)).join(', ')}`).join('; ')}`, '');
    out.push(`**Wanneer / when.** ${ind.condition.nl}`, '', `${ind.condition.en}`, '');
    out.push(`**Waarom / why.** ${ind.rationale.nl}`, '', `${ind.rationale.en}`, '');
    out.push('**Wat te controleren / what to check.**', '');
    for (const item of ind.whatToCheck.nl) out.push(`- ${item}`);
    out.push('');
    for (const item of ind.whatToCheck.en) out.push(`- ${item}`);
    out.push('', '**Mogelijke onschuldige verklaring / innocent explanations.**', '');
    for (const item of ind.innocentExplanations.nl) out.push(`- ${item}`);
    out.push('');
    for (const item of ind.innocentExplanations.en) out.push(`- ${item}`);
    out.push('', '**Meldingen / messages** (with example values).', '');
    for (const [messageId, m] of Object.entries(ind.messages)) {
      const example = { indicator: ind.id, messageId, observed: m.example, threshold: {} };
      out.push(`- \`${messageId}\`: ${renderSignal(example, 'nl')}<br>*${renderSignal(example, 'en')}*`);
    }
    out.push('', `**Bron / source.** ${ind.source}`, '');
    out.push('| parameter | default | description |', '|---|---|---|');
    for (const p of paramDocs(ind)) out.push(`| \`${p.name}\` | ${JSON.stringify(p.default)} | ${cell(p.description)} |`);
    out.push('');
  }
  return out.join('\n');
}
