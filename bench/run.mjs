// npm run bench: the full scan against an honest reference on the same files and machine. The reference is
// the scan's eight v1 indicators written as DuckDB SQL (bench/reference-duckdb.mjs), scored the same way and
// writing a ranked providers.csv; csv-parse alone over the declarations is a second point (the parser's floor).
// Generates (and caches) the national scenario at 1M and 5M declaration rows (BENCH_SIZES=1,5,10 adds 10M),
// runs every measurement as a child process BENCH_RUNS times (3), checks that both rankings agree, and
// writes the medians into BENCHMARKS.md. Not part of npm test.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const cache = join(root, '.bench-cache');
const scenarioPath = join(root, 'scenarios', 'national.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1,5').split(',').map(Number); // millions of declaration rows, ~ scale
const SEED = 7;
/** The reference does the same job when the top of its ranking is the scan's: same ids, same tiers, same order. */
const TOP = 20;

// DuckDB is the bench's own dependency (bench/package.json), so `npm ci` of the package never installs it.
if (!existsSync(join(benchDir, 'node_modules', '@duckdb', 'node-api'))) {
  process.stderr.write('installing the bench dependencies (npm ci --prefix bench)\n');
  const npm = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) throw new Error('npm ci --prefix bench failed');
}

function run(cmd, args) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, ['--import', join(benchDir, 'usage-hook.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
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

async function dataset(scale) {
  const key = createHash('sha256').update(readFileSync(scenarioPath)).update(`${SEED}:${scale}`).digest('hex').slice(0, 12);
  const dir = join(cache, `national-${scale}-${key}`);
  if (!existsSync(join(dir, 'truth.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating national scenario at scale ${scale} into ${dir}\n`);
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

/** How far the reference's ranking is the scan's: the top TOP by id and tier in order, and the whole list. */
function agreement(scanCsv, refCsv) {
  const read = (f) => parse(readFileSync(f), { columns: true, bom: true });
  const a = read(scanCsv);
  const b = read(refCsv);
  const key = (r) => `${r.zorgverlener_id}:${r.tier}`;
  const top = Math.min(TOP, a.length);
  const topSame = a.length >= top && b.length >= top && a.slice(0, top).every((r, i) => key(r) === key(b[i]));
  const topA = new Set(a.slice(0, top).map((r) => r.zorgverlener_id));
  const topB = new Set(b.slice(0, top).map((r) => r.zorgverlener_id));
  const inBoth = [...topA].filter((id) => topB.has(id)).length;
  const jaccard = inBoth / (topA.size + topB.size - inBoth || 1);
  const row = (r) => RANK_COLUMNS.map((c) => r[c]).join(',');
  let identical = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (row(a[i]) === row(b[i])) identical++;
  return { top, topSame, jaccard, scanProviders: a.length, refProviders: b.length, identical };
}

// The reference follows every dialect of the contract it can: checked once on the sample in Dutch Excel style
// (';', decimal comma with thousands dots, DD-MM-YYYY, Windows-1252, CRLF) before any timing.
const sample = join(root, 'samples', 'gemeente-klein');
await run('node', ['bin/pgb-scan.js', 'scan', sample, '--out', join(cache, 'out-sample'), '--log-level', 'warn']);
await run('node', [join(benchDir, 'reference-duckdb.mjs'), sample, join(cache, 'ref-sample'), ';', 'comma', '%d-%m-%Y']);
const sampleAgree = agreement(join(cache, 'out-sample', 'providers.csv'), join(cache, 'ref-sample', 'providers.csv'));
process.stderr.write(`samples/gemeente-klein: ${JSON.stringify(sampleAgree)}\n`);

const results = [];
for (const scale of SIZES) {
  const dir = await dataset(scale);
  const decl = join(dir, 'declaraties.csv');
  const rows = await countLines(decl);
  const bytes = statSync(decl).size;
  const d = sniff(decl);
  const scanOut = join(cache, `out-${scale}`);
  const refOut = join(cache, `ref-${scale}`);
  const loadBefore = os.loadavg()[0];
  const scan = [];
  const duck = [];
  const parseOnly = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`scale ${scale}: run ${i + 1}/${RUNS}\n`);
    // Back to back, so the ratio of one run compares the two under the same load of the machine.
    scan.push(await run('node', ['bin/pgb-scan.js', 'scan', dir, '--out', scanOut, '--log-level', 'warn', '--max-reject-rate', '1']));
    duck.push(await run('node', [join(benchDir, 'reference-duckdb.mjs'), dir, refOut, d.delimiter, d.decimal, d.dateFormat]));
    parseOnly.push(await run('node', [join(benchDir, 'csv-parse-only.mjs'), decl, d.delimiter]));
  }
  const rejected = parse(readFileSync(join(scanOut, 'rejects.csv')), { columns: true, bom: true }).length;
  const agree = agreement(join(scanOut, 'providers.csv'), join(refOut, 'providers.csv'));
  const r = {
    scale,
    rows,
    mb: bytes / 1e6,
    rejected,
    loadBefore,
    loadAfter: os.loadavg()[0],
    scanS: median(scan.map((x) => x.seconds)),
    scanCpu: median(scan.map((x) => x.cpu)),
    scanRssMiB: Math.max(...scan.map((x) => x.maxRssKiB)) / 1024,
    duckS: median(duck.map((x) => x.seconds)),
    duckCpu: median(duck.map((x) => x.cpu)),
    duckRssMiB: Math.max(...duck.map((x) => x.maxRssKiB)) / 1024,
    parseS: median(parseOnly.map((x) => x.seconds)),
    parseCpu: median(parseOnly.map((x) => x.cpu)),
    wallRatio: median(scan.map((x, i) => x.seconds / duck[i].seconds)),
    cpuRatio: median(scan.map((x, i) => x.cpu / duck[i].cpu)),
    raw: {
      scan: scan.map((x) => [x.seconds, x.cpu]),
      duck: duck.map((x) => [x.seconds, x.cpu]),
      parse: parseOnly.map((x) => [x.seconds, x.cpu]),
    },
    agree,
  };
  results.push(r);
  process.stderr.write(JSON.stringify(r) + '\n');
}

const f = (x, d = 2) => x.toFixed(d);
const yes = (ok) => (ok ? 'yes' : 'no');
const lines = [];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
lines.push('# Benchmarks', '');
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${f(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.`);
lines.push(`Each measurement is a child process (start-up included), run ${RUNS} times, scan and reference back to back. Wall and CPU (user + system, all threads, from the child's own \`process.resourceUsage()\`) are medians; the ratios are the medians of the per-run ratios. Peak RSS is the child's own high-water mark (VmHWM; max over runs).`);
lines.push(`Data: scenarios/national.json, seed ${SEED}, generated by \`pgb-scan generate\` (cached in .bench-cache/). The reference: the eight v1 indicators in DuckDB SQL (bench/reference-duckdb.mjs), same files and dialect, same score; "agree" compares its providers.csv with the scan's. On samples/gemeente-klein (\`;\`, decimal comma, Windows-1252) ${sampleAgree.identical} of ${sampleAgree.scanProviders} ranking rows are identical (reference: ${sampleAgree.refProviders}).`, '');
lines.push('| declarations | MB | rejected | scan wall s | scan CPU s | DuckDB wall s | DuckDB CPU s | wall scan / DuckDB | CPU scan / DuckDB | scan rows/s | scan peak RSS MiB | DuckDB peak RSS MiB | csv-parse only wall s | csv-parse only CPU s | top ' + TOP + ' agree | ranking rows identical |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
for (const r of results)
  lines.push(
    `| ${r.rows.toLocaleString('en')} | ${f(r.mb, 0)} | ${r.rejected} | ${f(r.scanS)} | ${f(r.scanCpu)} | ${f(r.duckS)} | ${f(r.duckCpu)} | ${f(r.wallRatio)} | ${f(r.cpuRatio)} | ${Math.round(r.rows / r.scanS).toLocaleString('en')} | ${f(r.scanRssMiB, 0)} | ${f(r.duckRssMiB, 0)} | ${f(r.parseS)} | ${f(r.parseCpu)} | ${yes(r.agree.topSame)} (Jaccard ${f(r.agree.jaccard)}) | ${r.agree.identical} of ${r.agree.scanProviders} (reference: ${r.agree.refProviders}) |`,
  );
lines.push('');
lines.push('## Targets of issue 10', '');
lines.push('| target | measured | met |', '|---|---|---|');
for (const r of results.filter((x) => x.scale === 1 || x.scale === 5)) {
  const size = `${r.scale}M`;
  lines.push(`| full scan at ${size}: wall at most 1.0 x the DuckDB reference | ${f(r.wallRatio)} x | ${yes(r.wallRatio <= 1)} |`);
  lines.push(`| full scan at ${size}: CPU at most 1.5 x the DuckDB reference | ${f(r.cpuRatio)} x | ${yes(r.cpuRatio <= 1.5)} |`);
}
const one = results.find((r) => r.scale === 1);
const five = results.find((r) => r.scale === 5);
if (one && five) {
  const ratio = five.scanS / five.rows / (one.scanS / one.rows);
  const cpuRatio = five.scanCpu / five.rows / (one.scanCpu / one.rows);
  lines.push(`| wall time per row at 5M within 15% of 1M | ${f(ratio)} x (CPU per row: ${f(cpuRatio)} x) | ${yes(ratio <= 1.15)} |`);
}
const ten = results.find((r) => r.scale === 10);
lines.push(
  ten
    ? `| 10M within 1.5 GB peak RSS | ${f(ten.scanRssMiB, 0)} MiB | ${yes(ten.scanRssMiB * 2 ** 20 <= 1.5e9)} |`
    : '| 10M within 1.5 GB peak RSS | not measured in this run (`BENCH_SIZES=1,5,10`) | - |',
);
lines.push('');
lines.push('Raw runs, (wall s, CPU s):');
for (const r of results) {
  const fmt = (xs) => xs.map(([w, c]) => `(${f(w)}, ${f(c)})`).join(' ');
  lines.push(`- ${r.rows.toLocaleString('en')}: scan ${fmt(r.raw.scan)}; DuckDB ${fmt(r.raw.duck)}; csv-parse ${fmt(r.raw.parse)}; 1-minute load average ${f(r.loadBefore, 1)} before, ${f(r.loadAfter, 1)} after`);
}
lines.push('');
const marker = '<!-- bench:end -->';
const previous = existsSync(join(root, 'BENCHMARKS.md')) ? readFileSync(join(root, 'BENCHMARKS.md'), 'utf8') : '';
const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
writeFileSync(join(root, 'BENCHMARKS.md'), lines.join('\n') + '\n' + notes);
process.stderr.write('BENCHMARKS.md written\n');
const disagree = [...results.map((r) => ({ name: `${r.scale}M`, agree: r.agree })), { name: 'samples/gemeente-klein', agree: sampleAgree }].filter((r) => !r.agree.topSame);
if (disagree.length) {
  process.stderr.write(`the reference's top ${TOP} differs from the scan's on ${disagree.map((r) => r.name).join(', ')}: its times do not compare the same job\n`);
  process.exitCode = 1;
}
