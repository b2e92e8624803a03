import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeRoutes } from './change-routes.js';
import type { SettingsRoutesOptions } from './commit.js';
import { muteRoutes } from './mute-routes.js';
import { normRoutes } from './norm-routes.js';
import { ruleRoutes } from './rule-routes.js';
import { silenceRoutes } from './silence-routes.js';

export {
  insertSettingsChange,
  listSettingsChanges,
  SETTING_KINDS,
  type SettingsChange,
  settingsInForce,
} from './changes.js';
export type { SettingsRoutesOptions } from './commit.js';
export { GATEWAY_SOURCE, normEvent, normsInForce } from './norms.js';
export { kafkaSettingsProducer, kafkaSettingsPublisher, type SettingsPublisher } from './publisher.js';

/**
 * Silences, mutes (team leads and up), rules, norms and the change log (managers and up): every
 * write is handed to alerting or the aggregator as data on its topic and recorded in the change log.
 */
export const settingsRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, registered) => {
  // Only the routes' own options go down: a `prefix` given to this plugin is already applied.
  const { db, publisher, principalOf, now } = registered;
  const options: SettingsRoutesOptions = { db, publisher, principalOf, ...(now ? { now } : {}) };
  await app.register(silenceRoutes, options);
  await app.register(muteRoutes, options);
  await app.register(ruleRoutes, options);
  await app.register(normRoutes, options);
  await app.register(changeRoutes, options);
};
