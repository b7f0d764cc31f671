// The scan described in the fields of the Dutch government's algorithm register (algoritmes.overheid.nl),
// made from the indicator registry and the input definitions: a new indicator, weight or column changes
// this text, so what a municipality publishes cannot fall behind the code.
import { buildConfigSchema } from '../config/schema.js';
import { REVIEW_MIN_MEMBERS, REVIEW_RATIO } from '../fairness/fairness.js';
import { paramDocs } from '../indicators/catalogue.js';
import type { IndicatorDefinition } from '../indicators/define.js';
import { INDICATORS } from '../indicators/index.js';
import { INPUTS, type InputName } from '../inputs/index.js';
import { WETTEN } from '../model/types.js';
import { CAVEAT } from '../report/messages.js';
import { WORDING } from '../report/wording.js';

export interface RegisterField {
  /** The field's name as the register has it. */
  veld: string;
  /** Paragraphs and bullet lines, Markdown. */
  tekst: string[];
}

export interface AlgorithmRegisterEntry {
  naam: RegisterField;
  doel: RegisterField;
  proces: RegisterField;
  menselijkeTussenkomst: RegisterField;
  data: RegisterField;
  werking: RegisterField;
  risicobeheer: RegisterField;
  rechtsgrond: RegisterField;
  links: RegisterField;
}

/** Dutch names of the inputs; a Record, so a new input cannot be left undescribed. */
const INPUT_NL: Record<InputName, string> = {
  budgethouders: 'budgethouders (pgb-export van de gemeente)',
  zorgverleners: 'zorgverleners (export van de zorgverleners met een pgb-overeenkomst)',
  declaraties: 'declaraties (export van de gedeclareerde zorg)',
  zorgovereenkomsten: 'zorgovereenkomsten (export van de zorgovereenkomsten)',
  afwezigheden: 'afwezigheden (opnames, detentie, verhuizing: perioden dat een budgethouder niet thuis was)',
  waarschuwingsregister: 'waarschuwingsregister (vermeldingen, met dezelfde pseudonieme sleutels als de exports)',
};

const URL_PATTERN = /https?:\/\/[^\s),;]+/g;

function field(veld: string, tekst: string[]): RegisterField {
  return { veld, tekst };
}

/** The register entry for the given indicators (the registry by default) and tool version. */
export function algorithmRegister(version: string, indicators: readonly IndicatorDefinition[] = INDICATORS): AlgorithmRegisterEntry {
  const config = buildConfigSchema().parse({});
  const settings = config.indicators as Record<string, { weight: number }>;
  const holderIndicators = indicators.filter((i) => i.holderConcern).map((i) => `\`${i.id}\``);
  const usedBy = (input: string, column: string) =>
    indicators.filter((i) => i.requires.some((r) => r.file === input && r.columns.includes(column))).map((i) => `\`${i.id}\``);

  const data = [
    'De scan leest exports van de gemeente en de Sociale Verzekeringsbank met pseudonieme sleutels (adres, rekening, vertegenwoordiger). Kolommen buiten het invoercontract worden genegeerd en nooit overgenomen in de uitvoer.',
    ...INPUTS.map((def) => {
      const cols = def.columns.map((c) => {
        const users = usedBy(def.name, c.name);
        return `\`${c.name}\`${users.length > 0 ? ` (${users.join(', ')})` : ''}`;
      });
      return `- **${def.name}.csv**${def.required ? '' : ' (optioneel)'}: ${INPUT_NL[def.name]}. Kolommen, met de indicatoren die ze nodig hebben: ${cols.join(', ')}.`;
    }),
  ];

  const werking = [
    `${indicators.length} gepubliceerde regels (indicatoren) zoeken elk naar één patroon in de declaraties. Een regel die afgaat geeft een signaal met de getallen en de regels uit de invoer waarop het berust. ` +
      WORDING.nl.scoring(String(config.tiers.hoog), String(config.tiers.midden)),
    `Budgethouders komen op een lijst van zorgen (zorgwekkend), nooit van verdachten, via ${holderIndicators.length > 0 ? holderIndicators.join(', ') : 'geen enkele indicator'}.`,
    'Er is geen zelflerend model: elke regel, drempel en elk gewicht staat hieronder, met de standaardwaarde.',
    ...indicators.map((ind) => {
      const params = paramDocs(ind).map((p) => `${p.name} = ${JSON.stringify(p.default)}`);
      return (
        `- **${ind.title.nl}** (\`${ind.id}\`, versie ${ind.version}, gewicht ${settings[ind.id]?.weight ?? ind.defaultWeight}): ${ind.condition.nl} ` +
        `Waarom: ${ind.rationale.nl}${params.length > 0 ? ` Parameters: ${params.join('; ')}.` : ''}`
      );
    }),
  ];

  const sources = [...new Set(indicators.flatMap((i) => i.source.match(URL_PATTERN) ?? []))].sort();

  return {
    naam: field('Naam', [`pgb-risicoscan (pgb-scan), versie ${version}`]),
    doel: field('Doel en impact', [
      'Signalen van mogelijke fraude en zorgverwaarlozing bij persoonsgebonden budgetten (pgb) in beschermd en begeleid wonen vinden, zodat medewerkers van de gemeente gericht kunnen kijken: welke zorgverlener een gesprek of huisbezoek verdient, en waarom.',
      'Het algoritme neemt geen besluit. Het helpt kiezen waar een mens gaat kijken en bij welke budgethouders zorg nodig kan zijn; budgethouders zijn vaak slachtoffer.',
    ]),
    proces: field('Proces', [
      '1. De gemeente levert de exports aan; elke regel wordt gecontroleerd en een regel die niet klopt wordt met reden afgewezen (niets verdwijnt stil).',
      `2. De ${indicators.length} indicatoren lopen over de geaccepteerde regels; wat een indicator mist (een bestand of kolom), staat in het rapport.`,
      '3. De signalen worden per zorgverlener gewogen tot een score en een klasse (hoog, midden, laag); budgethouders betrokken bij een signaal van zorg komen op een lijst van zorgen.',
      '4. Het rapport noemt per zorgverlener de redenen met getallen en bronregels, wat te controleren en mogelijke onschuldige verklaringen. Een analist beoordeelt elk signaal voordat er iets gebeurt.',
      '5. Elke run legt invoer, instellingen, versie en uitvoer vast met hashes (manifest.json); `pgb-scan verify` herhaalt een run en vergelijkt byte voor byte.',
    ]),
    menselijkeTussenkomst: field('Menselijke tussenkomst', [
      CAVEAT.nl,
      'Er volgt geen geautomatiseerd besluit (AVG art. 22): een medewerker beoordeelt elk signaal, kijkt de genoemde bronregels na en sluit de onschuldige verklaringen uit die bij elke indicator staan, voordat er contact, een bezoek of een maatregel volgt.',
    ]),
    data: field('Gegevens', data),
    werking: field('Technische werking', werking),
    risicobeheer: field('Risicobeheer', [
      '- **Beschermde kenmerken geweigerd.** Invoer met een kolom voor nationaliteit, geboorteland, herkomst, etniciteit, religie of taal (naar naam of inhoud) wordt geweigerd: zulke gegevens kunnen niets sturen.',
      `- **Gelijke behandeling gemeten.** Elke run schrijft fairness.csv en een paragraaf in het rapport: per gemeente, wet, voorziening, leeftijdsgroep en soort zorgverlener het aandeel op de lijst; een groep met meer dan ${REVIEW_RATIO} keer het gemiddelde aandeel en ten minste ${REVIEW_MIN_MEMBERS} leden is een reden om de indicatoren te herzien. Beschermde gronden zelf kunnen niet worden gemeten, omdat de scan ze weigert.`,
      `- **Onschuldige verklaringen.** Bij elk van de ${indicators.length} indicatoren staan wat te controleren en mogelijke onschuldige verklaringen (${indicators.reduce((a, i) => a + i.innocentExplanations.nl.length, 0)} in totaal), die het rapport bij elk signaal toont.`,
      '- **Herleidbaar en herhaalbaar.** Elk signaal noemt bestand en regel van elke onderbouwende invoerregel; dezelfde invoer geeft dezelfde uitvoer, byte voor byte, en `pgb-scan verify` controleert dat.',
      '- **Pseudoniem.** De scan werkt met pseudonieme id\'s en sleutels en neemt geen kolommen buiten het contract over in de uitvoer.',
    ]),
    rechtsgrond: field('Wettelijke basis', [
      `De pgb's in de export vallen onder ${WETTEN.map((w) => ({ wmo: 'de Wmo 2015', jeugdwet: 'de Jeugdwet', wlz: 'de Wlz', zvw: 'de Zvw' })[w]).join(', ')} (kolom \`wet\`). De gemeente vult hier de artikelen aan die haar taak geven om de rechtmatigheid van pgb-besteding te controleren en misbruik tegen te gaan.`,
      'Verwerking van persoonsgegevens: AVG art. 6 lid 1 onder e (taak van algemeen belang); geen geautomatiseerde besluitvorming in de zin van AVG art. 22.',
    ]),
    links: field('Links', [
      '- Indicatoren in detail: docs/indicators.md (gemaakt uit dezelfde registry, `pgb-scan indicators --docs`)',
      '- Algoritmeregister van de Nederlandse overheid: https://algoritmes.overheid.nl',
      'Bronnen van de indicatoren:',
      ...sources.map((u) => `- ${u}`),
    ]),
  };
}

/** The entry as Markdown: one section per register field, in the register's order. */
export function algorithmRegisterMarkdown(entry: AlgorithmRegisterEntry): string {
  const out = ['# Algoritmeregister: pgb-risicoscan', '', 'Gegenereerd uit de indicatoren-registry (`pgb-scan indicators --algoritmeregister`).', ''];
  for (const f of Object.values(entry) as RegisterField[]) {
    out.push(`## ${f.veld}`, '');
    // A paragraph stands alone; list items follow one another and end with a blank line.
    f.tekst.forEach((t: string, i: number) => {
      out.push(t);
      const list = /^(- |\d+\. )/;
      if (!list.test(t) || !list.test(f.tekst[i + 1] ?? '')) out.push('');
    });
  }
  return out.join('\n');
}
