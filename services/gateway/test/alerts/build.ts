import type { Db } from '@stuurwiel/clickhouse';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { alertRoutes } from '../../src/alerts/index.js';
import type { Principal } from '../../src/auth/principal.js';
import { type SettingsPublisher, settingsRoutes } from '../../src/settings/index.js';
import { type RecordingPublisher, recordingPublisher } from '../support/publisher.js';

export { type RecordingPublisher, recordingPublisher };

export const NOW = new Date('2026-05-04T09:00:00.000Z');

/** A caller of Amsterdam with this role, who may see all of it unless `teams` limits them. */
export const caller = (role: Principal['role'], teams: string[] | null = null): Principal => ({
  subject: `${role}-1`,
  tenant: 'GM0363',
  role,
  locations: null,
  teams,
  via: 'jwt',
});

/**
 * An in-memory stand-in for ClickHouse: every read answers no rows (no settings, norms or alerts
 * stored yet) and inserts are kept, so a unit test sees what reached the change log.
 */
export function emptyDb(): Db & { inserted: { table: string; rows: readonly Record<string, unknown>[] }[] } {
  const inserted: { table: string; rows: readonly Record<string, unknown>[] }[] = [];
  return {
    inserted,
    dialect: { name: 'legacy', version: '18.16.1', settings: {} },
    database: 'in-memory',
    command: () => Promise.resolve(),
    query: () => Promise.resolve([]),
    insert: async (table, rows) => void inserted.push({ table, rows }),
    insertText: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
  };
}

/** A fastify app with only the alert and settings routes, as the gateway app registers them. */
export async function buildSettingsApp(options: {
  principal: Principal;
  db: Db;
  publisher?: SettingsPublisher;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routeOptions = {
    db: options.db,
    publisher: options.publisher ?? recordingPublisher(),
    principalOf: () => options.principal,
    now: () => NOW,
  };
  await app.register(alertRoutes, { ...routeOptions, prefix: '/api/v1' });
  await app.register(settingsRoutes, { ...routeOptions, prefix: '/api/v1' });
  await app.ready();
  return app;
}
