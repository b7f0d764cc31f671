import { describe, expect, it } from 'vitest';
import { careMonths } from '../../src/indicators/calendar.js';
import { namedContracts } from '../../src/indicators/contract-ids.js';
import { intakeFinder } from '../../src/indicators/intake.js';
import { readdirSync, readFileSync } from 'node:fs';
import { forgetDerivations, oncePerDataset } from '../../src/indicators/once-per-dataset.js';
import declaredExceeds from '../../src/indicators/rules/declared-exceeds-contract.js';
import familyIntensity from '../../src/indicators/rules/family-contract-intensity.js';
import { withContracts } from '../support/contracts.js';
import { makeDataset, runRule, type DeclarationSpec } from '../support/indicator.js';

// Rows 0 and 1 name ZO-1; row 2 names nothing, so declared-exceeds-contract joins it by holder and provider.
const declarations: DeclarationSpec[] = [
  { id: 'D1', holder: 'H-A', provider: 'P-1', zorgdatum: '2025-01-06', uren: 4, tarief: 40, bedrag: 160, zorgovereenkomstId: 'ZO-1' },
  { id: 'D2', holder: 'H-A', provider: 'P-1', zorgdatum: '2025-01-07', uren: 4, tarief: 40, bedrag: 160, zorgovereenkomstId: 'ZO-1' },
  { id: 'D3', holder: 'H-A', provider: 'P-1', zorgdatum: '2025-03-08', uren: 4, tarief: 40, bedrag: 160 },
];
const base = () => makeDataset({ holders: [{ id: 'H-A' }], providers: [{ id: 'P-1', soort: 'informeel' }], declarations });

describe('results shared by rules, once per dataset', () => {
  it('computes once per dataset object and again for another dataset', () => {
    let calls = 0;
    const rowsOf = oncePerDataset((ds) => {
      calls++;
      return ds.declarations.length;
    });
    const a = base();
    const b = makeDataset({ holders: [{ id: 'H-A' }], providers: [{ id: 'P-1' }], declarations: declarations.slice(0, 1) });
    expect([rowsOf(a), rowsOf(a), rowsOf(b), rowsOf(b)]).toEqual([3, 3, 1, 1]);
    expect(calls).toBe(2);
  });

  it('gives each dataset its own agreements: the same rows, other contracts, other joins', () => {
    const one = withContracts(base(), [{ id: 'ZO-1', holder: 'H-A', provider: 'P-1' }]);
    const other = withContracts(base(), [{ id: 'ZO-9', holder: 'H-A', provider: 'P-1' }]);
    expect(namedContracts(one)).toBe(namedContracts(one));
    expect([...namedContracts(one)]).toEqual([0, 0, -1]);
    expect([...namedContracts(other)]).toEqual([-1, -1, -1]);
    expect(careMonths(one)).toBe(careMonths(one));
    expect(careMonths(one)).not.toBe(careMonths(other));
    expect(intakeFinder(one)).not.toBe(intakeFinder(other));
  });

  it('is not changed by a rule that reads it: declared-exceeds-contract joins by pair in its own copy', () => {
    const contracts = [{ id: 'ZO-1', holder: 'H-A', provider: 'P-1', soort: 'familie' as const, tarief: 30, start: '2025-01-01', eind: '2025-01-31' }];
    const ds = withContracts(base(), contracts);
    const before = [...namedContracts(ds)];
    // D3 lies outside ZO-1's term: found through the pair join, which must not leak into the shared ids.
    const exceeds = runRule(declaredExceeds, ds);
    expect(exceeds.signals.map((s) => s.messageId).sort()).toEqual(['outsideTerm', 'rateOverContract']);
    expect([...namedContracts(ds)]).toEqual(before);
    expect(before).toEqual([0, 0, -1]);
    // A rule after it sees what a fresh dataset gives.
    expect(runRule(familyIntensity, ds)).toEqual(runRule(familyIntensity, withContracts(base(), contracts)));
  });

  it('joins an agreement by its id byte for byte, and by the string when the id is not ASCII', () => {
    const rows = (ids: string[]): DeclarationSpec[] =>
      ids.map((id, i) => ({ id: `D${i}`, holder: 'H-A', provider: 'P-1', zorgdatum: '2025-01-06', bedrag: 10, zorgovereenkomstId: id }));
    const ds = withContracts(
      makeDataset({ holders: [{ id: 'H-A' }], providers: [{ id: 'P-1' }], declarations: rows(['ZO-1', 'ZO-10', 'ZO-é', 'ZO-e', 'ZO-1', 'zo-1']) }),
      [
        { id: 'ZO-1', holder: 'H-A', provider: 'P-1' },
        { id: 'ZO-é', holder: 'H-A', provider: 'P-1' },
      ],
    );
    expect([...namedContracts(ds)]).toEqual([0, -1, 1, -1, 0, -1]);
  });

  it('lets a derivation go once none of the indicators that use it is still to run, and derives it again if asked', () => {
    let calls = 0;
    const rowsOf = oncePerDataset((ds) => {
      calls++;
      return ds.declarations.length;
    }, ['rule-a', 'rule-b']);
    const kept = oncePerDataset((ds) => ({ rows: ds.declarations.length }));
    const ds = base();
    const other = base();
    const keptValue = kept(ds);
    rowsOf(ds);
    rowsOf(other);
    forgetDerivations(ds, new Set(['rule-b', 'rule-c']));
    rowsOf(ds);
    expect(calls).toBe(2);
    forgetDerivations(ds, new Set(['rule-c']));
    expect(rowsOf(ds)).toBe(3);
    expect(calls).toBe(3);
    // Only that dataset's entry goes, and a derivation that names no users stays.
    rowsOf(other);
    expect(calls).toBe(3);
    expect(kept(ds)).toBe(keptValue);
  });

  it('names every rule that calls the shared agreements and intakes among their users', () => {
    const one = withContracts(base(), [{ id: 'ZO-1', holder: 'H-A', provider: 'P-1' }]);
    const named = namedContracts(one);
    const intakes = intakeFinder(one);
    const dir = new URL('../../src/indicators/rules/', import.meta.url);
    const callers = (name: string) =>
      readdirSync(dir)
        .filter((f) => readFileSync(new URL(f, dir), 'utf8').includes(`${name}(ds)`))
        .map((f) => f.replace(/\.ts$/, ''));
    const contractUsers = callers('namedContracts');
    const intakeUsers = callers('intakeFinder');
    expect(contractUsers.length).toBeGreaterThan(0);
    expect(intakeUsers.length).toBeGreaterThan(0);
    // While any caller is still to run, its derivation is kept; once none is, it goes.
    for (const id of contractUsers) {
      forgetDerivations(one, new Set([id, intakeUsers[0]]));
      expect(namedContracts(one)).toBe(named);
    }
    for (const id of intakeUsers) {
      forgetDerivations(one, new Set([id, contractUsers[0]]));
      expect(intakeFinder(one)).toBe(intakes);
    }
    forgetDerivations(one, new Set());
    expect(namedContracts(one)).not.toBe(named);
    expect(intakeFinder(one)).not.toBe(intakes);
  });
});
