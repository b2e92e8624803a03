import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';

type NormEvent = EventOf<'reference.norm'>;
export type NormPayload = NormEvent['payload'];
export type NormKpi = NormPayload['kpi'];
export type TenantPayload = EventOf<'reference.tenant'>['payload'];
export type ClosingDayPayload = EventOf<'reference.closing_day'>['payload'];

/** A municipality's own closing day, as the calendars take it. */
export interface ClosingDay {
  date: string;
  name?: string;
}

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
  /**
   * The tenant's closing days in force, by date. The same array object is returned until a
   * closing-day event changes them, so a calendar built from it can be kept until then.
   */
  closingDays(tenant: string): readonly ClosingDay[];
  /** Tenants whose closing days changed since the last call (each reported once). */
  takeClosingDayChanges(): string[];
}

function newer<T>(current: Versioned<T> | undefined, candidate: Versioned<T>): boolean {
  if (!current) return true;
  return candidate.at > current.at || (candidate.at === current.at && candidate.eventId > current.eventId);
}

export function createReferenceStore(): ReferenceStore {
  const tenants = new Map<string, Versioned<TenantPayload>>();
  const norms = new Map<string, Map<string, Versioned<NormPayload>>>();
  const closing = new Map<string, Map<string, Versioned<ClosingDayPayload>>>();
  const closingLists = new Map<string, readonly ClosingDay[]>();
  const closingChanged = new Set<string>();
  const NO_DAYS: readonly ClosingDay[] = Object.freeze([]);
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
      } else if (event.type === 'reference.closing_day') {
        const byDate = closing.get(event.tenant) ?? new Map<string, Versioned<ClosingDayPayload>>();
        closing.set(event.tenant, byDate);
        const candidate = { ...version, value: event.payload };
        const current = byDate.get(event.payload.date);
        if (!newer(current, candidate)) return;
        byDate.set(event.payload.date, candidate);
        if (current?.value.closed === candidate.value.closed && current.value.name === candidate.value.name)
          return;
        closingLists.delete(event.tenant);
        closingChanged.add(event.tenant);
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
    closingDays(tenant) {
      let list = closingLists.get(tenant);
      if (!list) {
        const days = [...(closing.get(tenant)?.values() ?? [])]
          .map((v) => v.value)
          .filter((d) => d.closed !== false)
          .sort((a, b) => (a.date < b.date ? -1 : 1))
          .map((d) => (d.name ? { date: d.date, name: d.name } : { date: d.date }));
        list = days.length === 0 ? NO_DAYS : Object.freeze(days);
        closingLists.set(tenant, list);
      }
      return list;
    },
    takeClosingDayChanges() {
      const out = [...closingChanged];
      closingChanged.clear();
      return out;
    },
  };
}
