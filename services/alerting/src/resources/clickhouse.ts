import { connectClickHouse, type Db, ping } from '@stuurwiel/clickhouse';
import { sharedPlugin } from '@stuurwiel/runtime';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** The ClickHouse connection: connected when the app gets ready, ready while it answers, closed with the app. */
export const clickhousePlugin = sharedPlugin<{ config: Config }>(
  'alerting-clickhouse',
  async (app, { config }) => {
    const db = await connectClickHouse({
      url: config.CLICKHOUSE_URL,
      username: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      database: config.CLICKHOUSE_DATABASE,
    });
    app.decorate('db', db);
    app.addReadinessCheck('clickhouse', () => ping(db));
    app.addHook('onClose', () => db.close());
  },
);
