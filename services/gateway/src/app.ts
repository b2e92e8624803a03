import { buildServiceApp, type ServiceApp } from '@stuurwiel/runtime';
import type { Config } from './config.js';

/**
 * The gateway app: the only door for people: REST, live push and the web pages.
 * Built without listening, so tests drive it with `app.inject`.
 */
export function buildApp(config: Config): ServiceApp {
  return buildServiceApp({
    name: 'gateway',
    logLevel: config.LOG_LEVEL,
    // No readiness checks yet: the Kafka and ClickHouse plugins register theirs with
    // app.addReadinessCheck when they arrive.
    readiness: {},
  });
}
