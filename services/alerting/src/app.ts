import { buildServiceApp, type Clock, clockFromEnv, type ServiceApp } from '@stuurwiel/runtime';
import type { Config } from './config.js';
import { createAlertingMetrics } from './metrics.js';
import { clickhousePlugin } from './resources/clickhouse.js';
import { evaluationPlugin } from './resources/evaluation.js';
import { inputsPlugin } from './resources/inputs.js';
import { kafkaPlugin } from './resources/kafka.js';
import { createRound } from './round.js';
import { loadDefaultRules } from './rules/index.js';
import { createWorld, type DefaultRules, type World } from './world/world.js';

export interface AlertingOptions {
  /** The service clock; by default the one STUURWIEL_CLOCK_* asks for (else the wall clock). */
  clock?: Clock;
  /** Rules of a municipality before alerting.config.v1 says otherwise. */
  defaultRules?: DefaultRules;
  /** Where receivers read their secrets and the SMTP URL; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** A batch of an input could not be applied; by default the process exits so that it starts over. */
  onFatal?: (error: unknown) => void;
}

export interface Alerting {
  app: ServiceApp;
  /** What the inputs have told so far (read-only for everyone but the inputs). */
  world: World;
  /** Connects ClickHouse and Kafka, starts reading the inputs and the evaluation loop. */
  start(): Promise<void>;
}

/**
 * The alerting service: reads KPI snapshots, deadline items, reference data and its own settings,
 * evaluates each municipality's rules on a loop, runs the alert lifecycle and notifies. Every
 * resource is a plugin that connects when the app gets ready and closes with it.
 */
export function buildApp(config: Config, options: AlertingOptions = {}): Alerting {
  let started = false;
  let running = false;
  const app = buildServiceApp({
    name: 'alerting',
    logLevel: config.LOG_LEVEL,
    // The resources add their own checks when they start (ClickHouse, inputs caught up).
    readiness: {
      started: async () => {
        if (!running) throw new Error('not started');
      },
    },
  });
  const clock = options.clock ?? clockFromEnv(config);
  // Read when the app is built, so a broken rules file stops the start with its reasons.
  const defaults = options.defaultRules ? undefined : loadDefaultRules(config.ALERTING_DEFAULT_RULES_FILE);
  const world = createWorld(options.defaultRules ?? (() => defaults ?? []));
  const onFatal =
    options.onFatal ??
    ((error: unknown) => {
      app.log.fatal({ err: error }, 'applying an input batch failed; stopping so that it is read again');
      process.exit(1);
    });

  return {
    app,
    world,
    async start() {
      if (started) return;
      started = true;
      await app.register(clickhousePlugin, { config });
      // The shared metrics plugin has decorated the app once a later plugin has loaded.
      const metrics = createAlertingMetrics(app.metrics);
      await app.register(kafkaPlugin, { config });
      await app.register(inputsPlugin, { config, world, metrics, onFatal });
      await app.register(evaluationPlugin, {
        intervalMs: config.ALERTING_EVALUATION_INTERVAL_MS,
        clock,
        metrics,
        round: () => createRound({ app, world, config, metrics, clock, env: options.env ?? process.env }),
      });
      await app.ready();
      running = true;
    },
  };
}
