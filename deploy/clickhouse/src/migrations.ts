import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';
import { addColumnIfMissing, formatDateTime, Sql, sql } from './dialect.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

/** Splits a migration into statements: each ends with ';' at the end of a line. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file '${file}' must be named NNNN_snake_case.sql`);
    const text = await readFile(`${dir}/${file}`, 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new Error(`Two migrations share version ${version}`);
    }
    migrations.push({
      version,
      name: match[2]!,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    });
  }
  return migrations;
}

const CREATE_LEDGER = sql`
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version`;

export interface MigrationResult {
  applied: Migration[];
  skipped: Migration[];
}

/**
 * Applies pending migrations in order and records each one. Already applied migrations are
 * skipped; one whose file changed after it was applied is an error, since the database no
 * longer matches what the file says.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await loadMigrations());
  await db.command(CREATE_LEDGER);
  const rows = await db.query<{ version: number; checksum: string }>(
    sql`SELECT version, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY version`,
  );
  const applied = new Map(rows.map((r) => [Number(r.version), r.checksum]));
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const migration of all) {
    const known = applied.get(migration.version);
    if (known !== undefined) {
      if (known !== migration.checksum) {
        throw new Error(
          `Migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`,
        );
      }
      result.skipped.push(migration);
      continue;
    }
    for (const statement of migration.statements) {
      const addColumn = addColumnIfMissing(statement, db.dialect);
      if (!addColumn) {
        await db.command(new Sql([statement], []));
        continue;
      }
      const present = await db.query<{ n: number | string }>(sql`
        SELECT count() AS n FROM system.columns
        WHERE database = currentDatabase() AND table = ${addColumn.table} AND name = ${addColumn.column}`);
      if (Number(present[0]?.n ?? 0) === 0) await db.command(new Sql([addColumn.withoutClause], []));
    }
    await db.insert('schema_migrations', [
      {
        version: migration.version,
        name: migration.name,
        checksum: migration.checksum,
        applied_at: formatDateTime(new Date()),
      },
    ]);
    result.applied.push(migration);
  }
  return result;
}
