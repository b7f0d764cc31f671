// npm run bench: the full scan against an honest reference on the same files and machine. The reference is
// the scan's indicators written as DuckDB SQL (bench/reference-duckdb.mjs), scored the same way and writing a
// ranked providers.csv; csv-parse alone over the declarations is a second point (the parser's floor).
// Two shapes of data (SHAPES), each generated (and cached) at 1M and 5M declaration rows (BENCH_SIZES=1,5,10
// adds 10M; BENCH_SHAPES=national limits the shapes); every measurement is a child process, BENCH_RUNS times
// (3), scan and reference back to back. Checks that the two rankings agree, measures the scan with only the
// eight v1 indicators (issue 8's figure) and, when the build has it, the scan through the csv-parse reader
// (PGB_SCAN_READER=csv-parse), and writes the Markdown tables into BENCHMARKS.md (above its marker). Sizes
// below 1M (a trial: BENCH_SIZES=0.05) write .bench-cache/BENCHMARKS.preview.md instead, and BENCH_OUT=FILE writes
// FILE. Not part of npm test.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const cache = join(root, '.bench-cache');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// 10M rows is asked for its memory (a peak, the maximum over runs, is not a median): one run each unless told.
const RUNS_10 = Number(process.env.BENCH_RUNS_10 ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? '1,5').split(',').map(Number); // millions of declaration rows
const SEED = 7;
/**
 * The shapes of data, each with the --scale that gives about a million declaration rows. national: a
 * country's mix (institutions declaring per month, about 4.7 holders per provider); bench-small-providers:
 * many small providers (about 1.8 holders each), every row a day with begintijd/eindtijd.
 */
const ALL_SHAPES = [
  { name: 'national', scenario: 'scenarios/national.json', scalePerMillion: 1 },
  { name: 'bench-small-providers', scenario: 'scenarios/bench-small-providers.json', scalePerMillion: 1 },
];
const SHAPES = process.env.BENCH_SHAPES ? ALL_SHAPES.filter((s) => process.env.BENCH_SHAPES.split(',').includes(s.name)) : ALL_SHAPES;
/** The eight indicators of v1: the figure of issue 8 is the full scan against the scan with only these. */
const V1 = ['care-after-death', 'co-residence-cluster', 'flat-template-billing', 'impossible-day-hours', 'outside-entitlement', 'representative-hub', 'shared-iban', 'tariff-outlier'];
/**
 * The reference does the same job when the top TOP of its ranking holds the scan's providers, at least
 * MIN_OVERLAP of them. Each scheme is planted 3 times (national.json), so a reference that misses or
 * misjudges one indicator loses at least 3 providers from the top 50 (overlap 0.94 or less); 0.95 lets one
 * pair swap across the edge, as a sum in another order can (a value exactly on a threshold; BENCHMARKS.md).
 */
const TOP = 50;
const MIN_OVERLAP = 0.95;

// DuckDB is the bench's own dependency (bench/package.json), so `npm ci` of the package never installs it.
if (!existsSync(join(benchDir, 'node_modules', '@duckdb', 'node-api'))) {
  process.stderr.write('installing the bench dependencies (npm ci --prefix bench)\n');
  const npm = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) throw new Error('npm ci --prefix bench failed');
}

function run(cmd, args, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, ['--import', join(benchDir, 'usage-hook.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let fd3 = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdio[3].on('data', (d) => (fd3 += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 && code !== 1) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      const usage = fd3 ? JSON.parse(fd3.trim().split('\n').pop()) : { maxRssKiB: null, cpuSeconds: null };
      resolvePromise({ seconds, cpu: usage.cpuSeconds, maxRssKiB: usage.maxRssKiB, out, err });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function dataset(shape, size) {
  const scenarioPath = join(root, shape.scenario);
  const scale = size * shape.scalePerMillion;
  const key = createHash('sha256').update(readFileSync(scenarioPath)).update(`${SEED}:${scale}`).digest('hex').slice(0, 12);
  const dir = join(cache, `${shape.name}-${scale}-${key}`);
  if (!existsSync(join(dir, 'truth.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${shape.name} at scale ${scale} into ${dir}\n`);
    await run('node', ['bin/pgb-scan.js', 'generate', '--scenario', scenarioPath, '--seed', String(SEED), '--scale', String(scale), '--out', dir, '--log-level', 'warn']);
  }
  return dir;
}

function readHead(file, bytes) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('latin1');
}

/** The dialect the reference is told; the scan detects its own and reports it in manifest.json. */
function sniff(file) {
  const head = readHead(file, 4096);
  const header = head.split(/\r?\n/)[0];
  const delimiter = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const rows = head.split(/\r?\n/).slice(1, 50).join('\n');
  const dmy = /\b\d{2}-\d{2}-\d{4}\b/.test(rows);
  return { delimiter, decimal: delimiter === ';' ? 'comma' : 'point', dateFormat: dmy ? '%d-%m-%Y' : '%Y-%m-%d' };
}

// Streamed, so the bench runner stays small next to the children it measures.
async function countLines(file) {
  let n = 0;
  for await (const chunk of createReadStream(file)) {
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) n++;
  }
  return n - 1;
}

const RANK_COLUMNS = ['rank', 'zorgverlener_id', 'score', 'tier', 'indicators'];
const readCsv = (f) => parse(readFileSync(f), { columns: true, bom: true });

/** Strongest signal per provider and indicator: from the scan's signals.ndjson and the reference's signals.csv. */
function signalsOf(scanOut, refOut) {
  const scan = new Map();
  for (const line of readFileSync(join(scanOut, 'signals.ndjson'), 'utf8').split('\n')) {
    if (!line) continue;
    const s = JSON.parse(line);
    // A signal without a provider (a single holder's care shortfall) adds no points.
    if (s.provider === null) continue;
    const k = `${s.indicator}\t${s.provider}`;
    scan.set(k, Math.max(scan.get(k) ?? 0, s.strength));
  }
  const ref = new Map(readCsv(join(refOut, 'signals.csv')).map((r) => [`${r.indicator}\t${r.zorgverlener_id}`, Number(r.strength)]));
  return { scan, ref };
}

/** How far the reference does the scan's job: the top TOP as sets, tiers, whole rows, and per indicator. */
function agreement(scanOut, refOut) {
  const a = readCsv(join(scanOut, 'providers.csv'));
  const b = readCsv(join(refOut, 'providers.csv'));
  const top = Math.min(TOP, a.length);
  const topA = new Set(a.slice(0, top).map((r) => r.zorgverlener_id));
  const topB = new Set(b.slice(0, top).map((r) => r.zorgverlener_id));
  const inBoth = [...topA].filter((id) => topB.has(id)).length;
  const overlap = top === 0 ? 1 : inBoth / top;
  const tierB = new Map(b.map((r) => [r.zorgverlener_id, r.tier]));
  const tiersSame = a.slice(0, top).every((r) => tierB.get(r.zorgverlener_id) === r.tier);
  const row = (r) => RANK_COLUMNS.map((c) => r[c]).join(',');
  let identical = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (row(a[i]) === row(b[i])) identical++;
  // Per indicator: providers where only one side has the signal or the strengths differ.
  const { scan, ref } = signalsOf(scanOut, refOut);
  const differs = new Map();
  for (const k of new Set([...scan.keys(), ...ref.keys()])) {
    if (scan.get(k) === ref.get(k)) continue;
    const ind = k.split('\t')[0];
    differs.set(ind, (differs.get(ind) ?? 0) + 1);
  }
  const indicators = new Set([...scan.keys(), ...ref.keys()].map((k) => k.split('\t')[0]));
  return {
    top,
    overlap,
    ok: overlap >= MIN_OVERLAP,
    tiersSame,
    scanProviders: a.length,
    refProviders: b.length,
    identical,
    indicators: indicators.size,
    differs: [...differs].sort(([x], [y]) => (x < y ? -1 : 1)),
  };
}

/** Whether this build can read the declarations through csv-parse on request (the reader of issue 10 item 2). */
function hasReaderSwitch() {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.js') && readFileSync(join(d, e.name), 'utf8').includes('PGB_SCAN_READER'),
    );
  return existsSync(join(root, 'dist')) && walk(join(root, 'dist'));
}
const READER_SWITCH = hasReaderSwitch();

/** A config with every indicator but the eight of v1 disabled. */
function v1Config() {
  const ids = JSON.parse(spawnSync('node', ['bin/pgb-scan.js', 'indicators', '--json'], { cwd: root, encoding: 'utf8' }).stdout).map((i) => i.id);
  const file = join(cache, 'v1-only.json');
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, JSON.stringify({ indicators: Object.fromEntries(ids.filter((id) => !V1.includes(id)).map((id) => [id, { enabled: false }])) }, null, 2));
  return { file, disabled: ids.length - V1.length, all: ids.length };
}
const v1 = v1Config();

/**
 * BENCH_BASELINE=COMMIT (e.g. c71acfe, the last commit before issue 8's indicators) also times that checkout's
 * scan on the national files: the eight indicators "as they were before this issue", reader and all. Built once
 * into .bench-cache/baseline-SHA from `git archive`, so the repository's worktrees stay as they are.
 */
function baselineCheckout(commit) {
  const sha = spawnSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (!sha) throw new Error(`BENCH_BASELINE=${commit}: not a commit of this repository`);
  const dir = join(cache, `baseline-${sha.slice(0, 12)}`);
  if (!existsSync(join(dir, 'dist', 'cli', 'main.js'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`building ${sha.slice(0, 12)} into ${dir}\n`);
    const steps = [
      ['sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], root],
      ['npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], dir],
      ['npx', ['tsc', '-p', 'tsconfig.json'], dir],
    ];
    for (const [cmd, args, cwd] of steps) {
      const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`BENCH_BASELINE: ${cmd} ${args.join(' ')} failed`);
    }
  }
  return { sha: sha.slice(0, 12), bin: join(dir, 'bin', 'pgb-scan.js') };
}
const baseline = process.env.BENCH_BASELINE ? baselineCheckout(process.env.BENCH_BASELINE) : null;

const scanArgs = (dir, out, extra = [], bin = 'bin/pgb-scan.js') => [bin, 'scan', dir, '--out', out, '--log-level', 'warn', '--max-reject-rate', '1', ...extra];

// The reference follows every dialect of the contract it can: checked once on the sample in Dutch Excel style
// (';', decimal comma with thousands dots, DD-MM-YYYY, Windows-1252, CRLF) before any timing. Its scan's peak
// RSS is the start-up memory that bytes per row leave out.
const sample = join(root, 'samples', 'gemeente-klein');
const sampleScan = await run('node', scanArgs(sample, join(cache, 'out-sample')));
await run('node', [join(benchDir, 'reference-duckdb.mjs'), sample, join(cache, 'ref-sample'), ';', 'comma', '%d-%m-%Y']);
const sampleAgree = agreement(join(cache, 'out-sample'), join(cache, 'ref-sample'));
const baseRssMiB = sampleScan.maxRssKiB / 1024;
process.stderr.write(`samples/gemeente-klein: ${JSON.stringify(sampleAgree)}\n`);

const results = [];
for (const shape of SHAPES) {
  for (const size of SIZES) {
    const dir = await dataset(shape, size);
    const decl = join(dir, 'declaraties.csv');
    const rows = await countLines(decl);
    const bytes = statSync(decl).size;
    const d = sniff(decl);
    const tag = `${shape.name}-${size}`;
    const scanOut = join(cache, `out-${tag}`);
    const refOut = join(cache, `ref-${tag}`);
    const v1Out = join(cache, `out-v1-${tag}`);
    const csvOut = join(cache, `out-csv-parse-${tag}`);
    // Issue 8's figure is asked at 1M rows on the national population; smaller trial sizes measure it too.
    const withV1 = shape.name === 'national' && size <= 1;
    const loadBefore = os.loadavg()[0];
    const m = { scan: [], duck: [], parse: [], v1: [], csvParse: [], baseline: [] };
    const runs = size >= 10 ? RUNS_10 : RUNS;
    // The reader comparison is made at 1M and 5M; at 10M it would only double the run's length.
    const readerSwitch = READER_SWITCH && size < 10;
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`${tag}: run ${i + 1}/${runs}\n`);
      // Back to back, so the ratios of one run compare the measurements under the same load of the machine.
      m.scan.push(await run('node', scanArgs(dir, scanOut)));
      m.duck.push(await run('node', [join(benchDir, 'reference-duckdb.mjs'), dir, refOut, d.delimiter, d.decimal, d.dateFormat]));
      m.parse.push(await run('node', [join(benchDir, 'csv-parse-only.mjs'), decl, d.delimiter]));
      if (withV1) m.v1.push(await run('node', scanArgs(dir, v1Out, ['--config', v1.file])));
      if (withV1 && baseline) m.baseline.push(await run('node', scanArgs(dir, join(cache, `out-baseline-${tag}`), [], baseline.bin)));
      if (readerSwitch) m.csvParse.push(await run('node', scanArgs(dir, csvOut), { PGB_SCAN_READER: 'csv-parse' }));
    }
    const med = (xs, f) => (xs.length ? median(xs.map(f)) : null);
    const rejected = readCsv(join(scanOut, 'rejects.csv')).length;
    const scanRssMiB = Math.max(...m.scan.map((x) => x.maxRssKiB)) / 1024;
    const r = {
      shape: shape.name,
      size,
      rows,
      mb: bytes / 1e6,
      rejected,
      loadBefore,
      loadAfter: os.loadavg()[0],
      scanS: med(m.scan, (x) => x.seconds),
      scanCpu: med(m.scan, (x) => x.cpu),
      scanRssMiB,
      bytesPerRow: ((scanRssMiB - baseRssMiB) * 2 ** 20) / rows,
      duckS: med(m.duck, (x) => x.seconds),
      duckCpu: med(m.duck, (x) => x.cpu),
      duckRssMiB: Math.max(...m.duck.map((x) => x.maxRssKiB)) / 1024,
      parseS: med(m.parse, (x) => x.seconds),
      parseCpu: med(m.parse, (x) => x.cpu),
      wallRatio: median(m.scan.map((x, i) => x.seconds / m.duck[i].seconds)),
      cpuRatio: median(m.scan.map((x, i) => x.cpu / m.duck[i].cpu)),
      v1S: med(m.v1, (x) => x.seconds),
      v1Cpu: med(m.v1, (x) => x.cpu),
      v1WallRatio: withV1 ? median(m.scan.map((x, i) => x.seconds / m.v1[i].seconds)) : null,
      v1CpuRatio: withV1 ? median(m.scan.map((x, i) => x.cpu / m.v1[i].cpu)) : null,
      baseS: med(m.baseline, (x) => x.seconds),
      baseCpu: med(m.baseline, (x) => x.cpu),
      baseWallRatio: m.baseline.length ? median(m.scan.map((x, i) => x.seconds / m.baseline[i].seconds)) : null,
      baseCpuRatio: m.baseline.length ? median(m.scan.map((x, i) => x.cpu / m.baseline[i].cpu)) : null,
      csvParseS: med(m.csvParse, (x) => x.seconds),
      csvParseCpu: med(m.csvParse, (x) => x.cpu),
      csvParseRssMiB: m.csvParse.length ? Math.max(...m.csvParse.map((x) => x.maxRssKiB)) / 1024 : null,
      // The reader must not change a result: the ranking through csv-parse is byte for byte the default's.
      csvParseSame: readerSwitch ? readFileSync(join(csvOut, 'providers.csv')).equals(readFileSync(join(scanOut, 'providers.csv'))) : null,
      raw: Object.fromEntries(Object.entries(m).map(([k, xs]) => [k, xs.map((x) => [x.seconds, x.cpu])])),
      agree: agreement(scanOut, refOut),
    };
    results.push(r);
    process.stderr.write(JSON.stringify(r) + '\n');
  }
}

const f = (x, d = 2) => (x === null || x === undefined ? '-' : x.toFixed(d));
const yes = (ok) => (ok ? 'yes' : 'no');
const n0 = (x) => Math.round(x).toLocaleString('en');
const lines = [];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const refIndicators = Math.max(0, ...results.map((r) => r.agree.indicators));
lines.push('# Benchmarks', '');
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${f(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.`);
lines.push(
  `Each measurement is a child process (start-up included), run ${RUNS} times, scan and reference back to back. Wall and CPU (user + system, all threads, from the child's own \`process.resourceUsage()\`) are medians; the ratios are the medians of the per-run ratios. Peak RSS is the child's own high-water mark (VmHWM; max over runs); bytes per row is the scan's peak RSS less its peak on samples/gemeente-klein (${f(baseRssMiB, 0)} MiB: start-up, code, small files), divided by the declaration rows.`,
);
lines.push(
  `Data: ${SHAPES.map((s) => `\`${s.scenario}\``).join(' and ')}, seed ${SEED}, generated by \`pgb-scan generate\` (cached in .bench-cache/), with every optional input (agreements, absences, warning register, submission times), so every indicator runs. The reference: the scan's indicators in DuckDB SQL (bench/reference-duckdb.mjs), same files and dialect, same weights and score. "Top ${TOP}" is the share of the scan's top ${TOP} providers that are in the reference's (required: at least ${MIN_OVERLAP}); on samples/gemeente-klein (\`;\`, decimal comma, Windows-1252) ${sampleAgree.identical} of ${sampleAgree.scanProviders} ranking rows are identical (reference: ${sampleAgree.refProviders}).`,
  '',
);
lines.push('## Full scan against the DuckDB reference', '');
lines.push(
  `| shape | declarations | MB | rejected | scan wall s | scan CPU s | DuckDB wall s | DuckDB CPU s | wall scan / DuckDB | CPU scan / DuckDB | scan rows/s | scan peak RSS MiB | bytes per row | DuckDB peak RSS MiB | csv-parse only wall s | csv-parse only CPU s | top ${TOP} | ranking rows identical | indicators differing |`,
);
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|');
for (const r of results) {
  const differs = r.agree.differs.length ? r.agree.differs.map(([id, n]) => `${id} (${n})`).join(', ') : `none of ${r.agree.indicators}`;
  lines.push(
    `| ${r.shape} | ${r.rows.toLocaleString('en')} | ${f(r.mb, 0)} | ${r.rejected} | ${f(r.scanS)} | ${f(r.scanCpu)} | ${f(r.duckS)} | ${f(r.duckCpu)} | ${f(r.wallRatio)} | ${f(r.cpuRatio)} | ${n0(r.rows / r.scanS)} | ${f(r.scanRssMiB, 0)} | ${n0(r.bytesPerRow)} | ${f(r.duckRssMiB, 0)} | ${f(r.parseS)} | ${f(r.parseCpu)} | ${f(r.agree.overlap)}${r.agree.ok ? '' : ' (**below ' + MIN_OVERLAP + '**)'}${r.agree.tiersSame ? '' : ', tiers differ'} | ${r.agree.identical} of ${r.agree.scanProviders} (reference: ${r.agree.refProviders}) | ${differs} |`,
  );
}
lines.push('');
const marginal = [];
for (const shape of SHAPES) {
  const rs = results.filter((r) => r.shape === shape.name).sort((a, b) => a.rows - b.rows);
  if (rs.length >= 2) {
    const [lo, hi] = [rs[0], rs[rs.length - 1]];
    marginal.push(`${shape.name}: ${n0(((hi.scanRssMiB - lo.scanRssMiB) * 2 ** 20) / (hi.rows - lo.rows))} bytes per further row (from ${lo.size}M to ${hi.size}M)`);
  }
}
if (marginal.length) lines.push(`Peak RSS per further declaration row: ${marginal.join('; ')}.`, '');

const v1Rows = results.filter((r) => r.v1S !== null);
if (v1Rows.length) {
  lines.push('## Issue 8: the full scan against the eight v1 indicators', '');
  lines.push(
    `The same scan on the same files, once with all ${v1.all} indicators and once with a config that disables the ${v1.disabled} of the catalogue (\`.bench-cache/v1-only.json\`), back to back; the files carry the new inputs, so the full scan runs every indicator. Target: at most 1.15 x.`,
    '',
  );
  lines.push('| shape | declarations | full scan wall s | full scan CPU s | eight v1 indicators wall s | eight v1 CPU s | wall full / v1 | CPU full / v1 | at most 1.15 x (wall) |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of v1Rows)
    lines.push(`| ${r.shape} | ${r.rows.toLocaleString('en')} | ${f(r.scanS)} | ${f(r.scanCpu)} | ${f(r.v1S)} | ${f(r.v1Cpu)} | ${f(r.v1WallRatio)} | ${f(r.v1CpuRatio)} | ${yes(r.v1WallRatio <= 1.15)} |`);
  lines.push('');
  if (baseline) {
    lines.push(`The scan of commit ${baseline.sha} (\`BENCH_BASELINE\`, before issue 8: the eight indicators with the reader of that time) on the same files, in the same runs:`, '');
    lines.push('| shape | declarations | full scan wall s | full scan CPU s | baseline wall s | baseline CPU s | wall full / baseline | CPU full / baseline | at most 1.15 x (wall) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const r of v1Rows)
      lines.push(`| ${r.shape} | ${r.rows.toLocaleString('en')} | ${f(r.scanS)} | ${f(r.scanCpu)} | ${f(r.baseS)} | ${f(r.baseCpu)} | ${f(r.baseWallRatio)} | ${f(r.baseCpuRatio)} | ${yes(r.baseWallRatio <= 1.15)} |`);
    lines.push('');
  }
}

lines.push('## The declarations reader', '');
if (READER_SWITCH) {
  lines.push('The full scan through the byte-level reader (default) and through csv-parse (`PGB_SCAN_READER=csv-parse`), in the same runs.', '');
  lines.push('| shape | declarations | default wall s | default CPU s | csv-parse wall s | csv-parse CPU s | CPU csv-parse / default | csv-parse peak RSS MiB | providers.csv byte-identical |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results.filter((x) => x.csvParseSame !== null))
    lines.push(`| ${r.shape} | ${r.rows.toLocaleString('en')} | ${f(r.scanS)} | ${f(r.scanCpu)} | ${f(r.csvParseS)} | ${f(r.csvParseCpu)} | ${f(r.csvParseCpu / r.scanCpu)} | ${f(r.csvParseRssMiB, 0)} | ${yes(r.csvParseSame)} |`);
} else {
  lines.push('This build has one declarations reader (csv-parse); no `PGB_SCAN_READER` switch was found in dist/.');
}
lines.push('');

lines.push('## Targets of issue 10', '');
lines.push('| target | shape | measured | met |', '|---|---|---|---|');
for (const r of results.filter((x) => x.size === 1 || x.size === 5)) {
  lines.push(`| full scan at ${r.size}M: wall at most 1.0 x the DuckDB reference | ${r.shape} | ${f(r.wallRatio)} x | ${yes(r.wallRatio <= 1)} |`);
  lines.push(`| full scan at ${r.size}M: CPU at most 1.5 x the DuckDB reference | ${r.shape} | ${f(r.cpuRatio)} x | ${yes(r.cpuRatio <= 1.5)} |`);
}
for (const shape of SHAPES) {
  const one = results.find((r) => r.shape === shape.name && r.size === 1);
  const five = results.find((r) => r.shape === shape.name && r.size === 5);
  if (one && five) {
    const ratio = five.scanS / five.rows / (one.scanS / one.rows);
    const cpuRatio = five.scanCpu / five.rows / (one.scanCpu / one.rows);
    lines.push(`| wall time per row at 5M within 15% of 1M | ${shape.name} | ${f(ratio)} x (CPU per row: ${f(cpuRatio)} x) | ${yes(ratio <= 1.15)} |`);
  }
  const ten = results.find((r) => r.shape === shape.name && r.size === 10);
  lines.push(
    ten
      ? `| 10M within 1.5 GB peak RSS | ${shape.name} | ${f(ten.scanRssMiB, 0)} MiB (${n0(ten.bytesPerRow)} bytes per row) | ${yes(ten.scanRssMiB * 2 ** 20 <= 1.5e9)} |`
      : `| 10M within 1.5 GB peak RSS | ${shape.name} | not measured in this run (\`BENCH_SIZES=1,5,10\`) | - |`,
  );
}
for (const r of v1Rows.filter((x) => x.size === 1)) {
  lines.push(`| issue 8: full scan at 1M at most 1.15 x the eight v1 indicators | ${r.shape} | ${f(r.v1WallRatio)} x wall, ${f(r.v1CpuRatio)} x CPU | ${yes(r.v1WallRatio <= 1.15)} |`);
  if (baseline) lines.push(`| issue 8: full scan at 1M at most 1.15 x the scan of ${baseline.sha} | ${r.shape} | ${f(r.baseWallRatio)} x wall, ${f(r.baseCpuRatio)} x CPU | ${yes(r.baseWallRatio <= 1.15)} |`);
}
lines.push('');
lines.push('Raw runs, (wall s, CPU s):');
for (const r of results) {
  const fmt = (xs) => xs.map(([w, c]) => `(${f(w)}, ${f(c)})`).join(' ');
  const extra = [
    r.raw.v1.length ? `; v1 only ${fmt(r.raw.v1)}` : '',
    r.raw.baseline.length ? `; ${baseline.sha} ${fmt(r.raw.baseline)}` : '',
    r.raw.csvParse.length ? `; scan via csv-parse ${fmt(r.raw.csvParse)}` : '',
  ].join('');
  lines.push(
    `- ${r.shape} ${r.rows.toLocaleString('en')}: scan ${fmt(r.raw.scan)}; DuckDB ${fmt(r.raw.duck)}; csv-parse ${fmt(r.raw.parse)}${extra}; 1-minute load average ${f(r.loadBefore, 1)} before, ${f(r.loadAfter, 1)} after`,
  );
}
lines.push('');
const marker = '<!-- bench:end -->';
// A trial below 1M rows must not replace the measured tables.
const target = process.env.BENCH_OUT ? resolve(process.env.BENCH_OUT) : SIZES.every((s) => s >= 1) ? join(root, 'BENCHMARKS.md') : join(cache, 'BENCHMARKS.preview.md');
const previous = existsSync(join(root, 'BENCHMARKS.md')) ? readFileSync(join(root, 'BENCHMARKS.md'), 'utf8') : '';
const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
writeFileSync(target, lines.join('\n') + '\n' + notes);
process.stderr.write(`${target} written (reference: ${refIndicators} indicators with signals)\n`);
const disagree = [...results.map((r) => ({ name: `${r.shape} ${r.size}M`, agree: r.agree })), { name: 'samples/gemeente-klein', agree: sampleAgree }].filter((r) => !r.agree.ok);
if (disagree.length) {
  process.stderr.write(`the reference's top ${TOP} holds less than ${MIN_OVERLAP} of the scan's on ${disagree.map((r) => r.name).join(', ')}: its times do not compare the same job\n`);
  process.exitCode = 1;
}
if (READER_SWITCH && results.some((r) => r.csvParseSame === false)) {
  process.stderr.write('the scan through PGB_SCAN_READER=csv-parse wrote another providers.csv than the default reader\n');
  process.exitCode = 1;
}
