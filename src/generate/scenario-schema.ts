import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { openErrorReason } from '../ingest/open-errors.js';

/** Fraud schemes the generator can plant; each is listed in truth.json with the indicators it should trip. */
export const SCHEME_KINDS = [
  'zorgcowboy-house',
  'impossible-days',
  'care-after-death',
  'shared-account-firms',
  'rate-outlier',
  'over-budget',
  'representative-is-provider',
  'address-cluster',
  'template-billing',
  'long-days',
  'rapid-intake',
  'recruited-inflow',
  'phoenix-restart',
  'overlapping-sessions',
  'family-overwork',
  'beyond-contract',
  'care-neglect',
  'register-listed',
  'bulk-submission',
  'care-while-admitted',
] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

/** Legitimate look-alikes that a good ranking keeps out of its top. */
export const DECOY_KINDS = [
  'wooninitiatief-varied',
  'busy-zzp',
  'care-until-death',
  'two-locations-one-kvk',
  'devoted-family-carer',
  'established-new-location',
  'closure-transfer',
  'group-care',
  'family-carer-part-time',
  'contract-long-month',
  'hospital-stay',
  'register-expired',
  'institution-batch',
] as const;
export type DecoyKind = (typeof DECOY_KINDS)[number];

/** A weight; once a weight object is given, the weights it leaves out are 0. */
const weight = (what: string) => z.number().min(0).default(0).describe(what);

const VoorzieningWeights = z
  .strictObject({
    beschermd_wonen: weight('relative share of holders with beschermd wonen'),
    begeleid_wonen: weight('relative share of holders with begeleid wonen'),
    begeleiding: weight('relative share of holders with individuele begeleiding'),
    dagbesteding: weight('relative share of holders with dagbesteding'),
    kortdurend_verblijf: weight('relative share of holders with kortdurend verblijf'),
    huishoudelijke_hulp: weight('relative share of holders with huishoudelijke hulp'),
    overig: weight('relative share of holders with other care'),
  })
  .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight must be positive')
  .prefault({
    beschermd_wonen: 0.14,
    begeleid_wonen: 0.22,
    begeleiding: 0.3,
    dagbesteding: 0.12,
    kortdurend_verblijf: 0.05,
    huishoudelijke_hulp: 0.12,
    overig: 0.05,
  });

const ProviderKindWeights = z
  .strictObject({
    instelling: weight('relative share of providers that are institutions (KvK-registered organisations)'),
    zzp: weight('relative share of self-employed carers'),
    informeel: weight('relative share of informal (family) carers'),
  })
  .refine((w) => w.instelling > 0, 'instelling must have a positive share: holders without a personal carer go there')
  .prefault({ instelling: 0.3, zzp: 0.45, informeel: 0.25 });

const Declaring = z.strictObject({
  instelling: z.enum(['monthly', 'daily']).default('monthly').describe('institutions declare a period per month, or per day'),
  zzp: z.enum(['daily', 'monthly']).default('daily').describe('self-employed carers declare per day with begintijd/eindtijd, or per month'),
  informeel: z.enum(['daily', 'monthly']).default('daily').describe('informal carers declare per day with begintijd/eindtijd, or per month'),
});

const Spread = (mean: number, spread: number, unit: string, maxSpread: number, how: string) =>
  z
    .strictObject({
      mean: z.number().positive().describe(unit),
      spread: z.number().min(0).max(maxSpread).default(spread).describe(how),
    })
    .prefault({ mean, spread });

const budget = (mean: number, spread: number) => Spread(mean, spread, 'yearly budget in euros', 2, 'relative spread (sd of the log-normal)');
/** Rates are uniform within mean * (1 +- spread * sqrt(3)); above 0.5 the band would reach zero. */
const rate = (mean: number, spread: number) => Spread(mean, spread, 'hourly rate in euros', 0.5, 'relative sd of the uniform band');

const Budgets = z.strictObject({
  beschermd_wonen: budget(52_000, 0.2),
  begeleid_wonen: budget(24_000, 0.25),
  begeleiding: budget(11_000, 0.35),
  dagbesteding: budget(9_000, 0.3),
  kortdurend_verblijf: budget(6_000, 0.4),
  huishoudelijke_hulp: budget(4_000, 0.35),
  overig: budget(7_000, 0.4),
});

const Rates = z.strictObject({
  instelling: rate(62, 0.08),
  zzp: rate(48, 0.1),
  informeel: rate(22, 0.06),
});

const Range = (min: number, max: number, what: string) =>
  z
    .strictObject({ min: z.number().describe(what), max: z.number().describe(what) })
    .refine((r) => r.min <= r.max, 'min must not exceed max')
    .prefault({ min, max });

const share = (value: number, what: string) => z.number().min(0).max(1).default(value).describe(what);

const Planted = <K extends readonly [string, ...string[]]>(kinds: K) =>
  z.array(
    z.strictObject({
      kind: z.enum(kinds),
      count: z.number().int().min(0).max(1000).default(1).describe('instances to plant'),
    }),
  );

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1).optional().describe('scenario name in truth.json; defaults to the file name'),
  description: z.string().default(''),
  holders: z.number().int().min(1).default(150).describe('base budget holders (multiplied by --scale); planted cases add their own'),
  providers: z.number().int().min(1).default(40).describe('base providers (multiplied by --scale); planted cases add their own'),
  startMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected 'YYYY-MM'")
    .default('2025-01')
    .describe('first calendar month with care'),
  months: z.number().int().min(1).max(120).default(12).describe('calendar months covered'),
  dialect: z.enum(['nl', 'plain']).default('plain').describe("'nl' = Excel NL (';', 1.234,56, DD-MM-YYYY, Windows-1252); 'plain' = ',', 1234.56, YYYY-MM-DD, UTF-8"),
  contractsFile: z.boolean().default(false).describe('also write zorgovereenkomsten.csv'),
  absencesFile: z.boolean().default(false).describe('also write afwezigheden.csv: hospital stays and other absences, some planted'),
  registerFile: z
    .boolean()
    .default(false)
    .describe('also write waarschuwingsregister.csv: warning register entries, mostly about firms outside the export, some planted'),
  submissionTimes: z
    .boolean()
    .default(false)
    .describe('write ingediend_op as a date-time to the minute (each holder submits at its own moment unless a provider batches)'),
  absenceShare: share(0.03, 'share of holders with a short hospital stay in afwezigheden.csv (only holders declared per month, so no care falls inside it)'),
  gemeenten: z
    .array(z.string().regex(/^GM\d{4}$/, "expected 'GM' + 4 digits"))
    .min(1)
    .default(['GM0363'])
    .describe('gemeente codes, drawn uniformly per holder'),
  voorzieningen: VoorzieningWeights,
  providerKinds: ProviderKindWeights,
  declaring: Declaring.prefault({}),
  budgets: Budgets.prefault({}),
  rates: Rates.prefault({}),
  budgetUse: Range(0.62, 0.9, 'share of the budget a clean holder declares')
    .refine((r) => r.min > 0 && r.max <= 1, 'budget use must lie in (0, 1]'),
  holdersPerZzp: Range(2, 6, 'holders per self-employed carer').refine((r) => r.min >= 1, 'min must be at least 1'),
  representativeShare: share(0.25, 'share of adult holders with a (family) representative; minors always have one'),
  secondProviderShare: share(0.15, 'share of holders with a second provider'),
  coupleShare: share(0.04, 'share of holders living at one address with another holder (never more than two)'),
  deathShare: share(0.005, 'share of holders who die during the months covered (care stops by that day)'),
  newHolderShare: share(0.08, 'share of holders whose budget starts after the first month'),
  endingShare: share(0.04, 'share of holders whose budget ends before the last month'),
  openEndedShare: share(0.3, 'share of holders without budget_eind'),
  schemes: Planted(SCHEME_KINDS).default([]).describe('fraud schemes to plant'),
  decoys: Planted(DECOY_KINDS).default([]).describe('legitimate look-alikes to plant'),
});

export type Scenario = z.output<typeof ScenarioSchema> & { name: string };

function describeIssues(error: z.ZodError, source: string): string {
  const lines = error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    return keys.map((key) => {
      const path = [...issue.path, ...(key === null ? [] : [key])]
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
        .join('');
      return `${source}: ${path || '(root)'}: ${issue.message}`;
    });
  });
  return lines.join('\n');
}

/** Validates a parsed scenario object; `source` names it in messages (a path or a label). */
export function parseScenario(input: unknown, source: string, fallbackName = 'scenario'): Scenario {
  const result = ScenarioSchema.safeParse(input);
  if (!result.success) {
    throw new AppError('SCENARIO_INVALID', describeIssues(result.error, source), { source });
  }
  return { ...result.data, name: result.data.name ?? fallbackName };
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('SCENARIO_INVALID', `${path}: cannot read the scenario file: ${openErrorReason(e)}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('SCENARIO_INVALID', `${path}: not valid JSON (${(e as Error).message})`, { path });
  }
  return parseScenario(json, path, basename(path, extname(path)));
}
