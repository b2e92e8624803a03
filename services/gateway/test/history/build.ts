import type { Db } from '@stuurwiel/clickhouse';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal } from '../../src/auth/principal.js';
import { historyRoutes } from '../../src/history/index.js';

/** A manager of Amsterdam who may see everything of it. */
export const MANAGER: Principal = {
  subject: 'manager-1',
  tenant: 'GM0363',
  role: 'manager',
  locations: null,
  teams: null,
  via: 'jwt',
};

/**
 * A fastify app with only the history routes, as the gateway app will register them: zod
 * validation and serialisation, the caller from `principal`. Tests drive it with `inject`.
 */
export async function buildHistoryApp(db: Db, principal: Principal = MANAGER): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(historyRoutes, {
    db,
    principalOf: () => principal,
    now: () => new Date('2026-05-01T12:00:00Z'),
    prefix: '/api/v1',
  });
  await app.ready();
  return app;
}

/** A Db that fails the test if anything reaches it: refused requests must never query. */
export const unreachableDb: Db = {
  dialect: { name: 'legacy', version: '18.16.1', settings: {} },
  database: 'unreachable',
  command: () => Promise.reject(new Error('ClickHouse was reached')),
  query: () => Promise.reject(new Error('ClickHouse was reached')),
  insert: () => Promise.reject(new Error('ClickHouse was reached')),
  insertText: () => Promise.reject(new Error('ClickHouse was reached')),
  close: () => Promise.resolve(),
};

/** A history URL from query parameters (values encoded; arrays as repeated parameters). */
export function historyUrl(
  params: Record<string, string | readonly string[]>,
  path = '/api/v1/history',
): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const value of typeof v === 'string' ? [v] : v) search.append(k, value);
  }
  return `${path}?${search.toString()}`;
}
