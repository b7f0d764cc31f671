// The bench's reference: what a data team would write instead of running the scan. The scan's indicators as
// DuckDB SQL (the eight of v1 and nine of the catalogue; see BENCHMARKS.md) over the same CSV files in the
// same dialect, with the default parameters of their zod schemas, scored with the scan's formula
// (src/score/score.ts), and a ranked providers.csv written to OUT, with signals.csv (provider, indicator,
// strength) beside it so the bench can say per indicator where the two disagree. An indicator whose input
// file is absent (zorgovereenkomsten, afwezigheden, waarschuwingsregister) does not run, as in the scan.
// It follows the scan's semantics wherever they can change the ranking (see BENCHMARKS.md for what it
// leaves out: evidence, messages, amounts, the other reports, and the validation of each value).
//
//   node bench/reference-duckdb.mjs DIR OUT_DIR DELIMITER DECIMAL(point|comma) DATEFORMAT(e.g. %Y-%m-%d)
import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
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
  'care-during-absence': 0.5,
  'care-shortfall-neglect': 0.5,
  'declared-exceeds-contract': 0.45,
  'family-contract-intensity': 0.35,
  'new-provider-rapid-intake': 0.3,
  'out-of-region-inflow': 0.25,
  'overlapping-care-sessions': 0.5,
  'phoenix-provider': 0.5,
  'warning-register-match': 0.6,
  'bulk-submission': 0.4,
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
// REF_TIMINGS=1 prints each statement's wall and CPU time (all of DuckDB's threads) on stderr, to see what the reference spends its time on.
const timings = process.env.REF_TIMINGS === '1';
const run = async (sql) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await con.run(sql);
  if (timings) {
    const c = process.cpuUsage(c0);
    process.stderr.write(`${(performance.now() - t0).toFixed(0).padStart(6)} ms wall ${((c.user + c.system) / 1000).toFixed(0).padStart(6)} ms CPU  ${sql.trim().split('\n')[0].slice(0, 80)}\n`);
  }
  return r;
};
const all = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();

// ja/j/true/1 as in the contract; the scan trims values and matches enums case-insensitively.
const bool = (c) => `lower(trim(${c})) in ('ja', 'j', 'true', '1')`;
const text = (c) => `nullif(trim(${c}), '')`;

await run(`create table holders as
  select ${text('budgethouder_id')} id, lower(replace(trim(voorziening), ' ', '_')) voorziening,
    ${num('budget_bedrag')} budget, budget_start bstart, budget_eind bend, overlijdensdatum death,
    ${text('adres_sleutel')} adres, ${text('vertegenwoordiger_id')} rep, ${num('indicatie_uren_per_week')} indic,
    ingeschreven_sinds since
  from read_csv(${dialect('budgethouders.csv')}, ${types({
    budgethouder_id: V, voorziening: V, budget_bedrag: NUM, budget_start: 'DATE', budget_eind: 'DATE',
    overlijdensdatum: 'DATE', adres_sleutel: V, vertegenwoordiger_id: V, indicatie_uren_per_week: NUM,
    ingeschreven_sinds: 'DATE',
  })})`);
await run(`create table providers as
  select ${text('zorgverlener_id')} id, naam, lower(trim(soort)) soort, ${text('kvk_nummer')} kvk, ${text('agb_code')} agb,
    kvk_startdatum kvkstart, ${text('adres_sleutel')} adres, ${text('iban_sleutel')} iban, ${bool('wooninitiatief')} woon,
    einddatum einde
  from read_csv(${dialect('zorgverleners.csv')}, ${types({
    zorgverlener_id: V, naam: V, soort: V, kvk_nummer: V, agb_code: V, kvk_startdatum: 'DATE', adres_sleutel: V,
    iban_sleutel: V, wooninitiatief: V, einddatum: 'DATE',
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
    ${num('x.bedrag')} amount, ${num('x.tarief')} tarief, ${text('x.zorgovereenkomst_id')} cid,
    lower(trim(x.overeenkomst_soort)) ksoort, ${minutes('x.begintijd')} bm, ${minutes('x.eindtijd')} em,
    try_strptime(trim(x.ingediend_op), ${lit(dateFormat + ' %H:%M')}) sub
  from read_csv(${dialect('declaraties.csv')}, ${types({
    declaratie_id: V, budgethouder_id: V, zorgverlener_id: V, zorgovereenkomst_id: V, overeenkomst_soort: V,
    zorgdatum: 'DATE', periode_start: 'DATE', periode_eind: 'DATE', begintijd: V, eindtijd: V, uren: NUM, tarief: NUM,
    bedrag: NUM, ingediend_op: V,
  })}) x
  semi join holders b on b.id = x.budgethouder_id
  semi join providers q on q.id = x.zorgverlener_id
  where x.zorgdatum is not null or (x.periode_start is not null and x.periode_eind is not null)`);

// The reference date: the latest care day, as the scan takes it without --as-of.
await run(`create table ref_date as select max(pe) as_of from d`);
// Holders per provider, the population of the holder-based indicators.
await run(`create table hp as select distinct p, h from d`);

// The optional inputs; an indicator that needs one that is absent does not run, as in the scan.
const has = (name) => existsSync(join(dir, name));
const hasContracts = has('zorgovereenkomsten.csv');
const hasAbsences = has('afwezigheden.csv');
const hasRegister = has('waarschuwingsregister.csv');
// File order is kept (ci), as the scan picks the first of equally near agreements and the last of equal ids.
await run(`create table c as
  select x.* from (
    select row_number() over () ci, ${text('zorgovereenkomst_id')} id, ${text('budgethouder_id')} h, ${text('zorgverlener_id')} p,
      lower(trim(soort)) soort, ${num('tarief')} tarief, ${num('uren_per_week')} upw, "start" cstart, eind ceind
    ${hasContracts ? `from read_csv(${dialect('zorgovereenkomsten.csv')}, ${types({ zorgovereenkomst_id: V, budgethouder_id: V, zorgverlener_id: V, soort: V, tarief: NUM, uren_per_week: NUM, start: 'DATE', eind: 'DATE' })})` : 'from (select null zorgovereenkomst_id, null budgethouder_id, null zorgverlener_id, null soort, null tarief, null uren_per_week, null::date "start", null::date eind) where false'}
  ) x semi join holders b on b.id = x.h semi join providers q on q.id = x.p`);
// Each declaration's agreement: the one its zorgovereenkomst_id names among the holder's agreements with this
// provider (the last such in the file), else the nearest in time of that pair (the first of equals).
await run(`create table dc as
  select d.rowid rid, arg_min(c.ci, case when c.id = d.cid then -c.ci
      else 1e7 * (case when c.cstart is not null and d.pe < c.cstart then c.cstart - d.pe
        when c.ceind is not null and d.ps > c.ceind then d.ps - c.ceind else 0 end) + c.ci end) ci,
    max(c.ci) filter (where c.id = d.cid) named
  from d join c on c.h = d.h and c.p = d.p group by d.rowid`);

const AWAY = ['ziekenhuisopname', 'ggz-opname', 'wlz-opname', 'detentie', 'buitenland', 'verhuisd'];
await run(`create table ab as
  select x.* from (
    select ${text('budgethouder_id')} h, lower(trim(soort)) soort, van, tot
    ${hasAbsences ? `from read_csv(${dialect('afwezigheden.csv')}, ${types({ budgethouder_id: V, soort: V, van: 'DATE', tot: 'DATE' })})` : 'from (select null budgethouder_id, null soort, null::date van, null::date tot) where false'}
  ) x semi join holders b on b.id = x.h`);

// KvK and AGB compare as 8 digits with leading zeros, the other keys trimmed and case-insensitive.
const regKey = (kind, key) => `case when ${kind} in ('kvk_nummer', 'agb_code') then lpad(trim(${key}), 8, '0') else lower(trim(${key})) end`;
await run(`create table reg as
  select kind, ${regKey('kind', 'sleutel')} rkey, geregistreerd_op ro, vervalt_op eo from (
    select lower(trim(sleutel_soort)) kind, sleutel, geregistreerd_op, vervalt_op
    ${hasRegister ? `from read_csv(${dialect('waarschuwingsregister.csv')}, ${types({ sleutel_soort: V, sleutel: V, geregistreerd_op: 'DATE', vervalt_op: 'DATE' })})` : 'from (select null sleutel_soort, null sleutel, null::date geregistreerd_op, null::date vervalt_op) where false'}
  ) where nullif(trim(sleutel), '') is not null`);

// Intake (src/indicators/intake.ts): a holder's agreement start with the provider, else the first care day;
// a holder with care in the export's first month and no agreement starting inside the export is existing.
// The export's first month is the earliest holding at least a quarter of the median month's rows.
await run(`create table intake as
  with mc as (select date_trunc('month', ps)::date m, count(*) n from d group by 1),
  med as (select n from (select n, row_number() over (order by n) - 1 i from mc) where i = (select count(*) // 2 from mc)),
  fm as (select min(m) fm from mc where n * 4 >= (select n from med)),
  agr as (select h, p, min(cstart) astart from c where cstart is not null group by h, p),
  fc as (select p, h, min(ps) fc from d group by p, h)
  select fc.p, fc.h, coalesce(agr.astart, fc.fc) iday
  from fc left join agr using (p, h), fm
  where not (fc.fc < (fm.fm + interval 1 month)::date and (agr.astart is null or agr.astart < fm.fm))`);

// Splits rows over the weeks (or months) their care days fall in, pro rata by days; most rows are daily, so
// only the rest goes through generate_series.
const spread = (from, unit, step) => `(
    select x.*, date_trunc('${unit}', x.ps)::date bucket, x.hrs part from ${from} x where date_trunc('${unit}', x.ps) = date_trunc('${unit}', x.pe)
    union all
    select x.*, g.b::date bucket, x.hrs * (least(x.pe, (g.b + interval ${step})::date - 1) - greatest(x.ps, g.b::date) + 1) / (x.pe - x.ps + 1) part
    from ${from} x, unnest(generate_series(date_trunc('${unit}', x.ps), date_trunc('${unit}', x.pe), interval ${step})) g(b)
    where date_trunc('${unit}', x.ps) <> date_trunc('${unit}', x.pe))`;

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

// The catalogue's indicators (issues 8 and 10) that SQL can express.
Object.assign(indicators, {
  // Against the agreement: care outside its term, an hourly rate over it by more than 2%, or in at least 4
  // ISO weeks more than uren_per_week + 10% while the average over the span of care is more than 20% and at
  // least an hour above it (fully from 50% above, half below).
  ...(hasContracts && {
    'declared-exceeds-contract': `
    with dj as (select d.*, dc.ci from d join dc on dc.rid = d.rowid),
    rows as (
      select dj.*, c.upw, c.tarief ctarief,
        (c.cstart is not null and dj.pe < c.cstart) or (c.ceind is not null and dj.ps > c.ceind) outside
      from dj join c using (ci)),
    outside as (select ci, 1.0 s from rows where outside group by ci),
    rate as (
      select ci, 1.0 s from rows
      where not outside and ctarief is not null and amount > 0
        and floor(coalesce(case when tarief >= 0 then tarief end, case when hrs > 0 then amount / hrs end) * 100 + 0.5) > floor(ctarief * 102 + 0.5)
      group by ci),
    timed as (select * from rows where not outside and upw is not null and hrs is not null and isfinite(hrs)),
    span as (
      select ci, any_value(upw) upw, min(date_trunc('week', ps)::date) lo, max(date_trunc('week', pe)::date) hi
      from timed where hrs > 0 group by ci),
    weeks as (select ci, bucket wk, sum(part) h from ${spread('timed', 'week', "'7 days'")} group by ci, bucket),
    per as (
      select s.ci, s.upw, round(s.upw * 1.1, 6) lim, (s.hi - s.lo) // 7 + 1 n,
        count(*) filter (where round(w.h, 6) > round(s.upw * 1.1, 6)) over_weeks, round(sum(w.h) / ((s.hi - s.lo) // 7 + 1), 6) average
      from span s join weeks w on w.ci = s.ci and w.wk between s.lo and s.hi group by s.ci, s.upw, s.lo, s.hi),
    hours as (
      select ci, case when (average - upw) * 100 >= upw * 50 then 1.0 else 0.5 end s from per
      where over_weeks >= 4 and average * 100 > upw * 120 and round((average - upw) * 1e6) >= 1e6)
    select c.p, max(x.s) s from (select * from outside union all select * from rate union all select * from hours) x
    join c using (ci) group by c.p`,
  }),

  // Family care (overeenkomst_soort familie, a familie agreement named by the row, or an informal provider):
  // on average 40 hours a week or more over the months with care (fully from 60), or a rate above 26 euros.
  'family-contract-intensity': `
    with fam as (
      select d.* from d join providers q on q.id = d.p left join dc on dc.rid = d.rowid left join c on c.ci = dc.named
      where d.amount >= 0 and (d.ksoort = 'familie' or q.soort = 'informeel' or c.soort = 'familie')),
    months as (select p, bucket m, sum(part) h from ${spread('(select * from fam where hrs > 0)', 'month', "'1 month'")} group by p, bucket),
    hours as (
      select p, case when round(sum(h) * 7 / sum(day(last_day(m))), 2) >= 60 then 1.0 else 0.5 end s from months
      group by p having round(sum(h) * 7 / sum(day(last_day(m))), 2) >= 40),
    rate as (
      select p, 1.0 s from fam
      where floor(coalesce(case when tarief >= 0 then tarief end, case when hrs > 0 then amount / hrs end) * 100 + 0.5) > 2600
      group by p)
    select p, max(s) s from (select * from hours union all select * from rate) group by p`,

  // A provider less than 24 months registered at its first declaration takes in 8 holders within 6 months.
  'new-provider-rapid-intake': `
    with young as (
      select q.id p from providers q join d on d.p = q.id where q.kvkstart is not null
      group by q.id, q.kvkstart having min(d.ps) < (q.kvkstart + interval 24 month)::date),
    win as (
      select i.p, count(*) n from intake i join intake j on j.p = i.p and j.iday >= i.iday and j.iday < (i.iday + interval 6 month)::date
      where i.p in (select p from young) group by i.p, i.h)
    select p, 1.0 s from win group by p having max(n) >= 8`,

  // Of at least 4 holders taken in, more than half registered at their address from 6 months before to 31
  // days after their intake; an institution with an AGB code and a KvK registration of 5 years counts 0.2.
  'out-of-region-inflow': `
    with ip as (
      select i.p, count(*) n, min(i.iday) first_day,
        count(*) filter (where b.since >= (i.iday - interval 6 month)::date and b.since <= i.iday + 31) movers
      from intake i join holders b on b.id = i.h group by i.p),
    nh as (select p, count(*) n from hp group by p)
    select ip.p, case when q.soort = 'instelling' and q.agb is not null and q.kvkstart is not null
        and (q.kvkstart + interval 60 month)::date <= ip.first_day then 0.2 else 1.0 end s
    from ip join nh using (p) join providers q on q.id = ip.p
    where nh.n >= 4 and ip.n >= 4 and ip.movers * 100 > 50 * ip.n`,

  // Declarations (no corrections) for at least 8 holders of one provider in the same submission minute, on at
  // least 3 occasions; an institution with an AGB code and a KvK at least 5 years old at its first occasion is exempt.
  'bulk-submission': `
    with o as (
      select d.p, d.sub m from d where d.sub is not null and d.amount >= 0
      group by d.p, d.sub having count(distinct d.h) >= 8),
    op as (select p, count(*) n, min(m)::date first_day from o group by p)
    select op.p, 1.0 s from op join providers q on q.id = op.p
    where op.n >= 3 and not (q.soort = 'instelling' and q.agb is not null and q.kvkstart is not null
      and (q.kvkstart + interval 60 month)::date <= op.first_day)`,

  // One person (not an institution) with timed sessions for two holders (outside group care) overlapping at
  // least 15 minutes, on at least 3 days (the day the later session starts).
  'overlapping-care-sessions': `
    with s as (
      select d.rowid rid, d.p, d.h, d.cday, (d.cday - date '1970-01-01') * 1440 + d.bm st,
        (d.cday - date '1970-01-01') * 1440 + d.em + case when d.em < d.bm then 1440 else 0 end en
      from d join providers q on q.id = d.p join holders b on b.id = d.h
      where q.soort <> 'instelling' and d.cday is not null and d.bm is not null and d.em is not null and d.amount >= 0
        and b.voorziening not in ('dagbesteding', 'kortdurend_verblijf')),
    pairs as (
      select a.p, a.cday from s a join s b on b.p = a.p and b.cday = a.cday
      where b.rid <> a.rid and b.h <> a.h and b.st <= a.st and b.en > a.st and least(a.en, b.en) - a.st >= 15
      union all
      select a.p, a.cday from s a join s b on b.p = a.p and b.cday = a.cday - 1
      where b.h <> a.h and b.en > a.st and least(a.en, b.en) - a.st >= 15)
    select p, 1.0 s from pairs group by p having count(distinct cday) >= 3`,

  // Successor B of A (A ended: einddatum, else last care before the export's last month; A with 3 holders):
  // B registered from 6 months before to 12 months after A's end, another KvK number, a shared iban, address
  // or AGB code, and at least 3 and half of A's holders first with B within 60 days of their last with A.
  'phoenix-provider': `
    with lc as (select p, max(pe) lc from d group by p),
    ends as (
      select q.id p, coalesce(q.einde, case when date_trunc('month', lc.lc) < date_trunc('month', a.as_of) then lc.lc end) e
      from providers q left join lc on lc.p = q.id, ref_date a),
    nh as (select p, count(*) n from hp group by p),
    links as (
      select a.id pa, b.id pb from providers a join providers b on a.iban = b.iban where a.id <> b.id
      union select a.id, b.id from providers a join providers b on a.adres = b.adres where a.id <> b.id
      union select a.id, b.id from providers a join providers b on a.agb = b.agb where a.id <> b.id),
    pairs as (
      select l.pa, l.pb from links l join ends e on e.p = l.pa join nh on nh.p = l.pa
        join providers qa on qa.id = l.pa join providers qb on qb.id = l.pb
      where e.e is not null and nh.n >= 3 and qb.kvkstart is not null and not (qa.kvk is not null and qa.kvk = qb.kvk)
        and qb.kvkstart >= (e.e - interval 6 month)::date and qb.kvkstart <= (e.e + interval 12 month)::date),
    la as (select p, h, max(pe) lastd from d where p in (select pa from pairs) group by p, h),
    fb as (select p, h, min(ps) firstd from d where p in (select pb from pairs) group by p, h),
    mv as (
      select pr.pa, pr.pb, count(*) moved from pairs pr join la on la.p = pr.pa join fb on fb.p = pr.pb and fb.h = la.h
      where abs(fb.firstd - la.lastd) <= 60 group by pr.pa, pr.pb)
    select mv.pb p, 1.0 s from mv join nh on nh.p = mv.pa where mv.moved >= 3 and mv.moved * 100 >= 50 * nh.n group by mv.pb`,

  // Wonen holders with an indication: hours in a month below 50% of it for 3 months in a row while the amount
  // stays at 80% of the budget's share; months more than half absent are left out. The provider counts when 3
  // of its holders (or 2 and half of its wonen holders) show it; a single holder adds no points.
  'care-shortfall-neglect': `
    with elig as (
      select b.id h, b.bstart, coalesce(b.bend, a.as_of) bend, b.indic, b.budget, coalesce(b.bend, a.as_of) - b.bstart + 1 pdays
      from holders b, ref_date a
      where b.voorziening in ('beschermd_wonen', 'begeleid_wonen') and b.indic > 0 and b.budget > 0),
    rows as (select d.h, d.ps, d.pe, d.amount, d.hrs from d join elig using (h)),
    parts as (
      select x.h, x.bucket m, case when x.hrs is null then null else x.part end hrs_part,
        x.amount * case when x.ps = x.pe or date_trunc('month', x.ps) = date_trunc('month', x.pe) then 1.0
          else (least(x.pe, last_day(x.bucket)) - greatest(x.ps, x.bucket) + 1) / (x.pe - x.ps + 1) end amt_part,
        x.hrs is null and x.amount > 0 unk
      from ${spread('rows', 'month', "'1 month'")} x),
    mon as (
      select p.h, p.m, sum(p.hrs_part) hrs, sum(p.amt_part) amt, bool_or(p.unk) unk,
        least(e.bend, last_day(p.m)) - greatest(e.bstart, p.m) + 1 ndays, any_value(e.indic) indic, any_value(e.budget) budget, any_value(e.pdays) pdays
      from parts p join elig e using (h)
      where e.bend >= e.bstart and p.m between date_trunc('month', e.bstart) and date_trunc('month', e.bend)
      group by p.h, p.m, e.bend, e.bstart),
    away_days as (
      select distinct ab.h, unnest(generate_series(ab.van, least(coalesce(ab.tot, e.bend), e.bend), interval 1 day))::date aday
      from ab join elig e using (h) where least(coalesce(ab.tot, e.bend), e.bend) >= ab.van),
    excluded as (
      select h, date_trunc('month', aday)::date m from away_days group by 1, 2 having count(*) * 2 > day(last_day(any_value(aday)))),
    short as (
      select mon.h, mon.m from mon anti join excluded x on x.h = mon.h and x.m = mon.m
      where not mon.unk and coalesce(mon.hrs, 0) * 100 < 50 * (mon.indic * mon.ndays / 7)
        and mon.amt * 100 >= 80 * (mon.budget * mon.ndays / mon.pdays)),
    runs as (
      select h, m, count(*) over (partition by h, g) n from (
        select h, m, year(m) * 12 + month(m) - row_number() over (partition by h order by m) g from short)),
    bad as (select h, m from runs where n >= 3),
    prov as (
      select distinct d.p, d.h from d join bad on bad.h = d.h
      where d.amount > 0 and bad.m between date_trunc('month', d.ps) and date_trunc('month', d.pe)),
    wonen as (
      select hp.p, count(*) n from hp join holders b on b.id = hp.h
      where b.voorziening in ('beschermd_wonen', 'begeleid_wonen') and b.indic > 0 and b.budget > 0 group by hp.p)
    select prov.p, 1.0 s from prov left join wonen using (p) group by prov.p, wonen.n
    having count(*) >= 3 or (count(*) >= 2 and count(*) * 100 >= 50 * coalesce(wonen.n, 0))`,
});
if (hasAbsences)
  // Care strictly after leaving and strictly before returning (a period only when wholly inside).
  indicators['care-during-absence'] = `
    select d.p, 1.0 s from d join ab on ab.h = d.h
    where ab.soort in (${AWAY.map(lit).join(', ')}) and d.ps > ab.van and (ab.tot is null or d.pe < ab.tot)
    group by d.p`;
if (hasRegister)
  // A provider key equal to a register entry valid on one of its care days; an address alone counts 0.5.
  indicators['warning-register-match'] = `
    with pk as (
      select id p, 'kvk_nummer' kind, ${regKey("'kvk_nummer'", 'kvk')} rkey from providers where kvk is not null
      union all select id, 'agb_code', ${regKey("'agb_code'", 'agb')} from providers where agb is not null
      union all select id, 'iban_sleutel', lower(iban) from providers where iban is not null
      union all select id, 'adres_sleutel', lower(adres) from providers where adres is not null),
    hit as (select pk.p, pk.kind, reg.ro, reg.eo from pk join reg using (kind, rkey))
    select hit.p, max(case when hit.kind = 'adres_sleutel' then 0.5 else 1.0 end) s
    from hit join d on d.p = hit.p where hit.ro <= d.pe and (hit.eo is null or hit.eo >= d.ps) group by hit.p`;

await run(`create table sig (p varchar, indicator varchar, s double)`);
for (const [id, sql] of Object.entries(indicators)) {
  // REF_EXPLAIN=ID prints DuckDB's profile of that indicator's query.
  if (process.env.REF_EXPLAIN === id) process.stderr.write((await all(`explain analyze ${sql}`)).map((r) => r.explain_value).join('\n') + '\n');
  await run(`insert into sig select p, ${lit(id)}, s from (${sql}) -- ${id}`);
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
await run(`copy (select p zorgverlener_id, indicator, max(s) strength from sig group by all order by 1, 2)
  to ${lit(resolve(join(outDir, 'signals.csv')))} (header, delimiter ',')`);
const [{ n }] = await all('select count(*)::integer n from ranked');
const [{ declarations }] = await all("select count(*)::integer declarations from d");
process.stdout.write(JSON.stringify({ declarations, providers: n, out }) + '\n');
