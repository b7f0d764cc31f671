import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import waarschuwingsregister, { type WarningEntry } from '../../inputs/waarschuwingsregister.js';
import zorgverleners from '../../inputs/zorgverleners.js';
import { formatDay, parseIsoDay } from '../../model/dates.js';
import type { Provider } from '../../model/types.js';
import { readProviderKeys } from '../../toets/read-keys.js';
import { readOneInput } from '../../toets/read-one-input.js';
import { prospectKeys, registerMatches, sharedProviders, type ToetsResult } from '../../toets/toets.js';
import { toetsText } from '../../toets/toets-text.js';
import { writeAll, type CliIo } from '../io.js';

interface ToetsFlags {
  kvk?: string;
  agb?: string;
  ibanSleutel?: string;
  adresSleutel?: string;
  zorgverlener?: string;
  register?: string;
  run?: string;
  peildatum?: string;
  json?: boolean;
}

const usage = (message: string) => new AppError('USAGE', message);

/** The prospective provider from --zorgverlener FILE: exactly one accepted row of the zorgverleners.csv contract. */
async function providerFromFile(path: string): Promise<Provider> {
  const { rows, rejects, display } = await readOneInput(zorgverleners, path);
  if (rejects.length > 0) {
    const r = rejects[0];
    throw new AppError('INPUT_CSV', `${display} line ${r.line}: ${r.message} (${r.code}).`, { file: display, line: r.line });
  }
  if (rows.length !== 1) throw usage(`--zorgverlener ${path}: expected one provider, found ${rows.length}.`);
  return rows[0];
}

function digits(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{1,8}$/.test(value.trim())) throw usage(`${flag}: expected up to 8 digits, got '${value}'.`);
  return value;
}

export function registerToets(program: Command, io: CliIo, setCode: (code: number) => void): void {
  program
    .command('toets')
    .description('Check a prospective provider before a contract: its keys against the warning register and the providers of the latest scan. Points to look at, never a verdict')
    .option('--kvk <nummer>', "the prospective provider's KvK number")
    .option('--agb <code>', 'its AGB code')
    .option('--iban-sleutel <sleutel>', 'its pseudonymous account key')
    .option('--adres-sleutel <sleutel>', 'its pseudonymous address key')
    .option('--zorgverlener <file>', 'a one-row zorgverleners.csv with its keys (the flags above override it)')
    .option('--register <file>', 'the warning register, as waarschuwingsregister.csv')
    .option('--run <dir>', 'the --out folder of the latest scan (its sleutels.csv)')
    .option('--peildatum <date>', 'the day the register entries must be valid on (YYYY-MM-DD); default today')
    .option('--json', 'the result as one JSON object (default: Dutch text)')
    .action(async (flags: ToetsFlags) => {
      const file = flags.zorgverlener === undefined ? null : await providerFromFile(flags.zorgverlener);
      const keys = prospectKeys({
        kvk_nummer: digits('--kvk', flags.kvk) ?? file?.kvkNummer,
        agb_code: digits('--agb', flags.agb) ?? file?.agbCode,
        iban_sleutel: flags.ibanSleutel ?? file?.ibanSleutel,
        adres_sleutel: flags.adresSleutel ?? file?.adresSleutel,
      });
      if (Object.keys(keys).length === 0) throw usage('toets needs at least one key: --kvk, --agb, --iban-sleutel, --adres-sleutel, or --zorgverlener FILE with one of them filled.');
      if (flags.register === undefined && flags.run === undefined) throw usage('toets needs --register FILE, --run RUN_DIR or both.');
      // A check before a contract asks about today; --peildatum makes it repeatable.
      const day = flags.peildatum === undefined ? parseIsoDay(new Date().toISOString().slice(0, 10))! : parseIsoDay(flags.peildatum);
      if (day === null) throw usage(`--peildatum: expected YYYY-MM-DD, got '${flags.peildatum}'.`);

      let register: ToetsResult['register'] = null;
      if (flags.register !== undefined) {
        const read = await readOneInput<WarningEntry>(waarschuwingsregister, flags.register);
        register = { bestand: read.display, vermeldingen: registerMatches(keys, read.rows, day), afgewezen_regels: read.rejects.length };
      }
      let scan: ToetsResult['scan'] = null;
      if (flags.run !== undefined) {
        const run = readProviderKeys(flags.run);
        scan = { map: flags.run, peildatum: run.asOf, zorgverleners: sharedProviders(keys, run.providers) };
      }
      const result: ToetsResult = {
        peildatum: formatDay(day),
        sleutels: keys,
        register,
        scan,
        aandachtspunten: (register?.vermeldingen.length ?? 0) + (scan?.zorgverleners.length ?? 0),
      };
      await writeAll(io.stdout, flags.json ? JSON.stringify(result, null, 2) + '\n' : toetsText(result));
      setCode(result.aandachtspunten > 0 ? 1 : 0);
    });
}
