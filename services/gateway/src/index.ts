export { buildApp, type GatewayOptions } from './app.js';
export { principalOf, type RouteAccess } from './auth/plugin.js';
export { type Principal, ROLES, type Role, roleAtLeast } from './auth/principal.js';
export { signToken, tokenVerifier } from './auth/tokens.js';
export { generateWallscreenKey, hashWallscreenKey, wallscreenKeys } from './auth/wallscreen-keys.js';
export { type Config, configSchema, loadConfig } from './config.js';
export {
  createLiveCaches,
  type LiveCaches,
  type SnapshotCache,
  type SnapshotFilter,
  type WritableLiveCaches,
} from './live/cache.js';
export type { RouteEntry } from './plugins/route-table.js';
