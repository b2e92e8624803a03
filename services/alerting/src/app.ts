import { buildServiceApp, type ServiceApp } from '@stuurwiel/runtime';
import type { Config } from './config.js';

/**
 * The alerting app: evaluates each municipality's norms against KPI snapshots and runs the alert lifecycle.
 * Built without listening, so tests drive it with `app.inject`.
 */
export function buildApp(config: Config): ServiceApp {
  return buildServiceApp({
    name: 'alerting',
    logLevel: config.LOG_LEVEL,
    // No readiness checks yet: the Kafka and ClickHouse plugins register theirs with
    // app.addReadinessCheck when they arrive.
    readiness: {},
  });
}
