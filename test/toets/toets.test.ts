import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ToetsResult } from '../../src/toets/toets.js';
import { HOLDERS_HEADER, DECL_HEADER, runCli, tempDir, writeFiles } from '../support/cli.js';

// ZV-BUSY is flagged (26 hours on one day, care after a death); ZV-OLD stopped on its einddatum, ZV-GONE
// without one (its last care lies before the as-of month); ZV-OK declares until the end.
const EXPORT = {
  'budgethouders.csv':
    HOLDERS_HEADER +
    'BH1,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A1,,\n' +
    'BH2,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A2,,2025-03-10\n' +
    'BH3,GM0363,wmo,begeleiding,15000.00,2025-01-01,,A3,,\n',
  'zorgverleners.csv':
    'zorgverlener_id,naam,soort,kvk_nummer,agb_code,einddatum,adres_sleutel,iban_sleutel\n' +
    'ZV-BUSY,Zorg Één,zzp,01234567,11111111,,X1,I1\n' +
    'ZV-OK,Hulp Twee,zzp,07654321,22222222,,X2,I2\n' +
    'ZV-OLD,Oud BV,instelling,03333333,33333333,2025-02-28,X3,I3\n' +
    'ZV-GONE,Weg BV,instelling,04444444,,,X4,I4\n',
  'declaraties.csv':
    DECL_HEADER +
    'D1,BH1,ZV-BUSY,2025-03-03,06:00,20:00,14,40.00,560.00\n' +
    'D2,BH2,ZV-BUSY,2025-03-03,07:00,19:00,12,40.00,480.00\n' +
    'D3,BH2,ZV-BUSY,2025-03-12,09:00,12:00,3,40.00,120.00\n' +
    'D4,BH3,ZV-OK,2025-03-04,09:00,13:00,4,38.00,152.00\n' +
    'D5,BH3,ZV-OK,2025-03-05,09:00,13:00,4,38.00,152.00\n' +
    'D6,BH3,ZV-OLD,2025-02-10,09:00,13:00,4,38.00,152.00\n' +
    'D7,BH3,ZV-GONE,2025-01-15,09:00,13:00,4,38.00,152.00\n',
};

// A valid entry written without its leading zero, an expired one on an account, and one for another firm.
const REGISTER =
  'sleutel_soort;sleutel;geregistreerd_op;vervalt_op;grond\n' +
  'kvk_nummer;5555555;01-01-2024;;valsheid in geschrifte\n' +
  'iban_sleutel;I9;01-01-2020;31-12-2022;niet geleverde zorg\n' +
  'kvk_nummer;07654321;01-01-2019;;onrechtmatige declaraties\n';

let run: string;
let register: string;

beforeAll(async () => {
  const dir = writeFiles(tempDir(), EXPORT);
  run = join(tempDir(), 'uitvoer');
  const r = await runCli(['scan', dir, '--out', run, '--as-of', '2025-03-31']);
  expect(r.code, r.stderr).toBe(0);
  register = join(tempDir(), 'waarschuwingsregister.csv');
  writeFileSync(register, REGISTER);
});

async function toets(args: string[]): Promise<{ code: number; result: ToetsResult; stderr: string }> {
  const r = await runCli(['toets', ...args, '--register', register, '--run', run, '--peildatum', '2025-06-01', '--json']);
  return { code: r.code, result: r.code === 2 ? (null as unknown as ToetsResult) : (JSON.parse(r.stdout) as ToetsResult), stderr: r.stderr };
}

describe('sleutels.csv', () => {
  it('holds every provider with its keys, when it stopped, and its tier', () => {
    const lines = readFileSync(join(run, 'sleutels.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('zorgverlener_id,kvk_nummer,agb_code,iban_sleutel,adres_sleutel,einddatum,laatste_zorgdag,gestopt_op,score,tier,indicators,netwerk,besluiten');
    const row = (id: string) => lines.find((l) => l.startsWith(`${id},`))!.split(',');
    expect(row('ZV-OLD').slice(1, 8)).toEqual(['03333333', '33333333', 'I3', 'X3', '2025-02-28', '2025-02-10', '2025-02-28']);
    // No einddatum, last care in January, as-of in March: stopped on its last care day.
    expect(row('ZV-GONE').slice(5, 8)).toEqual(['', '2025-01-15', '2025-01-15']);
    // Still declaring in the as-of month: not stopped, no signal.
    expect(row('ZV-OK').slice(5, 10)).toEqual(['', '2025-03-05', '', '', '']);
    expect(row('ZV-BUSY')[9]).toMatch(/^(hoog|midden|laag)$/);
    expect(lines.map((l) => l.split(',')[0]).slice(1)).toEqual(['ZV-BUSY', 'ZV-GONE', 'ZV-OK', 'ZV-OLD']);
  });
});

describe('pgb-scan toets', () => {
  it('finds a valid register entry, the KvK number normalised to 8 digits, and exits 1', async () => {
    for (const kvk of ['5555555', '05555555']) {
      const { code, result } = await toets(['--kvk', kvk]);
      expect(code).toBe(1);
      expect(result.register!.vermeldingen).toEqual([
        { sleutel_soort: 'kvk_nummer', sleutel: '05555555', status: 'geldig', geregistreerd_op: '2024-01-01', vervalt_op: null, grond: 'valsheid in geschrifte', regel: 2 },
      ]);
      expect(result.scan!.zorgverleners).toEqual([]);
      expect(result.aandachtspunten).toBe(1);
    }
  });

  it('finds an expired entry on an account key, matched without regard to case', async () => {
    const { code, result } = await toets(['--iban-sleutel', 'i9']);
    expect(code).toBe(1);
    expect(result.register!.vermeldingen).toMatchObject([{ sleutel_soort: 'iban_sleutel', status: 'verlopen', vervalt_op: '2022-12-31', grond: 'niet geleverde zorg', regel: 3 }]);
  });

  it('names a flagged provider of the scan sharing a key, with its tier, signals and network', async () => {
    const { code, result } = await toets(['--iban-sleutel', 'I1', '--agb', '99999999']);
    expect(code).toBe(1);
    expect(result.register!.vermeldingen).toEqual([]);
    const [p, ...rest] = result.scan!.zorgverleners;
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ zorgverlener_id: 'ZV-BUSY', gedeelde_sleutels: ['iban_sleutel'], gestopt_op: null, mogelijke_voorganger: false });
    expect(p.tier).not.toBeNull();
    expect(p.indicatoren).toEqual(expect.arrayContaining(['impossible-day-hours', 'care-after-death']));
    expect(result.scan!.peildatum).toBe('2025-03-31');
  });

  it('names a stopped provider sharing a key as a possible predecessor, in Dutch text too', async () => {
    const { result } = await toets(['--adres-sleutel', 'X3', '--agb', '33333333']);
    expect(result.scan!.zorgverleners).toMatchObject([
      { zorgverlener_id: 'ZV-OLD', gedeelde_sleutels: ['agb_code', 'adres_sleutel'], gestopt_op: '2025-02-28', mogelijke_voorganger: true, tier: null },
    ]);
    const text = await runCli(['toets', '--adres-sleutel', 'X3', '--run', run]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Aandachtspunten vóór contractering');
    expect(text.stdout).toMatch(/Mogelijke voorganger .*: 1\.\n {2}- ZV-OLD deelt adres_sleutel: geen signaal in de scan; gestopt op 2025-02-28\n/);
    expect(text.stdout).toContain('Waarschuwingsregister: niet getoetst (geen --register).');
  });

  it('finds nothing for an unrelated provider and exits 0', async () => {
    const { code, result } = await toets(['--kvk', '09999999', '--iban-sleutel', 'I77', '--adres-sleutel', 'X77']);
    expect(code).toBe(0);
    expect(result.aandachtspunten).toBe(0);
    const text = await runCli(['toets', '--kvk', '09999999', '--register', register, '--run', run, '--peildatum', '2025-06-01']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Geen aandachtspunten gevonden in wat is getoetst.');
    expect(text.stdout).not.toMatch(/fraudeur|verdacht|afgekeurd/i);
  });

  it('reads the keys from a one-row zorgverleners.csv, the flags overriding it', async () => {
    const file = join(tempDir(), 'nieuw.csv');
    writeFileSync(file, 'zorgverlener_id;soort;kvk_nummer;iban_sleutel\nNIEUW;zzp;01234567;I9\n');
    const { code, result } = await toets(['--zorgverlener', file, '--iban-sleutel', 'I77']);
    expect(code).toBe(1);
    expect(result.sleutels).toEqual({ kvk_nummer: '01234567', iban_sleutel: 'i77' });
    expect(result.scan!.zorgverleners.map((p) => [p.zorgverlener_id, p.gedeelde_sleutels])).toEqual([['ZV-BUSY', ['kvk_nummer']]]);
    expect(result.register!.vermeldingen).toEqual([]);
  });

  it('refuses without a key, with a bad KvK number, and with a sleutels.csv changed after the scan (exit 2)', async () => {
    expect((await toets([])).stderr).toMatch(/USAGE.*at least one key/);
    const bad = await toets(['--kvk', '12AB']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/USAGE.*--kvk: expected up to 8 digits/)]);
    const tampered = join(tempDir(), 'uitvoer');
    const r = await runCli(['scan', writeFiles(tempDir(), EXPORT), '--out', tampered, '--as-of', '2025-03-31']);
    expect(r.code).toBe(0);
    writeFileSync(join(tampered, 'sleutels.csv'), readFileSync(join(tampered, 'sleutels.csv'), 'utf8').replace('I1,', 'I2,'));
    const missing = await runCli(['toets', '--kvk', '01234567', '--register', join(tempDir(), 'geen.csv')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/INPUT_MISSING_FILE/)]);
    const t = await runCli(['toets', '--kvk', '01234567', '--run', tampered]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/RUN_DIR_INVALID.*sha256 differs/);
  });

  it('reads a sleutels.csv with quoted fields (a key holding a comma) as well as a plain one', async () => {
    const files = { ...EXPORT, 'zorgverleners.csv': EXPORT['zorgverleners.csv'] + 'ZV-KOMMA,Komma BV,zzp,05050505,,,"X,5",=I5\n' };
    const out = join(tempDir(), 'uitvoer');
    expect((await runCli(['scan', writeFiles(tempDir(), files), '--out', out, '--as-of', '2025-03-31'])).code).toBe(0);
    expect(readFileSync(join(out, 'sleutels.csv'), 'utf8')).toContain('\nZV-KOMMA,05050505,,\'=I5,"X,5",');
    const r = await runCli(['toets', '--adres-sleutel', 'X,5', '--iban-sleutel', '=I5', '--run', out, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout) as ToetsResult;
    expect(result.scan!.zorgverleners.map((p) => [p.zorgverlener_id, p.gedeelde_sleutels])).toEqual([['ZV-KOMMA', ['iban_sleutel', 'adres_sleutel']]]);
  });

  it("names the analysts' decisions on a sharing provider, also when they took it wholly out of the ranking", async () => {
    const decisions = join(tempDir(), 'beoordelingen.csv');
    writeFileSync(
      decisions,
      'zorgverlener_id;indicator;signaal_sleutel;besluit;toelichting;beoordeeld_op;beoordeeld_door;geldig_tot;tier_bij_besluit;indicatoren_bij_besluit\n' +
        'ZV-BUSY;;;geen-aanleiding;Huisbezoek Jansen;2025-03-20;AB;;;\n',
    );
    const out = join(tempDir(), 'uitvoer');
    const scanned = await runCli(['scan', writeFiles(tempDir(), EXPORT), '--out', out, '--as-of', '2025-03-31', '--beoordelingen', decisions]);
    expect(scanned.code, scanned.stderr).toBe(0);
    const sleutels = readFileSync(join(out, 'sleutels.csv'), 'utf8');
    expect(sleutels).toMatch(/\nZV-BUSY,[^\n]*,geen-aanleiding 2025-03-20\n/);
    // Pseudonymous: no toelichting, no initials.
    expect(sleutels).not.toMatch(/Jansen|AB/);
    const r = await runCli(['toets', '--kvk', '01234567', '--run', out, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const shared = (JSON.parse(r.stdout) as ToetsResult).scan!.zorgverleners;
    expect(shared.map((p) => [p.zorgverlener_id, p.tier, p.besluiten])).toEqual([['ZV-BUSY', null, ['geen-aanleiding 2025-03-20']]]);
    const text = await runCli(['toets', '--kvk', '01234567', '--run', out]);
    expect(text.stdout).toContain('alle buiten de ranglijst door een besluit; besluiten: geen-aanleiding 2025-03-20');
  });
});
