import { createKafka } from '@stuurwiel/kafka';
import { buildServiceApp, type ServiceApp } from '@stuurwiel/runtime';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { createLiveCaches, type WritableLiveCaches } from '../../../src/live/cache.js';
import { livePlugin } from '../../../src/plugins/live.js';
import {
  type PushPluginOptions,
  pushPlugin,
  type ServerMessage,
  serverMessage,
} from '../../../src/push/index.js';

export interface PushServerOptions extends Omit<PushPluginOptions, 'caches'> {
  /** Caches the test fills itself; or `kafka`, whose topics the live feed reads into new ones. */
  caches?: WritableLiveCaches;
  kafka?: { brokers: string[]; topicPrefix: string; onFatal: (error: unknown) => void };
}

/** A gateway of only the live caches and push on a free loopback port. */
export async function startPushServer(options: PushServerOptions): Promise<{ app: ServiceApp; url: string }> {
  const { caches = createLiveCaches(), kafka, ...push } = options;
  const app = buildServiceApp({ name: 'gateway', logLevel: 'error' });
  await app.register(livePlugin, {
    caches,
    ...(kafka
      ? {
          consume: {
            kafka: createKafka({ brokers: kafka.brokers, clientId: 'push-test' }),
            topicPrefix: kafka.topicPrefix,
            onFatal: kafka.onFatal,
          },
        }
      : {}),
  });
  await app.register(pushPlugin, { ...push, caches });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

/** Every message a client received, in order, each checked against the protocol's schema. */
export class Received {
  readonly messages: ServerMessage[] = [];
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  add(raw: unknown): void {
    const message = serverMessage.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(message)) return true;
      w.resolve(message);
      return false;
    });
  }

  /** The first message so far or later that passes `test`. */
  next<T extends ServerMessage>(test: (m: ServerMessage) => m is T): Promise<T>;
  next(test: (m: ServerMessage) => boolean): Promise<ServerMessage>;
  next(test: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  snapshots() {
    return this.messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
  }
  alerts() {
    return this.messages.flatMap((m) => (m.type === 'alert' ? [m.alert] : []));
  }
}

export interface IoClient {
  socket: Socket;
  received: Received;
  /** Resolves on connect; rejects with the connect_error (message and data) when refused. */
  connected: Promise<void>;
}

export function ioClient(url: string, auth: Record<string, unknown>): IoClient {
  const received = new Received();
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('message', (m: unknown) => received.add(m));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, received, connected };
}

export interface WsClient {
  ws: WebSocket;
  received: Received;
  opened: Promise<void>;
  send(message: unknown): void;
}

export function wsClient(
  url: string,
  options: { token?: string; header?: boolean; protocols?: string[] } = {},
): WsClient {
  const received = new Received();
  const target = new URL('/api/v1/stream', url.replace(/^http/, 'ws'));
  if (options.token && !options.header) target.searchParams.set('token', options.token);
  const ws = new WebSocket(target, options.protocols ?? [], {
    headers: options.token && options.header ? { authorization: `Bearer ${options.token}` } : {},
  });
  ws.on('message', (data) => received.add(data.toString()));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, received, opened, send: (message) => ws.send(JSON.stringify(message)) };
}
