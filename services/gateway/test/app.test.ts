import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../src/index.js';
import { bearer, build, TENANT_A, testEnv, tokenFor } from './support/build.js';

describe('gateway app', () => {
  it('answers /healthz', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 503 naming ClickHouse while it cannot be reached', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.clickhouse).not.toBe('ok');
  });

  it('answers /metrics in Prometheus format, labelled with the service', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total{service="gateway"}');
    expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('sets security headers', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('allows CORS for a configured origin only', async (t) => {
    const { app } = await build(t);
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/live',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('https://stuurwiel.example.nl');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://stuurwiel.example.nl');
    const other = await preflight('https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an invalid query with 400 and a reason naming the field', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/live?domain=weather',
      headers: bearer(await tokenFor('manager')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request' });
    expect(res.json().reason).toMatch(/^querystring\.domain: /);
  });

  it('answers an unknown query field with 400 naming it', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/live?colour=red',
      headers: bearer(await tokenFor('manager')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().reason).toContain('colour');
  });

  it('limits the requests of one caller per minute, apart from other callers', async (t) => {
    const { app } = await build(t, { env: { GATEWAY_RATE_LIMIT_PER_MINUTE: '2' } });
    const one = bearer(await tokenFor('manager', { subject: 'one' }));
    const other = bearer(await tokenFor('manager', { subject: 'other' }));
    const get = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/v1/live', headers });
    expect((await get(one)).statusCode).toBe(200);
    expect((await get(one)).statusCode).toBe(200);
    const third = await get(one);
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toBe('too_many_requests');
    expect((await get(other)).statusCode).toBe(200);
  });

  it('writes an audit line per request with who, municipality, route and status, without token, address or query', async (t) => {
    const lines: string[] = [];
    const { app } = await build(t, {
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line) => void lines.push(line) },
    });
    const token = await tokenFor('teamlead', { subject: 'user-17' });
    await app.inject({ method: 'GET', url: '/api/v1/live?domain=counter', headers: bearer(token) });
    await app.inject({ method: 'GET', url: '/api/v1/live' });
    const audits = lines.map((l) => JSON.parse(l)).filter((l) => l.audit);
    expect(audits.map((l) => l.audit)).toEqual([
      {
        subject: 'user-17',
        tenant: TENANT_A,
        role: 'teamlead',
        via: 'jwt',
        method: 'GET',
        route: '/api/v1/live',
        status: 200,
      },
      {
        subject: null,
        tenant: null,
        role: null,
        via: null,
        method: 'GET',
        route: '/api/v1/live',
        status: 401,
      },
    ]);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain('127.0.0.1');
    expect(lines.join('\n')).not.toContain('domain=counter');
  });
});

describe('gateway config', () => {
  it('listens on 8080 unless PORT says otherwise', () => {
    expect(loadConfig(testEnv).PORT).toBe(8080);
    expect(loadConfig({ ...testEnv, PORT: '9999' }).PORT).toBe(9999);
  });

  it('names the missing variables', () => {
    expect(() => loadConfig({})).toThrow(
      'Invalid configuration: KAFKA_BROKERS: required; CLICKHOUSE_URL: required',
    );
  });

  it('needs exactly one way to check tokens', () => {
    const { GATEWAY_JWT_SECRET: _, ...withoutSecret } = testEnv;
    expect(() => loadConfig(withoutSecret)).toThrow('GATEWAY_JWT_JWKS_URL: set GATEWAY_JWT_JWKS_URL');
    expect(() => loadConfig({ ...testEnv, GATEWAY_JWT_JWKS_URL: 'https://idp.example.nl/jwks' })).toThrow(
      'not both',
    );
  });

  it('names a malformed wall-screen key entry', () => {
    expect(() => loadConfig({ ...testEnv, GATEWAY_WALLSCREEN_KEYS: 'screen-1:abc:GM0363:hal' })).toThrow(
      'GATEWAY_WALLSCREEN_KEYS: each key must be key_id:sha256:tenant:location; the hash must be 64',
    );
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ ...testEnv, KAFKA_BROKERS: 'kafka' })).toThrow(
      'KAFKA_BROKERS: each broker must be host:port',
    );
  });

  it('documents every variable', () => {
    for (const [name, schema] of Object.entries(configSchema.shape)) {
      expect(schema.description, name).toBeTruthy();
    }
  });
});
