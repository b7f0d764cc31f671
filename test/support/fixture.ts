// Builds a Dataset from terse literals, so indicator tests state only what matters.
import { buildDataset, latestCareDay, type Dataset } from '../../src/model/dataset.js';
import { parseIsoDay, NO_DAY } from '../../src/model/dates.js';
import { DeclarationTableBuilder, EMPTY_DECLARATION } from '../../src/model/declaration-table.js';
import {
  OVEREENKOMST_SOORTEN,
  type BudgetHolder,
  type CareContract,
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

const HOLDER_KEYS: Record<string, string> = {
  id: 'budgethouder_id', gemeenteCode: 'gemeente_code', wet: 'wet', voorziening: 'voorziening',
  budgetBedrag: 'budget_bedrag', budgetStart: 'budget_start', budgetEind: 'budget_eind',
  indicatieUrenPerWeek: 'indicatie_uren_per_week', geboortejaar: 'geboortejaar', adresSleutel: 'adres_sleutel',
  vertegenwoordigerId: 'vertegenwoordiger_id', ingeschrevenSinds: 'ingeschreven_sinds', overlijdensdatum: 'overlijdensdatum',
};
const PROVIDER_KEYS: Record<string, string> = {
  id: 'zorgverlener_id', naam: 'naam', soort: 'soort', kvkNummer: 'kvk_nummer', agbCode: 'agb_code',
  kvkStartdatum: 'kvk_startdatum', einddatum: 'einddatum', adresSleutel: 'adres_sleutel', ibanSleutel: 'iban_sleutel',
  wooninitiatief: 'wooninitiatief',
};
const DECL_KEYS: Record<string, string> = {
  id: 'declaratie_id', holder: 'budgethouder_id', provider: 'zorgverlener_id', zorgdatum: 'zorgdatum',
  periodeStart: 'periode_start', periodeEind: 'periode_eind', begintijd: 'begintijd', eindtijd: 'eindtijd',
  uren: 'uren', tarief: 'tarief', bedrag: 'bedrag', overeenkomstSoort: 'overeenkomst_soort',
  zorgovereenkomstId: 'zorgovereenkomst_id', ingediendOp: 'ingediend_op',
};

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
      submittedDay: d.ingediendOp ? day(d.ingediendOp) : NO_DAY,
    });
  });
  const declarations = b.build();
  const filled: Record<FileKind, ReadonlySet<string>> = {
    budgethouders: filledColumns(spec.holders, HOLDER_KEYS, ['budgethouder_id', 'gemeente_code', 'wet', 'voorziening', 'budget_bedrag', 'budget_start']),
    zorgverleners: filledColumns(spec.providers, PROVIDER_KEYS, ['zorgverlener_id', 'soort']),
    declaraties: filledColumns(spec.declarations, DECL_KEYS, ['declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'bedrag']),
    zorgovereenkomsten: new Set(),
    afwezigheden: new Set(),
    waarschuwingsregister: new Set(),
  };
  if (spec.declarations.some((d) => d.periodeStart)) {
    (filled.declaraties as Set<string>).add('periode_start');
  }
  const contracts: CareContract[] | null = null;
  const asOf = spec.asOf ? day(spec.asOf) : (latestCareDay(declarations) ?? day('2024-12-31'));
  return buildDataset(
    {
      holders,
      providers,
      declarations,
      contracts,
      absences: null,
      warningRegister: null,
      files: { budgethouders: 'budgethouders.csv', zorgverleners: 'zorgverleners.csv', declaraties: 'declaraties.csv', zorgovereenkomsten: null, afwezigheden: null, waarschuwingsregister: null },
      filled,
    },
    asOf,
  );
}
