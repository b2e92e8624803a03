import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ConfigError, type LogLevel } from './env.js';
import { healthPlugin, type ReadinessCheck } from './health.js';
import { metricsPlugin } from './metrics.js';

/** The fastify instance every service builds on. */
export type ServiceApp = FastifyInstance;

export interface ServiceAppOptions {
  /** Service name: the `service` field of every log line and the `service` label of every metric. */
  name: string;
  /** Named readiness checks for GET /readyz. Plugins may add more with `app.addReadinessCheck`. */
  readiness?: Record<string, ReadinessCheck>;
  /** Time each readiness check may take. Default 2000 ms. */
  readinessTimeoutMs?: number;
  logLevel?: LogLevel;
  /**
   * How a request appears in the "incoming request" log line; fastify's default (method, url with
   * query, host, client address) unless given. A service that must not log client addresses
   * passes its own.
   */
  logRequest?: (request: FastifyRequest) => Record<string, unknown>;
  /** Where JSON log lines go; stdout by default. Tests pass a collector. */
  logStream?: { write(line: string): void };
  /** Largest request body in bytes (fastify's default is 1 MiB); larger bodies get 413. */
  bodyLimit?: number;
  /**
   * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client
   * (`request.ip`); from anyone else the header is ignored. Default: none.
   */
  trustedProxies?: readonly string[];
  /**
   * Registers plugins before the health and metrics routes exist: those whose onRoute hooks must
   * see every route (an OpenAPI generator).
   */
  before?: (app: FastifyInstance) => void;
}

function errorName(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

/**
 * A schema validation failure as `querystring.domain: reason; body.rule.target: reason`: each
 * field named by where it was (params, querystring, body, headers) and its path, so that a caller
 * knows which value to fix. Undefined for any other error.
 */
function validationReason(error: unknown): string | undefined {
  const { validation, validationContext } = (error ?? {}) as {
    validation?: { instancePath?: string; message?: string }[];
    validationContext?: string;
  };
  if (!Array.isArray(validation) || validation.length === 0) return undefined;
  return validation
    .map((issue) => {
      const path = (issue.instancePath ?? '').split('/').filter(Boolean);
      return `${[validationContext ?? 'request', ...path].join('.')}: ${issue.message ?? 'invalid'}`;
    })
    .join('; ');
}

/**
 * A fastify app with JSON logs, GET /healthz, GET /readyz, GET /metrics and one error handler.
 * The error handler logs server errors and answers `{error: 'internal_error'}` without their
 * message (it may hold hosts, queries or data); client errors (4xx) keep their message as `reason`, the field every stuurwiel error uses;
 * a schema validation error's reason names each invalid field (`querystring.domain: ...`).
 * Build it, register routes and plugins, then test it with `app.inject` or run it with `runService`.
 */
export function buildServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = Fastify({
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.trustedProxies?.length ? { trustProxy: [...options.trustedProxies] } : {}),
    logger: {
      level: options.logLevel ?? 'info',
      base: { service: options.name },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      ...(options.logStream ? { stream: options.logStream } : {}),
      ...(options.logRequest ? { serializers: { req: options.logRequest } } : {}),
    },
  });

  options.before?.(app);
  app.register(metricsPlugin, { service: options.name });
  app.register(healthPlugin, {
    checks: options.readiness ?? {},
    ...(options.readinessTimeoutMs === undefined ? {} : { timeoutMs: options.readinessTimeoutMs }),
  });

  app.setErrorHandler((error, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({ error: 'internal_error' });
    }
    const message = validationReason(error) ?? (error instanceof Error ? error.message : String(error));
    return reply.code(status).send({ error: errorName(status), reason: message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', reason: `Route ${request.method} ${request.url} not found` }),
  );

  return app;
}

export type ShutdownHook = () => void | Promise<void>;

export interface ShutdownOptions {
  app: Pick<FastifyInstance, 'close'> & { log: FastifyBaseLogger };
  /** Run once, in order, after the app has closed. */
  hooks?: readonly ShutdownHook[];
  /** After this long the process exits 1 even if closing hangs. Default 10000 ms. */
  timeoutMs?: number;
  /** Ends the process; `process.exit` unless a test passes its own. Called at most once. */
  exit?: (code: number) => void;
}

/**
 * Returns the graceful shutdown handler. The first call closes the app (its onClose hooks release
 * Kafka and ClickHouse clients; fastify answers 503 to requests arriving meanwhile), runs the
 * shutdown hooks once, and exits 0, or 1 when something failed on the way. A second call while
 * shutting down (an impatient second Ctrl-C) or the timeout forces exit 1.
 */
export function createShutdown(options: ShutdownOptions): (reason: string) => Promise<void> {
  const { app } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const hooks = options.hooks ?? [];
  const exitProcess = options.exit ?? ((code: number) => process.exit(code));
  let exited = false;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    exitProcess(code);
  };
  let running: Promise<void> | undefined;

  return (reason: string) => {
    if (running) {
      app.log.warn({ reason }, 'shutdown requested again, forcing exit');
      exit(1);
      return running;
    }
    running = (async () => {
      app.log.info({ reason, timeoutMs }, 'shutting down');
      const timer = setTimeout(() => {
        app.log.error({ reason, timeoutMs }, 'shutdown timed out, forcing exit');
        exit(1);
      }, timeoutMs);
      let code = 0;
      try {
        await app.close();
      } catch (err) {
        app.log.error({ err }, 'closing the app failed');
        code = 1;
      }
      for (const hook of hooks) {
        try {
          await hook();
        } catch (err) {
          app.log.error({ err }, 'shutdown hook failed');
          code = 1;
        }
      }
      clearTimeout(timer);
      if (!exited) app.log.info({ reason, code }, 'shutdown complete');
      exit(code);
    })();
    return running;
  };
}

export interface RunServiceOptions {
  app: ServiceApp;
  port: number;
  host: string;
  /** Run once after the app has closed, e.g. to flush something that is not a fastify plugin. */
  onShutdown?: ShutdownHook | readonly ShutdownHook[];
  /** Default 10000 ms. */
  shutdownTimeoutMs?: number;
  /** Default SIGTERM and SIGINT. */
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

export interface RunningService {
  /** Where the server listens, e.g. http://0.0.0.0:8081. */
  address: string;
  /** The handler the signals call; exported so tests can drive it directly. */
  shutdown: (reason: string) => Promise<void>;
}

/** Listens, and shuts down gracefully on SIGTERM or SIGINT (see `createShutdown`). */
export async function runService(options: RunServiceOptions): Promise<RunningService> {
  const { app } = options;
  const hooks = options.onShutdown === undefined ? [] : [options.onShutdown].flat();
  const shutdown = createShutdown({
    app,
    hooks,
    ...(options.shutdownTimeoutMs === undefined ? {} : { timeoutMs: options.shutdownTimeoutMs }),
    ...(options.exit ? { exit: options.exit } : {}),
  });
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => void shutdown(signal));
  }
  const address = await app.listen({ port: options.port, host: options.host });
  return { address, shutdown };
}

/**
 * Runs a service's start function as the process's main. A failure to start (bad configuration,
 * port in use) becomes one fatal JSON log line on stderr and exit code 1.
 */
export function startService(name: string, start: () => Promise<unknown>): void {
  start().catch((err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    const line = {
      level: 60,
      time: new Date().toISOString(),
      service: name,
      msg: `failed to start: ${error.message}`,
      // A configuration error is the operator's to fix; its stack would only hide the message.
      ...(error instanceof ConfigError
        ? {}
        : { err: { type: error.name, message: error.message, stack: error.stack } }),
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  });
}
