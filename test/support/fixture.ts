// Builds a Dataset from terse literals, so indicator tests state only what matters.
import budgethouders from '../../src/inputs/budgethouders.js';
import declaraties, { SUBMISSION_TIME } from '../../src/inputs/declaraties.js';
import type { InputDefinition } from '../../src/inputs/define.js';
import { FILE_KINDS, INPUTS } from '../../src/inputs/index.js';
import zorgverleners from '../../src/inputs/zorgverleners.js';
import { buildDataset, latestCareDay, type Dataset, type IngestedData } from '../../src/model/dataset.js';
import { parseIsoDay, NO_DAY } from '../../src/model/dates.js';
import { DeclarationTableBuilder, EMPTY_DECLARATION } from '../../src/model/declaration-table.js';
import {
  OVEREENKOMST_SOORTEN,
  type BudgetHolder,
  type FileKind,
  type Provider,
} from '../../src/model/types.js';

type DateText = string;

export interface HolderSpec {
  id: string;
  gemeenteCode?: string;
  wet?: BudgetHolder['wet'];
  voorziening?: BudgetHolder['voorziening'];
  budgetBedrag?: number;
  budgetStart?: DateText;
  budgetEind?: DateText | null;
  indicatieUrenPerWeek?: number | null;
  geboortejaar?: number | null;
  adresSleutel?: string | null;
  vertegenwoordigerId?: string | null;
  ingeschrevenSinds?: DateText | null;
  overlijdensdatum?: DateText | null;
}

export interface ProviderSpec {
  id: string;
  naam?: string | null;
  soort?: Provider['soort'];
  kvkNummer?: string | null;
  agbCode?: string | null;
  kvkStartdatum?: DateText | null;
  einddatum?: DateText | null;
  adresSleutel?: string | null;
  ibanSleutel?: string | null;
  wooninitiatief?: boolean | null;
}

export interface DeclarationSpec {
  id: string;
  holder: string;
  provider: string;
  zorgdatum?: DateText;
  periodeStart?: DateText;
  periodeEind?: DateText;
  begintijd?: string;
  eindtijd?: string;
  uren?: number;
  tarief?: number;
  bedrag: number;
  overeenkomstSoort?: (typeof OVEREENKOMST_SOORTEN)[number];
  zorgovereenkomstId?: string;
  /** 'YYYY-MM-DD', or 'YYYY-MM-DD HH:MM' with a time. */
  ingediendOp?: DateText;
}

export interface FixtureSpec {
  holders: HolderSpec[];
  providers: ProviderSpec[];
  declarations: DeclarationSpec[];
  contracts?: null;
  asOf?: DateText;
}

function day(text: DateText): number {
  const d = parseIsoDay(text);
  if (d === null) throw new Error(`fixture: bad date ${text}`);
  return d;
}
const optDay = (t: DateText | null | undefined) => (t == null ? null : day(t));
const minutes = (t: string | undefined) => {
  if (t === undefined) return -1;
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
};

/** Fixture key -> column: the id column is `id`, the others their camelCased names (budget_eind: budgetEind). */
function fixtureKeys(def: InputDefinition, renamed: Record<string, string> = {}): Record<string, string> {
  const camel = (c: string) => c.replace(/_(\w)/g, (_m, ch: string) => ch.toUpperCase());
  return Object.fromEntries(def.columns.map((c) => [renamed[c.name] ?? (c.name === def.idColumn ? 'id' : camel(c.name)), c.name]));
}
const HOLDER_KEYS = fixtureKeys(budgethouders);
const PROVIDER_KEYS = fixtureKeys(zorgverleners);
const DECL_KEYS = fixtureKeys(declaraties, { budgethouder_id: 'holder', zorgverlener_id: 'provider' });
const required = (def: InputDefinition) => def.columns.filter((c) => c.required).map((c) => c.name);

function filledColumns(rows: object[], keys: Record<string, string>, always: string[]): Set<string> {
  const out = new Set(always);
  for (const r of rows)
    for (const [k, v] of Object.entries(r)) if (v !== undefined && v !== null && v !== '' && keys[k]) out.add(keys[k]);
  return out;
}

/** Holders default to an open-ended wmo begeleid_wonen budget of 20,000 from 2024-01-01; providers to zzp. */
export function makeDataset(spec: FixtureSpec): Dataset {
  const holders: BudgetHolder[] = spec.holders.map((h, i) => ({
    id: h.id,
    line: i + 2,
    gemeenteCode: h.gemeenteCode ?? 'GM0363',
    wet: h.wet ?? 'wmo',
    voorziening: h.voorziening ?? 'begeleid_wonen',
    budgetBedrag: h.budgetBedrag ?? 20000,
    budgetStart: day(h.budgetStart ?? '2024-01-01'),
    budgetEind: optDay(h.budgetEind),
    indicatieUrenPerWeek: h.indicatieUrenPerWeek ?? null,
    geboortejaar: h.geboortejaar ?? null,
    adresSleutel: h.adresSleutel ?? null,
    vertegenwoordigerId: h.vertegenwoordigerId ?? null,
    ingeschrevenSinds: optDay(h.ingeschrevenSinds),
    overlijdensdatum: optDay(h.overlijdensdatum),
  }));
  const providers: Provider[] = spec.providers.map((p, i) => ({
    id: p.id,
    line: i + 2,
    naam: p.naam ?? null,
    soort: p.soort ?? 'zzp',
    kvkNummer: p.kvkNummer ?? null,
    agbCode: p.agbCode ?? null,
    kvkStartdatum: optDay(p.kvkStartdatum),
    einddatum: optDay(p.einddatum),
    adresSleutel: p.adresSleutel ?? null,
    ibanSleutel: p.ibanSleutel ?? null,
    wooninitiatief: p.wooninitiatief ?? null,
  }));
  const hIdx = new Map(holders.map((h, i) => [h.id, i]));
  const pIdx = new Map(providers.map((p, i) => [p.id, i]));
  const b = new DeclarationTableBuilder();
  spec.declarations.forEach((d, i) => {
    const holder = hIdx.get(d.holder);
    const provider = pIdx.get(d.provider);
    if (holder === undefined || provider === undefined) throw new Error(`fixture: unknown holder/provider in ${d.id}`);
    const zd = d.zorgdatum ? day(d.zorgdatum) : NO_DAY;
    b.push({
      ...EMPTY_DECLARATION,
      id: d.id,
      line: i + 2,
      holder,
      provider,
      contractId: d.zorgovereenkomstId ?? '',
      agreementKind: d.overeenkomstSoort ? OVEREENKOMST_SOORTEN.indexOf(d.overeenkomstSoort) : 0,
      day: zd,
      periodStart: zd !== NO_DAY ? zd : day(d.periodeStart!),
      periodEnd: zd !== NO_DAY ? zd : day(d.periodeEind!),
      beginMinute: minutes(d.begintijd),
      endMinute: minutes(d.eindtijd),
      hours: d.uren ?? Number.NaN,
      tariff: d.tarief ?? Number.NaN,
      amount: d.bedrag,
      submittedDay: d.ingediendOp ? day(d.ingediendOp.slice(0, 10)) : NO_DAY,
      submittedMinute: d.ingediendOp && d.ingediendOp.length > 10 ? minutes(d.ingediendOp.slice(11)) : -1,
    });
  });
  const declarations = b.build();
  const filled: Record<FileKind, ReadonlySet<string>> = {
    ...(Object.fromEntries(FILE_KINDS.map((k) => [k, new Set<string>()])) as Record<FileKind, ReadonlySet<string>>),
    budgethouders: filledColumns(spec.holders, HOLDER_KEYS, required(budgethouders)),
    zorgverleners: filledColumns(spec.providers, PROVIDER_KEYS, required(zorgverleners)),
    declaraties: filledColumns(spec.declarations, DECL_KEYS, required(declaraties)),
  };
  if (spec.declarations.some((d) => d.ingediendOp && d.ingediendOp.length > 10)) (filled.declaraties as Set<string>).add(SUBMISSION_TIME);
  if (spec.declarations.some((d) => d.periodeStart)) {
    (filled.declaraties as Set<string>).add('periode_start');
  }
  const asOf = spec.asOf ? day(spec.asOf) : (latestCareDay(declarations) ?? day('2024-12-31'));
  return buildDataset(
    {
      holders,
      providers,
      declarations,
      // The optional inputs are not given (test/support/contracts.ts adds care agreements).
      ...(Object.fromEntries(INPUTS.filter((d) => !d.required).map((d) => [d.table, null])) as Pick<IngestedData, 'contracts' | 'absences' | 'warningRegister'>),
      files: {
        ...(Object.fromEntries(FILE_KINDS.map((k) => [k, null])) as Record<FileKind, string | null>),
        budgethouders: 'budgethouders.csv',
        zorgverleners: 'zorgverleners.csv',
        declaraties: 'declaraties.csv',
      },
      filled,
    },
    asOf,
  );
}
