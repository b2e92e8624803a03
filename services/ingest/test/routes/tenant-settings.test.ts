import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fixedCredentials } from '../../src/auth/credential-store.js';
import { credentialsFileSchema } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { acceptingSink, httpTestEnv } from '../auth/http-fixture.js';
import { TENANT, testCredentials } from '../credentials-fixture.js';

describe("a tenant's Asterisk settings", () => {
  it('are checked when the credentials file is read, naming the bad field', () => {
    const { credentials } = testCredentials({ asterisk: { offeredFrom: 'sometimes' } });
    const parsed = credentialsFileSchema({ allowInsecureHttp: false }).safeParse(credentials);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual([
      `tenants.${TENANT}.asterisk.offeredFrom`,
    ]);
  });

  it('are read with their defaults filled in', () => {
    const { credentials } = testCredentials({ asterisk: {} });
    const parsed = credentialsFileSchema({ allowInsecureHttp: false }).parse(credentials);
    expect(parsed.tenants[TENANT]!.asterisk).toEqual({
      defaultLine: '14+',
      offeredFrom: 'enterqueue',
      queueMap: {},
    });
  });
});

describe('a request whose tenant a reload removes after its key was verified', () => {
  it('is still handled with the credentials its key was verified against', async () => {
    const { credentials, keys } = testCredentials();
    // A store whose credentials the test replaces, as a reload would.
    let current = credentials;
    const store = fixedCredentials(credentials);
    store.current = () => current;
    const app = buildApp(loadConfig(httpTestEnv), { credentials: store, sink: acceptingSink });
    // Runs after authentication, before the handler: the tenant disappears in between.
    app.addHook('preHandler', async () => {
      const { [TENANT]: _removed, ...tenants } = credentials.tenants;
      current = { keys: credentials.keys.filter((k) => k.tenant !== TENANT), tenants };
    });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/sources/asterisk/queue-log',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${keys[TENANT]}` },
      payload: '1772439041|1772439041.1|kcc|NONE|ENTERQUEUE||0612345678|1',
    });
    expect(res.statusCode).toBe(202);
    await app.close();
  });
});
