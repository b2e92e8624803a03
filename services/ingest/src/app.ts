import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import {
  buildServiceApp,
  type Clock,
  clockFromEnv,
  kafkaSecurityFromEnv,
  type ServiceApp,
} from '@stuurwiel/runtime';
import type { FastifyRequest } from 'fastify';
import type { AdapterContext } from './adapters/types.js';
import { ApiKeys } from './auth/api-keys.js';
import {
  type CredentialStore,
  derived,
  fixedCredentials,
  watchCredentials,
} from './auth/credential-store.js';
import type { Credentials } from './auth/credentials.js';
import type { Config } from './config.js';
import { createEventSink, type EventSink } from './kafka/event-sink.js';
import { createIngestMetrics, observeCredentialReloads } from './metrics.js';
import { fingerprinter, pseudonymiser } from './privacy/pseudonymise.js';
import { asteriskRoute } from './routes/asterisk.js';
import { canonicalRoute } from './routes/canonical.js';
import { csvRoute, qmaticRoute, surveyRoute } from './routes/queue-management.js';
import { type IngestDeps, registerSourceRoute, type SourceRoute } from './routes/source-route.js';
import { zgwRoute } from './routes/zgw.js';

export interface BuildOptions {
  /**
   * Credentials given directly or a store of them (tests); otherwise INGEST_CREDENTIALS_FILE,
   * re-read every INGEST_CREDENTIALS_RELOAD_MS.
   */
  credentials?: Credentials | CredentialStore;
  /** Replaces the Kafka sink (unit tests of the HTTP layer only). */
  sink?: EventSink;
  /** Where log lines go instead of stdout (tests that read the logs). */
  logStream?: { write(line: string): void };
  /** The service clock; otherwise STUURWIEL_CLOCK_* (the demo's shared clock) or the wall clock. */
  clock?: Clock;
}

const BODY_TYPES = ['application/json', 'application/x-ndjson', 'text/plain', 'text/csv'];

/** Every source endpoint; adapters add theirs here. */
export const SOURCE_ROUTES: SourceRoute[] = [
  canonicalRoute,
  asteriskRoute,
  zgwRoute,
  qmaticRoute,
  csvRoute,
  surveyRoute,
];

/**
 * The ingest app: turns source systems' input into canonical events on Kafka.
 * Built without listening, so tests drive it with `app.inject` or listen on port 0.
 */
export function buildApp(config: Config, options: BuildOptions = {}): ServiceApp {
  const rules = { allowInsecureHttp: config.INGEST_ALLOW_INSECURE_HTTP };
  // Receipts and the future/age checks follow the service clock, so that an accelerated demo's
  // events (stamped by the simulator on the shared demo clock) are judged on that same clock.
  const clock = options.clock ?? clockFromEnv(config);
  const credentials =
    options.credentials === undefined
      ? watchCredentials(config.INGEST_CREDENTIALS_FILE, {
          rules,
          intervalMs: config.INGEST_CREDENTIALS_RELOAD_MS,
        })
      : 'current' in options.credentials
        ? options.credentials
        : fixedCredentials(options.credentials);
  const app = buildServiceApp({
    name: 'ingest',
    logLevel: config.LOG_LEVEL,
    bodyLimit: config.INGEST_MAX_BODY_BYTES,
    trustedProxies: config.INGEST_TRUSTED_PROXIES,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const sink =
    options.sink ??
    createEventSink({
      brokers: config.KAFKA_BROKERS,
      clientId: config.KAFKA_CLIENT_ID ?? 'stuurwiel-ingest',
      security: kafkaSecurityFromEnv(config),
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      timeoutMs: config.INGEST_PRODUCE_TIMEOUT_MS,
      maxPendingEvents: config.INGEST_MAX_PENDING_EVENTS,
      lateDeliveryMemoryMs: config.INGEST_LATE_DELIVERY_MEMORY_SECONDS * 1000,
      log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
    });
  const pseudonymisers = derived(
    credentials,
    (current) =>
      new Map(
        Object.entries(current.tenants).map(([tenant, secrets]) => [
          tenant,
          pseudonymiser(secrets.pseudonym_secret),
        ]),
      ),
  );

  // Inside a plugin, so that the shared plugins' decorators (metrics, readiness) exist.
  app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    const perMinute = (max: number, keyGenerator: (request: FastifyRequest) => string) =>
      scope.createRateLimit({ max, timeWindow: 60_000, keyGenerator });
    const deps: IngestDeps = {
      keys: new ApiKeys(credentials),
      limits: {
        perKey: perMinute(config.INGEST_RATE_LIMIT_PER_MINUTE, (request) => `key ${request.apiKey?.id}`),
        failedPerAddress: perMinute(
          config.INGEST_FAILED_AUTH_PER_MINUTE,
          (request) => `address ${normalizeIP(request.ip)}`,
        ),
      },
      sink,
      metrics: createIngestMetrics(scope.metrics, () => sink.pendingEvents()),
      contextFor(tenant): AdapterContext {
        const pseudonymise = pseudonymisers().get(tenant);
        if (!pseudonymise) throw new Error(`no secrets configured for tenant ${tenant}`);
        const settings = credentials.current().tenants[tenant];
        const fingerprint = fingerprinter(settings!.pseudonym_secret);
        return { tenant, now: clock(), pseudonymise, fingerprint, settings };
      },
      maxRecords: config.INGEST_MAX_RECORDS,
      maxValues: config.INGEST_MAX_JSON_VALUES,
      maxFutureSeconds: config.INGEST_MAX_FUTURE_SECONDS,
      maxAgeSeconds: config.INGEST_MAX_EVENT_AGE_DAYS * 86_400,
    };
    scope.addReadinessCheck('kafka', () => sink.checkReachable(1500));
    observeCredentialReloads(credentials, scope.metrics, scope.log);
    scope.addHook('onClose', async () => {
      credentials.close();
      await sink.close();
    });

    // Bodies arrive as text: adapters parse them, so that an unparsable body is answered with
    // our reason and dead-lettered as received instead of vanishing in a framework error.
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(BODY_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

    for (const route of SOURCE_ROUTES) registerSourceRoute(scope, deps, route);
  });
  return app;
}
