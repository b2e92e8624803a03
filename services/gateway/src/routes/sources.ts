import type { Clock } from '@stuurwiel/runtime';
import { type KpiSnapshotOf, sourcesResponse as sourcesResponseShape } from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/plugin.js';
import { sourceSnapshotExample } from './examples.js';
import { ownTenantParameter } from './parameters.js';

export const sourcesResponse = sourcesResponseShape.meta({
  example: {
    tenant: 'GM0363',
    now: '2026-03-02T10:50:00.000Z',
    sources: [
      {
        scope: sourceSnapshotExample.scope,
        as_of: sourceSnapshotExample.as_of,
        now: (sourceSnapshotExample as KpiSnapshotOf<'sources'>).now,
        quiet_seconds: 479,
      },
    ],
  },
});

export function quietSeconds(lastReceivedAt: string | null, now: Date): number | null {
  if (lastReceivedAt === null) return null;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(lastReceivedAt)) / 1000));
}

/**
 * GET /sources: how fresh each source of the caller's municipality is. Wall screens may read it:
 * it holds no figures of any location, and a screen must be able to say that its numbers are stale.
 */
export function sourcesRoutes(clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sources',
      {
        config: { auth: { role: 'wallscreen', tenantBound: true } },
        schema: {
          summary: "Freshness of each source of the caller's municipality",
          description:
            "The `sources` snapshots (one per source and one for the municipality) with the seconds since the last event was received, by the gateway's clock.",
          tags: ['live'],
          querystring: z.strictObject({ tenant: ownTenantParameter }),
          response: { 200: sourcesResponse },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const now = clock();
        const snapshots = app.snapshots.list(principal.tenant, {
          domains: ['sources'],
        }) as KpiSnapshotOf<'sources'>[];
        return {
          tenant: principal.tenant,
          now: now.toISOString(),
          sources: snapshots.map((s) => ({
            scope: s.scope,
            as_of: s.as_of,
            now: s.now,
            quiet_seconds: quietSeconds(s.now.last_received_at, now),
          })),
        };
      },
    );
  };
}
