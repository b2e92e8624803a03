import { countRawEvents, insertRawEvents, sql } from '@stuurwiel/clickhouse';
import {
  makeEvent,
  testKafka,
  testTopics,
  uniqueName,
  useInfra,
  useTestDatabase,
} from '@stuurwiel/infra/testing';
import { createConsumer, createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, partitionKey, validateEvent } from '@stuurwiel/schemas';
import { beforeAll, describe, expect, it } from 'vitest';

const TENANTS = ['GM0363', 'GM0599'] as const;
const VISITS = 3334; // three events each: 10,002 events, trimmed to exactly 10,000 below

/** Visitors for a passport a week apart in seconds, each called after 5 and served after 12 minutes. */
function visitEvents(): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  const day = Date.parse('2026-03-02T08:00:00+01:00');
  for (let v = 0; v < VISITS; v++) {
    const tenant = TENANTS[v % 2]!;
    const arrived = day + v * 7_000;
    const visit = { visit_id: `T${v}`, location_id: 'stadhuis' };
    const products = ['paspoort'];
    events.push(
      makeEvent(
        'visit.arrived',
        new Date(arrived),
        { ...visit, queue_id: 'paspoort', kind: 'walk_in', products },
        { tenant },
      ),
      makeEvent(
        'visit.called',
        new Date(arrived + 300_000),
        { ...visit, queue_id: 'paspoort', desk_id: `balie-${v % 6}` },
        { tenant },
      ),
      makeEvent(
        'visit.finished',
        new Date(arrived + 720_000),
        { ...visit, outcome: 'served', products },
        { tenant },
      ),
    );
  }
  return events.slice(0, 10_000);
}

describe('canonical events from Kafka into ClickHouse', () => {
  const db = useTestDatabase('pipeline');
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
        backgroundTask: insertRawEvents(db(), batch).then(() => {
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
    await testTopics(infra, [{ topic, partitions: 3 }]);
  });

  it('stores 10,000 produced events exactly once, in batches', async () => {
    expect(events).toHaveLength(10_000);
    await produceAll();
    const { stored, inserts } = await consumeIntoClickHouse(uniqueName('aggregator'), 10_000);
    expect(stored).toBe(10_000);
    expect(inserts).toBeGreaterThan(1);
    expect(inserts).toBeLessThan(10_000);
    expect(await countRawEvents(db())).toBe(10_000);
    for (const tenant of TENANTS) {
      const expected = events.filter((e) => e.tenant === tenant).length;
      expect(await countRawEvents(db(), { tenant })).toBe(expected);
    }
  });

  it('counts the same 10,000 after the events are delivered and stored again', async () => {
    // The producer sends every event a second time, and a new consumer group reads the topic
    // from the start: 20,000 messages, all inserted again.
    await produceAll();
    const { stored } = await consumeIntoClickHouse(uniqueName('replay'), 20_000);
    expect(stored).toBe(20_000);
    const physical = await db().query<{ n: string }>(sql`SELECT count() AS n FROM raw_events_v1`);
    expect(Number(physical[0]?.n)).toBeGreaterThanOrEqual(10_000);
    expect(await countRawEvents(db())).toBe(10_000);
    const perType = await db().query<{ type: string; n: string }>(
      sql`SELECT type, uniqExact(event_id) AS n FROM raw_events_v1 GROUP BY type ORDER BY type`,
    );
    expect(perType.map((r) => [r.type, Number(r.n)])).toEqual([
      ['visit.arrived', 3334],
      ['visit.called', 3333],
      ['visit.finished', 3333],
    ]);
  });
});
