import { describe, expect, it } from 'vitest';
import { alertRoutes } from '../../src/alerts/index.js';
import { settingsRoutes } from '../../src/settings/index.js';
import { unreachableDb } from '../history/build.js';
import { validOpenApiDocument } from '../openapi.js';
import { caller, recordingPublisher } from './build.js';

describe('the alert and settings routes in OpenAPI', () => {
  it('are every one in a valid OpenAPI 3 document, with their refusals', async () => {
    const options = {
      db: unreachableDb,
      publisher: recordingPublisher(),
      principalOf: () => caller('admin'),
    };
    const document = await validOpenApiDocument(async (app) => {
      await app.register(alertRoutes, { ...options, prefix: '/api/v1' });
      await app.register(settingsRoutes, { ...options, prefix: '/api/v1' });
    });
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /api/v1/alerts',
        'GET /api/v1/alerts/{fingerprint}',
        'POST /api/v1/alerts/{fingerprint}/acknowledge',
        'GET /api/v1/silences',
        'POST /api/v1/silences',
        'POST /api/v1/silences/{id}/expire',
        'GET /api/v1/mutes',
        'POST /api/v1/mutes',
        'DELETE /api/v1/mutes/{id}',
        'GET /api/v1/rules',
        'POST /api/v1/rules',
        'GET /api/v1/rules/{id}',
        'PUT /api/v1/rules/{id}',
        'DELETE /api/v1/rules/{id}',
        'GET /api/v1/norms',
        'POST /api/v1/norms',
        'PUT /api/v1/norms/{id}',
        'DELETE /api/v1/norms/{id}',
        'GET /api/v1/changes',
      ].sort(),
    );
    const list = document.paths['/api/v1/alerts']!.get!;
    expect(list.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'rule_kind', 'team', 'location', 'from', 'to']),
    );
    expect(Object.keys(document.paths['/api/v1/rules/{id}']!.put!.responses).sort()).toEqual([
      '200',
      '400',
      '403',
      '404',
      '409',
    ]);
  });
});
