// Runs one indicator: the only place that stamps id, version and key on its findings and sorts them,
// so no rule can get these wrong or differ in how it does them.
import type { Dataset } from '../model/dataset.js';
import { compareSignals, type Finding, type IndicatorContext, type IndicatorDefinition, type Signal } from './define.js';

// Escaped so that a key splits back into its parts unambiguously; ids are pseudonyms and may hold anything.
function keyPart(value: string): string {
  return value.replace(/[%:=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The stable key of a finding: `indicator:messageId:entityKind=entityId[:name=value]...`, e.g.
 * `shared-iban:sharedAccount:provider=ZV001:iban_sleutel=IB123`. Subject parts keep the rule's order;
 * `%`, `:` and `=` inside values are written as %25, %3A and %3D.
 */
export function signalKey(indicator: string, f: Pick<Finding, 'messageId' | 'entity' | 'subject'>): string {
  const parts = [indicator, f.messageId, `${f.entity.kind}=${keyPart(f.entity.id)}`];
  for (const [name, value] of Object.entries(f.subject)) parts.push(`${name}=${keyPart(value)}`);
  return parts.join(':');
}

interface IndicatorOutput {
  signals: Signal[];
  stats?: Record<string, unknown>;
}

export function runIndicator(ind: IndicatorDefinition, ds: Dataset, params: unknown, ctx: IndicatorContext): IndicatorOutput {
  const result = ind.compute(ds, params as never, ctx);
  const keys = new Set<string>();
  const signals: Signal[] = result.signals.map((f) => {
    // TypeScript checks this for rules written in TS; a loud stop beats a sentence that renders as an id.
    if (!Object.hasOwn(ind.messages, f.messageId))
      throw new Error(`indicator ${ind.id} emitted messageId '${f.messageId}', which its messages do not declare`);
    const key = signalKey(ind.id, f);
    // Two findings with one key would merge into one on the next night's comparison: a rule bug.
    if (keys.has(key)) throw new Error(`indicator ${ind.id} emitted the key ${key} twice: its subject does not tell the findings apart`);
    keys.add(key);
    return {
      indicator: ind.id,
      version: ind.version,
      key,
      messageId: f.messageId,
      entity: f.entity,
      provider: f.provider,
      holders: f.holders,
      amount: f.amount,
      strength: f.strength,
      observed: f.observed,
      threshold: f.threshold,
      evidence: f.evidence,
    };
  });
  signals.sort(compareSignals);
  return result.stats === undefined ? { signals } : { signals, stats: result.stats };
}
