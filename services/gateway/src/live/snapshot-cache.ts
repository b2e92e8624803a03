import { type KpiDomain, type KpiScopeKind, type KpiSnapshot, kpiSnapshotKey } from '@stuurwiel/schemas';

/** Which of a tenant's snapshots to return; every field narrows, an absent one does not. */
export interface SnapshotFilter {
  domains?: readonly KpiDomain[];
  scopeKind?: KpiScopeKind;
  scopeId?: string;
}

/**
 * The current KPI snapshots this replica knows, the latest per compaction key
 * (`kpiSnapshotKey`: tenant|domain|scope kind|scope id), as read from `kpi.v1`. Every reader
 * (REST, socket rooms) asks for one tenant only, so no answer can mix municipalities.
 */
export interface SnapshotCache {
  /**
   * Keeps the snapshot unless the one held for its key describes a later instant (`as_of`); a
   * redelivered or out-of-order older message never replaces a newer picture. Returns whether it
   * was kept; listeners hear only kept snapshots.
   */
  put(snapshot: KpiSnapshot): boolean;
  /** Forgets a key (a tombstone on the compacted topic). */
  remove(key: string): void;
  /** The tenant's current snapshots, sorted by domain, scope kind and scope id. */
  list(tenant: string, filter?: SnapshotFilter): KpiSnapshot[];
  /** Called with every kept snapshot; returns the function that stops it. */
  subscribe(listener: (snapshot: KpiSnapshot) => void): () => void;
  /** Number of keys held. */
  size(): number;
}

const order = (a: KpiSnapshot, b: KpiSnapshot) =>
  a.domain.localeCompare(b.domain) ||
  a.scope.kind.localeCompare(b.scope.kind) ||
  (a.scope.id ?? '').localeCompare(b.scope.id ?? '');

/** The cache in this process's memory, indexed per tenant. */
export function memorySnapshotCache(): SnapshotCache {
  const byTenant = new Map<string, Map<string, KpiSnapshot>>();
  const tenantOfKey = new Map<string, string>();
  const listeners = new Set<(snapshot: KpiSnapshot) => void>();
  return {
    put(snapshot) {
      const key = kpiSnapshotKey(snapshot);
      const held = byTenant.get(snapshot.tenant) ?? new Map<string, KpiSnapshot>();
      const current = held.get(key);
      if (current && Date.parse(current.as_of) > Date.parse(snapshot.as_of)) return false;
      byTenant.set(snapshot.tenant, held);
      held.set(key, snapshot);
      tenantOfKey.set(key, snapshot.tenant);
      for (const listener of listeners) listener(snapshot);
      return true;
    },
    remove(key) {
      const tenant = tenantOfKey.get(key);
      if (tenant === undefined) return;
      tenantOfKey.delete(key);
      byTenant.get(tenant)?.delete(key);
    },
    list(tenant, filter = {}) {
      const held = byTenant.get(tenant);
      if (!held) return [];
      const domains = filter.domains?.length ? new Set(filter.domains) : undefined;
      return [...held.values()]
        .filter(
          (s) =>
            (!domains || domains.has(s.domain)) &&
            (filter.scopeKind === undefined || s.scope.kind === filter.scopeKind) &&
            (filter.scopeId === undefined || s.scope.id === filter.scopeId),
        )
        .sort(order);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => tenantOfKey.size,
  };
}
