import { connectClickHouse, type Db, sql } from '@stuurwiel/clickhouse';
import {
  createConsumer,
  createKafka,
  createProducer,
  type EventConsumer,
  type EventProducer,
} from '@stuurwiel/kafka';
import { buildServiceApp, type ServiceApp } from '@stuurwiel/runtime';
import { ALL_EVENT_TOPICS } from '@stuurwiel/schemas';
import { Counter } from 'prom-client';
import type { Config } from './config.js';
import { createFactPipeline } from './pipeline/fact-pipeline.js';
import { NOTHING_OWNED, type Ownership, ownershipOf } from './pipeline/ownership.js';
import { storedStateEvents, storedTenants } from './pipeline/rebuild.js';
import { rawEventWriter } from './raw/raw-event-writer.js';

export interface Aggregator {
  app: ServiceApp;
  /** Connects to ClickHouse and Kafka and starts consuming. */
  start(): Promise<void>;
}

/**
 * The aggregator: a consumer group over the canonical event topics that stores events in
 * ClickHouse, keeps open visits and calls, stores the facts of finished ones and recomputes
 * their rollups, committing offsets only after all of that was acknowledged.
 */
export function buildApp(config: Config, options: { onFatal?: (error: unknown) => void } = {}): Aggregator {
  const app = buildServiceApp({ name: 'aggregator', logLevel: config.LOG_LEVEL });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? 'stuurwiel-aggregator',
    log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
  });
  let db: Db | undefined;
  let consumer: EventConsumer | undefined;
  let producer: EventProducer | undefined;
  let consuming = false;

  app.register(async (scope) => {
    scope.addReadinessCheck('clickhouse', async () => {
      if (!db) throw new Error('not connected');
      await db.query(sql`SELECT 1`);
    });
    scope.addReadinessCheck('kafka_consumer', async () => {
      if (!consuming) throw new Error('not consuming');
    });
    scope.addHook('onClose', async () => {
      // Finish the batches in flight and commit their offsets before leaving the group.
      await consumer?.disconnect();
      await producer?.disconnect();
      await db?.close();
    });
  });

  return {
    app,
    async start() {
      await app.ready();
      db = await connectClickHouse({
        url: config.CLICKHOUSE_URL,
        username: config.CLICKHOUSE_USER,
        password: config.CLICKHOUSE_PASSWORD,
        database: config.CLICKHOUSE_DATABASE,
      });
      producer = createProducer(kafka);
      await producer.connect();
      const stored = new Counter({
        name: 'aggregator_raw_events_stored_total',
        help: 'Canonical events inserted into raw_events_v1 (redeliveries included)',
        registers: [app.metrics],
      });
      const database = db;
      const topics = ALL_EVENT_TOPICS.map((t) => `${config.KAFKA_TOPIC_PREFIX}${t}`);
      let pipeline = createFactPipeline(database);
      let ownership: Ownership = NOTHING_OWNED;
      // After every rebalance: keep state only for the tenants whose partition this replica now
      // owns, rebuilt from what is stored, before any batch of the new assignment is applied.
      const onAssignment = async (assignment: Readonly<Record<string, readonly number[]>>) => {
        const admin = kafka.admin();
        await admin.connect();
        let partitionCount: number;
        try {
          const [meta] = (await admin.fetchTopicMetadata({ topics: [topics[0]!] })).topics;
          partitionCount = meta?.partitions.length ?? 0;
        } finally {
          await admin.disconnect();
        }
        ownership = ownershipOf(assignment[topics[0]!] ?? [], partitionCount);
        const tenants = (await storedTenants(database)).filter((t) => ownership.owns(t));
        const next = createFactPipeline(database);
        const replay = await storedStateEvents(
          database,
          tenants,
          new Date(),
          config.AGGREGATOR_STATE_LOOKBACK_HOURS,
        );
        await next.apply(replay).store();
        pipeline = next;
        app.log.info(
          { partitions: [...ownership.partitions], tenants: tenants.length, events: replay.length },
          'partitions assigned; open-entity state rebuilt from ClickHouse',
        );
      };
      consumer = createConsumer(kafka, {
        onAssignment,
        groupId: config.AGGREGATOR_GROUP_ID,
        topics,
        maxInFlightBatches: config.AGGREGATOR_MAX_IN_FLIGHT_BATCHES,
        sessionTimeoutMs: config.AGGREGATOR_SESSION_TIMEOUT_MS,
        onFatal: (error) => {
          app.log.fatal({ err: error }, 'storing a batch failed; stopping so that it is read again');
          (options.onFatal ?? (() => process.exit(1)))(error);
        },
      });
      await consumer.connect(
        rawEventWriter({
          db,
          deadLetters: producer,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          onStored: (n) => stored.inc(n),
          afterStored: (events) => pipeline.apply(events).store,
        }),
      );
      consuming = true;
    },
  };
}
