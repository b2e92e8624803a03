import type { Db } from '@stuurwiel/clickhouse';
import type { InfraInfo } from '@stuurwiel/infra';
import { testKafka, testTopics } from '@stuurwiel/infra/testing';
import { createConsumer, type EventConsumer } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import { type Config, loadConfig } from '../../src/config.js';

/** The topics an aggregator reads and writes, under a test's own prefix. */
export function aggregatorTopics(infra: InfraInfo, prefix: string, partitions = 3): Promise<void> {
  return testTopics(infra, [
    ...[...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions })),
    { topic: `${prefix}${TOPICS.kpi}`, partitions, compacted: true },
    { topic: `${prefix}${TOPICS.deadlines}`, partitions, compacted: true },
  ]);
}

/** An aggregator configuration on the shared infrastructure, a test's database and prefix. */
export function aggregatorConfig(
  infra: InfraInfo,
  db: Db,
  prefix: string,
  extra: Record<string, string> = {},
): Config {
  return loadConfig({
    KAFKA_BROKERS: infra.kafka.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    CLICKHOUSE_URL: infra.clickhouse.url,
    CLICKHOUSE_USER: infra.clickhouse.username,
    CLICKHOUSE_PASSWORD: infra.clickhouse.password,
    CLICKHOUSE_DATABASE: db.database,
    AGGREGATOR_GROUP_ID: `${prefix}aggregator`,
    LOG_LEVEL: 'error',
    // Tests read the day tables as soon as the facts are in: recompute them every round.
    AGGREGATOR_ROLLUP_DAY_INTERVAL_MS: '0',
    ...extra,
  });
}

/** Polls until `probe` returns something other than undefined, and returns that. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Reads an output topic of the aggregator (kpi.v1, deadlines.v1) under a test's prefix from its
 * start, handing every keyed message to `onMessage` in order, parsed (null: a tombstone).
 * Disconnect the returned consumer when done.
 */
export async function readOutputTopic<T>(
  infra: InfraInfo,
  prefix: string,
  topic: string,
  parse: (value: unknown) => T,
  onMessage: (key: string, value: T | null) => void,
): Promise<EventConsumer> {
  const reader = createConsumer(testKafka(infra, `${prefix}reader`), {
    groupId: `${prefix}reader`,
    topics: [`${prefix}${topic}`],
    onFatal: () => {},
  });
  await reader.connect(async (messages) => {
    for (const m of messages) {
      if (!m.key) continue;
      onMessage(m.key, m.value === null ? null : parse(JSON.parse(m.value.toString())));
    }
    return {};
  });
  return reader;
}
