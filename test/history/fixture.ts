import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DECL_HEADER, HOLDERS_HEADER, PROVIDERS_HEADER, writeFiles } from '../support/cli.js';

const HOLDERS =
  HOLDERS_HEADER +
  'BH1,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A1,,\n' +
  'BH2,GM0363,wmo,begeleid_wonen,20000.00,2025-01-01,,A2,,2025-03-10\n' +
  'BH3,GM0363,wmo,begeleiding,15000.00,2025-01-01,,A3,,\n' +
  'BH4,GM0363,wmo,begeleiding,15000.00,2025-01-01,,A4,,2025-03-10\n';

const providers = (goneName: string) =>
  PROVIDERS_HEADER +
  'P-STAY,Zorg Blijft,zzp,01234567,X1,I1\n' +
  'P-UP,Zorg Erger,zzp,01234568,X2,I2\n' +
  `P-GONE,${goneName},zzp,01234569,X3,I3\n` +
  'P-NEW,Zorg Nieuw,zzp,01234570,X4,I4\n';

/** Rows both exports share: P-STAY cares for BH2 after death (care-after-death), P-UP bills 26 hours on one day. */
const SHARED =
  'D1,BH2,P-STAY,2025-03-12,09:00,12:00,3,40.00,120.00\n' +
  'D2,BH1,P-UP,2025-03-03,06:00,20:00,14,40.00,560.00\n' +
  'D3,BH3,P-UP,2025-03-03,07:00,19:00,12,40.00,480.00\n' +
  'D4,BH1,P-NEW,2025-03-04,09:00,13:00,4,38.00,152.00\n';

/**
 * Two nights of one small municipality, differing by planted changes: P-GONE's care after a death is
 * gone from the second export (verdwenen), P-UP adds care after a death to its long day (gewijzigd,
 * an indicator more), P-NEW bills 26 hours on one day (nieuw), P-STAY stays as it was (blijvend).
 */
export function twoNights(root: string, goneName = 'Zorg Weg'): { first: string; second: string } {
  const first = join(root, 'nacht-1');
  const second = join(root, 'nacht-2');
  mkdirSync(first);
  mkdirSync(second);
  writeFiles(first, {
    'budgethouders.csv': HOLDERS,
    'zorgverleners.csv': providers(goneName),
    'declaraties.csv': DECL_HEADER + SHARED + 'D5,BH4,P-GONE,2025-03-14,09:00,12:00,3,40.00,120.00\n',
  });
  writeFiles(second, {
    'budgethouders.csv': HOLDERS,
    'zorgverleners.csv': providers(goneName),
    'declaraties.csv':
      DECL_HEADER +
      SHARED +
      'D6,BH4,P-UP,2025-03-13,09:00,12:00,3,40.00,120.00\n' +
      'D7,BH1,P-NEW,2025-03-05,06:00,20:00,14,38.00,532.00\n' +
      'D8,BH3,P-NEW,2025-03-05,07:00,19:00,12,38.00,456.00\n',
  });
  return { first, second };
}
