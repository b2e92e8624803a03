import { sharedPlugin } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';
import { createKpiConsumer, type KpiConsumerOptions } from '../live/kpi-consumer.js';
import type { SnapshotCache } from '../live/snapshot-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The current KPI snapshots, filled from kpi.v1 (REST /live, /sources and live push read it). */
    snapshots: SnapshotCache;
  }
}

export interface LivePluginOptions {
  cache: SnapshotCache;
  /** How to read kpi.v1; absent when a test fills the cache itself. */
  consume?: Omit<KpiConsumerOptions, 'cache' | 'onInvalid' | 'onFatal'> & {
    onFatal: (error: unknown) => void;
  };
}

/** Decorates `app.snapshots`; with `consume`, starts the kpi.v1 consumer when the app is ready and stops it on close. */
export const livePlugin = sharedPlugin<LivePluginOptions>(
  'stuurwiel-gateway-live',
  async (app: FastifyInstance, options) => {
    app.decorate('snapshots', options.cache);
    const consume = options.consume;
    if (!consume) return;
    const consumer = createKpiConsumer({
      ...consume,
      cache: options.cache,
      onInvalid: (details) =>
        app.log.warn({ kpi: details }, 'skipped a kpi.v1 message that is no valid snapshot'),
    });
    app.addReadinessCheck('kpi_consumer', async () => {
      if (!consumer.consuming()) throw new Error('not consuming kpi.v1');
      if (!consumer.caughtUp()) throw new Error('still reading the present from kpi.v1');
    });
    app.addHook('onReady', async () => {
      await consumer.start();
    });
    app.addHook('onClose', () => consumer.stop());
  },
);
