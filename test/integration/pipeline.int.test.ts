import { countRawEvents, type Db, ident, insertRawEvents, sql } from '@stuurwiel/clickhouse';
import { testDatabase, testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { createConsumer, createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, deriveEventId, partitionKey, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TENANTS = ['GM0363', 'GM0599'] as const;
const VISITS = 3334; // three events each: 10,002 events, trimmed to exactly 10,000 below

function visitEvents(): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  const day = Date.parse('2026-03-02T08:00:00+01:00');
  for (let v = 0; v < VISITS; v++) {
    const tenant = TENANTS[v % 2]!;
    const visit_id = `T${v}`;
    const arrived = day + v * 7_000;
    const source = { system: 'queue_management', vendor: 'qmatic' } as const;
    const base = { spec_version: 1, tenant, source } as const;
    events.push(
      {
        ...base,
        event_id: deriveEventId(tenant, 'qmatic', visit_id, 'arrived'),
        type: 'visit.arrived',
        occurred_at: new Date(arrived).toISOString(),
        payload: {
          visit_id,
          location_id: 'stadhuis',
          queue_id: 'paspoort',
          kind: 'walk_in',
          products: ['paspoort'],
        },
      } as CanonicalEvent,
      {
        ...base,
        event_id: deriveEventId(tenant, 'qmatic', visit_id, 'called'),
        type: 'visit.called',
        occurred_at: new Date(arrived + 300_000).toISOString(),
        payload: {
          visit_id,
          location_id: 'stadhuis',
          queue_id: 'paspoort',
          desk_id: `balie-${v % 6}`,
          recall: false,
        },
      } as CanonicalEvent,
      {
        ...base,
        event_id: deriveEventId(tenant, 'qmatic', visit_id, 'finished'),
        type: 'visit.finished',
        occurred_at: new Date(arrived + 720_000).toISOString(),
        payload: { visit_id, location_id: 'stadhuis', outcome: 'served', products: ['paspoort'] },
      } as CanonicalEvent,
    );
  }
  return events.slice(0, 10_000);
}

describe('canonical events from Kafka into ClickHouse', () => {
  let db: Db;
  const topic = uniqueName('pipeline_events');
  const events = visitEvents();

  async function produceAll() {
    const producer = createProducer(testKafka(useInfra(), 'pipeline-producer'));
    await producer.connect();
    for (let i = 0; i < events.length; i += 1000) {
      await producer.send(
        topic,
        events.slice(i, i + 1000).map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
      );
    }
    await producer.disconnect();
  }

  /** Consumes the topic with a consumer group until `expected` messages were stored. */
  async function consumeIntoClickHouse(groupId: string, expected: number) {
    let stored = 0;
    let inserts = 0;
    let fatal: unknown;
    const consumer = createConsumer(testKafka(useInfra(), 'pipeline-consumer'), {
      groupId,
      topics: [topic],
      onFatal: (e) => {
        fatal = e;
      },
    });
    await consumer.connect(async (messages) => {
      const batch = messages.map((m) => {
        const result = validateEvent(JSON.parse(m.value!.toString()));
        if (!result.ok) throw new Error(`invalid event in topic: ${JSON.stringify(result.errors)}`);
        return result.event;
      });
      return {
        backgroundTask: insertRawEvents(db, batch).then(() => {
          stored += batch.length;
          inserts++;
        }),
      };
    });
    const deadline = Date.now() + 90_000;
    while (stored < expected && !fatal && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    if (fatal) throw fatal;
    return { stored, inserts };
  }

  beforeAll(async () => {
    const infra = useInfra();
    db = await testDatabase(infra, 'pipeline');
    await testTopics(infra, [{ topic, partitions: 3 }]);
  });

  afterAll(async () => {
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db.close();
  });

  it('stores 10,000 produced events exactly once, in batches', async () => {
    expect(events).toHaveLength(10_000);
    await produceAll();
    const { stored, inserts } = await consumeIntoClickHouse(uniqueName('aggregator'), 10_000);
    expect(stored).toBe(10_000);
    expect(inserts).toBeGreaterThan(1);
    expect(inserts).toBeLessThan(10_000);
    expect(await countRawEvents(db)).toBe(10_000);
    for (const tenant of TENANTS) {
      const expected = events.filter((e) => e.tenant === tenant).length;
      expect(await countRawEvents(db, { tenant })).toBe(expected);
    }
  });

  it('counts the same 10,000 after the events are delivered and stored again', async () => {
    // The producer sends every event a second time, and a new consumer group reads the topic
    // from the start: 20,000 messages, all inserted again.
    await produceAll();
    const { stored } = await consumeIntoClickHouse(uniqueName('replay'), 20_000);
    expect(stored).toBe(20_000);
    const physical = await db.query<{ n: string }>(sql`SELECT count() AS n FROM raw_events_v1`);
    expect(Number(physical[0]?.n)).toBeGreaterThanOrEqual(10_000);
    expect(await countRawEvents(db)).toBe(10_000);
    const perType = await db.query<{ type: string; n: string }>(
      sql`SELECT type, uniqExact(event_id) AS n FROM raw_events_v1 GROUP BY type ORDER BY type`,
    );
    expect(perType.map((r) => [r.type, Number(r.n)])).toEqual([
      ['visit.arrived', 3334],
      ['visit.called', 3333],
      ['visit.finished', 3333],
    ]);
  });
});
