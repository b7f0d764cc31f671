import type { Command } from 'commander';
import { catalogue, indicatorDocsMarkdown, indicatorListText, indicatorTableMarkdown } from '../../indicators/catalogue.js';
import { algorithmRegister, algorithmRegisterMarkdown } from '../../register/algoritmeregister.js';
import { writeAll, type CliIo } from '../io.js';
import { toolVersion } from '../tool-info.js';

export function registerIndicators(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('indicators')
    .description('List the indicators: id, title, entity, weight, parameters with their defaults')
    .option('--json', 'the full catalogue as JSON (titles, conditions, rationale, sources, parameters)')
    .option('--markdown', 'the README table')
    .option('--docs', 'every indicator in full as Markdown (docs/indicators.md)')
    .option('--algoritmeregister', 'a Dutch description in the fields of the algorithm register (Markdown; JSON with --json)')
    .action(async (opts: { json?: boolean; markdown?: boolean; docs?: boolean; algoritmeregister?: boolean }) => {
      const register = opts.algoritmeregister ? algorithmRegister(toolVersion()) : null;
      const text = register !== null
        ? opts.json
          ? JSON.stringify(register, null, 2) + '\n'
          : algorithmRegisterMarkdown(register)
        : opts.json
        ? JSON.stringify(catalogue(), null, 2) + '\n'
        : opts.markdown
          ? indicatorTableMarkdown()
          : opts.docs
            ? indicatorDocsMarkdown()
            : indicatorListText();
      await writeAll(io.stdout, text);
      setCode(0);
    });
}
