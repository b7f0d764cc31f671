// What an analyst decided about a provider, an indicator at a provider, or one signal: one row of the
// decisions file (beoordelingen.csv), as read and checked.
import type { Tier } from '../config/schema.js';
import type { DayNumber } from '../model/dates.js';

export const BESLUITEN = ['geen-aanleiding', 'in-onderzoek', 'gemeld', 'afgehandeld'] as const;
export type Besluit = (typeof BESLUITEN)[number];

/** How much a decision covers; the narrower wins over the wider (signal over indicator over provider). */
export type DecisionLevel = 'signaal' | 'indicator' | 'zorgverlener';

export interface Decision {
  /** Physical line in the decisions file (the header is line 1). */
  line: number;
  providerId: string;
  /** null: every indicator of the provider. */
  indicator: string | null;
  /** null: not one signal but every signal of the indicator (or provider). */
  signalKey: string | null;
  besluit: Besluit;
  toelichting: string;
  beoordeeldOp: DayNumber;
  beoordeeldDoor: string;
  /** null: until the provider's situation changes (tier or indicators), or forever without those. */
  geldigTot: DayNumber | null;
  tierBijBesluit: Tier | null;
  indicatorenBijBesluit: string[] | null;
}

export function levelOf(d: Decision): DecisionLevel {
  return d.signalKey !== null ? 'signaal' : d.indicator !== null ? 'indicator' : 'zorgverlener';
}

/** The decisions file as the manifest records it, like an export (kind `beoordelingen`). */
export interface DecisionsFileReport {
  kind: 'beoordelingen';
  name: string;
  display: string;
  bytes: number;
  sha256: string;
  dialect: { encoding: 'utf-8' | 'windows-1252'; bom: boolean; delimiter: string };
  columns: string[];
  ignoredColumns: string[];
  rowsRead: number;
  /** Rows holding a decision. */
  rowsAccepted: number;
  rowsRejected: number;
  /** Template rows with no besluit filled in yet: no decision, not an error. */
  rowsOpen: number;
}

export interface DecisionsFile {
  report: DecisionsFileReport;
  decisions: Decision[];
}
