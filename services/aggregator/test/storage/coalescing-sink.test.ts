import { describe, expect, it } from 'vitest';
import { createCoalescingSink } from '../../src/storage/coalescing-sink.js';

describe('coalescing sink', () => {
  it('flushes what many callers added together, once the delay passed', async () => {
    const flushed: number[][] = [];
    const sink = createCoalescingSink<number>({
      flush: async (items) => void flushed.push(items),
      maxItems: 100,
      maxDelayMs: 20,
    });
    await Promise.all([sink.add([1, 2]), sink.add([3]), sink.add([4, 5])]);
    expect(flushed).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('flushes at once when enough items wait, and keeps flushes in order', async () => {
    const flushed: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const sink = createCoalescingSink<number>({
      flush: async (items) => {
        if (flushed.length === 0) await gate;
        flushed.push(items);
      },
      maxItems: 2,
      maxDelayMs: 10_000,
    });
    const first = sink.add([1, 2]);
    await new Promise((r) => setImmediate(r));
    const second = sink.add([3, 4]);
    const third = sink.add([5, 6]);
    release();
    await Promise.all([first, second, third]);
    expect(flushed).toEqual([
      [1, 2],
      [3, 4, 5, 6],
    ]);
  });

  it('rejects every caller of a failed flush and goes on with later ones', async () => {
    let fail = true;
    const sink = createCoalescingSink<number>({
      flush: async () => {
        if (fail) throw new Error('ClickHouse down');
      },
      maxItems: 10,
      maxDelayMs: 5,
    });
    const results = await Promise.allSettled([sink.add([1]), sink.add([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(sink.add([3])).resolves.toBeUndefined();
    expect(sink.pending()).toBe(0);
  });
});
