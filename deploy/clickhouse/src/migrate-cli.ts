#!/usr/bin/env node
// `npm run migrate`: applies pending ClickHouse migrations to the configured database.
import { z } from 'zod';
import { connectClickHouse } from './client.js';
import { clickhouseEnvSchema, clickhouseOptionsFromEnv } from './config.js';
import { migrate } from './migrations.js';

const parsed = clickhouseEnvSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const db = await connectClickHouse(clickhouseOptionsFromEnv(parsed.data));
try {
  const result = await migrate(db);
  console.log(
    JSON.stringify({
      database: db.database,
      server: db.dialect.version,
      applied: result.applied.map((m) => `${m.version}_${m.name}`),
      already_applied: result.skipped.length,
    }),
  );
} finally {
  await db.close();
}
