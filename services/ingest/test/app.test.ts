import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, configSchema, loadConfig } from '../src/index.js';
import { testCredentials } from './credentials-fixture.js';

const env = {
  KAFKA_BROKERS: '127.0.0.1:1',
  INGEST_CREDENTIALS_FILE: '(given directly)',
  LOG_LEVEL: 'silent',
};

describe('ingest app', () => {
  const app = buildApp(loadConfig(env), { credentials: testCredentials().credentials });
  afterAll(() => app.close());

  it('answers /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is not ready while Kafka cannot be reached, and says so', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', checks: { kafka: expect.any(String) } });
  });

  it('answers /metrics in Prometheus format, labelled with the service', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total{service="ingest"}');
    expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
  });
});

describe('ingest config', () => {
  it('listens on 8081 unless PORT says otherwise', () => {
    expect(loadConfig(env).PORT).toBe(8081);
    expect(loadConfig({ ...env, PORT: '9999' }).PORT).toBe(9999);
  });

  it('names the missing variables', () => {
    expect(() => loadConfig({})).toThrow('Invalid configuration: KAFKA_BROKERS: required');
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ ...env, KAFKA_BROKERS: 'kafka' })).toThrow(
      'KAFKA_BROKERS: each broker must be host:port',
    );
  });

  it('names the SASL variables a SASL protocol needs', () => {
    expect(() => loadConfig({ ...env, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toThrow(
      'Invalid configuration: KAFKA_SASL_USERNAME: required with SASL_SSL; KAFKA_SASL_PASSWORD: required with SASL_SSL',
    );
  });

  it('documents every variable', () => {
    for (const [name, schema] of Object.entries(configSchema.shape)) {
      expect(schema.description, name).toBeTruthy();
    }
  });
});
