import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { historyResult } from '../src/history/index.js';
import { liveResponse } from '../src/routes/live.js';
import { sourcesResponse } from '../src/routes/sources.js';
import { build } from './support/build.js';

/** fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is served at /docs/json and validates as OpenAPI 3', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('describes every route of the app, except the documentation itself and the CORS preflight', async (t) => {
    const { app } = await build(t);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const hidden = app.routeTable.filter((r) => r.hidden);
    expect(
      hidden.filter((r) => !r.url.startsWith('/docs') && !(r.method === 'OPTIONS' && r.url === '*')),
    ).toEqual([]);
    const routes = app.routeTable.filter((r) => r.method !== 'HEAD' && !r.hidden);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      expect(
        document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()],
        `${route.method} ${route.url}`,
      ).toBeDefined();
    }
  });

  it('gives every API route a summary, a 200 answer with an example, and the bearer scheme', async (t) => {
    const { app } = await build(t);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const apiRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(0);
    for (const route of apiRoutes) {
      const operation = document.paths[openApiPath(route.url)][route.method.toLowerCase()];
      const name = `${route.method} ${route.url}`;
      expect(operation.summary, name).toBeTruthy();
      expect(operation.security, name).toEqual([{ bearer: [] }]);
      const ok = operation.responses['200'] ?? operation.responses['201'] ?? operation.responses['204'];
      expect(ok, name).toBeDefined();
      const schema = ok.content?.['application/json']?.schema;
      if (schema) expect(schema.example ?? schema.examples, `${name}: response example`).toBeDefined();
      expect(operation.responses['401'], name).toBeDefined();
      expect(operation.responses['403'], name).toBeDefined();
    }
  });

  it('serves swagger-ui at /docs', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('the response examples', () => {
  it('are valid answers of their routes', () => {
    for (const schema of [liveResponse, sourcesResponse, historyResult]) {
      const example = schema.meta()?.example;
      expect(example).toBeDefined();
      expect(schema.safeParse(example).error).toBeUndefined();
    }
  });
});
