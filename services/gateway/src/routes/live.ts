import type { KpiSnapshot } from '@stuurwiel/schemas';
import { kpiDomain, kpiScopeKind, liveResponse as liveResponseShape } from '@stuurwiel/schemas';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/plugin.js';
import type { Principal } from '../auth/principal.js';
import { counterSnapshotExample } from './examples.js';
import { idParameter, ownTenantParameter } from './parameters.js';

const liveQuery = z.strictObject({
  tenant: ownTenantParameter,
  domain: kpiDomain.optional().describe('Only snapshots of this domain.'),
  scope_kind: kpiScopeKind.optional().describe('Only snapshots of this kind of scope.'),
  scope_id: idParameter.optional().describe('Only snapshots of the scope with this id.'),
});

export const liveResponse = liveResponseShape.meta({
  example: { tenant: 'GM0363', snapshots: [counterSnapshotExample] },
});

/**
 * What a caller bound to some locations may see of the live figures: the scopes of exactly those
 * locations. Tenant-wide and other scopes would show figures of locations that are not theirs
 * (a queue's location is not in its snapshot, so queue scopes are left out as well).
 */
export function visibleTo(principal: Principal): (snapshot: KpiSnapshot) => boolean {
  const locations = principal.locations;
  if (locations === null) return () => true;
  const allowed = new Set(locations);
  return (s) => s.scope.kind === 'location' && s.scope.id !== null && allowed.has(s.scope.id);
}

/** GET /live: the current KPI snapshots of the caller's municipality. */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/live',
    {
      config: { auth: { role: 'wallscreen', tenantBound: true } },
      schema: {
        summary: "Current KPI snapshots of the caller's municipality",
        description:
          'The latest snapshot per domain and scope, as the aggregator published them on kpi.v1. ' +
          'Callers bound to locations (wall screens) get the snapshots of their locations only.',
        tags: ['live'],
        querystring: liveQuery,
        response: { 200: liveResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { domain, scope_kind, scope_id } = request.query;
      const snapshots = app.snapshots
        .list(principal.tenant, {
          ...(domain ? { domains: [domain] } : {}),
          ...(scope_kind ? { scopeKind: scope_kind } : {}),
          ...(scope_id ? { scopeId: scope_id } : {}),
        })
        .filter(visibleTo(principal));
      return { tenant: principal.tenant, snapshots };
    },
  );
};
