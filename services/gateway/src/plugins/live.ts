import type { createKafka } from '@stuurwiel/kafka';
import { sharedPlugin } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import type { LiveCaches, SnapshotCache, WritableLiveCaches } from '../live/cache.js';
import { createLiveFeed } from '../live/feed.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The current KPI snapshots, filled from kpi.v1 (REST /live and /sources read it). */
    snapshots: SnapshotCache;
    /** Snapshots and alerts of this replica, the one picture REST and live push read. */
    liveCaches: LiveCaches;
  }
}

export interface LivePluginOptions {
  caches: WritableLiveCaches;
  /** How to read kpi.v1 and alerts.v1; absent when a test fills the caches itself. */
  consume?: {
    kafka: ReturnType<typeof createKafka>;
    topicPrefix: string;
    onFatal: (error: unknown) => void;
  };
}

/**
 * Decorates `app.liveCaches` (and `app.snapshots`); with `consume`, starts the replica's one feed
 * of kpi.v1 and alerts.v1 when the app is ready (ready once it has caught up) and stops it on close.
 */
export const livePlugin = sharedPlugin<LivePluginOptions>(
  'stuurwiel-gateway-live',
  async (app: FastifyInstance, options) => {
    app.decorate('liveCaches', options.caches);
    app.decorate('snapshots', options.caches.snapshots);
    const consume = options.consume;
    if (!consume) return;
    const invalid = new Counter({
      name: 'gateway_live_invalid_messages_total',
      help: 'Messages on kpi.v1 or alerts.v1 that were no valid snapshot or alert, and were not applied.',
      labelNames: ['topic'],
      registers: [app.metrics],
    });
    const lag = new Histogram({
      name: 'gateway_live_feed_lag_seconds',
      help: "From a snapshot's or alert's Kafka timestamp to its application to the caches (and its routing to the connections' outboxes).",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [app.metrics],
    });
    const feed = createLiveFeed({
      kafka: consume.kafka,
      caches: options.caches,
      topicPrefix: consume.topicPrefix,
      onApplied: (ms) => lag.observe(ms / 1000),
      onInvalid: (problem) => {
        invalid.inc({ topic: problem.topic });
        app.log.warn({ live: problem }, `skipped an invalid message on ${problem.topic}: ${problem.reason}`);
      },
      onFatal: consume.onFatal,
    });
    app.addReadinessCheck('live_feed', async () => {
      if (!feed.consuming()) throw new Error('not consuming kpi.v1 and alerts.v1');
      if (!feed.caughtUp()) throw new Error('still reading the present from kpi.v1 and alerts.v1');
    });
    app.addHook('onReady', () => feed.start());
    app.addHook('onClose', () => feed.stop());
  },
);
