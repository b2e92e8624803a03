import { testDatabase, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { connectClickHouse } from '../src/client.js';
import { ident, sql } from '../src/dialect.js';
import { loadMigrations, migrate } from '../src/migrations.js';
import { describeServer } from './server-behaviour.js';

describeServer(
  'the server this run uses',
  () => testDatabase(useInfra(), 'ch'),
  async (db) => {
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db.close();
  },
);

describe('migrations', () => {
  it('run twice on a fresh database without error, applying everything once', async () => {
    const infra = useInfra();
    const db = await connectClickHouse({
      url: infra.clickhouse.url,
      username: infra.clickhouse.username,
      password: infra.clickhouse.password,
      database: uniqueName('migrate'),
    });
    try {
      const all = await loadMigrations();
      const first = await migrate(db);
      const second = await migrate(db);
      expect(first.applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
      expect(second.applied).toEqual([]);
      expect(second.skipped.map((m) => m.version)).toEqual(all.map((m) => m.version));
      const ledger = await db.query<{ version: number }>(
        sql`SELECT version FROM schema_migrations FINAL ORDER BY version`,
      );
      expect(ledger.map((r) => Number(r.version))).toEqual(all.map((m) => m.version));
      const tables = await db.query<{ name: string }>(
        sql`SELECT name FROM system.tables WHERE database = ${db.database} ORDER BY name`,
      );
      expect(tables.map((t) => t.name)).toContain('raw_events_v1');
    } finally {
      await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
      await db.close();
    }
  });

  it('run again statement by statement when the ledger is lost, a column added once', async () => {
    const db = await testDatabase(useInfra(), 'rerun');
    try {
      // As if the process died after a migration's statements but before it was recorded.
      await db.command(sql`DROP TABLE schema_migrations`);
      const again = await migrate(db);
      expect(again.applied.map((m) => m.version)).toEqual((await loadMigrations()).map((m) => m.version));
      const columns = await db.query<{ name: string }>(
        sql`SELECT name FROM system.columns WHERE database = ${db.database} AND table = 'raw_events_v1' AND name = 'source_instance'`,
      );
      expect(columns).toHaveLength(1);
    } finally {
      await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
      await db.close();
    }
  });

  it('refuses to continue when an applied migration file was edited', async () => {
    const db = await testDatabase(useInfra(), 'edited');
    try {
      const [first, ...rest] = await loadMigrations();
      const edited = { ...first!, checksum: 'different' };
      await expect(migrate(db, [edited, ...rest])).rejects.toThrow(
        `Migration ${first!.version}_${first!.name} was changed after it was applied; add a new migration instead`,
      );
    } finally {
      await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
      await db.close();
    }
  });
});
