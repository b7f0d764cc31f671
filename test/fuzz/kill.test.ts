// Scans killed with SIGKILL at seeded random moments, one after another into the same --out, must
// always leave --out as one complete run whose manifest verifies, and leave no temporaries once the
// next run has started. Quick profile in `npm test`; `npm run fuzz` (FUZZ=long) or KILL_RUNS=N runs longer.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repairLeftovers } from '../../src/output/run-folder.js';
import { tempDir } from '../support/cli.js';
import { twoNights } from '../history/fixture.js';
import { leftoversBeside, verifyRun } from '../support/verify-run.js';

const RUNS = Number(process.env.KILL_RUNS ?? (process.env.FUZZ === 'long' ? 150 : 8));
const SEED = Number(process.env.KILL_SEED ?? 6);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  code: number | null;
  killed: boolean;
  ms: number;
}

/**
 * Runs the CLI; kills it after `afterMs`, or at the `afterEvents`-th change in the folder around
 * --out (its staging folder appearing, the renames of the swap), which aims kills at the writing.
 */
function scan(args: string[], out: string, kill?: { afterMs?: number; afterEvents?: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/pgb-scan.js', ...args, '--out', out, '--log-level', 'silent'], { stdio: 'ignore' });
    let killed = false;
    const doKill = () => {
      if (child.exitCode === null && !killed) killed = child.kill('SIGKILL');
    };
    const timer = kill?.afterMs !== undefined ? setTimeout(doKill, kill.afterMs) : null;
    let events = 0;
    const watcher =
      kill?.afterEvents !== undefined
        ? watch(dirname(out), () => {
            if (++events >= kill.afterEvents!) doKill();
          })
        : null;
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      resolve({ code, killed, ms: Date.now() - started });
    });
  });
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** One chain of runs into one --out: a complete run first, then `runs` runs killed or not, then a last complete run. */
async function chain(seed: number, runs: number): Promise<Record<string, number>> {
  const random = mulberry32(seed);
  const out = join(tempDir('pgb-kill-'), 'uitvoer');
  const config = join(tempDir(), 'config.json');
  writeFileSync(config, JSON.stringify({ indicators: { 'shared-iban': { weight: 0.3 } } }));
  // Two scans with different outputs, so a mix of two runs cannot pass for one, and a failing one.
  const variants = [
    ['scan', 'samples/gemeente-klein'],
    ['scan', 'samples/gemeente-klein', '--config', config],
    ['scan', 'samples/vuil'],
  ];
  const first = await scan(variants[0], out);
  expect(first.code).toBe(0);
  verifyRun(out);
  const manifests = new Set([sha(join(out, 'manifest.json'))]);

  const tally = { killed: 0, finished: 0, outReplaced: 0, outAbsentBeforeRepair: 0 };
  for (let i = 0; i < runs; i++) {
    const variant = variants[Math.floor(random() * variants.length)];
    const kill = random() < 0.5 ? { afterMs: Math.floor(random() * first.ms) } : { afterEvents: 1 + Math.floor(random() * 4) };
    const before = sha(join(out, 'manifest.json'));
    const r = await scan(variant, out, kill);
    if (r.killed) tally.killed++;
    else tally.finished++;
    if (!existsSync(out)) tally.outAbsentBeforeRepair++;
    // What the next run does first.
    await repairLeftovers(out);
    verifyRun(out);
    const now = sha(join(out, 'manifest.json'));
    manifests.add(now);
    // Only the two scans that succeed can be in --out, each always with the same bytes.
    expect(manifests.size, `run ${i}: --out holds a run of a known scan`).toBeLessThanOrEqual(2);
    if (now !== before) tally.outReplaced++;
    if (existsSync(`${out}.mislukt`)) expect(readdirSync(`${out}.mislukt`).sort()).toEqual(['error.json', 'rejects.csv']);
    expect(leftoversBeside(out), `run ${i}: temporaries after repair`).toEqual([]);
  }

  const last = await scan(variants[0], out);
  expect(last.code).toBe(0);
  verifyRun(out);
  expect(readdirSync(dirname(out))).toEqual(['uitvoer']);
  return tally;
}

describe('kill test', () => {
  it(`scans killed at random moments (${RUNS}, seed ${SEED}) leave --out one complete run`, { timeout: 60_000 + RUNS * 5_000 }, async () => {
    // Two chains side by side, each into its own --out: half the wall time on two cores.
    const tallies = await Promise.all([chain(SEED, Math.ceil(RUNS / 2)), chain(SEED + 1, Math.floor(RUNS / 2))]);
    const tally = Object.fromEntries(Object.keys(tallies[0]).map((k) => [k, tallies[0][k] + tallies[1][k]]));
    expect(tally.killed + tally.finished).toBe(RUNS);
    console.info(`kill test: ${RUNS} runs, seed ${SEED}: ${JSON.stringify(tally)}`);
  });
});

/**
 * The nightly job, `--previous OUT --out OUT`, killed at random moments: after the repairs the next run
 * makes, OUT is one complete run and OUT.vorige, when there, another, with no temporaries beside them.
 */
async function previousChain(seed: number, runs: number): Promise<Record<string, number>> {
  const random = mulberry32(seed);
  const root = tempDir('pgb-kill-prev-');
  const { first, second } = twoNights(root);
  const out = join(root, 'uitvoer');
  const nights = [first, second];
  expect((await scan(['scan', first], out)).code).toBe(0);
  const tally = { killed: 0, finished: 0, vorigeKept: 0, vorigePutBack: 0 };
  for (let i = 0; i < runs; i++) {
    const night = nights[Math.floor(random() * nights.length)];
    // Six changes beside OUT in a run: staging made, OUT -> .old, staging -> OUT, OUT.vorige -> its .old, .old -> OUT.vorige, its .old removed.
    const kill = random() < 0.25 ? undefined : { afterEvents: 1 + Math.floor(random() * 6) };
    const r = await scan(['scan', night, '--previous', out], out, kill);
    if (r.killed) tally.killed++;
    else tally.finished++;
    if (readdirSync(root).some((n) => n.startsWith('.uitvoer.vorige.old-'))) tally.vorigePutBack++;
    await repairLeftovers(out);
    verifyRun(out);
    if (existsSync(`${out}.vorige`)) {
      verifyRun(`${out}.vorige`);
      tally.vorigeKept++;
    }
    expect(leftoversBeside(out), `run ${i}: temporaries after repair`).toEqual([]);
  }
  const last = await scan(['scan', second, '--previous', out], out);
  expect(last.code).toBe(0);
  verifyRun(out);
  verifyRun(`${out}.vorige`);
  expect(readdirSync(root).sort()).toEqual(['nacht-1', 'nacht-2', 'uitvoer', 'uitvoer.vorige']);
  return tally;
}

describe('kill test with --previous OUT --out OUT', () => {
  const runs = Math.max(2, Math.ceil(RUNS / 2));
  it(`killed nightly runs (${runs}, seed ${SEED}) leave OUT and OUT.vorige complete runs`, { timeout: 60_000 + runs * 5_000 }, async () => {
    const tally = await previousChain(SEED, runs);
    expect(tally.killed + tally.finished).toBe(runs);
    console.info(`kill test --previous: ${runs} runs, seed ${SEED}: ${JSON.stringify(tally)}`);
  });
});
