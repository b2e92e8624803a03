import { connectClickHouse, type Db, insertRawEventsBody, ping } from '@stuurwiel/clickhouse';
import {
  createConsumer,
  createKafka,
  createProducer,
  type EventConsumer,
  type EventProducer,
  topicPartitionCount,
} from '@stuurwiel/kafka';
import { buildServiceApp, kafkaSecurityFromEnv, type ServiceApp } from '@stuurwiel/runtime';
import { ALL_EVENT_TOPICS } from '@stuurwiel/schemas';
import type { Config } from './config.js';
import { SOURCE_WINDOW_MS } from './live/index.js';
import { createAggregatorMetrics } from './metrics.js';
import { createFactPipeline, type FactPipeline } from './pipeline/fact-pipeline.js';
import { ownershipOf } from './pipeline/ownership.js';
import { createPartitionState, type PartitionState } from './pipeline/partition-state.js';
import { storedSourceFreshness, storedStateEvents, storedTenants } from './pipeline/rebuild.js';
import { createDecoder, type Decoder } from './raw/decoder.js';
import { rawEventWriter } from './raw/raw-event-writer.js';
import { createRollupScheduler, type RollupScheduler } from './rollups/rollup-scheduler.js';
import { createDeadlineService, type DeadlineService } from './snapshots/deadline-service.js';
import { createSnapshotService, type SnapshotService } from './snapshots/snapshot-service.js';
import { createCoalescingSink } from './storage/coalescing-sink.js';
import { createLateEventLog } from './time/late-event-log.js';

/** Events replayed per step when state is rebuilt after a rebalance. */
const REPLAY_SLICE = 2000;

export interface Aggregator {
  app: ServiceApp;
  /** Connects to ClickHouse and Kafka and starts consuming. */
  start(): Promise<void>;
}

export interface AggregatorOptions {
  onFatal?: (error: unknown) => void;
  /** The instant live KPIs describe; the wall clock unless a test replays a past day. */
  clock?: () => Date;
}

/**
 * The aggregator: a consumer group over the canonical event topics that stores events in
 * ClickHouse, keeps the open entities of the tenants it owns, stores the facts of finished ones
 * and recomputes their rollups, committing offsets only after all of that was acknowledged, and
 * publishes live KPI snapshots and the open items' deadlines.
 */
export function buildApp(config: Config, options: AggregatorOptions = {}): Aggregator {
  const app = buildServiceApp({ name: 'aggregator', logLevel: config.LOG_LEVEL });
  const clock = options.clock ?? (() => new Date());
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? 'stuurwiel-aggregator',
    security: kafkaSecurityFromEnv(config),
    log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
  });
  let db: Db | undefined;
  let consumer: EventConsumer | undefined;
  let producer: EventProducer | undefined;
  let snapshots: SnapshotService | undefined;
  let deadlines: DeadlineService | undefined;
  let partition: PartitionState | undefined;
  let rollups: RollupScheduler | undefined;
  let decoder: Decoder | undefined;
  let consuming = false;
  const fatal = (error: unknown) => {
    app.log.fatal({ err: error }, 'storing a batch failed; stopping so that it is read again');
    (options.onFatal ?? (() => process.exit(1)))(error);
  };

  app.register(async (scope) => {
    scope.addReadinessCheck('clickhouse', async () => {
      if (!db) throw new Error('not connected');
      await ping(db);
    });
    scope.addReadinessCheck('kafka_consumer', async () => {
      if (!consuming) throw new Error('not consuming');
    });
    scope.addHook('onClose', async () => {
      // Finish the batches in flight and commit their offsets before leaving the group.
      await consumer?.disconnect();
      await decoder?.close();
      await rollups?.stop();
      partition?.stop();
      await snapshots?.stop();
      await deadlines?.stop();
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
      const database = db;
      const metrics = createAggregatorMetrics(app.metrics);
      const topics = ALL_EVENT_TOPICS.map((t) => `${config.KAFKA_TOPIC_PREFIX}${t}`);
      // The norms in force come from the reference data of the current pipeline, read when a round
      // binds them; a new pipeline's only once its rebuild replayed the reference data, so that no
      // round in between stores a default norm.
      let reference: FactPipeline['reference'] | undefined;
      const rollupScheduler = createRollupScheduler(database, {
        intervalMs: config.AGGREGATOR_ROLLUP_INTERVAL_MS,
        dayIntervalMs: config.AGGREGATOR_ROLLUP_DAY_INTERVAL_MS,
        normsOf: (tenant) => reference?.norms(tenant) ?? [],
        shortAbandonSeconds: config.AGGREGATOR_SHORT_ABANDON_SECONDS,
        onError: (error) => app.log.error({ err: error }, 'recomputing rollups failed; will retry'),
        onRound: (seconds) => metrics.rollupRoundSeconds.observe(seconds),
        // A backlog fills the in-flight bound; live traffic keeps a fraction of it in flight.
        defer: () => (consumer?.inFlightMessages() ?? 0) > config.AGGREGATOR_MAX_IN_FLIGHT_EVENTS / 10,
        maxDeferMs: config.AGGREGATOR_ROLLUP_MAX_DEFER_MS,
      });
      rollups = rollupScheduler;
      const newPipeline = () =>
        createFactPipeline(database, {
          rollups: rollupScheduler,
          flushMaxFacts: config.AGGREGATOR_FLUSH_MAX_ROWS,
          flushIntervalMs: config.AGGREGATOR_FLUSH_INTERVAL_MS,
        });
      const rawSink = createCoalescingSink<{ body: string; count: number }>({
        flush: (batches) => insertRawEventsBody(database, batches.map((b) => b.body).join('')),
        weight: (b) => b.count,
        maxItems: config.AGGREGATOR_FLUSH_MAX_ROWS,
        maxDelayMs: config.AGGREGATOR_FLUSH_INTERVAL_MS,
      });
      const logTooLate = createLateEventLog((fields, message) => app.log.warn(fields, message));
      const state = createPartitionState({
        newPipeline,
        clock,
        sourceWindowMs: SOURCE_WINDOW_MS,
        outOfOrderMs: config.AGGREGATOR_OUT_OF_ORDER_SECONDS * 1000,
        allowedLatenessMs: config.AGGREGATOR_ALLOWED_LATENESS_SECONDS * 1000,
        openMaxAgeMs: config.AGGREGATOR_EXPIRE_OPEN_HOURS * 3_600_000,
        orphanMaxAgeMs: config.AGGREGATOR_EXPIRE_ORPHANS_DAYS * 86_400_000,
        onExpired: (dropped, facts) => {
          metrics.expired.inc(dropped + facts);
          app.log.info({ dropped, facts }, 'open entities idle too long were ended');
        },
        onLate: (event, lateness) => {
          metrics.late.inc({ lateness });
          if (lateness === 'too_late') logTooLate(event);
        },
        onError: (error) => app.log.error({ err: error }, 'ending idle open entities failed'),
      });
      partition = state;
      const live = createSnapshotService({
        state,
        producer,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        clock,
        minIntervalMs: config.AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS,
        shortAbandonSeconds: config.AGGREGATOR_SHORT_ABANDON_SECONDS,
        caseSuspendedLongDays: config.AGGREGATOR_CASE_SUSPENDED_LONG_DAYS,
        onPublished: (n) => metrics.snapshots.inc(n),
        onError: (error) => app.log.error({ err: error }, 'publishing KPI snapshots failed'),
      });
      snapshots = live;
      const deadlineItems = createDeadlineService({
        state,
        producer,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        clock,
        onPublished: (n) => metrics.deadlineItems.inc(n),
        onError: (error) => app.log.error({ err: error }, 'publishing deadline items failed'),
      });
      deadlines = deadlineItems;
      // After every rebalance: keep state only for the tenants whose partition this replica now
      // owns, rebuilt from what is stored, before any batch of the new assignment is applied.
      const onAssignment = async (assignment: Readonly<Record<string, readonly number[]>>) => {
        const started = Date.now();
        const ownership = ownershipOf(
          assignment[topics[0]!] ?? [],
          await topicPartitionCount(kafka, topics[0]!),
        );
        const tenants = (await storedTenants(database)).filter((t) => ownership.owns(t));
        // On the service clock, as the receipts (ingested_at) it compares with are.
        const replay = await storedStateEvents(
          database,
          tenants,
          clock(),
          config.AGGREGATOR_STATE_LOOKBACK_HOURS,
        );
        const freshness = await storedSourceFreshness(
          database,
          tenants,
          new Date(clock().getTime() - SOURCE_WINDOW_MS),
        );
        state.reset(freshness);
        // Replayed events were received before: they count for their source, but are no receipt.
        // In slices, each stored before the next: one synchronous pass over a day of events kept
        // the event loop from the consumer's heartbeats longer than its session.
        for (let i = 0; i < replay.length; i += REPLAY_SLICE)
          await state.apply(replay.slice(i, i + REPLAY_SLICE), null);
        reference = state.pipeline?.reference;
        metrics.rebuildSeconds.set((Date.now() - started) / 1000);
        metrics.partitions.set(ownership.partitions.size);
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
        maxInFlightMessages: config.AGGREGATOR_MAX_IN_FLIGHT_EVENTS,
        sessionTimeoutMs: config.AGGREGATOR_SESSION_TIMEOUT_MS,
        onFatal: fatal,
        onCommitError: (error) => app.log.warn({ err: error }, 'committing offsets failed; trying again'),
      });
      decoder = createDecoder({ threads: config.AGGREGATOR_DECODE_THREADS as 0 | 1, clock });
      await consumer.connect(
        rawEventWriter({
          decoder,
          deadLetters: producer,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          onStored: (n) => metrics.stored.inc(n),
          storeRaw: (rows) => rawSink.add([rows]),
          next: (events, receivedAtMs, rawStored) => {
            // One observation per batch (its last event), not per event: this is the hot path.
            const last = events.at(-1);
            if (last) metrics.applyLagSeconds.observe((Date.now() - Date.parse(last.occurred_at)) / 1000);
            return state.apply(events, receivedAtMs, rawStored);
          },
        }),
      );
      state.start();
      live.start();
      deadlineItems.start();
      rollupScheduler.start();
      consuming = true;
    },
  };
}
