// Regenerates the README's generated sections (indicator table, reject codes, input contract, output fields)
// and docs/indicators.md from the built code.
// Run after `npm run build`: node scripts/update-readme.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { indicatorDocsMarkdown, indicatorTableMarkdown } from '../dist/indicators/catalogue.js';
import { inputContractMarkdown } from '../dist/inputs/contract-tables.js';
import { rejectCodeTableMarkdown } from '../dist/report/reject-code-table.js';
import { outputFieldsMarkdown } from '../dist/run/output-fields.js';
import { decisionColumnsMarkdown } from '../dist/decisions/read-decisions.js';

let readme = readFileSync('README.md', 'utf8');
const put = (name, body) => {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(readme)) throw new Error(`README lacks the ${name} markers`);
  readme = readme.replace(re, (_m, a, b) => a + body + b);
};
put('indicators', indicatorTableMarkdown());
put('rejects', rejectCodeTableMarkdown());
put('outputs', outputFieldsMarkdown());
put('inputs', inputContractMarkdown());
put('decisions', decisionColumnsMarkdown());
writeFileSync('README.md', readme);
writeFileSync('docs/indicators.md', indicatorDocsMarkdown());
