import { randomBytes } from 'node:crypto';
import { connectClickHouse, type Db, migrate } from '@stuurwiel/clickhouse';
import { createKafka, ensureTopics, type TopicSpec } from '@stuurwiel/kafka';
import { inject } from 'vitest';
import type { InfraInfo } from './provider.js';

/** The run's shared infrastructure (see vitest-global-setup.ts). */
export function useInfra(): InfraInfo {
  return inject('infra');
}

/** A name no other test in this run uses, for topics, groups and databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A fresh, migrated database of its own for one test file. */
export async function testDatabase(infra: InfraInfo, prefix = 'test'): Promise<Db> {
  const db = await connectClickHouse({
    url: infra.clickhouse.url,
    username: infra.clickhouse.username,
    password: infra.clickhouse.password,
    database: uniqueName(prefix),
  });
  await migrate(db);
  return db;
}

export function testKafka(infra: InfraInfo, clientId = 'stuurwiel-test') {
  return createKafka({ brokers: infra.kafka.brokers, clientId });
}

export async function testTopics(infra: InfraInfo, specs: readonly TopicSpec[]): Promise<void> {
  await ensureTopics(testKafka(infra, 'stuurwiel-test-admin'), specs);
}
