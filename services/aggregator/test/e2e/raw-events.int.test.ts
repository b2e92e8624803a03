import { countRawEvents } from '@stuurwiel/clickhouse';
import { testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, partitionKey, TOPICS, topicFor } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { walkIn } from '../support/walk-in.js';
import { aggregatorConfig, aggregatorTopics } from './harness.js';

/** Visitor n arrives n seconds after 08:00 UTC. */
const arrival = (n: number) => walkIn(`R${n}`).arrived(new Date(Date.UTC(2026, 2, 2, 8, 0, n)));

async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('aggregator storing canonical events', () => {
  const db = useTestDatabase('agg');

  it('stores each event once, survives a restart with redelivery, and dead-letters a stray message', async () => {
    const infra = useInfra();
    const prefix = `${uniqueName('agg')}.`;
    await aggregatorTopics(infra, prefix);
    const config = aggregatorConfig(infra, db(), prefix, {
      AGGREGATOR_GROUP_ID: uniqueName('group'),
      LOG_LEVEL: 'warn',
    });
    const producer = createProducer(testKafka(infra));
    await producer.connect();
    const events = Array.from({ length: 500 }, (_, n) => arrival(n));
    const send = (list: CanonicalEvent[]) =>
      producer.send(
        `${prefix}${topicFor('visit.arrived')}`,
        list.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
      );
    await send(events.slice(0, 300));
    await producer.send(`${prefix}${topicFor('visit.arrived')}`, [
      { key: 'GM0363:x', value: '{"not":"an event"}' },
    ]);

    const first = buildApp(config);
    await first.start();
    await eventually(async () => (await countRawEvents(db())) === 300);
    expect((await first.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await first.app.close();

    // The same events again (a producer retry) plus new ones, read by a new process.
    await send(events);
    const second = buildApp(config);
    await second.start();
    await eventually(async () => (await countRawEvents(db())) === 500);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countRawEvents(db())).toBe(500);
    await second.app.close();
    await producer.disconnect();

    const kafka = testKafka(infra, 'dlq-reader');
    const reader = kafka.consumer({ groupId: uniqueName('dlq') });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}${TOPICS.deadLetter}`, fromBeginning: true });
    const letters: { original: unknown; errors: { path: string }[] }[] = [];
    await reader.run({
      eachMessage: async ({ message }) => void letters.push(JSON.parse(message.value!.toString())),
    });
    await eventually(async () => letters.length >= 1, 30_000);
    await reader.disconnect();
    expect(letters[0]!.original).toEqual({ not: 'an event' });
  });
});
