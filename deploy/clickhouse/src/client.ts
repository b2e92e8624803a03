import { Readable } from 'node:stream';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { type Dialect, dialectForVersion, ident, render, type Sql, sql } from './dialect.js';

export interface ClickHouseOptions {
  url: string;
  username?: string;
  password?: string;
  database: string;
  /** Applied to every request, e.g. for tests that want quick failure. */
  requestTimeoutMs?: number;
  /**
   * ClickHouse settings sent with every statement, e.g. the gateway's limits on what one caller
   * may cost (`max_execution_time`, `max_result_rows`); they apply on 18.16 and current servers.
   */
  settings?: Readonly<Record<string, string | number>>;
}

/**
 * A ClickHouse connection that knows which server dialect it talks to. Services receive one from
 * connectClickHouse; tests may also hold one on an in-process current ClickHouse (chdb).
 */
export interface Db {
  readonly dialect: Dialect;
  readonly database: string;
  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT). */
  command(statement: Sql): Promise<void>;
  /** Runs a query and returns its rows as objects. */
  query<Row = Record<string, unknown>>(statement: Sql): Promise<Row[]>;
  /** Inserts rows as JSONEachRow. */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  /** Inserts a body already encoded in a text format, its fields in the order of `columns`. */
  insertText(table: string, columns: readonly string[], format: 'TabSeparated', body: string): Promise<void>;
  close(): Promise<void>;
}

function makeClient(options: ClickHouseOptions, database: string): ClickHouseClient {
  return createClient({
    url: options.url,
    username: options.username ?? 'default',
    password: options.password ?? '',
    database,
    request_timeout: options.requestTimeoutMs ?? 60_000,
    // A process busy with a large batch checks its idle sockets late; a socket the server has
    // closed meanwhile would be reused and fail the statement. Check each socket's age on reuse.
    keep_alive: { enabled: true, eagerly_destroy_stale_sockets: true },
  });
}

/**
 * A statement failed because its socket was closed under it (by the server's keep-alive, or a
 * proxy), not because of the statement. Every statement here may be sent again: queries read,
 * and every table keeps one row per key (ReplacingMergeTree), so a repeated insert changes nothing
 * that FINAL reads, as a redelivered Kafka batch does not.
 */
export function isConnectionReset(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' || code === 'EPIPE' || message === 'socket hang up';
}

const RESEND_ATTEMPTS = 3;

async function resendingOnReset<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= RESEND_ATTEMPTS || !isConnectionReset(error)) throw error;
    }
  }
}

async function serverVersion(client: ClickHouseClient): Promise<string> {
  const result = await client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' });
  const rows = (await result.json()) as { version: string }[];
  const version = rows[0]?.version;
  if (!version) throw new Error('ClickHouse did not report its version');
  return version;
}

/** Asks the server for an answer: a readiness check. */
export async function ping(db: Db): Promise<void> {
  await db.query(sql`SELECT 1`);
}

/**
 * Connects to the given database, creating it when missing, and detects the server dialect.
 */
export async function connectClickHouse(options: ClickHouseOptions): Promise<Db> {
  const bootstrap = makeClient(options, 'default');
  let dialect: Dialect;
  try {
    dialect = dialectForVersion(await serverVersion(bootstrap));
    const create = render(sql`CREATE DATABASE IF NOT EXISTS ${ident(options.database)}`, dialect);
    await bootstrap.command({ query: create.query, query_params: create.params });
  } finally {
    await bootstrap.close();
  }
  const client = makeClient(options, options.database);
  const settings = { ...dialect.settings, ...options.settings };
  return {
    dialect,
    database: options.database,
    async command(statement) {
      const { query, params } = render(statement, dialect);
      await resendingOnReset(() =>
        client.command({ query, query_params: params, clickhouse_settings: settings }),
      );
    },
    async query<Row>(statement: Sql) {
      const { query, params } = render(statement, dialect);
      return resendingOnReset(async () => {
        const result = await client.query({
          query,
          query_params: params,
          format: 'JSONEachRow',
          clickhouse_settings: settings,
        });
        return (await result.json()) as Row[];
      });
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      await resendingOnReset(() =>
        client.insert({
          table,
          values: rows as Record<string, unknown>[],
          format: 'JSONEachRow',
          clickhouse_settings: settings,
        }),
      );
    },
    async insertText(table, columns, format, body) {
      if (body.length === 0) return;
      await resendingOnReset(() =>
        client.insert({
          table,
          values: Readable.from([body], { objectMode: false }),
          columns: [...columns] as [string, ...string[]],
          format,
          clickhouse_settings: settings,
        }),
      );
    },
    close: () => client.close(),
  };
}
