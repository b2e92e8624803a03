import { randomBytes } from 'node:crypto';
import { connectClickHouse, type Db, ident, migrate, sql } from '@stuurwiel/clickhouse';
import { createKafka, ensureTopics, type TopicSpec } from '@stuurwiel/kafka';
import { afterAll, beforeAll, inject } from 'vitest';
import type { InfraInfo } from './provider.js';

export { SeededRandom, seededRandom } from './random.js';
export { type EventOverrides, makeEvent, type PayloadInput, TEST_TENANT } from './test-events.js';

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

/**
 * A migrated database of the test file's own: created before its tests, dropped after them.
 * Returns a getter, since the database exists only once `beforeAll` has run.
 */
export function useTestDatabase(prefix = 'test'): () => Db {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await testDatabase(useInfra(), prefix);
  });
  afterAll(async () => {
    if (!db) return;
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db.close();
  });
  return () => {
    if (!db) throw new Error('useTestDatabase: the database is there only inside tests and hooks');
    return db;
  };
}

export function testKafka(infra: InfraInfo, clientId = 'stuurwiel-test') {
  return createKafka({ brokers: infra.kafka.brokers, clientId });
}

export async function testTopics(infra: InfraInfo, specs: readonly TopicSpec[]): Promise<void> {
  await ensureTopics(testKafka(infra, 'stuurwiel-test-admin'), specs);
}
