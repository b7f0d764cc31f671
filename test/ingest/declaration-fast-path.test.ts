import { describe, expect, it } from 'vitest';
import { resolveHeader } from '../../src/ingest/header.js';
import { rowObject } from '../../src/ingest/readers/row-reader.js';
import { DeclarationFastPath } from '../../src/ingest/readers/declaration-fast-path.js';
import { checkCareDates, declaratiesSchema, emptyDeclarationFields } from '../../src/ingest/schemas/declaraties.js';
import { FieldKit } from '../../src/ingest/schemas/fields.js';
import { DateReader } from '../../src/ingest/values/date.js';
import type { DecimalMode } from '../../src/ingest/values/number.js';

// Values per column, the usual one first, then valid variants and faults; both paths must judge each row alike.
const CHOICES: Record<string, string[]> = {
  declaratie_id: ['D1', ' D2 ', ''],
  budgethouder_id: ['BH1', ''],
  zorgverlener_id: ['ZV1', ''],
  zorgovereenkomst_id: ['', 'ZO1'],
  overeenkomst_soort: ['', 'opdracht', 'Familie', 'vrijwillig'],
  zorgdatum: ['01-03-2024', '', '2024-03-01', '1-3-2024', '31-02-2024', '2024/03/01'],
  periode_start: ['', '01-03-2024', '15-03-2024', 'x'],
  periode_eind: ['', '10-03-2024', '31-03-2024', '32-03-2024'],
  begintijd: ['', '08:00', '22:30', '24:00', '25:00', '8.00'],
  eindtijd: ['', '12:00', '06:00', '7:5'],
  uren: ['', '4', '4,5', '4.5', '-1', '1.234', ' 2 '],
  tarief: ['', '50,00', '1.050,00', '-5', 'x', '50.00'],
  bedrag: ['100,00', '-25,50', '', '1.234', 'abc', '1.234,56', '9.99', '-0'],
  ingediend_op: ['', '05-03-2024', '05-03-2024 10:00', '2024-03-05T10:00:00', '2024-03-05 25:00'],
};

function* rows(seed: number, count: number): Generator<Record<string, string>> {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  for (let i = 0; i < count; i++) {
    const row: Record<string, string> = {};
    // Mostly the first (usual) value, so that enough rows pass to compare their values too.
    for (const [column, values] of Object.entries(CHOICES)) row[column] = values[next(10) < 7 ? 0 : next(values.length)];
    yield row;
  }
}

describe('the declaration fast path agrees with the declaration schema', () => {
  for (const [name, decimal] of [
    ['comma, certain', { mark: 'comma', certain: true }],
    ['comma, guessed', { mark: 'comma', certain: false }],
    ['point', { mark: 'point', certain: true }],
  ] as Array<[string, DecimalMode]>) {
    it(`on 5000 generated rows (${name})`, () => {
      const header = Object.keys(CHOICES);
      const layout = resolveHeader('declaraties', 'd.csv', header);
      const kit = new FieldKit(decimal, new DateReader());
      const fast = new DeclarationFastPath(layout, kit.decimal, kit.dates);
      const schema = declaratiesSchema(kit, true);
      const f = emptyDeclarationFields();
      let accepted = 0;
      for (const row of rows(7, 5000)) {
        const fields = header.map((c) => row[c]);
        const fastOk = fast.read(fields, f) && checkCareDates(f, true, null);
        const parsed = schema.safeParse(rowObject(fields, layout));
        expect(fastOk, JSON.stringify(row)).toBe(parsed.success);
        if (parsed.success) {
          accepted++;
          expect({ ...f }, JSON.stringify(row)).toEqual(parsed.data);
        } else {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
        }
      }
      // The generator must exercise both outcomes for the comparison to mean something.
      expect(accepted).toBeGreaterThan(20);
      expect(accepted).toBeLessThan(4980);
    });
  }
});
