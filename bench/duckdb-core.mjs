// Reference point: what an analyst would otherwise reach for. DuckDB reads the declaration file and
// computes the core aggregations of the scan in SQL: hours per caregiver per day, amount per holder,
// median rate per provider.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, delimiter, decimal, dateFormat] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const esc = (s) => s.replace(/'/g, "''");
const opts = [
  `delim='${esc(delimiter)}'`,
  'header=true',
  "all_varchar=false",
  `decimal_separator='${decimal === 'comma' ? ',' : '.'}'`,
  `dateformat='${dateFormat}'`,
].join(', ');
await con.run(`create view d as select * from read_csv('${esc(file)}', ${opts})`);
const q = async (sql) => (await con.runAndReadAll(sql)).getRows().length;
const perDay = await q(`select zorgverlener_id, zorgdatum, sum(uren) h from d where zorgdatum is not null group by all having sum(uren) > 24`);
const perHolder = await q(`select budgethouder_id, sum(bedrag) from d group by all`);
const medianRate = await q(`select zorgverlener_id, median(bedrag / uren) from d where uren > 0 group by all`);
process.stdout.write(JSON.stringify({ perDay, perHolder, medianRate }) + '\n');
