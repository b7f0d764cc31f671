import type { FileKind } from '../model/types.js';

/** The canonical columns of each input, in the order the contract lists them. */
export const CONTRACT_COLUMNS: Record<FileKind, readonly string[]> = {
  budgethouders: [
    'budgethouder_id', 'gemeente_code', 'wet', 'voorziening', 'budget_bedrag', 'budget_start', 'budget_eind',
    'indicatie_uren_per_week', 'geboortejaar', 'adres_sleutel', 'vertegenwoordiger_id', 'ingeschreven_sinds',
    'overlijdensdatum',
  ],
  zorgverleners: [
    'zorgverlener_id', 'naam', 'soort', 'kvk_nummer', 'agb_code', 'kvk_startdatum', 'einddatum', 'adres_sleutel',
    'iban_sleutel', 'wooninitiatief',
  ],
  declaraties: [
    'declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'zorgovereenkomst_id', 'overeenkomst_soort', 'zorgdatum',
    'periode_start', 'periode_eind', 'begintijd', 'eindtijd', 'uren', 'tarief', 'bedrag', 'ingediend_op',
  ],
  zorgovereenkomsten: [
    'zorgovereenkomst_id', 'budgethouder_id', 'zorgverlener_id', 'soort', 'tarief', 'uren_per_week', 'start', 'eind',
  ],
};

/** Columns the header must have; a declaration file also needs zorgdatum or both periode columns. */
export const REQUIRED_COLUMNS: Record<FileKind, readonly string[]> = {
  budgethouders: ['budgethouder_id', 'gemeente_code', 'wet', 'voorziening', 'budget_bedrag', 'budget_start'],
  zorgverleners: ['zorgverlener_id', 'soort'],
  declaraties: ['declaratie_id', 'budgethouder_id', 'zorgverlener_id', 'bedrag'],
  zorgovereenkomsten: ['zorgovereenkomst_id', 'budgethouder_id', 'zorgverlener_id'],
};

/** Columns holding decimals; their sample values decide a file's decimal mark. */
export const DECIMAL_COLUMNS: Record<FileKind, readonly string[]> = {
  budgethouders: ['budget_bedrag', 'indicatie_uren_per_week'],
  zorgverleners: [],
  declaraties: ['uren', 'tarief', 'bedrag'],
  zorgovereenkomsten: ['tarief', 'uren_per_week'],
};

/** The three inputs a scan cannot run without; zorgovereenkomsten is optional. */
export const REQUIRED_KINDS: readonly FileKind[] = ['budgethouders', 'zorgverleners', 'declaraties'];
