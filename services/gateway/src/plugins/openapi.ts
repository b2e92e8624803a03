import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType } from 'zod/v4/core';
import { errorBody } from '../auth/errors.js';

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
type TransformOutput = ReturnType<typeof zodTransform>;

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

/** Routes of the runtime (health, readiness) describe themselves in JSON Schema, which passes unchanged. */
function transform(input: TransformInput): TransformOutput {
  return input.schema && !isZodSchema(input.schema)
    ? { schema: input.schema, url: input.url }
    : zodTransform(input);
}

const ERROR_BODY = z.toJSONSchema(errorBody, { target: 'openapi-3.0' });

/** A guarded route (config.auth) needs the bearer scheme and may answer 401 and 403. */
function withAccess(guarded: boolean, output: TransformOutput): TransformOutput {
  if (!guarded || !output.schema || output.schema.hide) return output;
  return {
    ...output,
    schema: {
      ...output.schema,
      security: [{ bearer: [] }],
      response: {
        ...((output.schema.response ?? {}) as Record<string, unknown>),
        401: { ...ERROR_BODY, description: 'No, an expired or an invalid token or key.' },
        403: { ...ERROR_BODY, description: "The caller's role or municipality does not allow this." },
      },
    },
  };
}

/**
 * OpenAPI 3 at /docs (swagger-ui) and /docs/json, from the routes' zod schemas. Register it before
 * any route, so that it sees them all.
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
    transform: (input) => withAccess(input.route.config?.auth !== undefined, transform(input)),
    transformObject: jsonSchemaTransformObject,
  });
  app.register(swaggerUi, { routePrefix: DOCS, staticCSP: true });
}
