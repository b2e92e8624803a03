import { sql } from '@stuurwiel/clickhouse';
import { testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createConsumer, createProducer, type EventConsumer, type EventProducer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  type KpiSnapshotOf,
  kpiSnapshot,
  partitionKey,
  TOPICS,
  topicFor,
} from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregator, buildApp } from '../../src/app.js';
import { walkIn } from '../support/walk-in.js';
import { aggregatorConfig, aggregatorTopics, waitFor } from './harness.js';

const TENANT = 'GM0363';
const _source = { system: 'queue_management', vendor: 'qmatic' } as const;
const at = (hhmmss: string) => `2026-04-28T${hhmmss}+02:00`;

/** A walk-in visitor's arrival, call and service, at local times that day. */
const served = (id: string, arrived: string, called: string, finished: string) => [
  walkIn(id).arrived(at(arrived)),
  walkIn(id).called(at(called)),
  walkIn(id).served(at(finished)),
];

describe('aggregator: late and out-of-order events', () => {
  const prefix = `${uniqueName('late')}.`;
  const db = useTestDatabase('late');
  let producer: EventProducer;
  let aggregator: Aggregator;
  let reader: EventConsumer;
  let latest: KpiSnapshotOf<'counter'> | undefined;

  // All visit events share one topic, and a tenant's events one partition: one request keeps
  // them together and in this order.
  const send = (events: CanonicalEvent[]) =>
    producer.send(
      `${prefix}${topicFor(events[0]!.type)}`,
      events.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
    );
  const tenantToday = () => latest?.windows.today;
  const lateCount = async (lateness: string) => {
    const text = (await aggregator.app.inject({ url: '/metrics' })).body;
    const line = text
      .split('\n')
      .find((l) => l.startsWith('aggregator_late_events_total{') && l.includes(`lateness="${lateness}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
    producer = createProducer(testKafka(infra, 'late-producer'));
    await producer.connect();
    aggregator = buildApp(
      aggregatorConfig(infra, db(), prefix, {
        AGGREGATOR_OUT_OF_ORDER_SECONDS: '30',
        AGGREGATOR_ALLOWED_LATENESS_SECONDS: '600',
      }),
      { clock: () => new Date(at('10:05:00')) },
    );
    await aggregator.start();
    reader = createConsumer(testKafka(infra, 'late-reader'), {
      groupId: `${prefix}reader`,
      topics: [`${prefix}${TOPICS.kpi}`],
      onFatal: () => {},
    });
    await reader.connect(async (messages) => {
      for (const m of messages) {
        if (m.key !== `${TENANT}|counter|tenant|` || m.value === null) continue;
        const s = kpiSnapshot.parse(JSON.parse(m.value.toString()));
        if (s.domain === 'counter') latest = s;
      }
      return {};
    });
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await aggregator?.app.close();
    await producer?.disconnect();
  });

  it('derives a visit whose call comes before its arrival, and counts it live', async () => {
    const [arrived, called, finished] = served('V1', '09:40:00', '09:45:00', '09:50:00');
    await send([called!, finished!, arrived!, walkIn('V2').arrived(at('10:00:00'))]);
    const today = await waitFor('V1 served and V2 waiting', () => {
      const t = tenantToday();
      return t?.served === 1 && latest?.now.waiting === 1 ? t : undefined;
    });
    expect(today.wait_walk_in).toMatchObject({ count: 1, mean: 300 });
    expect(today.service).toMatchObject({ count: 1, mean: 300 });
  });

  it('lets an event within the allowed lateness still update the live figures', async () => {
    // The watermark is now 10:00:00 − 30 s; 09:55 is behind it by 5 min, within the 10 allowed.
    await send(served('V3', '09:52:00', '09:53:00', '09:55:00'));
    const today = await waitFor('V3 served', () => (tenantToday()?.served === 2 ? tenantToday() : undefined));
    expect(today?.called).toBe(2);
    expect(await lateCount('late')).toBeGreaterThanOrEqual(1);
    expect(await lateCount('too_late')).toBe(0);
  });

  it('stores a too-late event in ClickHouse and counts it, without changing the published figures', async () => {
    // 09:00–09:20 lies more than 10 minutes behind the watermark. V4 arrives after them, on time:
    // once it shows, the too-late events before it on the same partition were handled too.
    await send([...served('V9', '09:00:00', '09:10:00', '09:20:00'), walkIn('V4').arrived(at('10:01:00'))]);
    await waitFor('V4 waiting', () => (latest?.now.waiting === 2 ? true : undefined));
    await waitFor('V9 fact stored', async () => {
      const rows = await db().query<{ n: string }>(
        sql`SELECT count() AS n FROM visit_facts_v1 FINAL WHERE visit_id = 'V9'`,
      );
      return Number(rows[0]?.n) === 1 ? true : undefined;
    });
    expect(tenantToday()?.served).toBe(2);
    expect(tenantToday()?.arrivals).toBe(4);
    expect(await lateCount('too_late')).toBe(3);
    const raw = await db().query<{ n: string }>(
      sql`SELECT count() AS n FROM raw_events_v1 FINAL WHERE tenant = ${TENANT}`,
    );
    expect(Number(raw[0]?.n)).toBe(11);
  });
});
