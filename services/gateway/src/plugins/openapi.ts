import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

const DOCS = '/docs';
const zodTransform = createJsonSchemaTransform({
  skipList: [
    `${DOCS}/`,
    `${DOCS}/json`,
    `${DOCS}/yaml`,
    `${DOCS}/initOAuth`,
    `${DOCS}/uiConfig`,
    `${DOCS}/static/*`,
    `${DOCS}/*`,
    DOCS,
  ],
});

type TransformInput = Parameters<typeof zodTransform>[0];

function isZodSchema(schema: TransformInput['schema']): boolean {
  const parts = [
    schema.body,
    schema.querystring,
    schema.params,
    schema.headers,
    ...Object.values(schema.response ?? {}),
  ];
  return parts.some((part) => part instanceof $ZodType);
}

/**
 * OpenAPI 3 at /docs (swagger-ui) and /docs/json, from the routes' zod schemas. Routes of the
 * runtime (health, readiness) describe themselves in JSON Schema, which passes unchanged.
 * Register it before any route, so that it sees them all.
 */
export function registerOpenApi(app: FastifyInstance, info: { version: string }): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'stuurwiel gateway',
        description:
          'Live KPI snapshots, source freshness, history and exports of one municipality. Every route ' +
          'under /api/v1 needs a bearer token of the municipality (or a wall-screen key) and answers ' +
          "only about the caller's own municipality.",
        version: info.version,
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A JWT of the identity provider (or standalone secret), or a wall-screen key sww_...',
          },
        },
      },
    },
    transform: (input) =>
      input.schema && !isZodSchema(input.schema)
        ? { schema: input.schema, url: input.url }
        : zodTransform(input),
    transformObject: jsonSchemaTransformObject,
  });
  app.register(swaggerUi, { routePrefix: DOCS, staticCSP: true });
}
