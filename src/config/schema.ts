import { z } from 'zod';
import { CSV_DIALECTS } from '../report/csv-format.js';
import { INDICATORS } from '../indicators/index.js';
import { FILE_KINDS } from '../inputs/index.js';
import type { FileKind } from '../model/types.js';
import { parseIsoDay } from '../model/dates.js';

const columnMap = z
  .record(z.string(), z.string())
  .default({})
  .describe('Maps a header of another export (matched case- and whitespace-insensitively) onto a canonical column name.');

/** One header mapping per input (src/inputs/). */
function columnsSection() {
  const shape = Object.fromEntries(FILE_KINDS.map((k) => [k, columnMap])) as Record<FileKind, typeof columnMap>;
  return z.strictObject(shape).default(Object.fromEntries(FILE_KINDS.map((k) => [k, {}])) as Record<FileKind, Record<string, string>>);
}

function indicatorSection() {
  const shape: Record<string, z.ZodType> = {};
  for (const ind of INDICATORS) {
    shape[ind.id] = z
      .strictObject({
        enabled: z.boolean().default(true).describe('Run this indicator.'),
        weight: z
          .number()
          .min(0)
          .max(1)
          .default(ind.defaultWeight)
          .describe('Weight in [0, 1]; 100 x weight x strength is the points a signal adds (see README, scoring).'),
        params: ind.params.default(ind.params.parse({})),
      })
      .default({ enabled: true, weight: ind.defaultWeight, params: ind.params.parse({}) });
  }
  return z.strictObject(shape);
}

/** Limits of plausible declarations (src/ingest/plausibility.ts); a row beyond them is a reject. */
function plausibilitySection() {
  const defaults = { minCareDate: '2000-01-01', maxDaysAfterAsOf: 366, maxAmount: 1_000_000, maxHours: 744, maxTariff: 10_000 };
  return z
    .strictObject({
      minCareDate: z
        .string()
        .refine((s) => parseIsoDay(s) !== null, { message: 'expected a date YYYY-MM-DD' })
        .default(defaults.minCareDate)
        .describe('Earliest plausible care date (zorgdatum or periode_start), YYYY-MM-DD.'),
      maxDaysAfterAsOf: z
        .number()
        .int()
        .min(0)
        .default(defaults.maxDaysAfterAsOf)
        .describe('Latest plausible care date (zorgdatum or periode_eind): the as-of date plus this many days.'),
      maxAmount: z.number().positive().default(defaults.maxAmount).describe('Largest plausible bedrag of one declaration, in euros, either sign.'),
      maxHours: z.number().positive().default(defaults.maxHours).describe('Most hours in one declaration row (744 = a month of 31 days).'),
      maxTariff: z.number().positive().default(defaults.maxTariff).describe('Largest plausible tarief, in euros per hour.'),
    })
    .default(defaults);
}

export const TIERS = ['hoog', 'midden', 'laag'] as const;
export type Tier = (typeof TIERS)[number];

export function buildConfigSchema() {
  const indicators = indicatorSection();
  return z.strictObject({
    maxRejectRate: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe('Share of rejected rows in any input above which the scan stops with exit code 2.'),
    failOn: z
      .enum(TIERS)
      .nullable()
      .default(null)
      .describe('Exit 1 when a provider reaches this tier or higher; null = never.'),
    dialect: z
      .strictObject({
        delimiter: z.enum([';', ',', '\t']).optional().describe('Field delimiter; detected when absent.'),
        encoding: z.enum(['utf-8', 'windows-1252']).optional().describe('Byte encoding; detected when absent.'),
        decimal: z.enum(['comma', 'point']).optional().describe('Decimal separator; detected when absent.'),
      })
      .default({}),
    columns: columnsSection(),
    csvDialect: z
      .enum(CSV_DIALECTS)
      .default('rfc4180')
      .describe("How the CSV outputs are written: rfc4180 (',', decimal point, UTF-8, LF) or excel-nl (';', decimal comma, UTF-8 with BOM, CRLF)."),
    tiers: z
      .strictObject({
        hoog: z.number().min(0).max(100).default(60).describe('Lowest score of tier hoog.'),
        midden: z.number().min(0).max(100).default(35).describe('Lowest score of tier midden; any score above 0 below it is laag.'),
      })
      // A score at or above hoog must not fall below midden's threshold too: tiers are nested ranges.
      .refine((t) => t.hoog > t.midden, {
        path: ['hoog'],
        error: (iss) => {
          const t = iss.input as { hoog: number; midden: number };
          return `tier order: hoog (${t.hoog}) must be above midden (${t.midden}); laag is every score above 0 below midden`;
        },
      })
      .default({ hoog: 60, midden: 35 }),
    plausibility: plausibilitySection(),
    networks: z
      .strictObject({
        maxSharedProviders: z
          .number()
          .int()
          .min(2)
          .default(10)
          .describe('A key (account, address, KvK, AGB, representative) shared by more providers than this is reported as too broadly shared and joins no network.'),
      })
      .default({ maxSharedProviders: 10 }),
    indicators: indicators.default(indicators.parse({})),
  });
}

export type RunConfig = z.output<ReturnType<typeof buildConfigSchema>>;
export interface IndicatorSettings {
  enabled: boolean;
  weight: number;
  params: Record<string, unknown>;
}
