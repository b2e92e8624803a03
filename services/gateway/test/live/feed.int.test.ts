import { testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { createProducer, type EventProducer } from '@stuurwiel/kafka';
import { KPI_TOPIC, kpiSnapshotKey, TOPICS } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLiveCaches } from '../../src/live/cache.js';
import { bearer, LOCATION_A, TENANT_A, TENANT_B, testEnv, tokenFor } from '../support/build.js';
import { counterSnapshot } from '../support/snapshots.js';

// Each gateway replica reads kpi.v1 and alerts.v1 itself, from the beginning of the compacted topics.
describe("the replica's live feed", () => {
  const prefix = `${uniqueName('gw_kpi')}.`;
  const topic = `${prefix}${KPI_TOPIC}`;
  let producer: EventProducer;
  const fatal: unknown[] = [];

  beforeAll(async () => {
    const infra = useInfra();
    await testTopics(infra, [
      { topic, partitions: 3, compacted: true, replicationFactor: 1 },
      { topic: `${prefix}${TOPICS.alerts}`, partitions: 1, compacted: true, replicationFactor: 1 },
    ]);
    producer = createProducer(testKafka(infra, 'gateway-kpi-test'));
    await producer.connect();
  });
  afterAll(() => producer?.disconnect());

  const replica = async (logs: string[] = []) => {
    const caches = createLiveCaches();
    const app = buildApp(
      loadConfig({
        ...testEnv,
        KAFKA_BROKERS: useInfra().kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      }),
      { caches, onFatal: (error) => fatal.push(error), logStream: { write: (line) => void logs.push(line) } },
    );
    await app.ready();
    return { app, cache: caches.snapshots };
  };

  const send = (messages: { key: string; value: string | null }[]) => producer.send(topic, messages);

  it('fills the cache from the topic, skips a message that is no snapshot, and applies tombstones', async () => {
    const centrum = counterSnapshot(TENANT_A, { kind: 'location', id: LOCATION_A }, { waiting: 7 });
    const noord = counterSnapshot(TENANT_A, { kind: 'location', id: 'noord' }, { waiting: 3 });
    const ofB = counterSnapshot(TENANT_B, { kind: 'tenant', id: null }, { waiting: 99 });
    await send([
      { key: kpiSnapshotKey(centrum), value: JSON.stringify(centrum) },
      { key: 'GM0363|counter|location|broken', value: '{"spec_version": 1, "tenant": "GM0363"}' },
      { key: 'GM0363|counter|location|garbage', value: 'not json' },
      { key: kpiSnapshotKey(noord), value: JSON.stringify(noord) },
      { key: kpiSnapshotKey(ofB), value: JSON.stringify(ofB) },
    ]);

    const logs: string[] = [];
    const { app, cache } = await replica(logs);
    try {
      await vi.waitFor(() => expect(cache.size).toBe(3), { timeout: 60_000, interval: 100 });
      const res = await app.inject({ url: '/api/v1/live', headers: bearer(await tokenFor('manager')) });
      expect(res.json().snapshots.map((s: { scope: { id: string } }) => s.scope.id)).toEqual([
        'noord',
        LOCATION_A,
      ]);
      const skipped = logs.map((l) => JSON.parse(l)).filter((l) => l.live);
      expect(skipped.map((l) => l.live.reason)).toEqual([expect.stringContaining('domain'), 'not JSON']);

      // A later snapshot replaces the one held; a tombstone removes its key.
      const later = counterSnapshot(
        TENANT_A,
        { kind: 'location', id: LOCATION_A },
        {
          waiting: 1,
          as_of: '2026-03-02T10:20:00.000Z',
        },
      );
      await send([
        { key: kpiSnapshotKey(later), value: JSON.stringify(later) },
        { key: kpiSnapshotKey(noord), value: null },
      ]);
      await vi.waitFor(
        () => expect(cache.list(TENANT_A).map((s) => s.domain === 'counter' && s.now.waiting)).toEqual([1]),
        {
          timeout: 60_000,
          interval: 100,
        },
      );
    } finally {
      await app.close();
    }
  });

  it('lets a new replica read the present from the beginning, and be ready only once it has', async () => {
    const { app, cache } = await replica();
    try {
      await vi.waitFor(
        async () => expect((await app.inject({ url: '/readyz' })).json().checks.live_feed).toBe('ok'),
        { timeout: 60_000, interval: 100 },
      );
      // Ready means the whole present is in the cache, not some of it.
      expect(cache.list(TENANT_A).map((s) => s.scope.id)).toEqual([LOCATION_A]);
      expect(cache.list(TENANT_B)).toHaveLength(1);
    } finally {
      await app.close();
    }
    expect(fatal).toEqual([]);
  });
});
