// The bench's reference: what a data team would write instead of running the scan. The eight v1 indicators
// as DuckDB SQL over the same three CSV files in the same dialect, with the default parameters of their zod
// schemas, scored with the scan's formula (src/score/score.ts), and a ranked providers.csv written to OUT.
// It follows the scan's semantics wherever they can change the ranking (see BENCHMARKS.md for what it
// leaves out: evidence, messages, amounts, the other reports, and the validation of each value).
//
//   node bench/reference-duckdb.mjs DIR OUT_DIR DELIMITER DECIMAL(point|comma) DATEFORMAT(e.g. %Y-%m-%d)
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, outDir, delimiter, decimal, dateFormat] = process.argv.slice(2);
if (!dateFormat) {
  process.stderr.write('usage: node bench/reference-duckdb.mjs DIR OUT_DIR DELIMITER point|comma DATEFORMAT\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

// Defaults of the scan (src/indicators/*.ts params, src/config/schema.ts tiers); weights from the registry.
// Written out rather than imported, as a data team would; the bench's ranking check catches any drift.
const WEIGHTS = {
  'care-after-death': 0.6,
  'co-residence-cluster': 0.4,
  'flat-template-billing': 0.25,
  'impossible-day-hours': 0.6,
  'outside-entitlement': 0.4,
  'representative-hub': 0.4,
  'shared-iban': 0.5,
  'tariff-outlier': 0.25,
};
const TIERS = { hoog: 60, midden: 35 };

const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
const file = (name) => lit(resolve(join(dir, name)));

/** utf-8 unless the first MiB is not valid UTF-8; DuckDB reads Windows-1252's letters as latin-1. */
function encoding(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  try {
    // The last bytes may cut a character in two.
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, Math.max(0, n - 4)));
    return 'utf-8';
  } catch {
    return 'latin-1';
  }
}
const dialect = (name) =>
  [
    file(name),
    `delim=${lit(delimiter)}`,
    'header=true',
    `quote='"'`,
    `escape='"'`,
    `encoding=${lit(encoding(resolve(join(dir, name))))}`,
    `decimal_separator=${lit(decimal === 'comma' ? ',' : '.')}`,
    `dateformat=${lit(dateFormat)}`,
  ].join(', ');
// DuckDB reads no thousands separator, so a decimal-comma file ('1.234,56') gets its numbers as text.
const NUM = decimal === 'comma' ? 'VARCHAR' : 'DOUBLE';
const num = (c) => (decimal === 'comma' ? `try_cast(replace(replace(trim(${c}), '.', ''), ',', '.') as double)` : c);
// Every column the SQL uses gets its type, so ids and numbers with leading zeros stay text.
const types = (m) => `types={${Object.entries(m).map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')}}`;
const V = 'VARCHAR';

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const run = (sql) => con.run(sql);
const all = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();

// ja/j/true/1 as in the contract; the scan trims values and matches enums case-insensitively.
const bool = (c) => `lower(trim(${c})) in ('ja', 'j', 'true', '1')`;
const text = (c) => `nullif(trim(${c}), '')`;

await run(`create table holders as
  select ${text('budgethouder_id')} id, lower(replace(trim(voorziening), ' ', '_')) voorziening,
    ${num('budget_bedrag')} budget, budget_start bstart, budget_eind bend, overlijdensdatum death,
    ${text('adres_sleutel')} adres, ${text('vertegenwoordiger_id')} rep
  from read_csv(${dialect('budgethouders.csv')}, ${types({
    budgethouder_id: V, voorziening: V, budget_bedrag: NUM, budget_start: 'DATE', budget_eind: 'DATE',
    overlijdensdatum: 'DATE', adres_sleutel: V, vertegenwoordiger_id: V,
  })})`);
await run(`create table providers as
  select ${text('zorgverlener_id')} id, naam, lower(trim(soort)) soort, ${text('kvk_nummer')} kvk, ${text('agb_code')} agb,
    kvk_startdatum kvkstart, ${text('adres_sleutel')} adres, ${text('iban_sleutel')} iban, ${bool('wooninitiatief')} woon
  from read_csv(${dialect('zorgverleners.csv')}, ${types({
    zorgverlener_id: V, naam: V, soort: V, kvk_nummer: V, agb_code: V, kvk_startdatum: 'DATE', adres_sleutel: V,
    iban_sleutel: V, wooninitiatief: V,
  })})`);

// Minutes of a time HH:MM; hours are derived from begintijd/eindtijd when uren is empty, and an end
// before the start crosses midnight (README, input contract).
const minutes = (c) => `(try_cast(split_part(${c}, ':', 1) as integer) * 60 + try_cast(split_part(${c}, ':', 2) as integer))`;
await run(`create table d as
  select x.budgethouder_id h, x.zorgverlener_id p, x.zorgdatum cday,
    coalesce(x.zorgdatum, x.periode_start) ps, coalesce(x.zorgdatum, x.periode_eind) pe,
    coalesce(${num('x.uren')}, case when x.zorgdatum is not null then
      (case when ${minutes('x.eindtijd')} >= ${minutes('x.begintijd')} then ${minutes('x.eindtijd')} - ${minutes('x.begintijd')}
        else ${minutes('x.eindtijd')} + 1440 - ${minutes('x.begintijd')} end) / 60.0 end) hrs,
    ${num('x.bedrag')} amount
  from read_csv(${dialect('declaraties.csv')}, ${types({
    declaratie_id: V, budgethouder_id: V, zorgverlener_id: V, zorgdatum: 'DATE', periode_start: 'DATE',
    periode_eind: 'DATE', begintijd: V, eindtijd: V, uren: NUM, bedrag: NUM,
  })}) x
  semi join holders b on b.id = x.budgethouder_id
  semi join providers q on q.id = x.zorgverlener_id
  where x.zorgdatum is not null or (x.periode_start is not null and x.periode_eind is not null)`);

// The reference date: the latest care day, as the scan takes it without --as-of.
await run(`create table ref_date as select max(pe) as_of from d`);
// Holders per provider, the population of the holder-based indicators.
await run(`create table hp as select distinct p, h from d`);

const indicators = {
  'care-after-death': `
    select d.p, 1.0 s from d join holders b on b.id = d.h
    where b.death is not null and d.pe > b.death group by d.p`,

  'co-residence-cluster': `
    with g as (
      select hp.p, b.adres, count(*) n from hp join holders b on b.id = hp.h where b.adres is not null group by all)
    select g.p, max(case when q.woon and q.kvkstart is not null and (a.as_of - q.kvkstart) >= 5 * 365.25 then 0.5 else 1.0 end) s
    from g join providers q on q.id = g.p, ref_date a
    where g.n >= case when g.adres = q.adres then 2 else 3 end
    group by g.p`,

  'flat-template-billing': `
    with used as (
      select d.h, count(*) n, b.budget,
        coalesce(sum(d.amount) filter (where d.ps between b.bstart and coalesce(b.bend, a.as_of)), 0) used
      from d join holders b on b.id = d.h, ref_date a group by d.h, b.budget),
    eligible as (select h from used where n >= 6 and budget > 0 and used * 100 >= 98 * budget),
    monthly as (
      select d.h, d.p, date_trunc('month', d.ps) m, sum(d.amount) amt from d semi join eligible e on e.h = d.h group by all),
    flat as (
      select h, p from monthly group by h, p
      having count(*) >= 6 and avg(amt) > 0 and stddev_pop(amt) / avg(amt) < 0.02),
    total as (select p, count(*) total from hp group by p)
    select f.p, 1.0 s from flat f join total t on t.p = f.p
    group by f.p, t.total having t.total >= 2 and count(*) * 100 >= 75 * t.total`,

  // Institutions are skipped: their hours are many people's.
  'impossible-day-hours': `
    with days as (
      select d.p, d.cday, round(sum(d.hrs), 6) hrs from d join providers q on q.id = d.p
      where q.soort <> 'instelling' and d.cday is not null and d.hrs is not null group by d.p, d.cday),
    over_day as (select p, 1.0 s from days where hrs > 24 group by p),
    long_days as (
      select p, 0.5 s from (select p, date_trunc('month', cday) m, count(*) n from days where hrs >= 16 group by all)
      where n >= 5 group by p)
    select p, max(s) s from (select * from over_day union all select * from long_days) group by p`,

  // Money is compared in whole cents, as the scan does; overBudget names the provider with the most cents
  // in the budget period (ties: the lowest id).
  'outside-entitlement': `
    with bounds as (
      select distinct d.p from d join holders b on b.id = d.h
      where d.ps < b.bstart or (b.bend is not null and d.pe > b.bend)),
    per_provider as (
      select d.h, d.p, sum(d.amount) amt from d join holders b on b.id = d.h, ref_date a
      where d.ps between b.bstart and coalesce(b.bend, a.as_of) group by d.h, d.p),
    over_budget as (
      select first(x.p order by round(x.amt * 100) desc, x.p) p
      from per_provider x join holders b on b.id = x.h
      where b.budget > 0 group by x.h, b.budget
      having round(sum(x.amt) * 100) > round(b.budget * 1.02 * 100))
    select p, 1.0 s from (select p from bounds union select p from over_budget) group by p`,

  'representative-hub': `
    with g as (
      select hp.p, b.rep, count(*) n from hp join holders b on b.id = hp.h where b.rep is not null group by all)
    select g.p, 1.0 s from g
      join providers q on q.id = g.p
      left join holders rh on rh.id = g.rep
      left join providers rp on rp.id = g.rep
    where g.n >= 3
      or g.rep = q.id or g.rep = q.kvk or g.rep = q.agb
      or (q.adres is not null and (rh.adres = q.adres or (rp.id <> q.id and rp.adres = q.adres)))
    group by g.p`,

  // Providers that share one kvk_nummer are one firm; each provider without one is its own.
  'shared-iban': `
    with g as (
      select iban, count(*) n, count(distinct kvk) + count(*) filter (where kvk is null) firms
      from providers where iban is not null group by iban)
    select q.id p, 1.0 s from providers q join g on g.iban = q.iban where g.n >= 2 and g.firms >= 2`,

  // Tukey fence over the providers' median rates per peer group (voorziening x soort); quantile_cont is
  // R type 7, as simple-statistics' quantileSorted.
  'tariff-outlier': `
    with m as (
      select d.p, b.voorziening v, median(d.amount / d.hrs) med
      from d join holders b on b.id = d.h where d.hrs > 0 and d.amount > 0 group by d.p, b.voorziening),
    ms as (select m.*, q.soort from m join providers q on q.id = m.p),
    g as (
      select v, soort, count(*) n, quantile_cont(med, 0.25) q1, quantile_cont(med, 0.75) q3
      from ms group by v, soort)
    select ms.p, 1.0 s from ms join g using (v, soort)
    where g.n >= 10 and g.q3 - g.q1 <> 0 and ms.med > g.q3 + 1.5 * (g.q3 - g.q1)
    group by ms.p`,
};

await run(`create table sig (p varchar, indicator varchar, s double)`);
for (const [id, sql] of Object.entries(indicators)) {
  await run(`insert into sig select p, ${lit(id)}, s from (${sql})`);
}

// score = 100 x (1 - prod(1 - points/100)) over the strongest signal per indicator, points rounded to
// cents and the score to one decimal half up, as Math.round does; ties by zorgverlener_id.
const weights = Object.entries(WEIGHTS).map(([k, w]) => `(${lit(k)}, ${w})`).join(', ');
await run(`create table ranked as
  with w(indicator, w) as (values ${weights}),
  pts as (
    select sig.p, sig.indicator, floor(100 * w.w * max(sig.s) * 100 + 0.5) / 100 pt
    from sig join w using (indicator) group by sig.p, sig.indicator, w.w),
  sc as (
    select p, floor(100 * (1 - product(1 - least(1, greatest(0, pt / 100)))) * 10 + 0.5) / 10 score,
      string_agg(indicator, '|' order by indicator) indicators
    from pts group by p)
  select row_number() over (order by sc.score desc, sc.p) rank, sc.p zorgverlener_id, coalesce(q.naam, '') naam,
    sc.score, case when sc.score >= ${TIERS.hoog} then 'hoog' when sc.score >= ${TIERS.midden} then 'midden' else 'laag' end tier,
    sc.indicators
  from sc left join providers q on q.id = sc.p`);
const out = resolve(join(outDir, 'providers.csv'));
// Scores are written as JavaScript prints them (73, not 73.0), so the file compares with the scan's as text.
await run(`copy (
    select rank, zorgverlener_id, naam, regexp_replace(score::varchar, '\\.0$', '') score, tier, indicators
    from ranked order by rank)
  to ${lit(out)} (header, delimiter ',')`);
const [{ n }] = await all('select count(*)::integer n from ranked');
const [{ declarations }] = await all("select count(*)::integer declarations from d");
process.stdout.write(JSON.stringify({ declarations, providers: n, out }) + '\n');
