import { describe, expect, it } from 'vitest';
import { buildDataset, registerKey } from '../../src/model/dataset.js';
import { parseIsoDay } from '../../src/model/dates.js';
import { ingestTexts, rejectsOf } from '../ingest/helpers.js';

const day = (s: string) => parseIsoDay(s)!;

describe('waarschuwingsregister.csv', () => {
  it('reads entries, pads short KvK and AGB numbers, and indexes them by kind and normalised key', async () => {
    const r = await ingestTexts({
      waarschuwingsregister: [
        'sleutel_soort;sleutel;geregistreerd_op;vervalt_op;grond',
        'kvk_nummer;1234567;01-01-2023;;fraude vastgesteld', // 2: 7 digits, padded
        'agb_code;00012345;01-01-2023;31-12-2023;', // 3
        'IBAN sleutel;Iban-AB12 ;01-06-2023;;', // 4: enum and key as written elsewhere
        'kvk_nummer;123456789;01-01-2023;;', // 5: 9 digits
        'kvk_nummer;12AB;01-01-2023;;', // 6: not digits
        'adres_sleutel;A1;01-01-2024;31-12-2023;', // 7: PERIOD_ORDER
        'telefoon;06123;01-01-2024;;', // 8: INVALID_ENUM
        'agb_code;;01-01-2024;;', // 9: REQUIRED_MISSING
        'kvk_nummer;01234567;01-02-2023;;tweede melding', // 10: same key as line 2
      ].join('\n') + '\n',
    });
    expect(rejectsOf(r, 'waarschuwingsregister.csv')).toEqual([
      [5, 'sleutel', 'INVALID_CODE'],
      [6, 'sleutel', 'INVALID_CODE'],
      [7, 'vervalt_op', 'PERIOD_ORDER'],
      [8, 'sleutel_soort', 'INVALID_ENUM'],
      [9, 'sleutel', 'REQUIRED_MISSING'],
    ]);
    expect(r.data.warningRegister?.map((e) => [e.line, e.kind, e.key])).toEqual([
      [2, 'kvk_nummer', '01234567'],
      [3, 'agb_code', '00012345'],
      [4, 'iban_sleutel', 'Iban-AB12'],
      [10, 'kvk_nummer', '01234567'],
    ]);
    const ds = buildDataset(r.data, day('2024-12-31'));
    const kvk = ds.warningRegisterByKey.get('kvk_nummer')!.get(registerKey('kvk_nummer', '1234567'))!;
    expect(kvk.map((e) => [e.line, e.registeredOn, e.expiresOn, e.ground])).toEqual([
      [2, day('2023-01-01'), null, 'fraude vastgesteld'],
      [10, day('2023-02-01'), null, 'tweede melding'],
    ]);
    expect(ds.warningRegisterByKey.get('iban_sleutel')!.get(registerKey('iban_sleutel', 'IBAN-ab12'))?.map((e) => e.line)).toEqual([4]);
    expect(ds.warningRegisterByKey.get('agb_code')!.get('00012345')?.[0].expiresOn).toBe(day('2023-12-31'));
  });

  it('keeps KvK numbers strict in zorgverleners.csv', async () => {
    const r = await ingestTexts({ zorgverleners: 'zorgverlener_id;soort;kvk_nummer\nZV1;zzp;1234567\nZV2;zzp;01234567\n' });
    expect(rejectsOf(r, 'zorgverleners.csv')).toEqual([[2, 'kvk_nummer', 'INVALID_CODE']]);
  });

  it('is optional: without it the register is empty', async () => {
    const r = await ingestTexts({});
    expect(r.data.warningRegister).toBeNull();
    expect(buildDataset(r.data, day('2024-12-31')).warningRegisterByKey.size).toBe(0);
  });
});
