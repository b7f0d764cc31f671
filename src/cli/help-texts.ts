import type { Command } from 'commander';

/** What every failure looks like; the same for each command, so a script can rely on it. */
const ERRORS = `On a failure stderr holds one error: on a terminal the line 'pgb-scan: error CODE: message';
  otherwise every stderr line is JSON (pino) and the failure is one record with level 60, code, msg,
  file, line and exitCode. The codes are listed in the README, section Exit codes.`;

interface CommandHelp {
  outputs: string;
  exitCodes: string;
  examples: string[];
}

/**
 * Per command: what it writes, what its exit codes mean and how it is called. A command without an
 * entry fails the help test, so a new command cannot ship without them.
 */
export const COMMAND_HELP: Record<string, CommandHelp> = {
  scan: {
    outputs: `In --out DIR: providers.csv, budgethouders.csv, signals.ndjson, rejects.csv, networks.csv,
  report.md, overzicht.xlsx (the same tables for Excel), manifest.json (a failed run leaves DIR as it
  was, its rejects and error in DIR.mislukt/). --csv-dialect excel-nl: the CSV files for Dutch Excel.
  --stdout ndjson|csv: the signals or the provider ranking on stdout. Logs on stderr.`,
    exitCodes: `0  done (signals or not)
  1  a provider reached the --fail-on tier
  2  usage, config or input error, or too many rejected rows (--max-reject-rate)`,
    examples: [
      'pgb-scan scan samples/gemeente-klein --out uitvoer',
      'pgb-scan scan exports/ --out uitvoer --fail-on hoog --as-of 2025-06-30',
      'pgb-scan scan exports/ --stdout csv 2>scan.log | head',
      'pgb-scan scan exports/ --out uitvoer --csv-dialect excel-nl   # CSV for Dutch Excel',
    ],
  },
  validate: {
    outputs: `rejects.csv (file, line, column, value, code, message per rejected row) on stdout, or in --out DIR.
  A summary per input on stderr (on a terminal; otherwise the JSON 'input read' log records).`,
    exitCodes: `0  every row accepted
  1  rows were rejected (see rejects.csv)
  2  usage, config or input error`,
    examples: ['pgb-scan validate samples/vuil', 'pgb-scan validate exports/ --out controle'],
  },
  indicators: {
    outputs: 'The indicator catalogue on stdout: a list, or --json, --markdown (README table), --docs (docs/indicators.md).',
    exitCodes: `0  done
  2  usage error`,
    examples: ['pgb-scan indicators', "pgb-scan indicators --json | jq '.[].id'"],
  },
  generate: {
    outputs: `In --out DIR: budgethouders.csv, zorgverleners.csv, declaraties.csv, zorgovereenkomsten.csv
  (when the scenario has care contracts) and truth.json.`,
    exitCodes: `0  done
  2  usage error, invalid scenario, scale too large, or --out not empty (see --force)`,
    examples: ['pgb-scan generate --scenario scenarios/gemeente-klein.json --seed 2025 --out synth'],
  },
  evaluate: {
    outputs: 'evaluation.json in the run directory (or --out DIR); a readable summary on stdout.',
    exitCodes: `0  done
  1  provider precision at k below --min-precision
  2  usage error, unreadable run directory or truth file, or a truth that belongs to other inputs`,
    examples: ['pgb-scan evaluate uitvoer --truth synth/truth.json --min-precision 0.8'],
  },
  coverage: {
    outputs: `On stdout: per indicator whether it can run on this export and, if not, which file or column is
  missing or empty; per column its fill rate. --json for machines.`,
    exitCodes: `0  done (whatever can or cannot run)
  2  usage, config or input error`,
    examples: ['pgb-scan coverage exports/', "pgb-scan coverage exports/ --json | jq '.indicators[] | select(.applicable | not)'"],
  },
  verify: {
    outputs: `One verdict per checked file on stdout: a table, or JSON lines with --json (the last line is the
  outcome). With --inputs DIR the scan is replayed in a temporary folder and compared byte for byte.`,
    exitCodes: `0  verified: every output, the config hash (and inputs and replay, with --inputs) match
  1  differences (listed), or a manifest that the --logboek does not hold
  2  the run folder cannot be checked (no readable manifest, another build without --allow-other-build)`,
    examples: ['pgb-scan verify uitvoer', 'pgb-scan verify uitvoer --inputs exports/ --logboek /var/log/pgb-logboek.jsonl'],
  },
};

const PROGRAM_HELP = `
Exit codes:
  0  done
  1  a result the command's --help names (scan: --fail-on reached; validate: rows rejected;
     evaluate: precision below --min-precision; verify: differences)
  2  usage, config or input error, or a crash
  ${ERRORS}

Examples:
  pgb-scan scan samples/gemeente-klein --out uitvoer
  pgb-scan scan --help`;

export function commandHelpText(name: string): string | null {
  const h = COMMAND_HELP[name];
  if (h === undefined) return null;
  return `
Outputs:
  ${h.outputs}

Exit codes:
  ${h.exitCodes}
  ${ERRORS}

Examples:
${h.examples.map((e) => `  ${e}`).join('\n')}`;
}

export function addHelpTexts(program: Command): void {
  program.addHelpText('after', PROGRAM_HELP);
  for (const c of program.commands) {
    const text = commandHelpText(c.name());
    if (text !== null) c.addHelpText('after', text);
  }
}
