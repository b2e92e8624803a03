import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WEB_PAGES } from '../src/plugins/web.js';
import { build } from './support/build.js';

/** fastify's `/a/:id` as OpenAPI's `/a/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Routes that never succeed by design: a norm cannot be withdrawn (reference.norm has no
 * tombstone), so DELETE /api/v1/norms/:id only ever answers 409.
 */
const NEVER_SUCCEEDS = new Set(['DELETE /api/v1/norms/:id']);

/** The API routes of the app as it registered them, with their declared schemas. */
const apiRoutes = (app: FastifyInstance) =>
  app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');

/** Success statuses that answer with a body (a 204 has none). */
const successWithBody = (responses: Readonly<Record<string, unknown>>) =>
  Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status) && status !== '204');

const exampleOf = (schema: z.ZodType): unknown => schema.meta()?.example;

describe('the OpenAPI document', () => {
  it('is served at /docs/json and validates as OpenAPI 3', async (t) => {
    const { app } = await build(t);
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('describes every route of the app, except the documentation itself, the web pages and the CORS preflight', async (t) => {
    const { app } = await build(t);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const hidden = app.routeTable.filter((r) => r.hidden);
    expect(
      hidden.filter(
        (r) =>
          !r.url.startsWith('/docs') &&
          !(WEB_PAGES as readonly string[]).includes(r.url) &&
          !r.url.startsWith('/assets/') &&
          !(r.method === 'OPTIONS' && r.url === '*'),
      ),
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

  it('gives every API route a summary, a success answer and request body with examples, and the bearer scheme', async (t) => {
    const { app } = await build(t);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const routes = apiRoutes(app);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const operation = document.paths[openApiPath(route.url)][route.method.toLowerCase()];
      const name = `${route.method} ${route.url}`;
      expect(operation.summary, name).toBeTruthy();
      expect(operation.security, name).toEqual([{ bearer: [] }]);
      const successes = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
      if (!NEVER_SUCCEEDS.has(name)) expect(successes, `${name}: success answers`).not.toEqual([]);
      for (const status of successes.filter((s) => s !== '204')) {
        const schema = operation.responses[status].content?.['application/json']?.schema;
        if (schema) expect(schema.example ?? schema.examples, `${name} ${status}: example`).toBeDefined();
      }
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (body) expect(body.example ?? body.examples, `${name}: request body example`).toBeDefined();
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

describe('the examples', () => {
  it('are valid answers of their routes', async (t) => {
    const { app } = await build(t);
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    let checked = 0;
    for (const route of apiRoutes(app)) {
      const name = `${route.method} ${route.url}`;
      const successes = successWithBody(route.responses);
      if (!NEVER_SUCCEEDS.has(name) && !('204' in route.responses))
        expect(
          successes.map(([status]) => status),
          `${name}: success answers`,
        ).not.toEqual([]);
      for (const [status, schema] of successes) {
        expect(schema, `${name} ${status}: a zod schema`).toBeInstanceOf(z.ZodType);
        const example = exampleOf(schema as z.ZodType);
        expect(example, `${name} ${status}: example`).toBeDefined();
        expect((schema as z.ZodType).safeParse(example).error, `${name} ${status}`).toBeUndefined();
        // The document carries this very example, not one of another schema.
        const documented =
          document.paths[openApiPath(route.url)][route.method.toLowerCase()].responses[status].content?.[
            'application/json'
          ]?.schema?.example;
        if (documented !== undefined) expect(documented, `${name} ${status}`).toEqual(example);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('are valid requests of their routes', async (t) => {
    const { app } = await build(t);
    const withBody = apiRoutes(app).filter((r) => r.body !== undefined);
    expect(withBody.length).toBeGreaterThan(5);
    for (const route of withBody) {
      const name = `${route.method} ${route.url}`;
      expect(route.body, `${name}: a zod schema`).toBeInstanceOf(z.ZodType);
      const example = exampleOf(route.body as z.ZodType);
      expect(example, `${name}: request body example`).toBeDefined();
      expect((route.body as z.ZodType).safeParse(example).error, name).toBeUndefined();
    }
  });
});
