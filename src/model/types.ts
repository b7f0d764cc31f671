import type { InputName } from '../inputs/index.js';
import type { DayNumber } from './dates.js';

/** An input file, by its name without .csv; the list is src/inputs/index.ts. */
export type FileKind = InputName;

export const WETTEN = ['wmo', 'jeugdwet', 'wlz', 'zvw'] as const;
export type Wet = (typeof WETTEN)[number];

export const VOORZIENINGEN = [
  'beschermd_wonen',
  'begeleid_wonen',
  'begeleiding',
  'dagbesteding',
  'kortdurend_verblijf',
  'huishoudelijke_hulp',
  'overig',
] as const;
export type Voorziening = (typeof VOORZIENINGEN)[number];

export const PROVIDER_SOORTEN = ['instelling', 'zzp', 'informeel'] as const;
export type ProviderSoort = (typeof PROVIDER_SOORTEN)[number];

/** Index 0 means "not given"; the rest are the SVB model contract kinds. */
export const OVEREENKOMST_SOORTEN = ['', 'arbeidsovereenkomst', 'opdracht', 'familie', 'zorginstelling'] as const;
export type OvereenkomstSoort = Exclude<(typeof OVEREENKOMST_SOORTEN)[number], ''>;

export interface BudgetHolder {
  id: string;
  line: number;
  gemeenteCode: string;
  wet: Wet;
  voorziening: Voorziening;
  budgetBedrag: number;
  budgetStart: DayNumber;
  budgetEind: DayNumber | null;
  indicatieUrenPerWeek: number | null;
  geboortejaar: number | null;
  adresSleutel: string | null;
  vertegenwoordigerId: string | null;
  ingeschrevenSinds: DayNumber | null;
  overlijdensdatum: DayNumber | null;
}

export interface Provider {
  id: string;
  line: number;
  naam: string | null;
  soort: ProviderSoort;
  kvkNummer: string | null;
  agbCode: string | null;
  kvkStartdatum: DayNumber | null;
  einddatum: DayNumber | null;
  adresSleutel: string | null;
  ibanSleutel: string | null;
  wooninitiatief: boolean | null;
}

export interface CareContract {
  id: string;
  line: number;
  holder: number;
  provider: number;
  soort: OvereenkomstSoort | null;
  tarief: number | null;
  urenPerWeek: number | null;
  start: DayNumber | null;
  eind: DayNumber | null;
}

export type { Absence, AbsenceKind } from '../inputs/afwezigheden.js';
export type { RegisterKeyKind, WarningEntry } from '../inputs/waarschuwingsregister.js';
