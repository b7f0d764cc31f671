import fc from 'fast-check';

/**
 * Two profiles: `npm test` runs a quick, seeded profile so it is deterministic and fast;
 * `npm run fuzz` (FUZZ_PROFILE=long) runs FUZZ_RUNS cases per property from a random seed that is
 * printed, so a failure can be replayed with FUZZ_SEED (and FUZZ_PATH, both shown by fast-check).
 */
export const LONG = process.env.FUZZ_PROFILE === 'long';

const QUICK_SEED = 20261130;

export const FUZZ_SEED: number = process.env.FUZZ_SEED !== undefined
  ? Number(process.env.FUZZ_SEED)
  : LONG
    ? Math.floor(Math.random() * 0x7fffffff)
    : QUICK_SEED;

const LONG_RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/** Timeout for one property test: the long profile may take many minutes. */
export const FUZZ_TIMEOUT = LONG ? 60 * 60_000 : 60_000;

let announced = false;

/** Parameters for fc.assert: `quick` cases in npm test, FUZZ_RUNS (scaled by `share`) in the long profile. */
export function fuzzParams<T>(quick: number, share = 1): fc.Parameters<T> {
  if (!announced) {
    announced = true;
    process.stderr.write(`fuzz: profile ${LONG ? 'long' : 'quick'}, FUZZ_SEED=${FUZZ_SEED}\n`);
  }
  // npm test must stay under two minutes on two cores with everything else: half the quick cases there;
  // the long profile is where the numbers are.
  const numRuns = LONG ? Math.max(1, Math.round(LONG_RUNS * share)) : Math.max(5, Math.round(quick / 2));
  const params: fc.Parameters<T> = { seed: FUZZ_SEED, numRuns, endOnFailure: false };
  if (process.env.FUZZ_PATH !== undefined) params.path = process.env.FUZZ_PATH;
  // Shrinking re-runs the scan many times; in the quick profile it must not blow the test timeout.
  if (!LONG) params.interruptAfterTimeLimit = 45_000;
  return params;
}
