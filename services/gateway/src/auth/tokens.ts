import { tenantCode } from '@stuurwiel/schemas';
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { type Principal, type Role, role } from './principal.js';

/** The claims a token must carry besides iss, aud, exp and sub. */
export const tokenClaims = z.object({
  sub: z.string().min(1).max(200),
  tenant: tenantCode,
  role,
  locations: z.array(z.string().min(1).max(128)).max(1000).nullish(),
  teams: z.array(z.string().min(1).max(128)).max(1000).nullish(),
});
export type TokenClaims = z.input<typeof tokenClaims>;

/** Why a credential was refused; the message is safe to show (it never holds the token). */
export class AuthenticationError extends Error {
  readonly statusCode = 401;
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  /** The identity provider's keys, or the standalone HS256 secret. */
  keys: { jwksUrl: string } | { secret: string };
}

const ALGORITHMS_JWKS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim ${error.claim} is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token was signed by an unknown key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'token is malformed';
  return 'token could not be verified';
}

/** Verifies a bearer token and turns its claims into the caller; throws AuthenticationError. */
export function tokenVerifier(options: TokenOptions): (token: string) => Promise<Principal> {
  const key: Uint8Array | JWTVerifyGetKey =
    'secret' in options.keys
      ? new TextEncoder().encode(options.keys.secret)
      : createRemoteJWKSet(new URL(options.keys.jwksUrl));
  const algorithms = 'secret' in options.keys ? ['HS256'] : ALGORITHMS_JWKS;
  return async (token) => {
    let payload: JWTPayload;
    try {
      // jose's overloads differ for a key and a key resolver; both verify the same way.
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new AuthenticationError(reasonOf(error));
    }
    const claims = tokenClaims.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0]!;
      throw new AuthenticationError(`token claim ${issue.path.join('.')}: ${issue.message}`);
    }
    return {
      subject: claims.data.sub,
      tenant: claims.data.tenant,
      role: claims.data.role,
      locations: claims.data.locations ?? null,
      teams: claims.data.teams ?? null,
      via: 'jwt',
    };
  };
}

/**
 * Signs a standalone token (HS256): for `npm start`'s access file and for tests. Production
 * tokens come from the municipality's identity provider.
 */
export async function signToken(
  claims: { sub: string; tenant: string; role: Role; locations?: string[] | null; teams?: string[] | null },
  options: { secret: string; issuer: string; audience: string; expiresIn?: string | number },
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret));
}
