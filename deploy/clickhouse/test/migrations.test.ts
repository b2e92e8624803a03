import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadMigrations, splitStatements } from '../src/migrations.js';

describe('migration files', () => {
  it('splits statements at semicolons that end a line and drops comment lines', () => {
    const text =
      "-- a comment; with a semicolon\nCREATE TABLE a (s String DEFAULT ';')\nENGINE = Log;\n\nCREATE TABLE b (x UInt8) ENGINE = Log;\n";
    expect(splitStatements(text)).toEqual([
      "CREATE TABLE a (s String DEFAULT ';')\nENGINE = Log",
      'CREATE TABLE b (x UInt8) ENGINE = Log',
    ]);
  });

  it('loads the shipped migrations in order, numbered without gaps from 1', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) {
      for (const statement of m.statements) expect(statement).toMatch(/IF NOT EXISTS|IF EXISTS/);
    }
  });

  it('rejects a file that does not follow the naming rule', async () => {
    const dir = mkdtempSync(`${tmpdir()}/migrations-`);
    writeFileSync(`${dir}/create-things.sql`, 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(
      "Migration file 'create-things.sql' must be named NNNN_snake_case.sql",
    );
  });
});
