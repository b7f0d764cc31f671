import type { Command } from 'commander';
import { coverage, type CoverageReport } from '../../coverage/coverage.js';
import { RejectLog } from '../../ingest/reject-log.js';
import { writeChunks, type CliIo } from '../io.js';
import { addInputOptions, ingestWithProgress, prepare, type CommonInputOptions } from '../input-options.js';

interface CoverageOptions extends CommonInputOptions {
  json?: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The human view: inputs, then per indicator whether it can run, then per column its fill rate. */
export function coverageText(c: CoverageReport): string {
  const out: string[] = [];
  for (const i of c.inputs) {
    out.push(`${i.display}: ${i.rowsRead} gelezen, ${i.rowsAccepted} geaccepteerd, ${i.rowsRejected} afgewezen`);
    for (const w of i.mappingWarnings) out.push(`  waarschuwing: de configuratie koppelt kop '${w.header}' aan ${w.column}, maar het bestand heeft die kop niet`);
  }
  const idWidth = Math.max(...c.indicators.map((i) => i.id.length));
  out.push('', 'Indicatoren:');
  for (const i of c.indicators) out.push(`  ${i.id.padEnd(idWidth)}  ${i.applicable ? 'kan draaien' : `kan niet draaien: ${i.reason}`}`);
  const colWidth = Math.max(...c.columns.map((x) => `${x.file}.${x.column}`.length));
  out.push('', 'Kolommen (gevuld / geaccepteerde rijen):');
  for (const x of c.columns) {
    const note = !x.present && x.filled === 0 ? '  ontbreekt in de kop' : !x.present ? '  afgeleid' : x.filled === 0 ? '  overal leeg' : '';
    out.push(`  ${`${x.file}.${x.column}`.padEnd(colWidth)}  ${pct(x.fillRate).padStart(6)}  ${x.filled}/${x.accepted}${x.required ? '  verplicht' : ''}${note}`);
  }
  return out.join('\n') + '\n';
}

export function registerCoverage(program: Command, io: CliIo, setCode: (code: number) => void): void {
  const cmd = program
    .command('coverage')
    .description('Per indicator whether it can run on this export (and if not, which file or column is missing or empty); per column its fill rate')
    .argument('[dir]', 'directory holding the exports')
    .option('--json', 'write the coverage as JSON (for machines)');
  addInputOptions(cmd);
  cmd.action(async (dir: string | undefined, opts: CoverageOptions) => {
    const prepared = await prepare(dir, opts, io);
    const rejects = new RejectLog();
    try {
      const ingested = await ingestWithProgress(prepared, io, null, rejects);
      const report = coverage(ingested, prepared.config);
      await writeChunks(io.stdout, [opts.json ? JSON.stringify(report, null, 2) + '\n' : coverageText(report)]);
    } finally {
      rejects.close();
    }
    setCode(0);
  });
}
