// The two-worker read spills the rejects of each range too (memory bounded however many rows are
// rejected) and merges them into the same rejects, in the same order, as the single read.
// The workers run dist/: npm test builds it first.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, type InputSpec } from '../../src/ingest/ingest.js';
import { REJECTS_KEPT } from '../../src/ingest/reject-log.js';
import { HOLDERS, PROVIDERS } from '../ingest/helpers.js';

const id = (i: number) => `D${String(i).padStart(6, '0')}`;

describe('rejects of the two-worker read', () => {
  it('are spilled per range and merged as the single read gives them', async () => {
    const rows = 2 * REJECTS_KEPT + 5000;
    const lines = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag'];
    for (let i = 1; i <= rows; i++) {
      // Mostly rejected (an impossible date, an unknown holder); in the second half some ids of the first.
      const dup = i > rows / 2 && i % 997 === 0 ? id(i - Math.floor(rows / 2)) : id(i);
      lines.push(i % 5 === 0 ? `${dup};BH1;ZV1;01-03-2024;10,00` : `${dup};${i % 2 ? 'BH9' : 'BH1'};ZV1;31-02-2024;10,00`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'pgb-prej-'));
    const specs: InputSpec[] = [];
    for (const [kind, text] of Object.entries({ budgethouders: HOLDERS, zorgverleners: PROVIDERS, declaraties: lines.join('\n') + '\n' })) {
      writeFileSync(join(dir, `${kind}.csv`), text);
      specs.push({ kind: kind as InputSpec['kind'], path: join(dir, `${kind}.csv`) });
    }
    const single = await ingest(specs, { parallelMinBytes: Number.POSITIVE_INFINITY });
    let split = false;
    const parallel = await ingest(specs, { parallelMinBytes: 0, onSplit: () => (split = true) });
    expect(split, 'the two-worker read was used').toBe(true);
    expect(parallel.rejects.count).toBe(single.rejects.count);
    expect(single.rejects.count).toBeGreaterThan(2 * REJECTS_KEPT);
    expect(parallel.rejects.spilled).toBe(true);
    const a = [...single.rejects];
    const b = [...parallel.rejects];
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
    expect(b.some((r) => r.code === 'DUPLICATE_ID')).toBe(true);
    expect(parallel.rejects.byCode()).toEqual(single.rejects.byCode());
    single.rejects.close();
    parallel.rejects.close();
  });
});
