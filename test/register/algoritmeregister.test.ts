import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../src/indicators/index.js';
import { algorithmRegister, algorithmRegisterMarkdown } from '../../src/register/algoritmeregister.js';
import { runCli } from '../support/cli.js';

const FIELDS = ['Naam', 'Doel en impact', 'Proces', 'Menselijke tussenkomst', 'Gegevens', 'Technische werking', 'Risicobeheer', 'Wettelijke basis', 'Links'];

describe('pgb-scan indicators --algoritmeregister', () => {
  it('writes the register fields in order, with every indicator of the registry under Technische werking', async () => {
    const r = await runCli(['indicators', '--algoritmeregister']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^## .*$/gm)).toEqual(FIELDS.map((f) => `## ${f}`));
    const werking = r.stdout.slice(r.stdout.indexOf('## Technische werking'), r.stdout.indexOf('## Risicobeheer'));
    for (const ind of INDICATORS) {
      expect(werking).toContain(`- **${ind.title.nl}** (\`${ind.id}\`, versie ${ind.version}, gewicht ${ind.defaultWeight}): ${ind.condition.nl}`);
    }
    expect(werking).toContain(`${INDICATORS.length} gepubliceerde regels`);
  });

  it('gives the same entry as JSON with --json', async () => {
    const r = await runCli(['indicators', '--algoritmeregister', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, { veld: string; tekst: string[] }>;
    expect(Object.values(json).map((f) => f.veld)).toEqual(FIELDS);
    expect(json.werking.tekst.filter((t) => t.startsWith('- **'))).toHaveLength(INDICATORS.length);
  });

  it('changes when the registry does: an indicator removed, a title and a required column changed', () => {
    const [first, second, ...rest] = INDICATORS;
    const changed = { ...second, title: { nl: 'Nieuwe titel', en: 'New title' }, requires: [{ file: 'budgethouders' as const, columns: ['geboortejaar'] }] };
    const before = algorithmRegisterMarkdown(algorithmRegister('1.0.0'));
    const after = algorithmRegisterMarkdown(algorithmRegister('1.0.0', [changed, ...rest]));
    expect(before).toContain(`\`${first.id}\``);
    expect(after).not.toContain(`\`${first.id}\``);
    expect(after).toContain(`- **Nieuwe titel** (\`${second.id}\``);
    expect(after).toContain(`\`geboortejaar\` (\`${second.id}\`)`);
    expect(before).not.toContain(`\`geboortejaar\` (`);
    expect(after).toContain(`${INDICATORS.length - 1} gepubliceerde regels`);
  });

  it('names the human review, the refused protected attributes and the fairness check', () => {
    const md = algorithmRegisterMarkdown(algorithmRegister('1.0.0'));
    expect(md).toMatch(/## Menselijke tussenkomst\n\nEen signaal is een reden om te kijken, geen bevinding en geen besluit/);
    expect(md).toContain('AVG art. 22');
    expect(md).toMatch(/Beschermde kenmerken geweigerd.*nationaliteit/);
    expect(md).toContain('fairness.csv');
    // Sources are cited by the indicators themselves: each URL once.
    const links = md.slice(md.indexOf('## Links')).match(/^- https?:\S+$/gm)!;
    expect(new Set(links).size).toBe(links.length);
    expect(links).toContain('- https://www.ikz.nl/documenten/publicaties/2019/11/12/fraude-en-zorgverwaarlozing-bij-beschermd-en-begeleid-wonen');
  });
});
