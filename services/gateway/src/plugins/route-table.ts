import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../auth/plugin.js';

/** A route as the authorisation matrix sees it: public (access null) or with its demands. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | null;
  /** Left out of the OpenAPI document (the documentation's own routes, the CORS preflight). */
  hidden: boolean;
  /** The route's response schemas by status code, as declared (zod schemas for the API routes). */
  responses: Readonly<Record<string, unknown>>;
  /** The route's request body schema, if it takes one. */
  body: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app with what it demands of its caller, so that tests can check each one. */
    routeTable: RouteEntry[];
  }
}

/** Records every route; call before any route exists (buildServiceApp's `before`). */
export function recordRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      table.push({
        method,
        url: route.url,
        access: route.config?.auth ?? null,
        hidden: (route.schema as { hide?: boolean } | undefined)?.hide === true,
        responses: (route.schema?.response as Record<string, unknown> | undefined) ?? {},
        body: route.schema?.body,
      });
    }
  });
}
