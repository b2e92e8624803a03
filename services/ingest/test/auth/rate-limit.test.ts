import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { OTHER_TENANT, TENANT, testCredentials } from '../credentials-fixture.js';
import { acceptingSink, httpTestEnv } from './http-fixture.js';

const WRONG_SECRET = 'swk_gm0363-main_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function ingest(env: Record<string, string>) {
  const { credentials, keys } = testCredentials();
  const app = buildApp(loadConfig({ ...httpTestEnv, ...env }), { credentials, sink: acceptingSink });
  const post = (key: string | undefined, remoteAddress = '192.0.2.10', forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/events',
      remoteAddress,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      payload: '[]',
    });
  return { app, keys, post };
}

/** A 429 whose reason ends in the Retry-After it sends. */
function expectTooMany(res: LightMyRequestResponse, reason: string) {
  expect(res.statusCode).toBe(429);
  const after = res.headers['retry-after'];
  expect(Number(after)).toBeGreaterThanOrEqual(1);
  expect(res.json()).toEqual({ error: 'too_many_requests', reason: `${reason}; retry after ${after} s` });
}

describe('rate limits', () => {
  it('answers 429 with Retry-After and a reason once a key sent its requests for the minute', async () => {
    const { app, keys, post } = ingest({ INGEST_RATE_LIMIT_PER_MINUTE: '2' });
    expect((await post(keys[TENANT])).statusCode).toBe(202);
    expect((await post(keys[TENANT])).statusCode).toBe(202);
    expectTooMany(await post(keys[TENANT]), 'more than 2 requests per minute for this API key');
    // Another municipality's key has an allowance of its own.
    expect((await post(keys[OTHER_TENANT])).statusCode).toBe(202);
    await app.close();
  });

  it("does not let a wrong secret spend a key's allowance", async () => {
    const { app, keys, post } = ingest({ INGEST_RATE_LIMIT_PER_MINUTE: '2' });
    for (let i = 0; i < 5; i++) expect((await post(WRONG_SECRET, '198.51.100.7')).statusCode).toBe(401);
    expect((await post(keys[TENANT])).statusCode).toBe(202);
    expect((await post(keys[TENANT])).statusCode).toBe(202);
    await app.close();
  });

  it('answers 429 to an address that failed to authenticate too often, and only to that address', async () => {
    const { app, keys, post } = ingest({ INGEST_FAILED_AUTH_PER_MINUTE: '3' });
    const statuses = [];
    for (const key of [WRONG_SECRET, undefined, 'not-a-key']) statuses.push((await post(key)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    expectTooMany(
      await post(WRONG_SECRET),
      'more than 3 failed authentications per minute from this address',
    );
    // A valid key from the same address still gets through; another address still gets 401.
    expect((await post(keys[TENANT])).statusCode).toBe(202);
    expect((await post(WRONG_SECRET, '203.0.113.5')).statusCode).toBe(401);
    await app.close();
  });

  it('counts failures by the client a trusted proxy names, and ignores the header from anyone else', async () => {
    const { app, post } = ingest({
      INGEST_FAILED_AUTH_PER_MINUTE: '1',
      INGEST_TRUSTED_PROXIES: '10.0.0.0/8',
    });
    const viaProxy = (client: string) => post(WRONG_SECRET, '10.1.2.3', client);
    expect((await viaProxy('198.51.100.1')).statusCode).toBe(401);
    expect((await viaProxy('198.51.100.1')).statusCode).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await viaProxy('198.51.100.2')).statusCode).toBe(401);
    // An untrusted sender cannot pick a fresh address for each try.
    expect((await post(WRONG_SECRET, '203.0.113.9', '198.51.100.3')).statusCode).toBe(401);
    expect((await post(WRONG_SECRET, '203.0.113.9', '198.51.100.4')).statusCode).toBe(429);
    await app.close();
  });

  it('validates its limits at start', () => {
    expect(() => loadConfig({ ...httpTestEnv, INGEST_TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' })).toThrow(
      'INGEST_TRUSTED_PROXIES: each entry must be an IP address or CIDR range',
    );
    expect(() => loadConfig({ ...httpTestEnv, INGEST_FAILED_AUTH_PER_MINUTE: '0' })).toThrow(
      'INGEST_FAILED_AUTH_PER_MINUTE',
    );
    expect(() => loadConfig({ ...httpTestEnv, INGEST_CREDENTIALS_RELOAD_MS: '120000' })).toThrow(
      'INGEST_CREDENTIALS_RELOAD_MS: must be at most 60000, so that a revoked key stops working within a minute',
    );
    expect(() => loadConfig({ ...httpTestEnv, INGEST_ALLOW_INSECURE_HTTP: 'yes' })).toThrow(
      'INGEST_ALLOW_INSECURE_HTTP: must be true or false',
    );
  });
});
