import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';

type NormEvent = EventOf<'reference.norm'>;
export type NormPayload = NormEvent['payload'];
export type NormKpi = NormPayload['kpi'];
export type TenantPayload = EventOf<'reference.tenant'>['payload'];

interface Versioned<T> {
  at: number;
  eventId: string;
  value: T;
}

/**
 * Reference data per tenant (municipality facts and norms), the latest version of each item by
 * event time, so that replaying stored events in any order ends in the same state.
 */
export interface ReferenceStore {
  apply(event: CanonicalEvent): void;
  tenant(tenant: string): TenantPayload | undefined;
  norms(tenant: string): NormPayload[];
  /**
   * The norm for a KPI that applies to a scope: one set for exactly that scope, else the
   * tenant-wide one, else undefined (the caller's default applies).
   */
  norm(
    tenant: string,
    kpi: NormKpi,
    scope?: { kind: NormPayload['scope']['kind']; id: string },
  ): NormPayload | undefined;
}

function newer<T>(current: Versioned<T> | undefined, candidate: Versioned<T>): boolean {
  if (!current) return true;
  return candidate.at > current.at || (candidate.at === current.at && candidate.eventId > current.eventId);
}

export function createReferenceStore(): ReferenceStore {
  const tenants = new Map<string, Versioned<TenantPayload>>();
  const norms = new Map<string, Map<string, Versioned<NormPayload>>>();
  return {
    apply(event) {
      const version = { at: Date.parse(event.occurred_at), eventId: event.event_id };
      if (event.type === 'reference.tenant') {
        const candidate = { ...version, value: event.payload };
        if (newer(tenants.get(event.tenant), candidate)) tenants.set(event.tenant, candidate);
      } else if (event.type === 'reference.norm') {
        const byId = norms.get(event.tenant) ?? new Map<string, Versioned<NormPayload>>();
        norms.set(event.tenant, byId);
        const candidate = { ...version, value: event.payload };
        if (newer(byId.get(event.payload.norm_id), candidate)) byId.set(event.payload.norm_id, candidate);
      }
    },
    tenant: (tenant) => tenants.get(tenant)?.value,
    norms: (tenant) => [...(norms.get(tenant)?.values() ?? [])].map((v) => v.value),
    norm(tenant, kpi, scope) {
      let general: NormPayload | undefined;
      for (const { value } of norms.get(tenant)?.values() ?? []) {
        if (value.kpi !== kpi) continue;
        if (scope && value.scope.kind === scope.kind && value.scope.id === scope.id) return value;
        if (value.scope.kind === 'tenant') general = value;
      }
      return general;
    },
  };
}
