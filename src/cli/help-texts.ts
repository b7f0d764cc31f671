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
    outputs: `In --out DIR: providers.csv, budgethouders.csv, networks.csv, signals.ndjson, rejects.csv,
  report.md, report.html, overzicht.xlsx (the same tables for Excel), fairness.csv, sleutels.csv, manifest.json
  (a failed run leaves DIR as it was, its rejects and error in DIR.mislukt/). --csv-dialect excel-nl: the CSV
  files for Dutch Excel. With --previous RUN: sinds_vorige in providers.csv and "Sinds de vorige scan" in
  report.md; with --previous DIR --out DIR the replaced run is kept as DIR.vorige/.
  --stdout ndjson|csv: the signals or the provider ranking on stdout. Logs on stderr.`,
    exitCodes: `0  done (signals or not)
  1  a provider reached the --fail-on tier (signals set aside by --beoordelingen do not count)
  2  usage, config or input error, an unusable --beoordelingen file, too many rejected rows (--max-reject-rate),
     or a --previous run that does not match its manifest (PREVIOUS_RUN_INVALID)`,
    examples: [
      'pgb-scan scan samples/gemeente-klein --out uitvoer',
      'pgb-scan scan exports/ --out uitvoer --fail-on hoog --as-of 2025-06-30',
      'pgb-scan scan exports/ --stdout csv 2>scan.log | head',
      'pgb-scan scan exports/ --out uitvoer --previous uitvoer --beoordelingen beoordelingen.csv --fail-on hoog',
      'pgb-scan scan exports/ --out uitvoer --csv-dialect excel-nl   # CSV for Dutch Excel',
    ],
  },
  validate: {
    outputs: `rejects.csv (file, line, column, value, code, message per rejected row) on stdout, or in --out DIR.
  A summary per input on stderr (on a terminal; otherwise the JSON 'input read' log records).`,
    exitCodes: `0  every row accepted
  1  rows were rejected (see rejects.csv)
  2  usage, config or input error, or an unusable --beoordelingen file`,
    examples: ['pgb-scan validate samples/vuil', 'pgb-scan validate exports/ --out controle'],
  },
  indicators: {
    outputs: `The indicator catalogue on stdout: a list, or --json, --markdown (README table), --docs (docs/indicators.md);
  --algoritmeregister: a Dutch description in the fields of the algorithm register (Markdown, or JSON with --json).`,
    exitCodes: `0  done
  2  usage error`,
    examples: ['pgb-scan indicators', "pgb-scan indicators --json | jq '.[].id'", 'pgb-scan indicators --algoritmeregister > algoritmeregister.md'],
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
  diff: {
    outputs: `On stdout: what changed from OLD_RUN to NEW_RUN (two --out folders, each checked against its
  manifest first): per provider and per signal key nieuw, gewijzigd, blijvend or verdwenen, with why.
  A text, or JSON lines with --json (runs, warning, provider, signal, summary last). A warning (stderr
  and output) when the runs used another config or tool version.`,
    exitCodes: `0  compared (whatever changed)
  2  usage error, or a folder that is no complete run matching its manifest (RUN_DIR_INVALID)`,
    examples: ['pgb-scan diff uitvoer.vorige uitvoer', "pgb-scan diff gisteren vandaag --json | jq -c 'select(.type == \"provider\" and .escalated)'"],
  },
  verify: {
    outputs: `One verdict per checked file on stdout: a table, or JSON lines with --json (the last line is the
  outcome). With --inputs DIR the scan is replayed in a temporary folder and compared byte for byte; a run
  made with --previous needs --previous DIR, the run folder with the manifest sha256 it recorded.`,
    exitCodes: `0  verified: every output, the config hash (and inputs and replay, with --inputs) match
  1  differences (listed), a manifest that the --logboek does not hold, or another --previous run
  2  the run folder cannot be checked (no readable manifest, another build without --allow-other-build,
     a replay of a --previous run without --previous, a --beoordelingen file other than the run's)`,
    examples: ['pgb-scan verify uitvoer', 'pgb-scan verify uitvoer --inputs exports/ --logboek /var/log/pgb-logboek.jsonl'],
  },
  toets: {
    outputs: `On stdout, in Dutch: the points to look at before a contract ("aandachtspunten vóór contractering"):
  register entries matching a key (valid or expired, ground, dates), providers of the scan sharing a key
  (score, tier, signals, network), and stopped providers it may succeed. --json for machines. Never a verdict.`,
    exitCodes: `0  nothing found in what was checked
  1  points to look at (listed)
  2  usage or input error (no key, no --register or --run, an unreadable register or run folder)`,
    examples: [
      'pgb-scan toets --kvk 01234567 --iban-sleutel I9F3A --register waarschuwingsregister.csv --run uitvoer',
      'pgb-scan toets --zorgverlener nieuw.csv --register waarschuwingsregister.csv --run uitvoer --json',
    ],
  },
  verantwoording: {
    outputs: `In --out DIR: verantwoording.html (Dutch, self-contained) and verantwoording.csv (sectie, maat, groep,
  waarde): over the scans whose as-of date falls in the period, scans run, inputs and reject rates, signals
  per indicator, providers per tier, decisions by outcome per indicator, days from first signal to decision,
  re-opened signals, changed indicators. No ids or names; a count below 5 is "< 5", a share or median
  resting on fewer than 5 "n < 5". Each run used is first checked against its manifest.`,
    exitCodes: `0  written
  2  usage error (no period, no run in the period), a run that does not match its manifest
     (RUN_DIR_INVALID), an unusable --beoordelingen file, or an --out folder holding a run`,
    examples: [
      'pgb-scan verantwoording --runs-in archief --beoordelingen beoordelingen.csv --periode 2026-Q1 --out raad-2026-q1',
      'pgb-scan verantwoording uitvoer.vorige uitvoer --beoordelingen beoordelingen.csv --van 2026-01-01 --tot 2026-06-30 --out raad',
    ],
  },
  'beoordelingen-sjabloon': {
    outputs: `The decisions file for scan --beoordelingen, pre-filled from the run: per provider one row for the
  whole provider and one per signal (zorgverlener_id, indicator, signaal_sleutel, tier_bij_besluit,
  indicatoren_bij_besluit; naam and signaal to read). ';'-separated UTF-8 with BOM and CRLF, as Dutch Excel
  opens it. On stdout, or in --out FILE (an existing file only with --force). Rows left without a
  besluit are skipped by the scan.`,
    exitCodes: `0  done
  2  usage error, a folder that is no run (RUN_DIR_INVALID), or an --out file that exists`,
    examples: ['pgb-scan beoordelingen-sjabloon uitvoer --out beoordelingen-nieuw.csv', 'pgb-scan beoordelingen-sjabloon uitvoer > sjabloon.csv'],
  },
  dossier: {
    outputs: `One self-contained HTML page (A4 when printed; nothing loaded, no script) about one provider of the run:
  its signals with reasons, what to check and innocent explanations, its network, past decisions; with
  --inputs DIR (the run's files, checked by sha256) the cited rows themselves and, per holder (pseudonymous
  id), hours and amounts per month against indication and budget. On stdout, or in --out FILE;
  --pdf FILE prints it with the headless Chromium (/usr/bin/chromium or CHROMIUM_PATH).`,
    exitCodes: `0  written
  2  usage or input error: a provider not in the run (the closest ids are named), a folder that is no run
     (RUN_DIR_INVALID), an input other than the run's (INPUT_CHANGED), no Chromium for --pdf
     (CHROMIUM_MISSING; the HTML of --out is written) or a failed print (PDF_FAILED)`,
    examples: [
      'pgb-scan dossier uitvoer ZV0065 --inputs samples/gemeente-klein --out ZV0065.html --pdf ZV0065.pdf',
      'pgb-scan dossier uitvoer ZV0065 --taal en > ZV0065.html',
    ],
  },
};

const PROGRAM_HELP = `
Exit codes:
  0  done
  1  a result the command's --help names (scan: --fail-on reached; validate: rows rejected;
     evaluate: precision below --min-precision; verify: differences; toets: points to look at)
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
