import { type ClickHouseOptions, connectClickHouse, type Db, ping } from '@stuurwiel/clickhouse';
import { sharedPlugin } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The gateway's ClickHouse connection; connected on first use (see lazyDb). */
    clickhouse: Db;
  }
}

/**
 * A Db that connects on its first statement and again after a failed attempt, so that the gateway
 * starts (and serves live figures) while ClickHouse is still down; /readyz says so meanwhile.
 */
export function lazyDb(connect: () => Promise<Db>): Db {
  let connecting: Promise<Db> | undefined;
  let connected: Db | undefined;
  const db = () => {
    connecting ??= connect().then(
      (made) => (connected = made),
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  };
  return {
    get dialect() {
      if (!connected) throw new Error('ClickHouse is not connected yet');
      return connected.dialect;
    },
    get database() {
      return connected?.database ?? '';
    },
    command: async (statement) => (await db()).command(statement),
    query: async (statement) => (await db()).query(statement),
    insert: async (table, rows) => (await db()).insert(table, rows),
    insertText: async (table, columns, format, body) => (await db()).insertText(table, columns, format, body),
    close: async () => {
      const pending = connecting;
      connecting = undefined;
      connected = undefined;
      await (await pending?.catch(() => undefined))?.close();
    },
  };
}

export type ClickHousePluginOptions = { db: Db } | { connect: ClickHouseOptions };

/** Decorates `app.clickhouse`, checks it for /readyz and closes the connection it made with the app. */
export const clickhousePlugin = sharedPlugin<ClickHousePluginOptions>(
  'stuurwiel-gateway-clickhouse',
  async (app: FastifyInstance, options) => {
    const db = 'db' in options ? options.db : lazyDb(() => connectClickHouse(options.connect));
    app.decorate('clickhouse', db);
    app.addReadinessCheck('clickhouse', () => ping(db));
    // A connection given by the caller (a test's database) is the caller's to close.
    if (!('db' in options)) app.addHook('onClose', () => db.close());
  },
);
