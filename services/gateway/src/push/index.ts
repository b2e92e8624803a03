import { sharedPlugin } from '@stuurwiel/runtime';
import { Gauge } from 'prom-client';
import type { LiveCaches } from '../live/cache.js';
import { createHub } from './hub.js';
import { type Authenticate, attachSocketIo } from './socketio.js';
import { attachWebSocket } from './websocket.js';

export { createHub, type Hub } from './hub.js';
export * from './messages.js';
export {
  defaultRooms,
  parseRoom,
  ROOM_KINDS,
  type Room,
  refusal,
  resolveRooms,
  roomName,
} from './rooms.js';
export { type Authenticate, type HandshakeRefusal, handshakeAuth, SOCKET_IO_PATH } from './socketio.js';
export { STREAM_PATH, STREAM_PROTOCOL } from './websocket.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Live connections of this replica and the messages waiting for them. */
    livePush: { connections(): number; queued(): number };
  }
}

export interface PushPluginOptions {
  /** Turns a bearer token into the caller; rejects (with a reason) when the token is not valid. */
  authenticate: Authenticate;
  /** The replica's caches (the live plugin's, fed by its one feed of kpi.v1 and alerts.v1). */
  caches: LiveCaches;
  /** Browser origins socket.io accepts; none: same origin and non-browser clients only. */
  corsOrigins?: readonly string[];
}

/**
 * Live push: socket.io (SOCKET_IO_PATH) for browsers and a plain WebSocket (STREAM_PATH) for
 * integrations, on the app's HTTP server, fed by the replica's caches of kpi.v1 and alerts.v1.
 */
export const pushPlugin = sharedPlugin<PushPluginOptions>('stuurwiel-push', async (app, options) => {
  const hub = createHub(options.caches);
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
  app.addHook('preClose', async () => {
    stream.close();
    io.disconnectSockets(true);
    io.engine.close();
    hub.close();
  });
});
