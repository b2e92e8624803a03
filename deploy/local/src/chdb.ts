import { type Db, dialectForVersion, ident, quoteString, render, Sql, sql } from '@stuurwiel/clickhouse';
import { Session } from 'chdb';

/**
 * A `Db` on chdb: a current ClickHouse (the one the `@chdb/lib-*` package brings) running inside
 * this process, so that tests can prove every statement on a current server where no container
 * runtime is available. Statements are rendered for the dialect the engine reports, exactly as
 * `connectClickHouse` renders them for a server, and values travel as bound parameters.
 * For tests only: it never ships in a service.
 */
export interface ChdbDb extends Db, AsyncDisposable {
  /** The session's temporary data folder; close() removes it. */
  readonly path: string;
  /** False once closed. */
  readonly open: boolean;
}

function jsonEachRow<Row>(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Row);
}

/**
 * Opens a chdb session in a temporary folder with `database` created and selected. A process holds
 * one chdb session at a time: close it (or `await using` it) before opening another.
 */
export async function openChdb(database = 'stuurwiel'): Promise<ChdbDb> {
  const session = new Session();
  try {
    const versionRows = jsonEachRow<{ version: string }>(
      (await session.queryAsync('SELECT version() AS version', { format: 'JSONEachRow' })).text(),
    );
    const dialect = dialectForVersion(versionRows[0]?.version ?? '');
    const run = async (statement: Sql) => {
      const { query, params } = render(statement, dialect);
      return (await session.queryBindAsync(query, params, { format: 'JSONEachRow' })).text();
    };
    // A server is sent the dialect's settings with every request; a session keeps them once set.
    for (const [name, value] of Object.entries(dialect.settings)) {
      const text = typeof value === 'number' ? String(value) : quoteString(value);
      await run(new Sql([`SET ${ident(name).name} = ${text}`], []));
    }
    await run(sql`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
    await run(sql`USE ${ident(database)}`);
    const close = async () => {
      session.close();
    };
    return {
      dialect,
      database,
      path: session.path,
      get open() {
        return session.open;
      },
      async command(statement) {
        await run(statement);
      },
      async query<Row>(statement: Sql) {
        return jsonEachRow<Row>(await run(statement));
      },
      async insert(table, rows) {
        if (rows.length === 0) return;
        const values = rows.map((row) => JSON.stringify(row)).join('\n');
        await session.insert({ table, values, format: 'JSONEachRow' });
      },
      async insertText(table, columns, format, body) {
        if (body.length === 0) return;
        await session.insert({ table, values: body, format, columns });
      },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    session.close();
    throw error;
  }
}
