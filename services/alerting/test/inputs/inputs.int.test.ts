import { ident, sql } from '@stuurwiel/clickhouse';
import {
  makeEvent,
  testDatabase,
  testKafka,
  testTopics,
  uniqueName,
  useInfra,
} from '@stuurwiel/infra/testing';
import { createProducer, standardTopics } from '@stuurwiel/kafka';
import { manualClock } from '@stuurwiel/runtime';
import { type AlertingConfigMessage, alertingConfigKey, partitionKey, TOPICS } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { type Alerting, buildApp, loadConfig } from '../../src/index.js';

const TENANT = 'GM0363';
const silence: AlertingConfigMessage = {
  spec_version: 1,
  tenant: TENANT,
  changed_at: '2026-03-02T09:00:00Z',
  changed_by: 'lead-1',
  type: 'silence',
  silence: {
    silence_id: 'onderhoud',
    matchers: [{ name: 'team', value: 'vergunningen', op: '=' }],
    starts_at: '2026-03-02T09:00:00Z',
    ends_at: '2026-03-02T11:00:00Z',
    created_by: 'lead-1',
    comment: 'onderhoud zaaksysteem',
  },
};

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not reached`);
}

describe('alerting inputs on Kafka', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('reads what was written before it started, refuses invalid messages with a count, and is ready once caught up', async () => {
    const infra = useInfra();
    const prefix = `${uniqueName('alerting_inputs')}.`;
    await testTopics(infra, standardTopics(prefix, 2));
    const db = await testDatabase(infra, 'alerting');
    closers.push(async () => {
      await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
      await db.close();
    });
    const producer = createProducer(testKafka(infra));
    await producer.connect();
    closers.push(() => producer.disconnect());

    const queue = makeEvent('reference.queue', '2026-03-02T07:00:00Z', {
      queue_id: 'balie',
      name: 'Balie',
      channel: 'counter',
      location_id: 'stadhuis',
    });
    await producer.send(`${prefix}${TOPICS.reference}`, [
      { key: partitionKey(queue), value: JSON.stringify(queue) },
    ]);
    await producer.send(`${prefix}${TOPICS.alertingConfig}`, [
      { key: alertingConfigKey(silence), value: JSON.stringify(silence) },
      {
        key: `${TENANT}|rule|kapot`,
        value: JSON.stringify({ ...silence, type: 'rule', silence: undefined }),
      },
    ]);

    const alerting: Alerting = buildApp(
      loadConfig({
        KAFKA_BROKERS: infra.kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        CLICKHOUSE_URL: infra.clickhouse.url,
        CLICKHOUSE_USER: infra.clickhouse.username,
        CLICKHOUSE_PASSWORD: infra.clickhouse.password,
        CLICKHOUSE_DATABASE: db.database,
        ALERTING_GROUP_PREFIX: `${prefix}alerting`,
        LOG_LEVEL: 'silent',
      }),
      { clock: manualClock('2026-03-02T09:30:00Z') },
    );
    closers.push(() => alerting.app.close());
    await alerting.start();

    await until('ready', async () => {
      const res = await alerting.app.inject({ method: 'GET', url: '/readyz' });
      return res.statusCode === 200 ? true : undefined;
    });
    const view = alerting.world.view(TENANT);
    expect(view.silences().map((s) => s.silence_id)).toEqual(['onderhoud']);
    expect(view.locationOfQueue('balie')).toBe('stadhuis');
    expect(view.rules().some((r) => r.rule_id === 'kapot')).toBe(false);
    const metrics = (await alerting.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/alerting_input_messages_invalid_total\{input="config",service="alerting"\} 1/);

    // A tombstone written while it runs deletes the silence.
    await producer.send(`${prefix}${TOPICS.alertingConfig}`, [
      { key: alertingConfigKey(silence), value: null },
    ]);
    await until('silence deleted', () => (view.silences().length === 0 ? true : undefined));
  });
});
