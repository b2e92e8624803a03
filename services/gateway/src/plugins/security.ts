import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { sharedPlugin } from '@stuurwiel/runtime';
import type { FastifyInstance } from 'fastify';

export interface SecurityOptions {
  /** Browser origins allowed to call the API; none when empty. */
  corsOrigins: readonly string[];
  /** Requests per minute per caller. */
  ratePerMinute: number;
}

/**
 * Security headers, CORS for the configured origins only, and a rate limit per caller: the token
 * subject of its municipality or the wall-screen key, else (anonymous requests) the address. The
 * limit counts after authentication (preHandler), so that one caller cannot use up another's.
 */
export const securityPlugin = sharedPlugin<SecurityOptions>(
  'stuurwiel-gateway-security',
  async (app: FastifyInstance, options) => {
    await app.register(helmet, {
      // swagger-ui at /docs loads its own scripts and styles; its plugin sets a matching policy there.
      // The charts of the web pages (ECharts' SVG) set style attributes: styles may be inline,
      // scripts never.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'", 'https:'],
          'img-src': ["'self'", 'data:'],
        },
      },
    });
    await app.register(cors, {
      origin: options.corsOrigins.length === 0 ? false : [...options.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    });
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: options.ratePerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) =>
        request.principal
          ? `caller ${request.principal.tenant} ${request.principal.subject}`
          : `address ${request.ip}`,
      // Probes and scrapers are not callers to throttle.
      allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.routeOptions.url ?? ''),
    });
  },
);
