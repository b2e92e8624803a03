import { sql } from '@stuurwiel/clickhouse';
import { makeEvent, testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, partitionKey, topicFor } from '@stuurwiel/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { aggregatorConfig, aggregatorTopics } from './harness.js';

// 30 walk-in visits, one every 4 minutes from 08:00 UTC; visit i waits 60 + 17i s and is served
// for 300 s. Events of every third visit arrive out of order (called before arrived).
function visits(): { events: CanonicalEvent[]; waits: number[] } {
  const events: CanonicalEvent[] = [];
  const waits: number[] = [];
  for (let i = 0; i < 30; i++) {
    const visit_id = `W${i}`;
    const arrived = Date.parse('2026-06-01T08:00:00Z') + i * 240_000;
    const wait = 60 + 17 * i;
    waits.push(wait);
    const base = { visit_id, location_id: 'stadhuis', queue_id: 'burgerzaken' };
    const arrivedEv = makeEvent('visit.arrived', new Date(arrived), { ...base, kind: 'walk_in' });
    const calledEv = makeEvent('visit.called', new Date(arrived + wait * 1000), {
      ...base,
      desk_id: 'balie-1',
    });
    const finishedEv = makeEvent('visit.finished', new Date(arrived + (wait + 300) * 1000), {
      ...base,
      outcome: 'served',
    });
    events.push(...(i % 3 === 0 ? [calledEv, arrivedEv, finishedEv] : [arrivedEv, calledEv, finishedEv]));
  }
  return { events, waits };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('aggregator: from events on Kafka to facts and rollups in ClickHouse', () => {
  const db = useTestDatabase('facts');
  const restartDb = useTestDatabase('restart');
  const prefix = `${uniqueName('facts')}.`;
  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
  });

  it('derives each visit fact once and rollups that equal a plain count, also after redelivery and restart', async () => {
    const infra = useInfra();
    const config = aggregatorConfig(infra, db(), prefix, {
      AGGREGATOR_GROUP_ID: uniqueName('group'),
      LOG_LEVEL: 'warn',
    });
    const { events, waits } = visits();
    const producer = createProducer(testKafka(infra));
    await producer.connect();
    const send = () =>
      producer.send(
        `${prefix}${topicFor('visit.arrived')}`,
        events.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
      );
    const factCount = async () =>
      Number((await db().query<{ n: string }>(sql`SELECT count() AS n FROM visit_facts_v1 FINAL`))[0]?.n);
    const rollupVisits = async () =>
      Number(
        (await db().query<{ n: string }>(sql`SELECT sum(visits) AS n FROM visits_per_hour_v1 FINAL`))[0]?.n,
      );

    await send();
    const first = buildApp(config);
    await first.start();
    await eventually(async () => (await factCount()) === 30 && (await rollupVisits()) === 30);
    await first.app.close();

    await send();
    const second = buildApp(config);
    await second.start();
    await new Promise((r) => setTimeout(r, 4000));
    await second.app.close();
    await producer.disconnect();

    expect(await factCount()).toBe(30);
    expect(await rollupVisits()).toBe(30);
    const facts = await db().query<{ visit_id: string; wait_seconds: number; service_seconds: number }>(
      sql`SELECT visit_id, wait_seconds, service_seconds FROM visit_facts_v1 FINAL ORDER BY toUInt32(substring(visit_id, 2))`,
    );
    expect(facts.map((f) => Number(f.wait_seconds))).toEqual(waits);
    expect(new Set(facts.map((f) => Number(f.service_seconds)))).toEqual(new Set([300]));
    const hours = await db().query<{ hour: string; visits: string; wait_sum: string }>(
      sql`SELECT toString(hour) AS hour, visits, wait_sum FROM visits_per_hour_v1 FINAL ORDER BY hour`,
    );
    // 15 arrivals per hour (every 4 minutes).
    expect(hours.map((h) => [h.hour, Number(h.visits), Number(h.wait_sum)])).toEqual([
      ['2026-06-01 08:00:00', 15, waits.slice(0, 15).reduce((a, b) => a + b, 0)],
      ['2026-06-01 09:00:00', 15, waits.slice(15).reduce((a, b) => a + b, 0)],
    ]);
  });

  it('rebuilds open visits from ClickHouse after a restart, so visits finished afterwards still get their facts', async () => {
    const infra = useInfra();
    const restartPrefix = `${uniqueName('restart')}.`;
    await aggregatorTopics(infra, restartPrefix);
    // The fixture's visits lie months back: with the default lookback, they are rebuilt because
    // they were stored recently.
    const config = aggregatorConfig(infra, restartDb(), restartPrefix, {
      AGGREGATOR_GROUP_ID: uniqueName('group'),
      LOG_LEVEL: 'warn',
    });
    const { events } = visits();
    const open = events.filter((e) => e.type !== 'visit.finished');
    const finished = events.filter((e) => e.type === 'visit.finished');
    const producer = createProducer(testKafka(infra));
    await producer.connect();
    const send = (list: CanonicalEvent[]) =>
      producer.send(
        `${restartPrefix}${topicFor('visit.arrived')}`,
        list.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
      );
    const stored = async () =>
      Number(
        (await restartDb().query<{ n: string }>(sql`SELECT count() AS n FROM raw_events_v1 FINAL`))[0]?.n,
      );
    const factCount = async () =>
      Number(
        (await restartDb().query<{ n: string }>(sql`SELECT count() AS n FROM visit_facts_v1 FINAL`))[0]?.n,
      );

    await send(open);
    const first = buildApp(config);
    await first.start();
    await eventually(async () => (await stored()) === open.length);
    expect(await factCount()).toBe(0);
    await first.app.close();

    await send(finished);
    const second = buildApp(config);
    await second.start();
    await eventually(async () => (await factCount()) === 30);
    await second.app.close();
    await producer.disconnect();
  });
});
