import type { Evidence } from '../indicators/define.js';
import { formatDay } from '../model/dates.js';
import type { RunResult } from '../run-result.js';
import type { ScoredSignal } from '../score/score.js';
import { mdText } from './markdown-text.js';
import { mappingWarningLines } from './mapping-warnings.js';
import { networksSection } from './networks-section.js';
import { CAVEAT, formatMoney, formatNumber, HOLDER_LABEL, renderSignal } from './messages.js';

const TOP_PROVIDERS = 25;
const TOP_HOLDERS = 25;
const LINES_SHOWN = 12;

const md = mdText;

const nl = (x: number) => formatNumber(x, 'nl');
const euro = (x: number) => `€ ${formatMoney(x, 'nl')}`;

/** "declaraties.csv r. 12, 15-18 (+40 meer)": enough to start checking; signals.ndjson has them all. */
export function evidenceSummary(evidence: Evidence[]): string {
  const byFile = new Map<string, number[]>();
  for (const e of evidence) {
    const list = byFile.get(e.file) ?? [];
    list.push(e.line);
    byFile.set(e.file, list);
  }
  const parts: string[] = [];
  for (const [file, lines] of byFile) {
    const shown = lines.slice(0, LINES_SHOWN);
    const ranges: string[] = [];
    let start = shown[0];
    let prev = shown[0];
    for (let i = 1; i <= shown.length; i++) {
      const v = shown[i];
      if (v === prev + 1) {
        prev = v;
        continue;
      }
      ranges.push(start === prev ? `${start}` : `${start}-${prev}`);
      start = v;
      prev = v;
    }
    const more = lines.length - shown.length;
    parts.push(`${md(file)} r. ${ranges.join(', ')}${more > 0 ? ` (+${more} meer)` : ''}`);
  }
  return parts.join('; ');
}

function signalBullet(s: ScoredSignal): string {
  const pts = s.contribution > 0 ? `${nl(s.contribution)} punten` : 'telt niet extra mee';
  return `- **${s.indicator}** (${pts}): ${md(renderSignal(s, 'nl'))}\n  Bewijs: ${evidenceSummary(s.evidence)}`;
}

const DUPLICATE_GROUPS_SHOWN = 20;

/** Ids that differ only in letter case; absent when there are none. */
export function possibleDuplicatesSection(run: RunResult): string[] {
  const { total, groups } = run.possibleDuplicateIds;
  if (total === 0) return [];
  const out = ["## Mogelijke dubbele id's", ''];
  out.push(
    `${nl(total)} groep(en) id's die alleen in hoofdletters verschillen. De scan telt ze als verschillende id's (niet samengevoegd, niet afgewezen); ` +
      'controleer of het dezelfde budgethouder, zorgverlener of declaratie is.',
    '',
    "| bestand | kolom | id's (regel) |",
    '|---|---|---|',
  );
  for (const g of groups.slice(0, DUPLICATE_GROUPS_SHOWN))
    out.push(`| ${md(g.file)} | ${g.column} | ${g.ids.map((id, i) => `${md(id)} (r. ${g.lines[i]})`).join(', ')} |`);
  if (total > DUPLICATE_GROUPS_SHOWN) out.push('', `En ${nl(total - DUPLICATE_GROUPS_SHOWN)} groep(en) meer; manifest.json noemt de eerste ${nl(groups.length)}.`);
  out.push('');
  return out;
}

export function markdownReport(run: RunResult, toolVersion: string): string {
  const out: string[] = [];
  const { providers, holders } = run.scored;
  out.push('# PGB-risicoscan: rapport', '');
  out.push(`Peildatum: ${formatDay(run.asOf)} (${run.asOfSource === 'flag' ? 'opgegeven met --as-of' : 'afgeleid uit de plausibele zorgdata'}). pgb-risicoscan ${toolVersion}.`, '');
  out.push('> **Let op.** ' + CAVEAT.nl, '');

  out.push('## Samenvatting', '');
  const tiers = { hoog: 0, midden: 0, laag: 0 };
  for (const p of providers) tiers[p.tier]++;
  out.push(
    `- ${providers.length} zorgverlener(s) met een signaal: ${tiers.hoog} hoog, ${tiers.midden} midden, ${tiers.laag} laag.`,
    `- ${holders.length} budgethouder(s) in een ${HOLDER_LABEL.nl}e situatie.`,
    `- Signalen: ${run.scored.signals.length}, van ${run.indicators.filter((i) => i.signals > 0).length} van de ${run.indicators.length} indicatoren.`,
    `- ${run.rejects.count === 0 ? 'Geen afgewezen regels.' : `${nl(run.inputs.reduce((a, i) => a + i.rowsRejected, 0))} afgewezen regel(s); zie rejects.csv.`}`,
    '',
  );

  out.push('## Invoer', '');
  out.push('| bestand | bytes | codering | scheidingsteken | decimaal | datumvormen | gelezen | geaccepteerd | afgewezen | genegeerde kolommen |');
  out.push('|---|---:|---|---|---|---|---:|---:|---:|---|');
  for (const i of run.inputs) {
    const d = i.dialect;
    const delim = d.delimiter === '\t' ? 'tab' : `\`${d.delimiter}\``;
    out.push(
      `| ${md(i.display)} | ${nl(i.bytes)} | ${d.encoding}${d.bom ? ' (BOM)' : ''} | ${delim} | ${d.decimal === 'comma' ? 'komma' : 'punt'} | ${d.dateFormats.join(', ') || '-'} | ${nl(i.rowsRead)} | ${nl(i.rowsAccepted)} | ${nl(i.rowsRejected)} | ${md(i.ignoredColumns.join(', ')) || '-'} |`,
    );
  }
  out.push('', 'De sha256 van elk bestand staat in manifest.json.', '');
  out.push(...mappingWarningLines(run.inputs));

  out.push('## Afgewezen regels', '');
  if (run.rejects.count === 0) out.push('Alle gelezen regels zijn geaccepteerd.', '');
  else {
    out.push('| bestand | code | aantal meldingen |', '|---|---|---:|');
    for (const { file, code, count } of run.rejects.byCode()) out.push(`| ${md(file)} | ${code} | ${nl(count)} |`);
    out.push('', 'Elke afgewezen regel staat met bestand, regelnummer, kolom, waarde en reden in rejects.csv.', '');
  }

  out.push(...possibleDuplicatesSection(run));

  out.push(`## Zorgverleners om naar te kijken`, '');
  if (providers.length === 0) out.push('Geen enkele indicator gaf een signaal.', '');
  for (const p of providers.slice(0, TOP_PROVIDERS)) {
    out.push(`### ${p.rank}. ${md(p.naam || p.providerId)} (${md(p.providerId)}): score ${nl(p.score)}, ${p.tier}`, '');
    out.push(`${nl(p.holders.length)} budgethouder(s), ${euro(p.amount)} in de onderbouwende declaraties. Waarom:`, '');
    for (const s of p.signals) out.push(signalBullet(s));
    out.push('');
  }
  if (providers.length > TOP_PROVIDERS) out.push(`De overige ${providers.length - TOP_PROVIDERS} zorgverleners staan in providers.csv.`, '');

  out.push(...networksSection(run.networks));

  out.push(`## Budgethouders: ${HOLDER_LABEL.nl}`, '');
  out.push('Deze budgethouders zijn betrokken bij een signaal. Zij zijn vaak slachtoffer; dit is een lijst van zorgen, niet van verdachten.', '');
  if (holders.length > 0) {
    out.push('| # | budgethouder | indicatoren | zorgverleners | bedrag | reden |', '|---:|---|---|---|---:|---|');
    for (const h of holders.slice(0, TOP_HOLDERS))
      out.push(`| ${h.rank} | ${md(h.holderId)} | ${h.indicators.join(', ')} | ${md(h.providers.join(', '))} | ${euro(h.amount)} | ${md(renderSignal(h.top, 'nl'))} |`);
    if (holders.length > TOP_HOLDERS) out.push('', `De overige ${holders.length - TOP_HOLDERS} staan in budgethouders.csv.`);
    out.push('');
  }

  out.push('## Indicatoren', '');
  out.push('| indicator | versie | titel | signalen | status |', '|---|---:|---|---:|---|');
  for (const i of run.indicators) {
    const status = !i.enabled ? `uitgeschakeld` : i.applicable ? 'uitgevoerd' : `niet toepasbaar: ${md(i.reason ?? '')}`;
    out.push(`| ${i.id} | ${i.version} | ${md(i.title.nl)} | ${i.signals} | ${status} |`);
  }
  out.push('');
  out.push('## Hoe de score tot stand komt', '');
  out.push(
    'Elke indicator heeft een gewicht w (0 tot 1) en elk signaal een sterkte s (1, of lager voor een zachtere variant). Per zorgverlener telt per indicator het sterkste signaal: 100·w·s punten. De score is 100·(1 − Π(1 − punten/100)): elke volgende reden dicht een deel van het resterende gat tot 100. Hoog vanaf ' +
      `${nl(run.config.tiers.hoog)}, midden vanaf ${nl(run.config.tiers.midden)}, laag daaronder. Gelijke scores worden geordend op zorgverlener-id.`,
    '',
  );
  return out.join('\n');
}
