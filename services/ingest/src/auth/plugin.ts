import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeys } from './api-keys.js';
import type { ApiKeyEntry, SourceName } from './credentials.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyEntry;
  }
}

/** A counter of @fastify/rate-limit (`app.createRateLimit`): counts one call, says if over its limit. */
export type RateLimiter = ReturnType<FastifyInstance['createRateLimit']>;

export interface AuthLimits {
  /** Requests per verified key. */
  perKey: RateLimiter;
  /** Failed authentications per client address. */
  failedPerAddress: RateLimiter;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/** Counts the request on `limiter`; over the limit, answers 429 with Retry-After and returns true. */
async function refusedByLimit(
  limiter: RateLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  reason: (max: number, retryAfter: number) => string,
): Promise<boolean> {
  const state = await limiter(request);
  if (state.isAllowed || !state.isExceeded) return false;
  const retryAfter = Math.max(1, state.ttlInSeconds);
  reply
    .code(429)
    .header('retry-after', String(retryAfter))
    .send({ error: 'too_many_requests', reason: reason(state.max, retryAfter) });
  return true;
}

/**
 * onRequest hook: 401 without a valid key, 403 when the key is not for this source, 429 when the
 * key sent too many requests, or when its address failed to authenticate too often. Runs before
 * the body is read, so a refused request costs no parsing.
 *
 * Requests are counted per verified key, never per key id as written: otherwise anyone could
 * spend a municipality's allowance by sending its key id with a wrong secret. Failures are
 * counted per address instead; a valid key from that address still gets through, so one broken
 * client behind a shared address cannot lock out the others.
 */
export function requireApiKey(
  keys: ApiKeys,
  source: SourceName,
  limits: AuthLimits,
  /**
   * Called as soon as the key is verified, before anything is awaited: what the request needs
   * of its tenant's credentials is taken from the same credentials the key was verified against,
   * even if a reload removes the tenant while the request waits.
   */
  verified: (request: FastifyRequest, entry: ApiKeyEntry) => void = () => {},
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(request);
    const entry = key ? keys.verify(key) : undefined;
    if (entry) verified(request, entry);
    if (!entry) {
      const refused = await refusedByLimit(
        limits.failedPerAddress,
        request,
        reply,
        (max, after) =>
          `more than ${max} failed authentications per minute from this address; retry after ${after} s`,
      );
      if (refused) return reply;
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({
          error: 'unauthorized',
          reason: key ? 'unknown or revoked API key' : 'missing API key (Authorization: Bearer <key>)',
        });
    }
    request.apiKey = entry;
    const refused = await refusedByLimit(
      limits.perKey,
      request,
      reply,
      (max, after) => `more than ${max} requests per minute for this API key; retry after ${after} s`,
    );
    if (refused) return reply;
    if (entry.sources && !entry.sources.includes(source)) {
      return reply
        .code(403)
        .send({ error: 'forbidden', reason: `this API key may not post ${source} input` });
    }
  };
}
