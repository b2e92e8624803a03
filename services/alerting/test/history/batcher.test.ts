import { describe, expect, it } from 'vitest';
import { batcher } from '../../src/history/batcher.js';

/** A write that keeps what it gets, and can be made to fail once. */
function recorder() {
  const writes: number[][] = [];
  let failNext: Error | null = null;
  return {
    writes,
    failOnce(error: Error) {
      failNext = error;
    },
    write: async (items: number[]) => {
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      writes.push(items);
    },
  };
}

describe('batcher', () => {
  it('writes as soon as a batch is full, and resolves each add once its items are written', async () => {
    const r = recorder();
    const b = batcher(r.write, { maxItems: 3, intervalMs: 60_000 });
    await Promise.all([b.add([1, 2]), b.add([3])]);
    expect(r.writes).toEqual([[1, 2, 3]]);
    await b.close();
  });

  it('writes a partial batch on flush and on close, in order', async () => {
    const r = recorder();
    const b = batcher(r.write, { maxItems: 100, intervalMs: 60_000 });
    const first = b.add([1]);
    await b.flush();
    await first;
    const second = b.add([2, 3]);
    await b.close();
    await second;
    expect(r.writes).toEqual([[1], [2, 3]]);
  });

  it('writes a partial batch once the interval has passed', async () => {
    const r = recorder();
    const b = batcher(r.write, { maxItems: 100, intervalMs: 1 });
    await b.add([7]);
    expect(r.writes).toEqual([[7]]);
    await b.close();
  });

  it('rejects the adds of a failed write with its error, and goes on with the next batch', async () => {
    const r = recorder();
    const b = batcher(r.write, { maxItems: 2, intervalMs: 60_000 });
    r.failOnce(new Error('ClickHouse is down'));
    await expect(b.add([1, 2])).rejects.toThrow('ClickHouse is down');
    await b.add([3, 4]);
    expect(r.writes).toEqual([[3, 4]]);
    await b.close();
  });

  it('refuses items after close', async () => {
    const b = batcher(recorder().write, { maxItems: 2, intervalMs: 60_000 });
    await b.close();
    await expect(b.add([1])).rejects.toThrow('the history is closed');
  });
});
