import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, configSchema, loadConfig } from '../src/index.js';

const env = {
  KAFKA_BROKERS: 'kafka:9092',
  CLICKHOUSE_URL: 'http://clickhouse:8123',
  LOG_LEVEL: 'silent',
};

describe('alerting app', () => {
  const { app } = buildApp(loadConfig(env));
  afterAll(() => app.close());

  it('answers /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is not ready before it started', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ checks: { started: 'not started' } });
  });

  it('answers /metrics in Prometheus format, labelled with the service', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total{service="alerting"}');
    expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
  });
});

describe('alerting config', () => {
  it('listens on 8083 unless PORT says otherwise', () => {
    expect(loadConfig(env).PORT).toBe(8083);
    expect(loadConfig({ ...env, PORT: '9999' }).PORT).toBe(9999);
  });

  it('names the missing variables', () => {
    expect(() => loadConfig({})).toThrow(
      'Invalid configuration: KAFKA_BROKERS: required; CLICKHOUSE_URL: required',
    );
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ ...env, KAFKA_BROKERS: 'kafka' })).toThrow(
      'KAFKA_BROKERS: each broker must be host:port',
    );
  });

  it('documents every variable', () => {
    for (const [name, schema] of Object.entries(configSchema.shape)) {
      expect(schema.description, name).toBeTruthy();
    }
  });
});
