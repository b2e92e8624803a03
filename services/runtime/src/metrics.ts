import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { probeLogLevel, sharedPlugin } from './plugin.js';

export interface MetricsOptions {
  /** Added as a `service` label to every metric. */
  service: string;
  /** Registry to expose; a new one by default. Never the global registry, so apps stay separate. */
  registry?: Registry;
  /** Collect process and Node.js runtime metrics (default true). */
  defaultMetrics?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry: register service metrics here. */
    metrics: Registry;
  }
}

/**
 * GET /metrics in Prometheus text format, from a registry that belongs to this app, plus an
 * `http_request_duration_seconds` histogram of every request by method, route and status.
 * The route label is the route pattern (`/alerts/:id`), or `unmatched` for 404s, so that its
 * cardinality stays bounded.
 */
export const metricsPlugin = sharedPlugin<MetricsOptions>(
  'stuurwiel-metrics',
  async (app: FastifyInstance, options) => {
    const registry = options.registry ?? new Registry();
    registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to sending the response',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });

    app.decorate('metrics', registry);
    const logLevel = probeLogLevel(app.log.level);

    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { logLevel }, async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    });
  },
);
