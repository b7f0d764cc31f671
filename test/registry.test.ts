// Keeps the registry, the indicator files, their tests, the messages and the README in step,
// the way ESLint's checkRuleFiles does for rules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { catalogue, indicatorDocsMarkdown, indicatorListText, indicatorTableMarkdown, paramDocs } from '../src/indicators/catalogue.js';
import { INDICATORS } from '../src/indicators/index.js';

// Rules live alone in rules/; helpers (define, run, catalogue, budget-period) sit beside it.
const ruleFiles = readdirSync('src/indicators/rules');
const indicatorFiles = ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort();

describe('indicator registry', () => {
  it('registers every rule file, sorted, under its file name', () => {
    expect(ruleFiles.every((f) => f.endsWith('.ts')), 'only rule files in src/indicators/rules').toBe(true);
    expect(INDICATORS.map((i) => i.id)).toEqual(indicatorFiles);
  });

  it.each(INDICATORS.map((i) => [i.id, i] as const))('%s declares complete metadata', (id, ind) => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(ind.version).toBeGreaterThanOrEqual(1);
    for (const t of [ind.title, ind.condition, ind.rationale]) {
      expect(t.nl.trim().length).toBeGreaterThan(3);
      expect(t.en.trim().length).toBeGreaterThan(3);
    }
    // Said on a visit in both languages: as many items in each, none empty.
    for (const list of [ind.whatToCheck, ind.innocentExplanations]) {
      expect(list.nl.length).toBeGreaterThanOrEqual(2);
      expect(list.en.length).toBe(list.nl.length);
      for (const item of [...list.nl, ...list.en]) expect(item.trim().length).toBeGreaterThan(10);
    }
    expect(Object.keys(ind.messages).length).toBeGreaterThan(0);
    expect(ind.source.length).toBeGreaterThan(10);
    expect(ind.requires.length).toBeGreaterThan(0);
    expect(ind.defaultWeight).toBeGreaterThan(0);
    expect(ind.defaultWeight).toBeLessThanOrEqual(1);
    expect(existsSync(`test/indicators/${id}.test.ts`)).toBe(true);
  });

  it.each(INDICATORS.map((i) => [i.id, i] as const))('%s: every parameter has a default and a description; unknown keys are refused', (_id, ind) => {
    const docs = paramDocs(ind);
    expect(docs.length).toBeGreaterThan(0);
    for (const p of docs) {
      expect(p.default, p.name).not.toBeUndefined();
      expect(p.description.length, p.name).toBeGreaterThan(5);
    }
    expect(ind.params.safeParse({ noSuchParam: 1 }).success).toBe(false);
  });

  it('fills every default in the effective config from the schemas', () => {
    const config = parseConfig({}, 'test');
    for (const ind of INDICATORS) {
      const s = (config.indicators as Record<string, { enabled: boolean; weight: number; params: object }>)[ind.id];
      expect(s.enabled).toBe(true);
      expect(s.weight).toBe(ind.defaultWeight);
      expect(s.params).toEqual(ind.params.parse({}));
    }
  });

  it('refuses a config with an unknown indicator or parameter, naming the path', () => {
    expect(() => parseConfig({ indicators: { 'no-such': {} } }, 'c.json')).toThrow(/indicators/);
    const id = INDICATORS[0].id;
    expect(() => parseConfig({ indicators: { [id]: { params: { bogus: 1 } } } }, 'c.json')).toThrow(new RegExp(`indicators\\.${id}\\.params`));
  });

  it('shows what to check and the innocent explanations in `indicators`, --json and --docs', () => {
    const text = indicatorListText();
    const docs = indicatorDocsMarkdown();
    for (const [ind, entry] of INDICATORS.map((i, n) => [i, catalogue()[n]] as const)) {
      expect(entry.whatToCheck).toEqual(ind.whatToCheck);
      expect(entry.innocentExplanations).toEqual(ind.innocentExplanations);
      expect(Object.keys(entry.messages)).toEqual(Object.keys(ind.messages));
      for (const item of [...ind.whatToCheck.nl, ...ind.innocentExplanations.nl]) expect(text).toContain(item);
      for (const item of [...ind.whatToCheck.nl, ...ind.whatToCheck.en, ...ind.innocentExplanations.nl, ...ind.innocentExplanations.en])
        expect(docs).toContain(`- ${item}`);
    }
  });

  it('docs/indicators.md matches the registry (regenerate: node scripts/update-readme.mjs)', () => {
    expect(readFileSync('docs/indicators.md', 'utf8')).toBe(indicatorDocsMarkdown());
  });

  it('README indicator table matches the registry (regenerate: pgb-scan indicators --markdown)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const m = /<!-- indicators:start -->\n([\s\S]*?)<!-- indicators:end -->/.exec(readme);
    expect(m, 'README needs the indicators:start/end markers').not.toBeNull();
    expect(m![1]).toBe(indicatorTableMarkdown());
  });
});

describe('README reject codes', () => {
  it('lists every reject code with its meaning', async () => {
    const { rejectCodeTableMarkdown } = await import('../src/report/reject-code-table.js');
    const readme = readFileSync('README.md', 'utf8');
    const m = /<!-- rejects:start -->\n([\s\S]*?)<!-- rejects:end -->/.exec(readme);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(rejectCodeTableMarkdown());
  });
});

describe('README error codes', () => {
  it('names every error code the program can exit with', async () => {
    const { ERROR_CODES } = await import('../src/errors.js');
    const readme = readFileSync('README.md', 'utf8');
    for (const code of ERROR_CODES) expect(readme, code).toContain(`\`${code}\``);
  });
});
