import { describe, expect, it } from 'vitest';
import { historyRoutes } from '../../src/history/index.js';
import { validOpenApiDocument } from '../openapi.js';
import { MANAGER, unreachableDb } from './build.js';

describe('the history routes in OpenAPI', () => {
  it('document their query, responses and refusals in a valid OpenAPI 3 document', async () => {
    const document = await validOpenApiDocument(async (app) => {
      await app.register(historyRoutes, { db: unreachableDb, principalOf: () => MANAGER, prefix: '/api/v1' });
    });
    const history = document.paths['/api/v1/history']!.get!;
    expect(history.parameters?.map((p) => p.name)).toEqual(
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
    expect(document.paths['/api/v1/history/export']!.get!.parameters?.map((p) => p.name)).toContain('format');
    expect(document.paths['/api/v1/history/kpis']).toBeDefined();
  });
});
