import SwaggerParser from '@apidevtools/swagger-parser';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { historyRoutes } from '../../src/history/index.js';
import { MANAGER, unreachableDb } from './build.js';

describe('the history routes in OpenAPI', () => {
  it('document their query, responses and refusals in a valid OpenAPI 3 document', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: { info: { title: 'stuurwiel', version: '1' } },
      transform: jsonSchemaTransform,
    });
    await app.register(historyRoutes, { db: unreachableDb, principalOf: () => MANAGER, prefix: '/api/v1' });
    await app.ready();
    const document = app.swagger() as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: object } }>;
    };
    await app.close();
    await SwaggerParser.validate(structuredClone(document) as never);
    const history = document.paths['/api/v1/history']!.get;
    expect(history.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'kpi',
        'from',
        'to',
        'granularity',
        'location',
        'visit_type',
        'group_by',
        'norm',
      ]),
    );
    expect(Object.keys(history.responses)).toEqual(['200', '400', '403']);
    expect(document.paths['/api/v1/history/export']!.get.parameters.map((p) => p.name)).toContain('format');
    expect(document.paths['/api/v1/history/kpis']).toBeDefined();
  });
});
