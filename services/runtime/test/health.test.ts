import { afterEach, describe, expect, it } from 'vitest';
import { buildServiceApp, type ServiceApp } from '../src/service.js';

const apps: ServiceApp[] = [];
function app(options: Parameters<typeof buildServiceApp>[0]): ServiceApp {
  const built = buildServiceApp({ logLevel: 'silent', ...options });
  apps.push(built);
  return built;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

describe('GET /healthz', () => {
  it('answers ok while the process runs, whatever the dependencies do', async () => {
    const res = await app({
      name: 'test',
      readiness: { kafka: () => Promise.reject(new Error('down')) },
    }).inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('is ready when every check passes', async () => {
    const res = await app({
      name: 'test',
      readiness: { kafka: async () => {}, clickhouse: async () => {} },
    }).inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { kafka: 'ok', clickhouse: 'ok' } });
  });

  it('answers 503 naming the failing check and its error', async () => {
    const res = await app({
      name: 'test',
      readiness: {
        kafka: async () => {},
        clickhouse: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:8123');
        },
      },
    }).inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not_ready',
      checks: { kafka: 'ok', clickhouse: 'connect ECONNREFUSED 127.0.0.1:8123' },
    });
  });

  it('fails a check that takes longer than its timeout', async () => {
    const res = await app({
      name: 'test',
      readinessTimeoutMs: 20,
      readiness: { slow: () => new Promise<void>(() => {}) },
    }).inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ slow: 'timed out after 20 ms' });
  });

  it('counts a check that throws synchronously as failed', async () => {
    const res = await app({
      name: 'test',
      readiness: {
        broken: () => {
          throw new Error('no client');
        },
      },
    }).inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ broken: 'no client' });
  });

  it('runs checks that plugins add later and refuses a duplicate name', async () => {
    const a = app({ name: 'test' });
    a.register(async (child) => {
      child.addReadinessCheck('kafka', () => Promise.reject(new Error('no brokers')));
      expect(() => child.addReadinessCheck('kafka', async () => {})).toThrow("'kafka' is already registered");
    });
    const res = await a.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', checks: { kafka: 'no brokers' } });
  });
});
