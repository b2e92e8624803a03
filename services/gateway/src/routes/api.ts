import type { Clock } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { alertRoutes } from '../alerts/index.js';
import { principalOf } from '../auth/plugin.js';
import { historyRoutes } from '../history/index.js';
import { type SettingsPublisher, settingsRoutes } from '../settings/index.js';
import { liveRoutes } from './live.js';
import { sourcesRoutes } from './sources.js';

export interface ApiOptions {
  clock: Clock;
  publisher: SettingsPublisher;
}

/**
 * Everything under /api/v1: request and response checked by the routes' zod schemas (which also
 * make the OpenAPI document). Routes declare `config.auth` (see auth/plugin.ts).
 */
export async function apiRoutes(api: FastifyInstance, options: ApiOptions): Promise<void> {
  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
  await api.register(liveRoutes);
  await api.register(sourcesRoutes(options.clock));
  await api.register(historyRoutes, { db: () => api.clickhouse, principalOf, now: options.clock });
  const settings = {
    db: () => api.clickhouse,
    publisher: options.publisher,
    principalOf,
    now: options.clock,
  };
  await api.register(alertRoutes, settings);
  await api.register(settingsRoutes, settings);
}
