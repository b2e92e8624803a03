import { buildApp, loadConfig } from '@stuurwiel/gateway';
import { describe, expect, it } from 'vitest';
import { LOCAL_WALLSCREEN_LOCATION, localAccess, pageUrls } from '../src/local-access.js';

// What `npm start` writes to access.json must open the gateway it configures: every role's token,
// the wall-screen key, and the second municipality's token (which sees only its own).
describe("npm start's access file", () => {
  it('holds credentials the gateway started with its environment accepts', async () => {
    const access = await localAccess('GM0363', 'GM0599');
    const app = buildApp(
      loadConfig({
        KAFKA_BROKERS: 'kafka:9092',
        CLICKHOUSE_URL: 'http://clickhouse.invalid:8123',
        LOG_LEVEL: 'silent',
        ...access.gatewayEnv,
      }),
      { consumeLive: false },
    );
    try {
      const live = (credential: string) =>
        app.inject({ url: '/api/v1/live', headers: { authorization: `Bearer ${credential}` } });
      for (const [role, token] of Object.entries(access.tokens)) {
        const res = await live(token);
        expect(res.statusCode, role).toBe(200);
        expect(res.json().tenant, role).toBe('GM0363');
      }
      expect((await live(access.wallscreenKey.key)).statusCode).toBe(200);
      expect(access.wallscreenKey.location).toBe(LOCAL_WALLSCREEN_LOCATION);
      expect((await live(access.otherTenant.managerToken)).json().tenant).toBe('GM0599');
    } finally {
      await app.close();
    }
  });

  it('signs with a new secret every run', async () => {
    const [one, two] = await Promise.all([localAccess('GM0363'), localAccess('GM0363')]);
    expect(one.gatewayEnv.GATEWAY_JWT_SECRET).not.toBe(two.gatewayEnv.GATEWAY_JWT_SECRET);
  });

  it('opens each page with the credential it needs, a token only in the fragment', async () => {
    const access = await localAccess('GM9901', 'GM9902', 'stadskantoor');
    const pages = pageUrls('http://localhost:8080', access);
    expect(access.wallscreenKey.location).toBe('stadskantoor');
    expect(pages).toEqual({
      wall: `http://localhost:8080/wall?key=${access.wallscreenKey.key}`,
      inbox: `http://localhost:8080/inbox#token=${access.tokens.teamlead}`,
      manager: `http://localhost:8080/manager#token=${access.tokens.manager}`,
      docs: 'http://localhost:8080/docs',
    });
  });
});
