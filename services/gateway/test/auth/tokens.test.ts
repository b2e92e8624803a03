import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenVerifier } from '../../src/auth/tokens.js';
import { TENANT_A } from '../support/build.js';

const ISSUER = 'https://idp.gemeente.example.nl';
const AUDIENCE = 'stuurwiel-gateway';

describe('tokens of an identity provider, checked against its JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, options?: { issuer?: string; kid?: string }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'key-1' })
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('user-17')
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifier = () => tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: { jwksUrl } });

  it('turns the claims of a valid token into the caller', async () => {
    const principal = await verifier()(await sign({ tenant: TENANT_A, role: 'teamlead', teams: ['kcc'] }));
    expect(principal).toEqual({
      subject: 'user-17',
      tenant: TENANT_A,
      role: 'teamlead',
      locations: null,
      teams: ['kcc'],
      via: 'jwt',
    });
  });

  it('refuses a token of another issuer', async () => {
    await expect(
      verifier()(await sign({ tenant: TENANT_A, role: 'admin' }, { issuer: 'https://evil.example.com' })),
    ).rejects.toThrow('token claim iss is not accepted');
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    await expect(
      verifier()(await sign({ tenant: TENANT_A, role: 'admin' }, { kid: 'key-2' })),
    ).rejects.toThrow('token was signed by an unknown key');
  });

  it('refuses a token without a municipality, naming the claim', async () => {
    await expect(verifier()(await sign({ role: 'admin' }))).rejects.toThrow('token claim tenant:');
  });

  it('refuses a token with an unknown role, naming the claim', async () => {
    await expect(verifier()(await sign({ tenant: TENANT_A, role: 'superuser' }))).rejects.toThrow(
      'token claim role:',
    );
  });

  it('refuses an HS256 token even when a JWKS is configured (no algorithm confusion)', async () => {
    const forged = await new SignJWT({ tenant: TENANT_A, role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough'));
    await expect(verifier()(forged)).rejects.toThrow('token algorithm is not accepted');
  });
});
