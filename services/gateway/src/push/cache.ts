import { type AlertMessage, alertKey, type KpiSnapshot, kpiSnapshotKey } from '@stuurwiel/schemas';

/** What a cache tells its listeners: a key got a new value, or (null) its key was removed. */
export type CacheListener<T> = (key: string, value: T | null, previous: T | undefined) => void;

/** The latest value per key, as read from a compacted topic, with the tenant of each for isolation. */
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
  put(value: T): void;
  remove(key: string): void;
}

/** The two live pictures a gateway replica keeps: KPI snapshots and alerts. */
export interface LiveCaches {
  snapshots: LiveCache<KpiSnapshot>;
  alerts: LiveCache<AlertMessage>;
}

export interface WritableLiveCaches {
  snapshots: WritableLiveCache<KpiSnapshot>;
  alerts: WritableLiveCache<AlertMessage>;
}

export function createLiveCache<T extends { tenant: string }>(
  keyOf: (value: T) => string,
): WritableLiveCache<T> {
  // Per tenant, so that a new client's first picture never walks other municipalities' values.
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
      if (!values) {
        values = new Map();
        byTenant.set(value.tenant, values);
      }
      const previous = values.get(key);
      values.set(key, value);
      tenantOfKey.set(key, value.tenant);
      notify(key, value, previous);
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

export function createLiveCaches(): WritableLiveCaches {
  return {
    snapshots: createLiveCache<KpiSnapshot>(kpiSnapshotKey),
    alerts: createLiveCache<AlertMessage>(alertKey),
  };
}
