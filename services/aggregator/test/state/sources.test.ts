import { makeEvent } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createSourceStore, upperBound } from '../../src/state/sources.js';
import { TENANT } from './test-day.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A desk event of a source, `minutes` after T0, with an id of its own. */
const from = (source: CanonicalEvent['source'], minutes: number, id: string) =>
  makeEvent(
    'desk.opened',
    iso(T0 + minutes * MIN),
    { desk_id: 'D1', location_id: 'L1', queue_ids: ['Q1'] },
    { event_id: id, source },
  );

const qmatic = { system: 'queue_management', vendor: 'qmatic' } as const;
const pbx1 = { system: 'telephony', vendor: 'asterisk', instance: 'pbx-1' } as const;
const pbx2 = { system: 'telephony', vendor: 'asterisk', instance: 'pbx-2' } as const;

describe('the freshness of each source', () => {
  it('keeps per system, vendor and instance the last event time, the last receipt and the event times', () => {
    const store = createSourceStore();
    store.observe(from(qmatic, 2, 'a'), T0 + 10 * MIN);
    store.observe(from(qmatic, 1, 'b'), T0 + 11 * MIN); // out of order
    store.observe(from(pbx1, 3, 'c'), T0 + 12 * MIN);
    store.observe(from(pbx2, 4, 'd'), T0 + 13 * MIN);
    const list = store.sources(TENANT);
    expect(list).toEqual([
      {
        system: 'queue_management',
        vendor: 'qmatic',
        instance: null,
        lastEventMs: T0 + 2 * MIN,
        lastReceivedMs: T0 + 11 * MIN,
        recentMs: [T0 + MIN, T0 + 2 * MIN],
      },
      { ...pbx1, lastEventMs: T0 + 3 * MIN, lastReceivedMs: T0 + 12 * MIN, recentMs: [T0 + 3 * MIN] },
      { ...pbx2, lastEventMs: T0 + 4 * MIN, lastReceivedMs: T0 + 13 * MIN, recentMs: [T0 + 4 * MIN] },
    ]);
    expect(store.sources('GM0014')).toEqual([]);
  });

  it('counts a redelivered event once and takes it for no new receipt', () => {
    const store = createSourceStore();
    store.observe(from(qmatic, 1, 'a'), T0 + 2 * MIN);
    store.observe(from(qmatic, 1, 'a'), T0 + 30 * MIN);
    expect(store.sources(TENANT)[0]).toMatchObject({ lastReceivedMs: T0 + 2 * MIN, recentMs: [T0 + MIN] });
  });

  it('a replayed stored event counts for its source but is no receipt', () => {
    const store = createSourceStore();
    store.observe(from(qmatic, 1, 'a'), null);
    expect(store.sources(TENANT)[0]).toMatchObject({ lastEventMs: T0 + MIN, lastReceivedMs: null });
  });

  it('forgets event times at or before the horizon, and later copies of them are not counted again', () => {
    const store = createSourceStore();
    for (const [m, id] of [
      [1, 'a'],
      [5, 'b'],
      [9, 'c'],
    ] as const)
      store.observe(from(qmatic, m, id), T0 + 20 * MIN);
    store.prune(T0 + 5 * MIN);
    expect(store.sources(TENANT)[0]!.recentMs).toEqual([T0 + 9 * MIN]);
    store.observe(from(qmatic, 5, 'b'), T0 + 21 * MIN);
    store.observe(from(qmatic, 3, 'late'), T0 + 21 * MIN);
    expect(store.sources(TENANT)[0]).toMatchObject({ recentMs: [T0 + 9 * MIN], lastEventMs: T0 + 9 * MIN });
    // A horizon never moves back: a clock set back must not bring forgotten events back.
    store.prune(T0);
    store.observe(from(qmatic, 2, 'e'), T0 + 22 * MIN);
    expect(store.sources(TENANT)[0]!.recentMs).toEqual([T0 + 9 * MIN]);
  });

  it('restores from storage: the latest times win, and replayed recent events are not counted twice', () => {
    const store = createSourceStore();
    store.restore(
      [
        {
          tenant: TENANT,
          ...qmatic,
          instance: null,
          lastEventMs: T0 + 4 * MIN,
          lastReceivedMs: T0 + 6 * MIN,
        },
        { tenant: TENANT, ...pbx1, lastEventMs: T0 - 60 * MIN, lastReceivedMs: T0 - 59 * MIN },
      ],
      [
        { tenant: TENANT, ...qmatic, instance: null, eventId: 'a', atMs: T0 + 2 * MIN },
        { tenant: TENANT, ...qmatic, instance: null, eventId: 'a', atMs: T0 + 2 * MIN }, // unmerged copy
        { tenant: TENANT, ...qmatic, instance: null, eventId: 'b', atMs: T0 + 4 * MIN },
      ],
    );
    store.observe(from(qmatic, 2, 'a'), null);
    expect(store.sources(TENANT)).toEqual([
      {
        ...qmatic,
        instance: null,
        lastEventMs: T0 + 4 * MIN,
        lastReceivedMs: T0 + 6 * MIN,
        recentMs: [T0 + 2 * MIN, T0 + 4 * MIN],
      },
      { ...pbx1, lastEventMs: T0 - 60 * MIN, lastReceivedMs: T0 - 59 * MIN, recentMs: [] },
    ]);
  });
});

describe('upperBound', () => {
  it('is the index of the first value greater than the one asked', () => {
    expect([0, 1, 2, 3, 5, 9].map((v) => upperBound([1, 2, 2, 3, 8], v))).toEqual([0, 1, 3, 4, 4, 5]);
    expect(upperBound([], 1)).toBe(0);
  });
});
