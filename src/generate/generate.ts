import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { openErrorReason } from '../ingest/open-errors.js';
import { buildCalendar } from './calendar.js';
import { CsvSink } from './csv-sink.js';
import { DECLARATION_COLUMNS, writeDeclarations } from './declarations.js';
import { DECOYS } from './decoys.js';
import { DIALECTS, ValueFormatter } from './dialect-format.js';
import { assignIds, idWidth, KeyMaker, paddedId } from './ids.js';
import type { PlantedCase } from './planted.js';
import { buildBasePopulation } from './population.js';
import { Prng } from './prng.js';
import type { Scenario } from './scenario-schema.js';
import { SCHEMES } from './schemes.js';
import { checkScale, thisMachine } from './size-limit.js';
import { writeAbsences, writeContracts, writeHolders, writeProviders, writeRegister, type Keys } from './tables.js';
import { plantBackgroundAbsences, plantBackgroundRegister } from './background-records.js';
import { DECOY_ALLOWED, SCHEME_EXPECTATIONS, type Truth } from './truth.js';
import { World } from './world.js';

export { loadScenario, parseScenario, type Scenario } from './scenario-schema.js';
export type { Truth } from './truth.js';

export interface GenerateOptions {
  scenario: Scenario;
  seed: number;
  scale: number;
  outDir: string;
  /** Write into a non-empty folder, removing the files an earlier generate wrote there first. */
  force?: boolean;
}

export interface GenerateSummary {
  files: { name: string; rows: number; bytes: number; sha256: string }[];
  truth: Truth;
}

const sortIds = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/** Every file generate writes: with --force these go first, so no file of an earlier export stays behind. */
export const GENERATED_FILES = [
  'budgethouders.csv',
  'zorgverleners.csv',
  'declaraties.csv',
  'zorgovereenkomsten.csv',
  'afwezigheden.csv',
  'waarschuwingsregister.csv',
  'truth.json',
] as const;

/**
 * A scan reads every known export in its folder: an old zorgovereenkomsten.csv next to a new
 * export without one would be read as part of it. So generate writes into an empty folder, or,
 * with force, first removes every file it could have written there before.
 */
function prepareOutDir(outDir: string, force: boolean): void {
  let entries: string[];
  try {
    mkdirSync(outDir, { recursive: true });
    entries = readdirSync(outDir).sort();
  } catch (e) {
    throw new AppError('OUTPUT_UNWRITABLE', `cannot create ${outDir}: ${openErrorReason(e)}`, { outDir });
  }
  if (entries.length === 0) return;
  if (!force) {
    const shown = entries.length > 5 ? `${entries.slice(0, 5).join(', ')} and ${entries.length - 5} more` : entries.join(', ');
    throw new AppError(
      'OUTPUT_NOT_EMPTY',
      `${outDir} is not empty (${shown}); generate writes into an empty folder so that no file of an earlier export is read with the new one. Give --force to remove ${GENERATED_FILES.join(', ')} there first (other files stay).`,
      { outDir, entries: entries.length },
    );
  }
  for (const name of GENERATED_FILES) {
    try {
      rmSync(join(outDir, name), { force: true });
    } catch (e) {
      throw new AppError('OUTPUT_UNWRITABLE', `cannot remove ${join(outDir, name)}: ${openErrorReason(e)}`, { outDir });
    }
  }
}

function toTruth(scenario: Scenario, seed: number, scale: number, files: GenerateSummary['files'], schemes: PlantedCase[], decoys: PlantedCase[]): Truth {
  const byKind = (a: PlantedCase, b: PlantedCase) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.instance - b.instance);
  return {
    scenario: scenario.name,
    seed,
    scale,
    files: Object.fromEntries(files.map((f) => [f.name, f.sha256] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    schemes: [...schemes].sort(byKind).map((c) => {
      const expected = SCHEME_EXPECTATIONS[c.kind as keyof typeof SCHEME_EXPECTATIONS];
      const entry: Truth['schemes'][number] = {
        kind: c.kind as Truth['schemes'][number]['kind'],
        instance: c.instance,
        providers: sortIds(c.providers.map((p) => p.id)),
        holders: sortIds(c.holders.map((h) => h.id)),
        expectedIndicators: [...expected.expectedIndicators].sort(),
        holderConcern: expected.holderConcern,
      };
      if (c.expectedByProvider) {
        entry.expectedByProvider = Object.fromEntries(
          [...c.expectedByProvider].map(([p, ids]) => [p.id, [...ids].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        );
      }
      return entry;
    }),
    decoys: [...decoys].sort(byKind).map((c) => ({
      kind: c.kind as Truth['decoys'][number]['kind'],
      instance: c.instance,
      providers: sortIds(c.providers.map((p) => p.id)),
      holders: sortIds(c.holders.map((h) => h.id)),
      allowedIndicators: [...DECOY_ALLOWED[c.kind as keyof typeof DECOY_ALLOWED]].sort(),
    })),
  };
}

function plant<K extends string>(world: World, list: { kind: K; count: number }[], plants: Record<K, (w: World, i: number) => PlantedCase>): PlantedCase[] {
  const instances = new Map<K, number>();
  const out: PlantedCase[] = [];
  for (const { kind, count } of list) {
    for (let i = 0; i < count; i++) {
      const instance = (instances.get(kind) ?? 0) + 1;
      instances.set(kind, instance);
      out.push(plants[kind](world, instance));
    }
  }
  return out;
}

/**
 * Writes a synthetic export (budgethouders, zorgverleners, declaraties, optionally
 * zorgovereenkomsten) plus truth.json. The same options always write the same bytes.
 */
export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  const { scenario, seed, scale, outDir } = opts;
  if (!Number.isFinite(scale) || scale <= 0) throw new AppError('USAGE', `scale must be a positive number, got ${scale}`, { scale });
  if (!Number.isSafeInteger(seed)) throw new AppError('USAGE', `seed must be an integer, got ${seed}`, { seed });
  checkScale(scenario, scale, thisMachine(outDir));
  prepareOutDir(outDir, opts.force === true);

  const cal = buildCalendar(scenario.startMonth, scenario.months);
  const world = new World(scenario, cal, new Prng(seed, 'population'));
  buildBasePopulation(world, scale);
  // Planted cases draw from their own stream: adding a scheme leaves the base population as it was.
  world.rng = new Prng(seed, 'planted');
  const schemes = plant(world, scenario.schemes, SCHEMES);
  const decoys = plant(world, scenario.decoys, DECOYS);
  // Their own streams again: switching a file on leaves the planted cases as they were.
  if (scenario.absencesFile) plantBackgroundAbsences(world, new Prng(seed, 'absences'));
  if (scenario.registerFile) plantBackgroundRegister(world, new Prng(seed, 'register'));

  const reps = assignIds(world, new Prng(seed, 'ids'));
  const keys: Keys = {
    address: new KeyMaker('A', new Prng(seed, 'address-key').nextUint32()),
    iban: new KeyMaker('I', new Prng(seed, 'iban-key').nextUint32()),
    rep: reps,
  };
  const plans = [...world.plans].sort((a, b) =>
    a.holder.id !== b.holder.id ? (a.holder.id < b.holder.id ? -1 : 1) : a.provider.id < b.provider.id ? -1 : a.provider.id > b.provider.id ? 1 : a.serial - b.serial,
  );
  const contractWidth = idWidth(plans.length, 6);
  plans.forEach((p, i) => (p.contractId = paddedId('ZO', i + 1, contractWidth)));

  const dialect = DIALECTS[scenario.dialect];
  const fmt = new ValueFormatter(dialect);
  const path = (name: string) => join(outDir, name);
  const files: GenerateSummary['files'] = [];
  let truth: Truth;
  try {
    const providers = writeProviders(path('zorgverleners.csv'), world, dialect, fmt, keys);
    const declarationSink = new CsvSink(path('declaraties.csv'), dialect, DECLARATION_COLUMNS);
    writeDeclarations(world, plans, declarationSink, fmt, new Prng(seed, 'declarations'));
    const declarations = declarationSink.close();
    // Budgets come last: they are derived from what the declarations used.
    const holders = writeHolders(path('budgethouders.csv'), world, dialect, fmt, keys);
    files.push({ name: 'budgethouders.csv', ...holders }, { name: 'zorgverleners.csv', ...providers }, { name: 'declaraties.csv', ...declarations });
    if (scenario.contractsFile) {
      files.push({ name: 'zorgovereenkomsten.csv', ...writeContracts(path('zorgovereenkomsten.csv'), cal, plans, dialect, fmt) });
    }
    if (scenario.absencesFile) files.push({ name: 'afwezigheden.csv', ...writeAbsences(path('afwezigheden.csv'), world, dialect, fmt) });
    if (scenario.registerFile) files.push({ name: 'waarschuwingsregister.csv', ...writeRegister(path('waarschuwingsregister.csv'), world, dialect, fmt, keys) });
    truth = toTruth(scenario, seed, scale, files, schemes, decoys);
    // Last, so a folder with a truth.json holds a complete export.
    writeFileSync(path('truth.json'), JSON.stringify(truth, null, 2) + '\n');
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code) throw new AppError('OUTPUT_UNWRITABLE', `cannot write into ${outDir}: ${openErrorReason(err)}`, { outDir });
    throw e;
  }
  return { files, truth };
}
