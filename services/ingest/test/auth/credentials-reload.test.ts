import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import {
  type CredentialStore,
  type ReloadResult,
  watchCredentials,
} from '../../src/auth/credential-store.js';
import type { Credentials } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { TENANT, testCredentials } from '../credentials-fixture.js';
import { acceptingSink, httpTestEnv } from './http-fixture.js';

const rules = { allowInsecureHttp: false };

function credentialsFile(credentials: Credentials): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ingest-credentials-')), 'credentials.json');
  writeFileSync(path, JSON.stringify(credentials));
  return path;
}

/** The fixture's credentials without the main key of GM0363, as an operator revokes it. */
function revoked(credentials: Credentials): Credentials {
  return { ...credentials, keys: credentials.keys.filter((k) => k.id !== 'gm0363-main') };
}

describe('credentials reload', () => {
  const { credentials, keys } = testCredentials();
  const stores: CredentialStore[] = [];
  const watch = (path: string, intervalMs = 60_000) => {
    const store = watchCredentials(path, { rules, intervalMs });
    stores.push(store);
    return store;
  };
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  function ingestWith(store: CredentialStore) {
    const app = buildApp(loadConfig(httpTestEnv), { credentials: store, sink: acceptingSink });
    const post = async (key: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: '[]',
        })
      ).statusCode;
    return { app, post };
  }

  it('refuses a revoked key after the file is read again, without a restart', async () => {
    const path = credentialsFile(credentials);
    const store = watch(path);
    const { app, post } = ingestWith(store);
    expect(await post(keys[TENANT]!)).toBe(202);

    writeFileSync(path, JSON.stringify(revoked(credentials)));
    expect(store.reload()).toEqual({ ok: true, changed: true });

    const res = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${keys[TENANT]}` },
      payload: '[]',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthorized', reason: 'unknown or revoked API key' });
    // The other keys of the file still work.
    expect(await post(keys['GM0363-canonical-only']!)).toBe(202);
    await app.close();
  });

  it('reads the file again by itself on its interval', async () => {
    const path = credentialsFile(credentials);
    const store = watch(path, 20);
    const { app, post } = ingestWith(store);
    expect(await post(keys[TENANT]!)).toBe(202);

    const applied = new Promise<void>((resolve) =>
      store.on('reload', (result) => {
        if (result.ok && result.changed) resolve();
      }),
    );
    writeFileSync(path, JSON.stringify(revoked(credentials)));
    await applied;
    expect(await post(keys[TENANT]!)).toBe(401);
    await app.close();
  });

  it('keeps the last good credentials when the file becomes unusable, and says so in the metrics', async () => {
    const path = credentialsFile(credentials);
    const store = watch(path);
    const { app, post } = ingestWith(store);
    const metric = async (name: string) => {
      const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      return body
        .split('\n')
        .find((line) => line.startsWith(name))
        ?.split(' ')[1];
    };
    expect(await metric('ingest_credentials_file_valid')).toBe('1');

    // Half-written, as an editor or a copy may leave it for a moment.
    writeFileSync(path, JSON.stringify(revoked(credentials)).slice(0, 60));
    const broken = store.reload() as Extract<ReloadResult, { ok: false }>;
    expect(broken.ok).toBe(false);
    expect(broken.error).toMatch(/^INGEST_CREDENTIALS_FILE .* is not valid JSON/);
    expect(await post(keys[TENANT]!)).toBe(202);
    expect(await metric('ingest_credentials_file_valid')).toBe('0');
    expect(await metric('ingest_credentials_reloads_total{outcome="rejected"')).toBe('1');

    // Valid JSON that the schema refuses is kept out just the same.
    writeFileSync(path, JSON.stringify({ ...revoked(credentials), keys: [] }));
    expect(store.reload()).toMatchObject({ ok: false, error: expect.stringContaining('keys: ') });
    expect(await post(keys[TENANT]!)).toBe(202);

    writeFileSync(path, JSON.stringify(revoked(credentials)));
    expect(store.reload()).toEqual({ ok: true, changed: true });
    expect(await post(keys[TENANT]!)).toBe(401);
    expect(await metric('ingest_credentials_file_valid')).toBe('1');
    expect(await metric('ingest_credentials_reloads_total{outcome="applied"')).toBe('1');
    await app.close();
  });

  it('never repeats the secrets of a broken file in its error', () => {
    const path = credentialsFile(credentials);
    const store = watch(path);
    const secret = credentials.tenants[TENANT]!.pseudonym_secret;
    writeFileSync(path, `{"tenants": {"${TENANT}": {"pseudonym_secret": "${secret}" x`);
    const result = store.reload();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('refuses to start on an invalid file and names the field', () => {
    const zgw = {
      zaken_api_url: 'http://openzaak.example.nl/zaken/api/v1',
      catalogi_api_url: 'https://openzaak.example.nl/catalogi/api/v1',
      client_id: 'stuurwiel',
      secret: 'secret',
    };
    const path = credentialsFile({
      ...credentials,
      tenants: { ...credentials.tenants, [TENANT]: { ...credentials.tenants[TENANT]!, zgw } },
    });
    expect(() => watch(path)).toThrow(
      `tenants.${TENANT}.zgw.zaken_api_url: must be an https URL (http only with INGEST_ALLOW_INSECURE_HTTP=true, for tests)`,
    );
    expect(() =>
      watchCredentials(path, { rules: { allowInsecureHttp: true }, intervalMs: 60_000 }).close(),
    ).not.toThrow();
  });
});
