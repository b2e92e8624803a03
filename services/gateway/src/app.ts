import type { Db } from '@stuurwiel/clickhouse';
import { createKafka } from '@stuurwiel/kafka';
import {
  buildServiceApp,
  type Clock,
  clockFromEnv,
  kafkaSecurityFromEnv,
  type ServiceApp,
} from '@stuurwiel/runtime';
import { type AuthOptions, authenticateCredential, authPlugin } from './auth/plugin.js';
import { tokenVerifier } from './auth/tokens.js';
import { wallscreenKeys } from './auth/wallscreen-keys.js';
import type { Config } from './config.js';
import { createLiveCaches, type WritableLiveCaches } from './live/cache.js';
import { clickhousePlugin } from './plugins/clickhouse.js';
import { livePlugin } from './plugins/live.js';
import { registerOpenApi } from './plugins/openapi.js';
import { recordRoutes } from './plugins/route-table.js';
import { securityPlugin } from './plugins/security.js';
import { DEFAULT_WEB_DIR, webPlugin } from './plugins/web.js';
import { pushPlugin } from './push/index.js';
import { apiRoutes } from './routes/api.js';
import { kafkaSettingsProducer, type SettingsPublisher } from './settings/index.js';

/**
 * What one statement may cost, enforced by ClickHouse itself: a time limit and a row limit past
 * which the statement fails instead of returning a partial answer.
 */
export function statementLimits(config: Config): Record<string, string | number> {
  return {
    max_execution_time: config.GATEWAY_STATEMENT_TIMEOUT_SECONDS,
    max_result_rows: config.GATEWAY_STATEMENT_MAX_ROWS,
    result_overflow_mode: 'throw',
  };
}

export interface GatewayOptions {
  /** The gateway's "now" (quiet_seconds); from STUURWIEL_CLOCK_* unless a test passes its own. */
  clock?: Clock;
  /** The live caches (snapshots and alerts); new in-memory ones by default. */
  caches?: WritableLiveCaches;
  /** Read kpi.v1 and alerts.v1 into the caches (default true); tests that fill them themselves say false. */
  consumeLive?: boolean;
  /** A ClickHouse connection (tests); otherwise one to CLICKHOUSE_URL, made on first use. */
  db?: Db;
  /** Where log lines go instead of stdout (tests that read the audit lines). */
  logStream?: { write(line: string): void };
  /** Where rules, silences, mutes, acknowledgements and norms go; Kafka (connected on first use) by default. */
  publisher?: SettingsPublisher;
  /** Called when the feed of kpi.v1 and alerts.v1 fails for good; process exit by default. */
  onFatal?: (error: unknown) => void;
}

/**
 * The gateway app: the only door for people: REST, live push and the web pages. Each resource
 * (ClickHouse, the feed of kpi.v1 and alerts.v1, the push sockets) is a plugin that closes itself
 * with the app. Built without listening, so tests drive it with `app.inject`.
 */
export function buildApp(config: Config, options: GatewayOptions = {}): ServiceApp {
  const clock = options.clock ?? clockFromEnv(config);
  const app = buildServiceApp({
    name: 'gateway',
    logLevel: config.LOG_LEVEL,
    bodyLimit: config.GATEWAY_MAX_BODY_BYTES,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    // People's addresses are personal data, and a query string may hold more than a route needs:
    // the request line says which route was asked, the audit line who asked.
    logRequest: (request) => ({ method: request.method, path: request.url.split('?')[0] }),
    before: (root) => {
      recordRoutes(root);
      registerOpenApi(root, { version: '1' });
    },
  });

  app.register(
    clickhousePlugin,
    options.db
      ? { db: options.db }
      : {
          connect: {
            url: config.CLICKHOUSE_URL,
            username: config.CLICKHOUSE_USER,
            password: config.CLICKHOUSE_PASSWORD,
            database: config.CLICKHOUSE_DATABASE,
            settings: statementLimits(config),
          },
        },
  );
  const caches = options.caches ?? createLiveCaches();
  app.register(livePlugin, {
    caches,
    ...(options.consumeLive === false
      ? {}
      : {
          consume: {
            kafka: kafkaClient(app, config),
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            onFatal:
              options.onFatal ??
              ((error) => {
                app.log.fatal({ err: error }, 'reading kpi.v1 and alerts.v1 failed; stopping');
                process.exit(1);
              }),
          },
        }),
  });
  const auth: AuthOptions = {
    verifyToken: tokenVerifier({
      issuer: config.GATEWAY_JWT_ISSUER,
      audience: config.GATEWAY_JWT_AUDIENCE,
      keys:
        config.GATEWAY_JWT_JWKS_URL !== undefined
          ? { jwksUrl: config.GATEWAY_JWT_JWKS_URL }
          : { secret: config.GATEWAY_JWT_SECRET! },
    }),
    verifyWallscreenKey: wallscreenKeys(config.GATEWAY_WALLSCREEN_KEYS),
  };
  app.register(authPlugin, auth);
  app.register(securityPlugin, {
    corsOrigins: config.GATEWAY_CORS_ORIGINS,
    ratePerMinute: config.GATEWAY_RATE_LIMIT_PER_MINUTE,
  });
  app.register(apiRoutes, {
    prefix: '/api/v1',
    clock,
    publisher: options.publisher ?? settingsProducer(app, config),
  });
  app.register(webPlugin, { dir: config.GATEWAY_WEB_DIR ?? DEFAULT_WEB_DIR });
  // The handshake is checked as a REST request is: the same token verifier and wall-screen keys.
  app.register(pushPlugin, {
    caches,
    authenticate: (credential) => authenticateCredential(credential, auth),
    corsOrigins: config.GATEWAY_CORS_ORIGINS,
  });
  return app;
}

/** A Kafka client of the gateway, logging through the app's logger. */
function kafkaClient(app: ServiceApp, config: Config) {
  return createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? 'stuurwiel-gateway',
    security: kafkaSecurityFromEnv(config),
    log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
  });
}

/** The Kafka producer of settings changes, closed with the app. */
function settingsProducer(app: ServiceApp, config: Config): SettingsPublisher {
  const producer = kafkaSettingsProducer(kafkaClient(app, config), config.KAFKA_TOPIC_PREFIX);
  app.addHook('onClose', () => producer.close());
  return producer.publisher;
}
