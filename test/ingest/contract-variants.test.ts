// Exports within the input contract that once stopped the scan: a windows-1252 export whose first
// 64 KiB (the detection sample) are plain ASCII, so the encoding was guessed as UTF-8.
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/ingest/encoding.js';
import { ingestError, ingestTexts } from './helpers.js';

const cp1252 = (s: string) => Buffer.from(s, 'latin1');

/** Providers whose only non-ASCII byte (é in windows-1252) comes after the sample. */
function lateAccentProviders(rows = 5000): Buffer {
  const lines = ['zorgverlener_id;naam;soort'];
  for (let i = 1; i <= rows; i++) lines.push(`ZV${i};naam ${i};zzp`);
  return cp1252(lines.join('\r\n') + '\r\nZV9999;Café;zzp\r\n');
}

describe('windows-1252 past an all-ASCII sample', () => {
  it('reads the file as windows-1252, every row accepted, and reports that encoding', async () => {
    const providers = lateAccentProviders();
    expect(providers.length).toBeGreaterThan(64 * 1024);
    const r = await ingestTexts({ zorgverleners: providers });
    const input = r.inputs.find((i) => i.kind === 'zorgverleners')!;
    expect([input.rowsRead, input.rowsAccepted, input.rowsRejected]).toEqual([5001, 5001, 0]);
    expect(input.dialect.encoding).toBe('windows-1252');
    expect(r.data.providers.find((p) => p.id === 'ZV9999')?.naam).toBe('Café');
  });

  it('reads the declarations the same in one piece and in two workers', async () => {
    const lines = ['declaratie_id;budgethouder_id;zorgverlener_id;zorgdatum;bedrag;omschrijving'];
    for (let i = 1; i <= 6000; i++) lines.push(`D${i};BH1;ZV1;01-03-2024;10,00;${i === 5500 ? 'café' : 'begeleiding'}`);
    const declaraties = cp1252(lines.join('\n') + '\n');
    for (const parallelMinBytes of [Number.POSITIVE_INFINITY, 0]) {
      const r = await ingestTexts({ declaraties }, { parallelMinBytes });
      const input = r.inputs.find((i) => i.kind === 'declaraties')!;
      expect([input.rowsRead, input.rowsAccepted, input.dialect.encoding]).toEqual([6000, 6000, 'windows-1252']);
    }
  });

  it('with utf-8 set, the row of a byte that is not UTF-8 is rejected and the rest read', async () => {
    const r = await ingestTexts({ zorgverleners: lateAccentProviders() }, { dialect: { encoding: 'utf-8' } });
    expect([...r.rejects].map((x) => [x.line, x.column, x.code, x.value])).toEqual([[5002, 'naam', 'INVALID_ENCODING', 'Caf\\xE9']]);
  });

});

describe('ChunkDecoder with a guessed UTF-8', () => {
  const decodeAll = (chunks: Buffer[]) => {
    const d = new ChunkDecoder('utf-8', 'f.csv', 0, true);
    const out = Buffer.concat([...chunks.map((c) => d.decode(c)), d.end()]);
    return [out.toString('utf8'), d.encoding];
  };

  it('holds back a byte at the end of a chunk until the next chunk tells the encoding', () => {
    expect(decodeAll([cp1252('a;Caf'), cp1252('é;b\n')])).toEqual(['a;Café;b\n', 'windows-1252']);
    expect(decodeAll([Buffer.from('a;Zorgco'), Buffer.from('ö', 'utf8').subarray(0, 1), Buffer.from('ö', 'utf8').subarray(1), Buffer.from('p\n')])).toEqual([
      'a;Zorgcoöp\n',
      'utf-8',
    ]);
  });

  it('settles a file that ends on a non-ASCII byte without a line end', () => {
    expect(decodeAll([cp1252('a;b\nc;caf'), cp1252('é')])).toEqual(['a;b\nc;café', 'windows-1252']);
    expect(decodeAll([Buffer.from('a;b\n'), Buffer.from('c;café', 'utf8')])).toEqual(['a;b\nc;café', 'utf-8']);
  });

  it('does not switch after real UTF-8, nor when the encoding was not guessed: the byte is escaped and its line noted', () => {
    const mixed = new ChunkDecoder('utf-8', 'f.csv', 0, true);
    mixed.decode(Buffer.from('a;café\n', 'utf8'));
    expect(mixed.decode(cp1252('b;café\n')).toString('utf8')).toBe('b;caf\\xE9\n');
    expect([mixed.encoding, [...mixed.badLines]]).toEqual(['utf-8', [2]]);
    const set = new ChunkDecoder('utf-8', 'f.csv', 0, false);
    expect(set.decode(cp1252('a;café\n')).toString('utf8')).toBe('a;caf\\xE9\n');
    expect([...set.badLines]).toEqual([1]);
  });

  it('reads a file as UTF-8 when valid UTF-8 follows windows-1252-looking bytes, and as windows-1252 when none does', () => {
    expect(decodeAll([cp1252('a;café\n'), Buffer.from('b;Zoë\n', 'utf8')])).toEqual(['a;caf\\xE9\nb;Zoë\n', 'utf-8']);
    expect(decodeAll([cp1252('a;café\n'), cp1252('b;Zoë\n'), Buffer.from('c;d\n')])).toEqual(['a;café\nb;Zoë\nc;d\n', 'windows-1252']);
  });

});
