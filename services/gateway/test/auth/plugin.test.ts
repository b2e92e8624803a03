import { buildServiceApp } from '@stuurwiel/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { authPlugin } from '../../src/auth/plugin.js';
import { tokenVerifier } from '../../src/auth/tokens.js';
import { wallscreenKeys } from '../../src/auth/wallscreen-keys.js';
import {
  bearer,
  TENANT_A,
  TENANT_B,
  TEST_AUDIENCE,
  TEST_ISSUER,
  TEST_SECRET,
  tokenFor,
} from '../support/build.js';

const apps: ReturnType<typeof buildServiceApp>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appWithRoutes() {
  const app = buildServiceApp({ name: 'auth-test', logLevel: 'silent' });
  apps.push(app);
  await app.register(authPlugin, {
    verifyToken: tokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      keys: { secret: TEST_SECRET },
    }),
    verifyWallscreenKey: wallscreenKeys([]),
  });
  app.post('/silences', { config: { auth: { role: 'teamlead', tenantBound: true } } }, async (request) => ({
    tenant: request.principal?.tenant,
  }));
  app.get('/everyone', { config: { auth: { role: 'wallscreen', tenantBound: false } } }, async () => ({}));
  app.get('/public', async () => ({ ok: true }));
  return app;
}

describe('the auth plugin', () => {
  it("refuses a body that names another municipality than the caller's with 403", async () => {
    const app = await appWithRoutes();
    const headers = bearer(await tokenFor('teamlead'));
    const other = await app.inject({
      method: 'POST',
      url: '/silences',
      headers,
      payload: { tenant: TENANT_B },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().reason).toContain('another municipality');
    const own = await app.inject({
      method: 'POST',
      url: '/silences',
      headers,
      payload: { municipality: TENANT_A },
    });
    expect(own.statusCode).toBe(200);
  });

  it('refuses a list of municipalities that holds another one', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/silences',
      headers: bearer(await tokenFor('admin')),
      payload: { tenant: [TENANT_A, TENANT_B] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers a role below the route with 403 naming the role it needs', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/silences',
      headers: bearer(await tokenFor('wallscreen')),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().reason).toBe('role wallscreen may not use this route; it needs teamlead');
  });

  it('answers an Authorization header of another scheme with 401', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ url: '/everyone', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().reason).toContain('Bearer');
  });

  it('leaves routes without an auth config public', async () => {
    const app = await appWithRoutes();
    expect((await app.inject({ url: '/public' })).statusCode).toBe(200);
  });
});
