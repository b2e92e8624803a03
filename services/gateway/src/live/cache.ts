import {
  type AlertMessage,
  alertKey,
  type KpiDomain,
  type KpiScopeKind,
  type KpiSnapshot,
  kpiSnapshotKey,
} from '@stuurwiel/schemas';

/** What a cache tells its listeners: a key got a new value, or (null) its key was removed. */
export type CacheListener<T> = (key: string, value: T | null, previous: T | undefined) => void;

/**
 * The latest value per key, as read from a compacted topic, kept per municipality: every reader
 * (REST, socket rooms) asks for one tenant only, so no answer can mix municipalities.
 */
export interface LiveCache<T> {
  get(key: string): T | undefined;
  /** The current values of one municipality. */
  ofTenant(tenant: string): Iterable<T>;
  readonly size: number;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: CacheListener<T>): () => void;
}

/** A cache its feed writes to. */
export interface WritableLiveCache<T> extends LiveCache<T> {
  /**
   * Keeps the value unless the one held for its key describes a later instant: a redelivered or
   * out-of-order older message never replaces a newer picture. Returns whether it was kept;
   * listeners hear only kept values.
   */
  put(value: T): boolean;
  /** Forgets a key (a tombstone on the compacted topic). */
  remove(key: string): void;
}

/** Which of a tenant's snapshots to return; every field narrows, an absent one does not. */
export interface SnapshotFilter {
  domains?: readonly KpiDomain[];
  scopeKind?: KpiScopeKind;
  scopeId?: string;
}

export interface SnapshotCache extends LiveCache<KpiSnapshot> {
  /** The tenant's current snapshots, sorted by domain, scope kind and scope id. */
  list(tenant: string, filter?: SnapshotFilter): KpiSnapshot[];
}

/** The two live pictures a gateway replica keeps, read by REST and live push alike. */
export interface LiveCaches {
  snapshots: SnapshotCache;
  alerts: LiveCache<AlertMessage>;
}

export interface WritableLiveCaches {
  snapshots: SnapshotCache & WritableLiveCache<KpiSnapshot>;
  alerts: WritableLiveCache<AlertMessage>;
}

/** `keyOf` names a value's compaction key; `instantOf` the moment it describes (ISO 8601). */
export function createLiveCache<T extends { tenant: string }>(
  keyOf: (value: T) => string,
  instantOf: (value: T) => string,
): WritableLiveCache<T> {
  const byTenant = new Map<string, Map<string, T>>();
  const tenantOfKey = new Map<string, string>();
  const listeners = new Set<CacheListener<T>>();
  const notify = (key: string, value: T | null, previous: T | undefined) => {
    for (const listener of listeners) listener(key, value, previous);
  };
  return {
    get: (key) => {
      const tenant = tenantOfKey.get(key);
      return tenant === undefined ? undefined : byTenant.get(tenant)?.get(key);
    },
    ofTenant: (tenant) => byTenant.get(tenant)?.values() ?? [],
    get size() {
      return tenantOfKey.size;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    put(value) {
      const key = keyOf(value);
      let values = byTenant.get(value.tenant);
      const previous = values?.get(key);
      if (previous && Date.parse(instantOf(previous)) > Date.parse(instantOf(value))) return false;
      if (!values) {
        values = new Map();
        byTenant.set(value.tenant, values);
      }
      values.set(key, value);
      tenantOfKey.set(key, value.tenant);
      notify(key, value, previous);
      return true;
    },
    remove(key) {
      const tenant = tenantOfKey.get(key);
      if (tenant === undefined) return;
      const values = byTenant.get(tenant);
      const previous = values?.get(key);
      tenantOfKey.delete(key);
      values?.delete(key);
      notify(key, null, previous);
    },
  };
}

const order = (a: KpiSnapshot, b: KpiSnapshot) =>
  a.domain.localeCompare(b.domain) ||
  a.scope.kind.localeCompare(b.scope.kind) ||
  (a.scope.id ?? '').localeCompare(b.scope.id ?? '');

/** The snapshot cache: the latest per `kpiSnapshotKey`, with the filtered, sorted list REST answers. */
export function createSnapshotCache(): WritableLiveCaches['snapshots'] {
  const cache = createLiveCache<KpiSnapshot>(kpiSnapshotKey, (s) => s.as_of);
  return Object.assign(cache, {
    list(tenant: string, filter: SnapshotFilter = {}) {
      const domains = filter.domains?.length ? new Set(filter.domains) : undefined;
      return [...cache.ofTenant(tenant)]
        .filter(
          (s) =>
            (!domains || domains.has(s.domain)) &&
            (filter.scopeKind === undefined || s.scope.kind === filter.scopeKind) &&
            (filter.scopeId === undefined || s.scope.id === filter.scopeId),
        )
        .sort(order);
    },
  });
}

export function createLiveCaches(): WritableLiveCaches {
  return {
    snapshots: createSnapshotCache(),
    alerts: createLiveCache<AlertMessage>(alertKey, (a) => a.updated_at),
  };
}
