import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderNetwork } from '../../src/networks/networks.js';
import { networksCsv } from '../../src/report/networks-csv.js';
import { readNetworks } from '../../src/run/read-run.js';
import { tempDir } from '../support/cli.js';

describe('readNetworks', () => {
  it('reads networks.csv back as written, formula guards and keys with spaces included', () => {
    const networks: ProviderNetwork[] = [
      {
        id: '=ZV1',
        members: ['=ZV1', 'ZV2', 'ZV3'],
        flagged: ['ZV2'],
        links: [
          { kind: 'iban_sleutel', key: 'I 1 (a)', providers: ['=ZV1', 'ZV2'] },
          { kind: 'opvolging', key: 'ZV2', providers: ['ZV3'] },
        ],
        amount: 1234.5,
      },
      { id: 'ZV7', members: ['ZV7', 'ZV8'], flagged: [], links: [{ kind: 'adres_sleutel', key: 'A1', providers: ['ZV7', 'ZV8'] }], amount: 0 },
    ];
    const dir = tempDir();
    writeFileSync(join(dir, 'networks.csv'), [...networksCsv(networks)].join(''));
    expect(readNetworks(dir)).toEqual(networks);
  });

  it('names file and line of a link it cannot read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'networks.csv'), 'netwerk,members,flagged,links,amount\nZV1,ZV1|ZV2,,kleur=rood (ZV1 ZV2),10\n');
    expect(() => readNetworks(dir)).toThrow(/networks\.csv, line 2: link 'kleur=rood \(ZV1 ZV2\)'/);
  });
});
