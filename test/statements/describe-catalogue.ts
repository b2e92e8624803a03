import { type Db, loadMigrations, migrate, sql } from '@stuurwiel/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENTS } from './catalogue.js';

const CREATED_TABLE = /CREATE TABLE IF NOT EXISTS (\w+)/;

/**
 * Runs every migration and then the statement catalogue, in order, on one fresh database of the
 * given server. `open` gives an empty database; `dispose` removes it and closes the connection.
 */
export function describeCatalogue(
  server: string,
  open: () => Promise<Db>,
  dispose: (db: Db) => Promise<void>,
) {
  describe(`every statement the services send, on ${server}`, () => {
    let db: Db | undefined;
    const using = () => {
      if (!db) throw new Error(`no database on ${server}: opening it failed`);
      return db;
    };
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      if (db) await dispose(db);
    });

    it('applies every migration file once, creating every table they name', async () => {
      const all = await loadMigrations();
      const first = await migrate(using());
      expect(first.applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
      expect((await migrate(using())).applied).toEqual([]);
      const named = all.flatMap((m) => m.statements.flatMap((s) => CREATED_TABLE.exec(s)?.[1] ?? []));
      const tables = await using().query<{ name: string }>(
        sql`SELECT name FROM system.tables WHERE database = ${using().database}`,
      );
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(named));
    });

    for (const statement of STATEMENTS) it(statement.name, () => statement.run(using()));
  });
}
