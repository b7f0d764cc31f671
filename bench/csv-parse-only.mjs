// Reference point: csv-parse alone over the declaration file, records as arrays, no validation.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [file, delimiter] = process.argv.slice(2);
let n = 0;
const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, relax_column_count: true }));
for await (const _record of parser) n++;
process.stdout.write(JSON.stringify({ records: n }) + '\n');
