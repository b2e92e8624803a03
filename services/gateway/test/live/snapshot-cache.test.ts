import { kpiSnapshotKey } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createSnapshotCache } from '../../src/live/cache.js';
import { counterSnapshot } from '../support/snapshots.js';

const A = 'GM0363';
const B = 'GM0599';
const scope = { kind: 'location', id: 'centrum' } as const;

describe('the in-memory snapshot cache', () => {
  it('keeps the latest snapshot per key and lists one tenant only', () => {
    const cache = createSnapshotCache();
    cache.put(counterSnapshot(A, scope, { waiting: 1, as_of: '2026-03-02T10:00:00Z' }));
    cache.put(counterSnapshot(A, scope, { waiting: 2, as_of: '2026-03-02T10:01:00Z' }));
    cache.put(counterSnapshot(B, scope, { waiting: 9 }));
    expect(cache.list(A).map((s) => s.now)).toMatchObject([{ waiting: 2 }]);
    expect(cache.list(B).map((s) => s.tenant)).toEqual([B]);
    expect(cache.list('GM0000')).toEqual([]);
    expect(cache.size).toBe(2);
  });

  it('refuses a snapshot older than the one it holds and tells no listener about it', () => {
    const cache = createSnapshotCache();
    const heard: number[] = [];
    cache.subscribe((_key, s) => heard.push(s?.domain === 'counter' ? s.now.waiting : -1));
    expect(cache.put(counterSnapshot(A, scope, { waiting: 2, as_of: '2026-03-02T10:01:00Z' }))).toBe(true);
    expect(cache.put(counterSnapshot(A, scope, { waiting: 1, as_of: '2026-03-02T10:00:00Z' }))).toBe(false);
    expect(heard).toEqual([2]);
  });

  it('forgets a key on a tombstone', () => {
    const cache = createSnapshotCache();
    const snapshot = counterSnapshot(A, scope);
    cache.put(snapshot);
    cache.remove(kpiSnapshotKey(snapshot));
    expect(cache.list(A)).toEqual([]);
    expect(cache.size).toBe(0);
  });

  it('stops calling a listener that unsubscribed', () => {
    const cache = createSnapshotCache();
    let calls = 0;
    const stop = cache.subscribe(() => {
      calls += 1;
    });
    cache.put(counterSnapshot(A, scope, { as_of: '2026-03-02T10:00:00Z' }));
    stop();
    cache.put(counterSnapshot(A, scope, { as_of: '2026-03-02T10:01:00Z' }));
    expect(calls).toBe(1);
  });
});
