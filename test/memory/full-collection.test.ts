import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/memory/full-collection.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a full garbage collection on request', () => {
  it('frees an object nothing refers to any more, without --expose-gc', async () => {
    let big: number[] | null = Array.from({ length: 1000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = null;
    // A WeakRef keeps its target until the end of the job that made or read it.
    await turn();
    collectGarbage();
    await turn();
    expect(ref.deref()).toBeUndefined();
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});
