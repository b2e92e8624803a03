import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';
import { LOG_LEVELS, type LogLevel } from './env.js';

/**
 * Marks a plugin as shared with its parent instead of encapsulated, so that its decorators and
 * hooks apply to the whole app (what `fastify-plugin` does, without the dependency). The name
 * shows up in fastify's plugin tree and error messages.
 */
export function sharedPlugin<Options extends FastifyPluginOptions>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  Object.defineProperties(plugin, {
    [Symbol.for('skip-override')]: { value: true },
    [Symbol.for('fastify.display-name')]: { value: name },
  });
  return plugin;
}

const SEVERITY: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * Log level for routes that probes and scrapers call every few seconds (health, metrics): their
 * routine request lines are dropped, warnings stay, and the app's own level still wins when it is
 * stricter (a route's logLevel may otherwise lower it).
 */
export function probeLogLevel(appLevel: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === appLevel) ?? 'silent';
  return (SEVERITY[level] ?? Number.POSITIVE_INFINITY) > SEVERITY.warn! ? level : 'warn';
}
