// npm run bench: throughput of the full scan against two reference points on the same declaration file.
// Generates (and caches) the national scenario at 1M and 5M declaration rows, runs every measurement as a
// child process several times, and writes the medians into BENCHMARKS.md. Not part of npm test.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.bench-cache');
const scenarioPath = join(root, 'scenarios', 'national.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1,5').split(',').map(Number); // millions of declaration rows, ~ scale
const SEED = 7;

function run(cmd, args, { rss = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const stdio = ['ignore', 'pipe', 'pipe', 'pipe'];
    const started = process.hrtime.bigint();
    const child = spawn(cmd, rss ? ['--import', join(root, 'bench', 'rss-hook.mjs'), ...args] : args, { cwd: root, stdio });
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
      const maxRssKiB = fd3 ? JSON.parse(fd3.trim().split('\n').pop()).maxRssKiB : null;
      resolvePromise({ seconds, out, err, maxRssKiB });
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

const results = [];
for (const scale of SIZES) {
  const dir = await dataset(scale);
  const decl = join(dir, 'declaraties.csv');
  const rows = await countLines(decl);
  const bytes = statSync(decl).size;
  const d = sniff(decl);
  const out = join(cache, `out-${scale}`);
  const scan = [];
  const parseOnly = [];
  const duck = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`scale ${scale}: run ${i + 1}/${RUNS}\n`);
    scan.push(await run('node', ['bin/pgb-scan.js', 'scan', dir, '--out', out, '--log-level', 'warn', '--max-reject-rate', '1'], { rss: true }));
    parseOnly.push(await run('node', [join(root, 'bench', 'csv-parse-only.mjs'), decl, d.delimiter], { rss: true }));
    duck.push(await run('node', [join(root, 'bench', 'duckdb-core.mjs'), decl, d.delimiter, d.decimal, d.dateFormat], { rss: true }));
  }
  const r = {
    scale,
    rows,
    mb: bytes / 1e6,
    scanS: median(scan.map((x) => x.seconds)),
    scanRssMiB: Math.max(...scan.map((x) => x.maxRssKiB)) / 1024,
    parseS: median(parseOnly.map((x) => x.seconds)),
    parseRssMiB: Math.max(...parseOnly.map((x) => x.maxRssKiB)) / 1024,
    duckS: median(duck.map((x) => x.seconds)),
    duckRssMiB: Math.max(...duck.map((x) => x.maxRssKiB)) / 1024,
    allScan: scan.map((x) => x.seconds),
  };
  results.push(r);
  process.stderr.write(JSON.stringify(r) + '\n');
}

const f = (x, d = 2) => x.toFixed(d);
const lines = [];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
lines.push('# Benchmarks', '');
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${f(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.`);
lines.push(`Median wall time of ${RUNS} runs per measurement, each a child process (start-up included); peak RSS is the child's own high-water mark (VmHWM; max over runs).`);
lines.push(`Data: scenarios/national.json, seed ${SEED}, generated by \`pgb-scan generate\` (cached in .bench-cache/).`, '');
lines.push('| declarations | MB | full scan s | rows/s | MB/s | peak RSS MiB | csv-parse only s | DuckDB s | scan / csv-parse | scan / DuckDB |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results)
  lines.push(
    `| ${r.rows.toLocaleString('en')} | ${f(r.mb, 0)} | ${f(r.scanS)} | ${Math.round(r.rows / r.scanS).toLocaleString('en')} | ${f(r.mb / r.scanS, 1)} | ${f(r.scanRssMiB, 0)} | ${f(r.parseS)} | ${f(r.duckS)} | ${f(r.scanS / r.parseS)} | ${f(r.scanS / r.duckS)} |`,
  );
lines.push('');
const one = results.find((r) => r.scale === 1);
const five = results.find((r) => r.scale === 5);
lines.push('## Targets', '');
lines.push('| target | measured | met |', '|---|---|---|');
if (one) lines.push(`| full scan of 1M at most 1.5 x csv-parse parse-only | ${f(one.scanS / one.parseS)} x | ${one.scanS / one.parseS <= 1.5 ? 'yes' : 'no'} |`);
if (five) lines.push(`| 5M with peak RSS at most 1 GB | ${f(five.scanRssMiB, 0)} MiB | ${five.scanRssMiB * 2 ** 20 <= 1e9 ? 'yes' : 'no'} |`);
if (one && five) {
  const ratio = five.scanS / five.rows / (one.scanS / one.rows);
  lines.push(`| time per row at 5M within 25% of 1M | ${f(ratio)} x | ${ratio <= 1.25 ? 'yes' : 'no'} |`);
}
if (one) lines.push(`| long-term: within 3 x DuckDB | ${f(one.scanS / one.duckS)} x | ${one.scanS / one.duckS <= 3 ? 'yes' : 'no'} |`);
lines.push('');
lines.push('Raw full-scan times (s): ' + results.map((r) => `${r.rows}: ${r.allScan.map((x) => f(x)).join(', ')}`).join('; '), '');
const marker = '<!-- bench:end -->';
const previous = existsSync(join(root, 'BENCHMARKS.md')) ? readFileSync(join(root, 'BENCHMARKS.md'), 'utf8') : '';
const notes = previous.includes(marker) ? previous.slice(previous.indexOf(marker)) : `${marker}\n`;
writeFileSync(join(root, 'BENCHMARKS.md'), lines.join('\n') + '\n' + notes);
process.stderr.write('BENCHMARKS.md written\n');
