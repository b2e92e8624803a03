import { connectClickHouse, ident, sql } from '@stuurwiel/clickhouse';
import { uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { describePanelSql } from './panel-sql.js';

describePanelSql(
  "the integration run's ClickHouse server (18.16)",
  () => {
    const { url, username, password } = useInfra().clickhouse;
    return connectClickHouse({ url, username, password, database: uniqueName('grafana') });
  },
  async (db) => {
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db.close();
  },
  './__snapshots__/panel-columns.snap',
);
