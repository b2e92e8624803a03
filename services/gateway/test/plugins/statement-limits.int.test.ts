import { connectClickHouse, sql } from '@stuurwiel/clickhouse';
import { useInfra } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { statementLimits } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { testEnv } from '../support/build.js';

describe("the gateway's statement limits", () => {
  it('make ClickHouse fail a statement that returns more rows than allowed, instead of cutting it short', async () => {
    const infra = useInfra();
    const config = loadConfig({ ...testEnv, GATEWAY_STATEMENT_MAX_ROWS: '5' });
    const db = await connectClickHouse({
      url: infra.clickhouse.url,
      username: infra.clickhouse.username,
      password: infra.clickhouse.password,
      database: 'default',
      settings: statementLimits(config),
    });
    try {
      await expect(db.query(sql`SELECT number FROM system.numbers LIMIT 5`)).resolves.toHaveLength(5);
      await expect(db.query(sql`SELECT number FROM system.numbers LIMIT 10`)).rejects.toThrow(
        /[Ll]imit for result/,
      );
    } finally {
      await db.close();
    }
  });
});
