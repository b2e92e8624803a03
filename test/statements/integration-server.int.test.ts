import { connectClickHouse, ident, sql } from '@stuurwiel/clickhouse';
import { uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { describeCatalogue } from './describe-catalogue.js';

describeCatalogue(
  "the integration run's ClickHouse server",
  () => {
    const { url, username, password } = useInfra().clickhouse;
    return connectClickHouse({ url, username, password, database: uniqueName('catalogue') });
  },
  async (db) => {
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db.close();
  },
);
