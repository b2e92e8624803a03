import type { Db } from '@stuurwiel/clickhouse';
import type { InfraInfo } from '@stuurwiel/infra';
import { testTopics } from '@stuurwiel/infra/testing';
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
