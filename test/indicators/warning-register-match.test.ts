import { describe, expect, it } from 'vitest';
import ind from '../../src/indicators/rules/warning-register-match.js';
import { buildDataset } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import { missingRequirement } from '../../src/pipeline.js';
import { ingestTexts } from '../ingest/helpers.js';
import { D, daily, makeDataset, period, runRule, Z } from '../support/indicator.js';
import { expectOrderFree } from '../support/order.js';
import { W, withWarningRegister, type WarningSpec } from '../support/warning-register.js';

// Providers on lines 2..; declarations on lines 2.. of their files; register entries on lines 2.. in list order.
const BASE = makeDataset({
  holders: [{ id: 'H-1' }, { id: 'H-2' }],
  providers: [
    { id: 'P-KVK', kvkNummer: '01234567' }, // line 2: registered by KvK (the register dropped the leading zero)
    { id: 'P-EXPIRED', agbCode: '22220000' }, // line 3: entry expired before its care
    { id: 'P-LATER', ibanSleutel: 'IBAN-LATE' }, // line 4: entry registered after its last care
    { id: 'P-ADDR', adresSleutel: 'ADR-9' }, // line 5: address match, registered mid-month
    { id: 'P-CLEAN', kvkNummer: '99999999', ibanSleutel: 'IBAN-CLEAN' }, // line 6
  ],
  declarations: [
    daily('K-1', 'H-1', 'P-KVK', '2024-02-29', 100), // line 2: day before registration, not cited
    daily('K-2', 'H-2', 'P-KVK', '2024-03-01', 120), // line 3: on the day of registration
    daily('K-3', 'H-1', 'P-KVK', '2024-04-15', 80), // line 4
    daily('E-1', 'H-1', 'P-EXPIRED', '2024-03-10'), // line 5
    daily('E-2', 'H-1', 'P-EXPIRED', '2024-04-10'), // line 6
    daily('L-1', 'H-2', 'P-LATER', '2024-05-31'), // line 7
    period('A-1', 'H-2', 'P-ADDR', '2024-06-01', '2024-06-30', 900), // line 8
    daily('C-1', 'H-1', 'P-CLEAN', '2024-03-05'), // line 9
  ],
});

const REGISTER: WarningSpec[] = [
  { soort: 'kvk_nummer', sleutel: '1234567', geregistreerdOp: '2024-03-01', grond: 'valse declaraties' }, // line 2
  { soort: 'agb_code', sleutel: '22220000', geregistreerdOp: '2022-01-01', vervaltOp: '2024-03-09', grond: 'g' }, // line 3
  { soort: 'iban_sleutel', sleutel: 'iban-late', geregistreerdOp: '2024-06-01' }, // line 4
  { soort: 'adres_sleutel', sleutel: ' adr-9 ', geregistreerdOp: '2024-06-20', vervaltOp: '2025-06-20' }, // line 5
  { soort: 'iban_sleutel', sleutel: '99999999', geregistreerdOp: '2020-01-01' }, // line 6: a KvK number of P-CLEAN, filed as an account
];

const DS = withWarningRegister(BASE, REGISTER);

describe('warning-register-match', () => {
  it('flags a provider whose KvK number is registered, citing the entry, the provider and the care from the registration on', () => {
    const [s] = runRule(ind, DS).signals.filter((x) => x.entity.id === 'P-KVK');
    expect(s.key).toBe('warning-register-match:registered:provider=P-KVK:sleutel_soort=kvk_nummer:sleutel=01234567');
    expect(s.provider).toBe('P-KVK');
    expect(s.strength).toBe(1);
    expect(s.amount).toBe(200);
    expect(s.holders).toEqual(['H-1', 'H-2']);
    expect(s.observed).toEqual({
      sleutel_soort: 'kvk_nummer',
      sleutel: '01234567',
      geldig: '2024-03-01 –',
      grond: 'valse declaraties',
      declarations: 2,
      first_day: '2024-03-01',
      last_day: '2024-04-15',
    });
    expect(s.evidence).toEqual([
      { file: D, line: 3, id: 'K-2' },
      { file: D, line: 4, id: 'K-3' },
      { file: W, line: 2, id: 'kvk_nummer=01234567' },
      { file: Z, line: 2, id: 'P-KVK' },
    ]);
  });

  it('does not fire for an entry that expired before the care dates, nor for one registered after the last care date', () => {
    const ids = runRule(ind, DS).signals.map((s) => s.entity.id);
    expect(ids).not.toContain('P-EXPIRED');
    expect(ids).not.toContain('P-LATER');
    expect(runRule(ind, DS).stats).toEqual({ key_matches: 4, matches_outside_validity: 2 });
  });

  it('fires on the last day of validity and on the day of registration (near misses one day the other way)', () => {
    const lastDay = withWarningRegister(BASE, [{ soort: 'agb_code', sleutel: '22220000', geregistreerdOp: '2022-01-01', vervaltOp: '2024-03-10' }]);
    const [s] = runRule(ind, lastDay).signals;
    expect([s.entity.id, s.observed.declarations, s.observed.first_day, s.observed.last_day]).toEqual(['P-EXPIRED', 1, '2024-03-10', '2024-03-10']);
    const firstDay = withWarningRegister(BASE, [{ soort: 'iban_sleutel', sleutel: 'IBAN-LATE', geregistreerdOp: '2024-05-31' }]);
    expect(runRule(ind, firstDay).signals.map((x) => x.entity.id)).toEqual(['P-LATER']);
  });

  it('counts a period that overlaps the validity, quotes only its days inside it, and weighs an address match at addressStrength', () => {
    const [s] = runRule(ind, DS).signals.filter((x) => x.entity.id === 'P-ADDR');
    expect(s.key).toBe('warning-register-match:registered:provider=P-ADDR:sleutel_soort=adres_sleutel:sleutel=adr-9');
    expect([s.strength, s.amount, s.observed.first_day, s.observed.last_day]).toEqual([0.5, 900, '2024-06-20', '2024-06-30']);
    expect([s.observed.geldig, s.observed.grond]).toEqual(['2024-06-20 – 2025-06-20', '-']);
    expect(runRule(ind, DS, { addressStrength: 0.8 }).signals.find((x) => x.entity.id === 'P-ADDR')!.strength).toBe(0.8);
  });

  it('matches a key only against entries of the same kind', () => {
    expect(runRule(ind, DS).signals.map((s) => s.entity.id)).toEqual(['P-ADDR', 'P-KVK']);
  });

  it('joins renewed entries under one key into one finding that cites both', () => {
    const renewed = withWarningRegister(BASE, [
      { soort: 'kvk_nummer', sleutel: '01234567', geregistreerdOp: '2024-04-01', grond: 'herhaling' },
      { soort: 'kvk_nummer', sleutel: '1234567', geregistreerdOp: '2023-01-01', vervaltOp: '2024-03-01', grond: 'eerste' },
    ]);
    const { signals } = runRule(ind, renewed);
    expect(signals).toHaveLength(1);
    expect([signals[0].observed.geldig, signals[0].observed.grond]).toEqual(['2023-01-01 – 2024-03-01; 2024-04-01 –', 'eerste; herhaling']);
    expect(signals[0].evidence.filter((e) => e.file === W).map((e) => e.line)).toEqual([2, 3]);
    expect(signals[0].observed.declarations).toBe(3);
  });

  it('is not applicable without waarschuwingsregister.csv, and documents its defaults', () => {
    expect(missingRequirement(ind, BASE)).toEqual({ kind: 'file-missing', file: 'waarschuwingsregister' });
    expect(missingRequirement(ind, DS)).toBeNull();
    expect(ind.params.parse({})).toEqual({ addressStrength: 0.5 });
  });

  it('gives the same findings whatever the order of the rows', () => {
    expectOrderFree(
      ind,
      {
        holders: [{ id: 'H-1' }, { id: 'H-2' }],
        providers: [{ id: 'P-KVK', kvkNummer: '01234567' }, { id: 'P-ADDR', adresSleutel: 'ADR-9' }, { id: 'P-CLEAN' }],
        declarations: [
          daily('K-1', 'H-1', 'P-KVK', '2024-02-29'),
          daily('K-2', 'H-2', 'P-KVK', '2024-03-01'),
          daily('K-3', 'H-1', 'P-KVK', '2024-04-15'),
          period('A-1', 'H-2', 'P-ADDR', '2024-06-01', '2024-06-30'),
          daily('C-1', 'H-1', 'P-CLEAN', '2024-03-05'),
        ],
      },
      { build: (spec) => withWarningRegister(makeDataset(spec), REGISTER) },
    );
  });

  it('matches through real ingest: a 7-digit KvK in the register, an account in other case, evidence at the files\' lines', async () => {
    const r = await ingestTexts({
      zorgverleners: ['zorgverlener_id;soort;kvk_nummer;iban_sleutel', 'ZV1;zzp;01234567;', 'ZV2;instelling;;IBAN-AB12'].join('\n') + '\n',
      declaraties:
        ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag', 'D1;BH1;ZV1;01-03-2024;100,00', 'D2;BH2;ZV2;02-03-2024;50,00'].join('\n') + '\n',
      waarschuwingsregister:
        ['sleutel_soort;sleutel;geregistreerd_op;vervalt_op;grond', 'kvk_nummer;1234567;01-01-2023;;fraude vastgesteld', 'iban_sleutel;iban-ab12 ;01-01-2023;;'].join('\n') + '\n',
    });
    const { signals } = runRule(ind, buildDataset(r.data, parseIsoDay('2024-12-31')!));
    expect(signals.map((s) => [s.key, s.observed.grond, s.evidence.map((e) => `${e.file}:${e.line}`)])).toEqual([
      ['warning-register-match:registered:provider=ZV1:sleutel_soort=kvk_nummer:sleutel=01234567', 'fraude vastgesteld', [`${D}:2`, `${W}:2`, `${Z}:2`]],
      ['warning-register-match:registered:provider=ZV2:sleutel_soort=iban_sleutel:sleutel=iban-ab12', '-', [`${D}:3`, `${W}:3`, `${Z}:3`]],
    ]);
  });
});
