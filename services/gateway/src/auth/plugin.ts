import { sharedPlugin } from '@stuurwiel/runtime';
import { tenantCode } from '@stuurwiel/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from './errors.js';
import { type Principal, type Role, roleAtLeast } from './principal.js';
import { AuthenticationError } from './tokens.js';
import { looksLikeWallscreenKey } from './wallscreen-keys.js';

/** What a route demands of its caller; routes without it are public (health, docs). */
export interface RouteAccess {
  /** The least role that may call it (roles are cumulative). */
  role: Role;
  /**
   * Whether it reads or changes one municipality's data. Then the caller's municipality is the
   * only one it serves: a `tenant` or `municipality` parameter naming another one is refused (403),
   * and handlers take the tenant from `request.principal`, never from the request.
   */
  tenantBound: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAccess;
  }
  interface FastifyRequest {
    /** The authenticated caller; null on public routes. */
    principal: Principal | null;
  }
}

export interface AuthOptions {
  verifyToken: (token: string) => Promise<Principal>;
  verifyWallscreenKey: (key: string) => Principal | undefined;
}

/** Parameters by which a request could name a municipality: never allowed to differ from the caller's. */
const TENANT_PARAMETERS = ['tenant', 'municipality'] as const;

/**
 * The municipalities a request names by parameter, query, or top-level body field. Only valid
 * codes count: anything else is no municipality, and the route's schema answers it with 400.
 */
function namedTenants(request: FastifyRequest): string[] {
  const places = [request.query, request.params, request.body] as unknown[];
  return places.flatMap((place) =>
    place && typeof place === 'object' && !Array.isArray(place)
      ? TENANT_PARAMETERS.flatMap((name) => [(place as Record<string, unknown>)[name]].flat()).filter(
          (value): value is string => tenantCode.safeParse(value).success,
        )
      : [],
  );
}

/**
 * The caller a bearer credential (JWT or wall-screen key) stands for; a 401 HttpError when it
 * stands for none. The one check of REST requests and of live push handshakes alike.
 */
export async function authenticateCredential(credential: string, options: AuthOptions): Promise<Principal> {
  if (looksLikeWallscreenKey(credential)) {
    const principal = options.verifyWallscreenKey(credential);
    if (!principal) throw unauthorized('unknown or wrong wall-screen key');
    return principal;
  }
  try {
    return await options.verifyToken(credential);
  } catch (error) {
    if (error instanceof AuthenticationError) throw unauthorized(error.message);
    throw error;
  }
}

async function authenticate(request: FastifyRequest, options: AuthOptions): Promise<Principal> {
  const header = request.headers.authorization;
  if (header === undefined)
    throw unauthorized('missing credentials: send Authorization: Bearer <token or key>');
  const match = /^Bearer ([^\s]+)$/i.exec(header);
  if (!match) throw unauthorized('the Authorization header must be Bearer <token or key>');
  return authenticateCredential(match[1]!, options);
}

/** The caller of a route that declares `config.auth`; throws when used on a public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} has no auth config`);
  return request.principal;
}

/**
 * Authentication and authorisation for every route that declares `config.auth`: the caller from a
 * bearer token (JWT) or wall-screen key, its role against the route's least role, and its
 * municipality against any the request names (the OpenAPI document adds the bearer scheme and the
 * 401/403 answers to such routes), and writes one audit line per answered request (who,
 * municipality, route, status; never a token, an address or a query value).
 */
export const authPlugin = sharedPlugin<AuthOptions>(
  'stuurwiel-gateway-auth',
  async (app: FastifyInstance, options) => {
    app.decorateRequest('principal', null);

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.auth;
      if (!access) return;
      const principal = await authenticate(request, options);
      request.principal = principal;
      if (!roleAtLeast(principal.role, access.role)) {
        throw forbidden(`role ${principal.role} may not use this route; it needs ${access.role}`);
      }
    });

    // After the body is parsed and before the schema checks it: a municipality named anywhere in
    // the request that is not the caller's is refused, whatever the route does with it.
    app.addHook('preValidation', async (request) => {
      const principal = request.principal;
      if (!principal || !request.routeOptions.config.auth?.tenantBound) return;
      if (namedTenants(request).some((tenant) => tenant !== principal.tenant)) {
        throw forbidden(
          "the request names another municipality than the caller's; only your own can be read",
        );
      }
    });

    app.addHook('onResponse', async (request, reply) => {
      if (!request.routeOptions.config.auth) return;
      const who = request.principal;
      request.log.info(
        {
          audit: {
            subject: who?.subject ?? null,
            tenant: who?.tenant ?? null,
            role: who?.role ?? null,
            via: who?.via ?? null,
            method: request.method,
            route: request.routeOptions.url,
            status: reply.statusCode,
          },
        },
        'audit',
      );
    });
  },
);
