// The runner's promises: every signal carries its indicator, version and a stable key; the order is the
// runner's; a message id or key a rule gets wrong stops the run; and the same findings keep their keys
// when tomorrow's export lists the rows in another order or with other holders in between.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { defineIndicator, type Finding, type IndicatorDefinition } from '../../src/indicators/define.js';
import { INDICATORS } from '../../src/indicators/index.js';
import { signalKey } from '../../src/indicators/run.js';
import { renderSignal } from '../../src/report/messages.js';
import { runCli, tempDir } from '../support/cli.js';
import { daily, runRule, type FixtureSpec } from '../support/indicator.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  messageId: 'found',
  entity: { kind: 'provider', id: 'P-1' },
  subject: {},
  provider: 'P-1',
  holders: [],
  amount: 0,
  strength: 1,
  observed: {},
  threshold: {},
  evidence: [{ file: 'zorgverleners.csv', line: 2, id: 'P-1' }],
  ...over,
});

/** A rule that reports exactly the findings given; its compute is typed loosely on purpose. */
function fakeRule(findings: Finding[]): IndicatorDefinition {
  return defineIndicator({
    id: 'fake-rule',
    version: 3,
    entity: 'provider',
    title: { nl: 'Nep', en: 'Fake' },
    condition: { nl: 'Nep', en: 'Fake' },
    rationale: { nl: 'Nep', en: 'Fake' },
    whatToCheck: { nl: [], en: [] },
    innocentExplanations: { nl: [], en: [] },
    source: 'none',
    requires: [],
    params: z.strictObject({}),
    defaultWeight: 0.5,
    holderConcern: false,
    messages: { found: { nl: 'Gevonden.', en: 'Found.', example: {} } },
    compute: () => ({ signals: findings as Finding<'found'>[] }),
  }) as unknown as IndicatorDefinition;
}
const EMPTY = { holders: [], providers: [], declarations: [], asOf: '2024-12-31' };

describe('signal key', () => {
  it('reads indicator:messageId:entityKind=entityId, then the subject parts in the rule’s order', () => {
    const f = finding({ subject: { iban_sleutel: 'IB123', adres_sleutel: 'A1' } });
    expect(signalKey('shared-iban', f)).toBe('shared-iban:found:provider=P-1:iban_sleutel=IB123:adres_sleutel=A1');
    expect(signalKey('care-after-death', finding({ entity: { kind: 'budgethouder', id: 'BH7' } }))).toBe('care-after-death:found:budgethouder=BH7');
  });

  it('escapes %, : and = inside values, so a key splits back into its parts', () => {
    const key = signalKey('x', finding({ entity: { kind: 'provider', id: 'a:b' }, subject: { k: 'c=d%' } }));
    expect(key).toBe('x:found:provider=a%3Ab:k=c%3Dd%25');
    expect(key.split(':')).toHaveLength(4);
  });
});

describe('runIndicator', () => {
  it('stamps id, version and key on each finding, drops the subject, and sorts', () => {
    const rule = fakeRule([
      finding({ entity: { kind: 'provider', id: 'P-2' }, provider: 'P-2', subject: { k: 'v' } }),
      finding(),
    ]);
    const { signals } = runRule(rule, EMPTY);
    expect(signals.map((s) => [s.indicator, s.version, s.key])).toEqual([
      ['fake-rule', 3, 'fake-rule:found:provider=P-1'],
      ['fake-rule', 3, 'fake-rule:found:provider=P-2:k=v'],
    ]);
    expect(signals[0]).not.toHaveProperty('subject');
  });

  it('stops on a message id the rule does not declare', () => {
    expect(() => runRule(fakeRule([finding({ messageId: 'lost' })]), EMPTY)).toThrow(/fake-rule.*'lost'/);
  });

  it('stops when two findings share a key', () => {
    expect(() => runRule(fakeRule([finding({ amount: 1 }), finding({ amount: 2 })]), EMPTY)).toThrow(
      /fake-rule:found:provider=P-1 twice/,
    );
  });
});

// A small population on which six indicators fire, several of them more than once.
const POPULATION: FixtureSpec = {
  holders: [
    { id: 'H1', adresSleutel: 'ADR-1', vertegenwoordigerId: 'REP' },
    { id: 'H2', adresSleutel: 'ADR-1', vertegenwoordigerId: 'REP', budgetStart: '2024-03-01' },
    { id: 'H3', adresSleutel: 'ADR-1', vertegenwoordigerId: 'REP' },
    { id: 'H4', adresSleutel: 'ADR-P' },
    { id: 'H5', adresSleutel: 'ADR-P', vertegenwoordigerId: 'P-A' },
    { id: 'H6', overlijdensdatum: '2024-05-10' },
  ],
  providers: [
    { id: 'P-A', ibanSleutel: 'IBAN-X', kvkNummer: '11111111', adresSleutel: 'ADR-P' },
    { id: 'P-B', ibanSleutel: 'IBAN-X', kvkNummer: '22222222' },
    { id: 'P-C' },
  ],
  declarations: [
    ...['H1', 'H2', 'H3', 'H4', 'H5'].map((h, i) => daily(`D-A${i}`, h, 'P-A', '2024-02-01')),
    daily('D-B', 'H1', 'P-B', '2024-02-02'),
    daily('D-C1', 'H6', 'P-C', '2024-05-12'),
    daily('D-C2', 'H6', 'P-A', '2024-05-20'),
    { ...daily('D-C3', 'H1', 'P-C', '2024-04-01'), uren: 20 },
    { ...daily('D-C4', 'H2', 'P-C', '2024-04-01'), uren: 6 },
  ],
  asOf: '2024-12-31',
};

/** Every indicator's signals by key, with the finding's Dutch sentence. */
function findings(spec: FixtureSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const ind of INDICATORS)
    for (const s of runRule(ind, spec).signals) {
      expect(out.has(s.key), s.key).toBe(false);
      out.set(s.key, renderSignal(s, 'nl'));
    }
  return out;
}

const permutation = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('stable keys, by property', () => {
  const today = findings(POPULATION);

  it('the population fires several indicators, each finding with its own key', () => {
    const fired = new Set([...today.keys()].map((k) => k.split(':')[0]));
    expect(fired.size).toBeGreaterThanOrEqual(6);
    expect(today.size).toBeGreaterThanOrEqual(10);
  });

  it('gives the same keys and sentences for any order of holders, providers and declarations', () => {
    fc.assert(
      fc.property(permutation(POPULATION.holders), permutation(POPULATION.providers), permutation(POPULATION.declarations), (holders, providers, declarations) => {
        expect(findings({ ...POPULATION, holders, providers, declarations })).toEqual(today);
      }),
      { numRuns: 50 },
    );
  });
});

// --- On the sample municipality: shuffled rows and shifted lines keep every key. ---

const SAMPLE = 'samples/gemeente-klein';
// Every input of the sample, the care agreements included: without them declared-exceeds-contract would not run.
const FILES = readdirSync(SAMPLE).filter((f) => f.endsWith('.csv')).sort();

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Rows of holders and a provider that exist only tomorrow: one unrated monthly declaration each, within
// budget, no address, account or representative, so they add no finding of their own.
const extraRows: Record<string, string[]> = {
  'budgethouders.csv': ['BX000001', 'BX000002', 'BX000003'].map((id) => `${id};GM0153;wmo;begeleiding;5.000,00;01-01-2025;;;;;;;`),
  'zorgverleners.csv': ['ZV9999;Nieuwe Zorg BV;instelling;;;;;;;nee'],
  'declaraties.csv': ['BX000001', 'BX000002', 'BX000003'].map(
    (id, i) => `DX00000${i};${id};ZV9999;;zorginstelling;;01-01-2025;31-01-2025;;;;;100,00;01-02-2025`,
  ),
};

/** The sample with its data rows shuffled and, when `extra`, other holders' rows put first (every line shifts). */
function rewrittenSample(seed: number, extra: boolean): string {
  const dir = tempDir();
  for (const f of FILES) {
    // latin1 maps bytes one to one, so the Windows-1252 file is written back unchanged but for the order.
    const [header, ...rows] = readFileSync(join(SAMPLE, f), 'latin1').replace(/\r\n$/, '').split('\r\n');
    const body = [...(extra ? (extraRows[f] ?? []) : []), ...shuffle(rows, seed)];
    writeFileSync(join(dir, f), [header, ...body].join('\r\n') + '\r\n', 'latin1');
  }
  return dir;
}

async function signalsOf(dir: string): Promise<{ key: string; message: { nl: string } }[]> {
  const out = join(tempDir(), 'out');
  const r = await runCli(['scan', dir, '--out', out, '--log-level', 'silent']);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, 'signals.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const byKey = (signals: { key: string; message: { nl: string } }[]) => new Map(signals.map((s) => [s.key, s.message.nl]));

describe('stable keys on samples/gemeente-klein', () => {
  it('gives every signal its own key, and the same keys and findings after shuffling rows and adding other holders', async () => {
    const today = await signalsOf(SAMPLE);
    expect(today.length).toBeGreaterThan(5);
    expect(new Set(today.map((s) => s.key)).size).toBe(today.length);

    const shuffled = await signalsOf(rewrittenSample(7, false));
    expect(byKey(shuffled)).toEqual(byKey(today));

    // Tomorrow: rows in another order and other holders' rows first, so every line number moves.
    const tomorrow = await signalsOf(rewrittenSample(8, true));
    expect(byKey(tomorrow)).toEqual(byKey(today));
  });
});
