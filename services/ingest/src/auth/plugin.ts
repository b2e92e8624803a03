import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeys } from './api-keys.js';
import type { ApiKeyEntry, SourceName } from './credentials.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKeyEntry;
  }
}

/** The key's id as written in the request, before any check; for rate limiting. */
export function claimedKeyId(request: FastifyRequest): string | undefined {
  return /^swk_([a-z0-9-]{3,40})_/.exec(presentedKey(request) ?? '')?.[1];
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/** onRequest hook: 401 without a valid key, 403 when the key is not for this source. */
export function requireApiKey(keys: ApiKeys, source: SourceName) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(request);
    if (!key) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', reason: 'missing API key (Authorization: Bearer <key>)' });
    }
    const entry = keys.verify(key);
    if (!entry) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', reason: 'unknown or revoked API key' });
    }
    if (entry.sources && !entry.sources.includes(source)) {
      return reply
        .code(403)
        .send({ error: 'forbidden', reason: `this API key may not post ${source} input` });
    }
    request.apiKey = entry;
  };
}
