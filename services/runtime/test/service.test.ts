import { afterEach, describe, expect, it } from 'vitest';
import { buildServiceApp, type ServiceApp } from '../src/service.js';

function collector() {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

const apps: ServiceApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

function appWithRoutes(logs = collector()): ServiceApp {
  const app = buildServiceApp({ name: 'svc', logLevel: 'info', logStream: logs.stream });
  apps.push(app);
  app.get('/boom', async () => {
    throw new Error('password=hunter2 at clickhouse:8123');
  });
  app.get('/unavailable', async () => {
    throw Object.assign(new Error('kafka producer disconnected'), { statusCode: 503 });
  });
  app.get('/teapot', async () => {
    throw Object.assign(new Error('tenant must be a municipality code'), { statusCode: 400 });
  });
  app.get<{ Params: { id: string } }>('/alerts/:id', async (request) => ({ id: request.params.id }));
  return app;
}

describe('error handler', () => {
  it('answers a schema validation error with 400 and a reason naming each field', async () => {
    const app = appWithRoutes();
    app.get(
      '/search',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: { limit: { type: 'integer' }, sort: { type: 'string', enum: ['asc', 'desc'] } },
          },
        },
      },
      async () => ({}),
    );
    const res = await app.inject({ method: 'GET', url: '/search?limit=ten&sort=up' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('bad_request');
    expect(res.json().reason).toMatch(/^querystring\.limit: must be integer/);
  });

  it('hides the message of a 5xx and logs it instead', async () => {
    const logs = collector();
    const res = await appWithRoutes(logs).inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error' });
    expect(res.body).not.toContain('hunter2');
    const logged = logs.lines.find((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({
      level: 50,
      service: 'svc',
      err: { message: 'password=hunter2 at clickhouse:8123' },
    });
  });

  it('keeps the status of other server errors but still hides their message', async () => {
    const res = await appWithRoutes().inject({ method: 'GET', url: '/unavailable' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'internal_error' });
  });

  it('passes a 4xx through with its message', async () => {
    const res = await appWithRoutes().inject({ method: 'GET', url: '/teapot' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad_request', reason: 'tenant must be a municipality code' });
  });

  it('answers unknown routes with 404 in the same shape', async () => {
    const res = await appWithRoutes().inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', reason: 'Route GET /nope not found' });
  });
});

describe('logging', () => {
  it('writes JSON lines tagged with the service name', async () => {
    const logs = collector();
    await appWithRoutes(logs).inject({ method: 'GET', url: '/alerts/7' });
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const line of logs.lines) expect(line).toMatchObject({ service: 'svc' });
  });

  it('does not log routine probe and scrape requests', async () => {
    const logs = collector();
    const app = appWithRoutes(logs);
    for (const url of ['/healthz', '/readyz', '/metrics']) await app.inject({ method: 'GET', url });
    expect(logs.lines.filter((l) => l.msg === 'incoming request')).toEqual([]);
  });

  it('stays silent at level silent, also on probe routes', async () => {
    const logs = collector();
    const app = buildServiceApp({
      name: 'svc',
      logLevel: 'silent',
      logStream: logs.stream,
      readiness: { down: () => Promise.reject(new Error('down')) },
    });
    apps.push(app);
    await app.inject({ method: 'GET', url: '/readyz' });
    expect(logs.lines).toEqual([]);
  });
});

describe('GET /metrics', () => {
  it('exposes Prometheus text with default metrics and request durations by route pattern', async () => {
    const app = appWithRoutes();
    await app.inject({ method: 'GET', url: '/alerts/7' });
    await app.inject({ method: 'GET', url: '/alerts/8' });
    await app.inject({ method: 'GET', url: '/teapot' });
    await app.inject({ method: 'GET', url: '/nope/123' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('process_cpu_user_seconds_total{service="svc"}');
    expect(res.body).toContain('nodejs_eventloop_lag_seconds');
    expect(res.body).toContain(
      'http_request_duration_seconds_count{service="svc",method="GET",route="/alerts/:id",status="200"} 2',
    );
    expect(res.body).toContain(
      'http_request_duration_seconds_count{service="svc",method="GET",route="/teapot",status="400"} 1',
    );
    expect(res.body).toContain(
      'http_request_duration_seconds_count{service="svc",method="GET",route="unmatched",status="404"} 1',
    );
  });

  it('keeps a registry per app, so apps do not see each other', async () => {
    const first = appWithRoutes();
    const second = buildServiceApp({ name: 'other', logLevel: 'silent' });
    apps.push(second);
    await first.inject({ method: 'GET', url: '/alerts/1' });
    await first.ready();
    await second.ready();
    expect(first.metrics).not.toBe(second.metrics);
    const res = await second.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).not.toContain('/alerts/:id');
    expect(res.body).toContain('service="other"');
  });
});
