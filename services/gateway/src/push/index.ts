import { createKafka, type KafkaSecurity } from '@stuurwiel/kafka';
import { sharedPlugin } from '@stuurwiel/runtime';
import { Counter, Gauge, Histogram } from 'prom-client';
import { createLiveCaches, type LiveCaches } from './cache.js';
import { createLiveFeed, type LiveFeed } from './feed.js';
import { createHub } from './hub.js';
import { type Authenticate, attachSocketIo } from './socketio.js';
import { attachWebSocket } from './websocket.js';

export type { LiveCache, LiveCaches, WritableLiveCache, WritableLiveCaches } from './cache.js';
export { createLiveCache, createLiveCaches } from './cache.js';
export { createLiveFeed, type LiveFeed, type LiveFeedOptions } from './feed.js';
export { createHub, type Hub } from './hub.js';
export * from './messages.js';
export { defaultRooms, parseRoom, type Room, refusal, resolveRooms, roomName } from './rooms.js';
export { type Authenticate, type HandshakeRefusal, handshakeAuth, SOCKET_IO_PATH } from './socketio.js';
export { STREAM_PATH, STREAM_PROTOCOL } from './websocket.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live snapshots and alerts this replica keeps (GET /api/v1/live may read them). */
    liveCaches: LiveCaches;
    /** Live connections of this replica and the messages waiting for them. */
    livePush: { connections(): number; queued(): number };
  }
}

export interface PushKafkaOptions {
  brokers: string[];
  clientId?: string;
  topicPrefix?: string;
  security?: KafkaSecurity;
  /** Default: a group of this process's own, so that it reads both topics from the beginning. */
  groupId?: string;
}

export interface PushPluginOptions {
  /** Turns a bearer token into the caller; rejects (with a reason) when the token is not valid. */
  authenticate: Authenticate;
  /** Caches fed by someone else. Exactly one of `caches` and `kafka`. */
  caches?: LiveCaches;
  /** Where to read kpi.v1 and alerts.v1 into caches of the plugin's own. */
  kafka?: PushKafkaOptions;
  /** Browser origins socket.io accepts; none: same origin and non-browser clients only. */
  corsOrigins?: readonly string[];
  /** Called when the feed cannot go on; default: log and exit, so that the replica restarts. */
  onFatal?: (error: unknown) => void;
}

/**
 * Live push: socket.io (SOCKET_IO_PATH) for browsers and a plain WebSocket (STREAM_PATH) for
 * integrations, on the app's HTTP server, fed by this replica's own caches of kpi.v1 and alerts.v1.
 */
export const pushPlugin = sharedPlugin<PushPluginOptions>('stuurwiel-push', async (app, options) => {
  if ((options.caches === undefined) === (options.kafka === undefined)) {
    throw new Error('pushPlugin: pass exactly one of caches and kafka');
  }
  let feed: LiveFeed | undefined;
  let caches: LiveCaches;
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
  if (options.kafka) {
    const k = options.kafka;
    const own = createLiveCaches();
    caches = own;
    const kafka = createKafka({
      brokers: k.brokers,
      clientId: k.clientId ?? 'stuurwiel-gateway',
      ...(k.security ? { security: k.security } : {}),
      log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
    });
    feed = createLiveFeed({
      kafka,
      caches: own,
      ...(k.topicPrefix === undefined ? {} : { topicPrefix: k.topicPrefix }),
      ...(k.groupId === undefined ? {} : { groupId: k.groupId }),
      onApplied: (ms) => lag.observe(ms / 1000),
      onInvalid: (problem) => {
        invalid.inc({ topic: problem.topic });
        app.log.warn({ live: problem }, `ignored an invalid message on ${problem.topic}: ${problem.reason}`);
      },
      onFatal:
        options.onFatal ??
        ((error) => {
          app.log.fatal({ err: error }, 'the live feed stopped');
          process.exit(1);
        }),
    });
  } else caches = options.caches!;
  app.decorate('liveCaches', caches);

  const hub = createHub(caches);
  app.decorate('livePush', { connections: () => hub.connections(), queued: () => hub.queued() });
  const io = attachSocketIo(app.server, {
    hub,
    authenticate: options.authenticate,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
  });
  const stream = attachWebSocket(app.server, { hub, authenticate: options.authenticate });

  new Gauge({
    name: 'gateway_push_connections',
    help: 'Open live connections (socket.io and WebSocket).',
    registers: [app.metrics],
    collect() {
      this.set(hub.connections());
    },
  });
  new Gauge({
    name: 'gateway_push_queued_messages',
    help: 'Messages waiting for slow live connections (at most one per snapshot or alert each).',
    registers: [app.metrics],
    collect() {
      this.set(hub.queued());
    },
  });
  if (feed) {
    const running = feed;
    app.addReadinessCheck('live_feed', async () => {
      if (!running.caughtUp()) throw new Error('still reading kpi.v1 and alerts.v1');
    });
    app.addHook('onReady', () => running.start());
  }
  app.addHook('preClose', async () => {
    stream.close();
    io.disconnectSockets(true);
    io.engine.close();
    hub.close();
  });
  app.addHook('onClose', async () => {
    await feed?.stop();
  });
});
