import type { FastifyInstance } from 'fastify';
import { probeLogLevel, sharedPlugin } from './plugin.js';

/** A readiness check resolves when the dependency it names is usable and rejects otherwise. */
export type ReadinessCheck = () => Promise<void>;

export interface HealthOptions {
  /** Checks known when the app is built; plugins may add more with `app.addReadinessCheck`. */
  checks?: Record<string, ReadinessCheck>;
  /** Time each check may take before it counts as failed. Default 2000 ms. */
  timeoutMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Registers a named readiness check that GET /readyz runs. Names must be unique. */
    addReadinessCheck(name: string, check: ReadinessCheck): void;
  }
}

const statusSchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['status'],
} as const;

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return 'ok';
  } catch (err) {
    return err instanceof Error && err.message ? err.message : String(err) || 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz answers 200 while the process runs (liveness: restart me if this fails).
 * GET /readyz runs every readiness check concurrently, each with a timeout, and answers 200 when
 * all pass or 503 naming each failing check with its error (readiness: route traffic to me).
 */
export const healthPlugin = sharedPlugin<HealthOptions>(
  'stuurwiel-health',
  async (app: FastifyInstance, options) => {
    const timeoutMs = options.timeoutMs ?? 2000;
    const checks = new Map<string, ReadinessCheck>();
    const logLevel = probeLogLevel(app.log.level);

    app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck) => {
      if (checks.has(name)) throw new Error(`Readiness check '${name}' is already registered`);
      checks.set(name, check);
    });
    for (const [name, check] of Object.entries(options.checks ?? {})) app.addReadinessCheck(name, check);

    app.get('/healthz', { logLevel, schema: { response: { 200: statusSchema } } }, async () => ({
      status: 'ok',
    }));

    app.get(
      '/readyz',
      { logLevel, schema: { response: { 200: statusSchema, 503: statusSchema } } },
      async (request, reply) => {
        const entries = [...checks];
        const results = await Promise.all(entries.map(([, check]) => runCheck(check, timeoutMs)));
        const report = Object.fromEntries(entries.map(([name], i) => [name, results[i] ?? 'failed']));
        const ready = results.every((result) => result === 'ok');
        if (!ready) request.log.warn({ checks: report }, 'not ready');
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: report });
      },
    );
  },
);
